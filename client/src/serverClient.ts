// Starts the bundled language server over IPC and keeps it alive: a crashed server restarts
// at most MAX_RESTARTS times within RESTART_WINDOW_MS, then stays down with a message that
// offers a manual restart, so a server that crashes on every file cannot loop forever.
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type Middleware,
  type ServerOptions,
} from 'vscode-languageclient/node';
import type { ServerState } from './statusBar';

export const MAX_RESTARTS = 4;
export const RESTART_WINDOW_MS = 3 * 60 * 1000;

export class RestartLimiter implements ErrorHandler {
  private restarts: number[] = [];

  constructor(
    private readonly log: vscode.OutputChannel,
    private readonly onState: (state: ServerState, detail?: string) => void,
  ) {}

  error(_error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    // A few malformed messages are survivable; a stream of them means the connection is gone.
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.restarts = this.restarts.filter((t) => now - t < RESTART_WINDOW_MS);
    if (this.restarts.length < MAX_RESTARTS) {
      this.restarts.push(now);
      const detail = `restart ${this.restarts.length} of ${MAX_RESTARTS}`;
      this.log.appendLine(`[client] the server stopped unexpectedly; ${detail}`);
      this.onState('restarting', detail);
      return { action: CloseAction.Restart, handled: true };
    }
    const message = `The TensorLint server stopped ${MAX_RESTARTS + 1} times in ${RESTART_WINDOW_MS / 60000} minutes and will not be restarted automatically.`;
    this.log.appendLine(`[client] ${message}`);
    this.onState('failed', 'it crashed repeatedly');
    void vscode.window.showErrorMessage(message, 'Restart Server', 'Show Output').then((choice) => {
      if (choice === 'Restart Server') void vscode.commands.executeCommand('tensorlint.restartServer');
      if (choice === 'Show Output') this.log.show(true);
    });
    return { action: CloseAction.DoNotRestart, handled: true };
  }

  /** A manual restart starts a fresh budget. */
  reset(): void {
    this.restarts = [];
  }
}

export function createLanguageClient(
  serverModule: string,
  output: vscode.OutputChannel,
  errorHandler: ErrorHandler,
  middleware: Middleware,
): LanguageClient {
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Plain files, untitled buffers, virtual file systems and notebook cells: the engine never
    // touches the file system, so every scheme works.
    documentSelector: [{ language: 'python' }, { notebook: '*', language: 'python' }],
    // Python files changed on disk re-analyse the open files that import them.
    synchronize: { configurationSection: 'tensorlint', fileEvents: vscode.workspace.createFileSystemWatcher('**/*.py') },
    outputChannel: output,
    traceOutputChannel: output,
    errorHandler,
    middleware,
    diagnosticCollectionName: 'tensorlint',
  };
  // The id 'tensorlint' makes the client honour the `tensorlint.trace.server` setting.
  return new LanguageClient('tensorlint', 'TensorLint', serverOptions, clientOptions);
}

export function toServerState(state: State): ServerState {
  switch (state) {
    case State.Running:
      return 'running';
    case State.Starting:
      return 'starting';
    default:
      return 'stopped';
  }
}
