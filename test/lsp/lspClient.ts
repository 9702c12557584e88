// A small LSP client for the protocol tests and the benchmark: it spawns a real server
// process and speaks JSON-RPC with Content-Length framing over its stdio.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  codeDescription?: { href: string };
  source?: string;
  message: string;
  tags?: number[];
  relatedInformation?: unknown[];
  data?: unknown;
}

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

export class ResponseFailure extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

function newestMtime(directory: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Builds dist/ when the server bundle is missing or older than server/src (npm test builds
 * before testing anyway). A lock directory keeps concurrent test files from building twice.
 */
export function ensureServerBuilt(): void {
  const bundle = path.join(ROOT, 'dist', 'server.js');
  const worker = path.join(ROOT, 'dist', 'worker.js');
  const stale = () =>
    !fs.existsSync(bundle) || !fs.existsSync(worker) || fs.statSync(bundle).mtimeMs < newestMtime(path.join(ROOT, 'server', 'src'));
  if (!stale()) return;
  const lock = path.join(ROOT, 'dist', '.lsp-test-build.lock');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (let attempt = 0; attempt < 600; attempt++) {
    try {
      fs.mkdirSync(lock);
    } catch {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
      continue;
    }
    try {
      if (stale()) execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), '--no-typecheck'], { cwd: ROOT, stdio: 'ignore' });
    } finally {
      fs.rmdirSync(lock);
    }
    return;
  }
  throw new Error('timed out waiting for another test to build dist/');
}

export function fileUri(filePath: string): string {
  return pathToFileURL(filePath).toString();
}

export interface StartOptions {
  command?: string[];
  cwd?: string;
  env?: Record<string, string>;
  initializationOptions?: unknown;
  /** What the client answers to workspace/configuration for section `tensorlint`. */
  settings?: Record<string, unknown>;
  workspaceFolders?: string[];
  /** Capabilities beyond the defaults (configuration pull, inlay hints, notebooks). */
  capabilities?: Record<string, unknown>;
}

type Waiter = { test: () => boolean; resolve: () => void };

export class LspClient {
  readonly published: PublishedDiagnostics[] = [];
  readonly logs: string[] = [];
  readonly configurationRequests: unknown[] = [];
  settings: Record<string, unknown>;
  private readonly process: ChildProcess;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private waiters: Waiter[] = [];
  exited = false;
  stderr = '';

  constructor(readonly options: StartOptions = {}) {
    const command = options.command ?? [process.execPath, path.join(ROOT, 'dist', 'server.js'), '--stdio'];
    this.settings = options.settings ?? {};
    this.process = spawn(command[0], command.slice(1), { cwd: options.cwd ?? ROOT, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...(options.env ?? {}) } });
    this.process.stdout!.on('data', (chunk: Buffer) => this.onData(chunk));
    this.process.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.process.on('exit', () => {
      this.exited = true;
      for (const p of this.pending.values()) p.reject(new Error(`server exited; stderr: ${this.stderr}`));
      this.pending.clear();
      this.wake();
    });
    this.process.stdin!.on('error', () => undefined);
  }

  get pid(): number {
    return this.process.pid ?? -1;
  }

  async initialize(): Promise<Record<string, unknown>> {
    const folders = (this.options.workspaceFolders ?? [ROOT]).map((f) => ({ uri: fileUri(f), name: path.basename(f) }));
    const result = (await this.request('initialize', {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders,
      initializationOptions: this.options.initializationOptions,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true, inlayHint: { refreshSupport: true } },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true },
          inlayHint: {},
          codeLens: {},
        },
        notebookDocument: { synchronization: {} },
        ...(this.options.capabilities ?? {}),
      },
    })) as Record<string, unknown>;
    this.notify('initialized', {});
    return result;
  }

  request(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  /** Sends a request and returns its id, for $/cancelRequest. */
  requestWithId(method: string, params: unknown): { id: number; response: Promise<unknown> } {
    const id = this.nextId;
    return { id, response: this.request(method, params) };
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  sendRaw(bytes: Buffer | string): void {
    this.process.stdin!.write(bytes);
  }

  private send(message: unknown): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.process.stdin!.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const match = /Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'));
      if (!match) throw new Error('bad header from server');
      const length = Number(match[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.onMessage(JSON.parse(body));
    }
  }

  private onMessage(message: { id?: number; method?: string; params?: unknown; result?: unknown; error?: { code: number; message: string } }): void {
    if (message.method && message.id !== undefined) {
      this.send({ jsonrpc: '2.0', id: message.id, result: this.answerServerRequest(message.method, message.params) });
    } else if (message.method) {
      if (message.method === 'textDocument/publishDiagnostics') this.published.push(message.params as PublishedDiagnostics);
      if (message.method === 'window/logMessage') this.logs.push((message.params as { message: string }).message);
    } else if (message.id !== undefined) {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) pending?.reject(new ResponseFailure(message.error.code, message.error.message));
      else pending?.resolve(message.result);
    }
    this.wake();
  }

  private answerServerRequest(method: string, params: unknown): unknown {
    if (method === 'workspace/configuration') {
      this.configurationRequests.push(params);
      const items = (params as { items: Array<{ section?: string }> }).items;
      return items.map((item) => (item.section === 'tensorlint' ? this.settings : null));
    }
    return null;
  }

  private wake(): void {
    const still: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.test()) waiter.resolve();
      else still.push(waiter);
    }
    this.waiters = still;
  }

  /** Resolves when `test` holds (checked after every message), rejects after `timeoutMs`. */
  waitFor(what: string, test: () => boolean, timeoutMs = 10_000): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out waiting for ${what}; logs: ${this.logs.join('\n')}`));
      }, timeoutMs);
      const waiter: Waiter = {
        test: () => test() || this.exited,
        resolve: () => {
          clearTimeout(timer);
          if (this.exited && !test()) reject(new Error(`server exited while waiting for ${what}; stderr: ${this.stderr}`));
          else resolve();
        },
      };
      this.waiters.push(waiter);
    });
  }

  lastDiagnostics(uri: string): PublishedDiagnostics | undefined {
    for (let i = this.published.length - 1; i >= 0; i--) if (this.published[i].uri === uri) return this.published[i];
    return undefined;
  }

  /** Waits for a publish for `uri` (after `since` publishes) that satisfies `test`. */
  async diagnosticsFor(uri: string, test: (p: PublishedDiagnostics) => boolean = () => true, since = 0, timeoutMs = 10_000): Promise<PublishedDiagnostics> {
    let found: PublishedDiagnostics | undefined;
    await this.waitFor(`diagnostics for ${uri}`, () => {
      found = this.published.slice(since).find((p) => p.uri === uri && test(p));
      return !!found;
    }, timeoutMs);
    return found!;
  }

  open(uri: string, text: string, version = 1, languageId = 'python'): void {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
      this.notify('exit', null);
    } catch {
      // Already gone.
    }
    await new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      const timer = setTimeout(() => {
        this.process.kill('SIGKILL');
        resolve();
      }, 2000);
      this.process.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

export async function startClient(options: StartOptions = {}): Promise<LspClient> {
  if (!options.command) ensureServerBuilt();
  const client = new LspClient(options);
  await client.initialize();
  return client;
}
