// The TensorLint language server: dist/server.js for the VS Code extension (IPC) and
// `tensorlint lsp --stdio` / `node dist/server.js --stdio` for every other editor. This file
// only wires the connection to the session and the per-method handlers.
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  NotebookDocuments,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SettingsStore, uriToPath } from './config/store';
import { guard, guardNotification } from './guard';
import { FIX_ALL_KIND, provideCodeActions } from './handlers/codeActions';
import { provideCodeLenses, RUN_CELL_COMMAND, RUN_FILE_COMMAND } from './handlers/codeLens';
import { executeCommand } from './handlers/executeCommand';
import { provideHover } from './handlers/hover';
import { provideInlayHints } from './handlers/inlayHints';
import { JobRunner } from './runner';
import { Session } from './session';

/** Options a client may pass as `initializationOptions` (all optional). */
export interface InitializationOptions {
  /** Quiet time after an edit before analysing (default 150 ms). */
  debounceMs?: number;
  /** Time budget per analysis or run; an overrunning worker is restarted (default 10 s). */
  analysisTimeoutMs?: number;
  /** Advertise the run commands in executeCommandProvider (default true). A client that
   * renders results itself may turn this off and send workspace/executeCommand directly. */
  registerCommands?: boolean;
  /** Testing only: simulated extra time per analysis, to exercise races and cancellation. */
  testing?: { analysisDelayMs?: number; analysisDelayIgnoresCancel?: boolean };
}

export interface StartServerOptions {
  /** 'stdio' forces stdin/stdout; by default the transport comes from the command line
   * (--stdio, --node-ipc, --socket=N), as vscode-languageclient passes it. */
  transport?: 'stdio' | 'auto';
}

function numberOption(value: unknown, fallback: number, min: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

export function startServer(options: StartServerOptions = {}): Connection {
  const useStdio = options.transport === 'stdio' || (options.transport !== 'auto' && process.argv.includes('--stdio'));
  const connection = useStdio ? createConnection(ProposedFeatures.all, process.stdin, process.stdout) : createConnection(ProposedFeatures.all);
  const log = (message: string): void => {
    try {
      connection.console.error(message);
    } catch {
      process.stderr.write(`${message}\n`);
    }
  };
  process.on('uncaughtException', (error) => log(`tensorlint: uncaught: ${error.stack ?? error}`));
  process.on('unhandledRejection', (reason) => log(`tensorlint: unhandled rejection: ${String((reason as Error)?.stack ?? reason)}`));

  const documents = new TextDocuments(TextDocument);
  const notebooks = new NotebookDocuments(TextDocument);
  let session: Session | undefined;
  let canPullConfiguration = false;
  let canRegisterConfiguration = false;
  let hasWorkspaceFolderEvents = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities ?? {};
    canPullConfiguration = !!capabilities.workspace?.configuration;
    canRegisterConfiguration = !!capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
    hasWorkspaceFolderEvents = !!capabilities.workspace?.workspaceFolders;
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    const settings = new SettingsStore({
      pull: canPullConfiguration ? (scopeUri) => connection.workspace.getConfiguration({ scopeUri, section: 'tensorlint' }) : undefined,
      log,
    });
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    settings.workspaceFolders = folders.map(uriToPath).filter((p): p is string => !!p);
    const runner = new JobRunner({ timeoutMs: numberOption(init.analysisTimeoutMs, 10_000, 50, 600_000), log });
    session = new Session(connection, documents, notebooks, settings, runner, {
      debounceMs: numberOption(init.debounceMs, 150, 0, 10_000),
      analysisDelayMs: numberOption(init.testing?.analysisDelayMs, 0, 0, 600_000),
      analysisDelayIgnoresCancel: init.testing?.analysisDelayIgnoresCancel === true,
      inlayRefresh: !!capabilities.workspace?.inlayHint?.refreshSupport,
      traceTiming: process.env.TENSORLINT_TRACE_TIMING === '1',
    });
    const result: InitializeResult = {
      serverInfo: { name: 'tensorlint', version: '0.1.0' },
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        notebookDocumentSync: { notebookSelector: [{ notebook: '*', cells: [{ language: 'python' }] }] },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        codeLensProvider: { resolveProvider: false },
        inlayHintProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
    };
    if (init.registerCommands !== false) result.capabilities.executeCommandProvider = { commands: [RUN_CELL_COMMAND, RUN_FILE_COMMAND] };
    return result;
  });

  connection.onInitialized(
    guardNotification('initialized', log, () => {
      if (canRegisterConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'tensorlint' });
      if (hasWorkspaceFolderEvents) {
        connection.workspace.onDidChangeWorkspaceFolders(
          guardNotification('workspace folders', log, (event) => {
            if (!session) return;
            const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
            const kept = session.settings.workspaceFolders.filter((p) => !removed.has(p));
            const added = event.added.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
            session.settings.workspaceFolders = [...kept, ...added];
            session.touchAll();
          }),
        );
      }
    }),
  );

  connection.onDidChangeConfiguration(
    guardNotification('configuration', log, (params) => {
      if (!session) return;
      session.settings.invalidate(params?.settings);
      session.touchAll();
    }),
  );

  documents.onDidChangeContent(
    guardNotification('document change', log, (event) => {
      if (session && event.document.languageId === 'python') {
        session.touch(event.document.uri, 'file');
        session.touchImporters(event.document.uri);
      }
    }),
  );
  // Saved or changed on disk outside an editor (the client watches **/*.py).
  connection.onDidChangeWatchedFiles(
    guardNotification('watched files', log, (params) => {
      for (const change of params.changes) session?.touchImporters(change.uri);
    }),
  );
  documents.onDidClose(guardNotification('document close', log, (event) => session?.close(event.document.uri)));
  notebooks.onDidOpen(guardNotification('notebook open', log, (notebook) => session?.touch(notebook.uri, 'notebook')));
  notebooks.onDidChange(guardNotification('notebook change', log, (event) => session?.touch(event.notebookDocument.uri, 'notebook')));
  notebooks.onDidClose(guardNotification('notebook close', log, (notebook) => session?.close(notebook.uri)));

  connection.onHover(guard('hover', log, null, (params) => (session ? provideHover(session, params) : null)));
  connection.onCodeAction(guard('codeAction', log, [], (params) => (session ? provideCodeActions(session, params) : [])));
  connection.onCodeLens(guard('codeLens', log, [], (params) => (session ? provideCodeLenses(session, params) : [])));
  connection.languages.inlayHint.on(guard('inlayHint', log, [], (params) => (session ? provideInlayHints(session, params) : [])));
  connection.onExecuteCommand(guard('executeCommand', log, null, (params, token) => (session ? executeCommand(session, params, token) : null)));
  connection.onShutdown(() => session?.runner.dispose());

  documents.listen(connection);
  notebooks.listen(connection);
  connection.listen();
  return connection;
}

// Bundled into dist/cli.js too, where `require.main === module` also holds: start only when this
// file itself is the program (dist/server.js, or main.ts from sources).
if (require.main === module && /(?:^|[\\/])(?:server\.js|main\.ts)$/.test(require.main.filename)) startServer();
