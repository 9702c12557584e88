// The fuzz harness: feeds seeded mutations of real Python to analyze(), runProgram(), the CLI
// and the language server, and records every escaped exception, every engine-internal error
// note, the slowest analysis and the memory growth. Shared by `npm run fuzz` and fuzz.test.ts.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, initEngine, runProgram } from '../../engine/src/index';
import { fileUri, startClient } from '../lsp/lspClient';
import { mutate, pathologicalPrograms, randomTorchProgram, Rng } from './mutate';

export const ROOT = path.resolve(__dirname, '..', '..');
const DIST_PACKAGES = '/usr/lib/python3/dist-packages';

export interface Failure {
  driver: 'analyze' | 'runProgram' | 'cli' | 'lsp';
  kind: 'exception' | 'internal-error' | 'timeout' | 'bad-exit' | 'unresponsive';
  input: string;
  detail: string;
  /** The failing text, so it can be saved as a regression fixture. */
  text?: string;
}

export interface FuzzStats {
  seed: number;
  cases: number;
  analyzeCalls: number;
  runCalls: number;
  cliCalls: number;
  lspEdits: number;
  worstMs: number;
  worstInput: string;
  worstLines: number;
  rssBeforeMiB: number;
  rssAfterMiB: number;
  failures: Failure[];
}

function pythonFiles(dir: string, out: string[], limit: number): void {
  if (out.length >= limit || !fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (out.length >= limit) return;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) pythonFiles(full, out, limit);
    else if (entry.isFile() && entry.name.endsWith('.py')) out.push(full);
  }
}

/**
 * Seed inputs: real model code when the torch packages are installed, else (and always in
 * addition) the repo's own fixtures and examples, so the fuzzer never needs the corpus.
 */
export function seedFiles(useCorpus = true): string[] {
  const files: string[] = [];
  if (useCorpus) {
    for (const dir of ['torchvision/models', 'torchaudio/models', 'torch/nn/modules', 'torch/distributions']) {
      pythonFiles(path.join(DIST_PACKAGES, dir), files, files.length + 40);
    }
  }
  for (const dir of ['examples', 'test/fixtures']) pythonFiles(path.join(ROOT, dir), files, files.length + 200);
  // Known, reported bugs wait in regressions/pending/; seeding from them would only re-find them.
  return files.filter((f) => fs.statSync(f).size < 400_000 && !f.includes(`${path.sep}pending${path.sep}`));
}

export function rssMiB(): number {
  return process.memoryUsage().rss / 1024 / 1024;
}

const INTERNAL = /internal error/i;

// A crash that kills the process (out of memory, native abort) cannot be caught; `npm run fuzz`
// writes each input here first so the last one survives for reduction.
let lastInputFile: string | null = null;
export function recordInputsTo(file: string | null): void {
  lastInputFile = file;
}
function record(driver: string, input: string, text: string): void {
  if (lastInputFile) fs.writeFileSync(lastInputFile, `# ${driver} ${input.replace(/\n/g, ' ')}\n${text}`);
}

/** One analyze() call, timed; exceptions and internal-error notes become failures. */
export function checkAnalyze(text: string, input: string, stats: FuzzStats): void {
  record('analyze', input, text);
  const started = performance.now();
  stats.analyzeCalls++;
  try {
    const result = analyze(text, { fileName: 'fuzz.py' });
    for (const note of result.notes) {
      if (INTERNAL.test(note)) stats.failures.push({ driver: 'analyze', kind: 'internal-error', input, detail: note, text });
    }
  } catch (error) {
    stats.failures.push({ driver: 'analyze', kind: 'exception', input, detail: (error as Error).stack ?? String(error), text });
  }
  const ms = performance.now() - started;
  const lines = text.split('\n').length;
  if (ms > stats.worstMs && lines <= 5000) {
    stats.worstMs = ms;
    stats.worstInput = input;
    stats.worstLines = lines;
  }
}

/** One runProgram() call; it must return entries (errors included), never throw. */
export function checkRun(text: string, input: string, stats: FuzzStats): void {
  record('runProgram', input, text);
  stats.runCalls++;
  try {
    const entries = runProgram(text, { fileName: 'fuzz.py' });
    for (const e of entries) {
      if (e.error?.type === 'InternalError') stats.failures.push({ driver: 'runProgram', kind: 'internal-error', input, detail: `line ${e.line}: ${e.error.message}`, text });
    }
  } catch (error) {
    stats.failures.push({ driver: 'runProgram', kind: 'exception', input, detail: (error as Error).stack ?? String(error), text });
  }
}

function newStats(seed: number): FuzzStats {
  return {
    seed, cases: 0, analyzeCalls: 0, runCalls: 0, cliCalls: 0, lspEdits: 0, worstMs: 0, worstInput: '', worstLines: 0,
    rssBeforeMiB: rssMiB(), rssAfterMiB: 0, failures: [],
  };
}

export interface FuzzOptions {
  seed: number;
  /** Mutated cases for the in-process drivers. */
  iterations: number;
  /** Stop the in-process loop after this many milliseconds even if iterations remain. */
  deadlineMs?: number;
  useCorpus?: boolean;
  /** Files checked through the real CLI process (each a mutated input). */
  cliFiles?: number;
  /** didChange edits sent to one language server before the final hover. */
  lspEdits?: number;
  /** Run runProgram on every Nth case (the interpreter in run mode is the slow part). */
  runEvery?: number;
  log?: (line: string) => void;
}

/** The in-process part: pathological programs, then seeded mutations of the seed files. */
export async function fuzzInProcess(options: FuzzOptions, stats = newStats(options.seed)): Promise<FuzzStats> {
  await initEngine();
  const rng = new Rng(options.seed);
  const seeds = seedFiles(options.useCorpus ?? true).map((f) => ({ name: path.relative(ROOT, f), text: fs.readFileSync(f, 'utf8') }));
  for (const program of pathologicalPrograms()) {
    checkAnalyze(program.text, `pathological:${program.name}`, stats);
    checkRun(program.text, `pathological:${program.name}`, stats);
  }
  const end = options.deadlineMs ? Date.now() + options.deadlineMs : Number.POSITIVE_INFINITY;
  const runEvery = options.runEvery ?? 4;
  for (let i = 0; i < options.iterations && Date.now() < end; i++) {
    const source = rng.pick(seeds);
    // One case in ten splices two files together, mixing their names, imports and indentation.
    const other = rng.next() < 0.1 ? rng.pick(seeds) : null;
    const base = other ? source.text.slice(0, rng.int(source.text.length + 1)) + other.text.slice(rng.int(other.text.length + 1)) : source.text;
    const { text, steps } = mutate(base, rng, 6);
    if (other) steps.unshift(`splice:${other.name}`);
    const input = `seed=${options.seed} case=${i} file=${source.name} steps=${steps.join(',')}`;
    stats.cases++;
    checkAnalyze(text, input, stats);
    if (i % runEvery === 0) checkRun(text, input, stats);
    // Random torch programs run in full: that is where kernels meet odd and huge shapes.
    if (i % 2 === 0) {
      const program = randomTorchProgram(rng);
      const programInput = `seed=${options.seed} case=${i} random-torch-program`;
      checkAnalyze(program, programInput, stats);
      checkRun(program, programInput, stats);
    }
    if (options.log && i % 100 === 99) options.log(`  ${i + 1} cases, ${stats.failures.length} failures, worst ${stats.worstMs.toFixed(0)} ms`);
  }
  stats.rssAfterMiB = rssMiB();
  return stats;
}

/** The CLI on a folder of mutated files: exit 0/1 only, no stack trace on stderr. */
export function fuzzCli(options: FuzzOptions, stats: FuzzStats): void {
  const count = options.cliFiles ?? 0;
  if (count === 0) return;
  const rng = new Rng(options.seed ^ 0x5eed);
  const seeds = seedFiles(options.useCorpus ?? true);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tensorlint-fuzz-cli-'));
  try {
    const programs = pathologicalPrograms();
    for (let i = 0; i < count; i++) {
      const text = i < programs.length ? programs[i].text : mutate(fs.readFileSync(rng.pick(seeds), 'utf8'), rng).text;
      fs.writeFileSync(path.join(dir, `case_${i}.py`), text);
    }
    for (const args of [['check', '--format', 'json', dir], ['run', path.join(dir, 'case_0.py')], ['run', path.join(dir, `case_${count - 1}.py`)]]) {
      stats.cliCalls++;
      const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'tensorlint.js'), ...args], { encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 1024 * 1024 });
      const input = `cli ${args[0]} (seed=${options.seed}, ${count} files)`;
      if (result.error) stats.failures.push({ driver: 'cli', kind: 'timeout', input, detail: String(result.error) });
      else if (result.status !== 0 && result.status !== 1) stats.failures.push({ driver: 'cli', kind: 'bad-exit', input, detail: `exit ${result.status}: ${result.stderr.slice(0, 2000)}` });
      else if (/^\s+at .+:\d+:\d+\)?$/m.test(result.stderr) || INTERNAL.test(result.stderr)) stats.failures.push({ driver: 'cli', kind: 'exception', input, detail: result.stderr.slice(0, 2000) });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One language server through a storm of random incremental edits on a real file; afterwards it
 * must still answer hover, and its RSS must not have grown without bound.
 */
export async function fuzzLsp(options: FuzzOptions, stats: FuzzStats): Promise<{ rssBeforeMiB: number; rssAfterMiB: number; hoverMs: number } | null> {
  const edits = options.lspEdits ?? 0;
  if (edits === 0) return null;
  const rng = new Rng(options.seed ^ 0x15b);
  const seeds = seedFiles(options.useCorpus ?? true);
  let text = fs.readFileSync(rng.pick(seeds), 'utf8');
  const client = await startClient();
  const uri = fileUri('/tmp/tensorlint-fuzz/storm.py');
  try {
    client.open(uri, text, 1);
    await client.diagnosticsFor(uri, () => true, 0, 30_000);
    const before = serverRssMiB(client.pid);
    const racing: Promise<unknown>[] = [];
    for (let v = 2; v <= edits + 1; v++) {
      const lines = text.split('\n');
      const line = rng.int(lines.length);
      const character = rng.int((lines[line]?.length ?? 0) + 1);
      const insert = mutate('', rng, 1).text || rng.pick(['(', 'x', '\n', '😀', '\t', ')', '.exp()']);
      const change = rng.next() < 0.1
        ? { text: mutate(text, rng).text }
        : { range: { start: { line, character }, end: { line, character } }, text: insert };
      if ('range' in change) {
        lines[line] = (lines[line] ?? '').slice(0, character) + insert + (lines[line] ?? '').slice(character);
        text = lines.join('\n');
      } else {
        text = change.text;
      }
      client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
      stats.lspEdits++;
      // Requests racing the edits, at positions that may be stale or out of range by now.
      if (v % 10 === 0) {
        const position = { line: rng.int(lines.length + 5), character: rng.int(200) };
        const range = { start: position, end: position };
        const method = rng.pick(['textDocument/hover', 'textDocument/inlayHint', 'textDocument/codeAction', 'textDocument/codeLens']);
        const params = { textDocument: { uri }, position, range, context: { diagnostics: [] } };
        racing.push(client.request(method, params).catch((error: Error) => {
          if (client.exited) throw error;
        }));
      }
    }
    await withTimeout(Promise.all(racing), 60_000, 'requests sent during the edit storm got no answer within 60 s');
    const started = performance.now();
    await withTimeout(client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }), 30_000, 'hover after the edit storm took > 30 s');
    const hoverMs = performance.now() - started;
    if (client.exited) stats.failures.push({ driver: 'lsp', kind: 'unresponsive', input: `lsp storm seed=${options.seed}`, detail: client.stderr.slice(0, 2000) });
    const after = serverRssMiB(client.pid);
    return { rssBeforeMiB: before, rssAfterMiB: after, hoverMs };
  } catch (error) {
    stats.failures.push({ driver: 'lsp', kind: 'unresponsive', input: `lsp storm seed=${options.seed}`, detail: `${(error as Error).message}\n${client.stderr.slice(0, 2000)}` });
    return null;
  } finally {
    await client.stop();
  }
}

/** Rejects after `ms` without keeping the process alive once the promise has settled. */
async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** The server's resident set, read from /proc (0 where /proc is missing). */
export function serverRssMiB(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

export { newStats };
