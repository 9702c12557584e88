// The VS Code face of TensorLint. Everything that knows tensors runs in the language server
// (dist/server.js); this client only starts it, shows its state, and presents run results.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, State, type LanguageClient } from 'vscode-languageclient/node';
import { InlineValues } from './inlineValues';
import { RUN_CELL_COMMAND, RUN_FILE_COMMAND } from './protocol';
import { ResultsPanel } from './runCell/resultsPanel';
import { RunController } from './runCell/runController';
import { RestartLimiter, createLanguageClient, toServerState } from './serverClient';
import { StatusBar } from './statusBar';

/** What `activate` returns; the integration tests in test/vscode read it. */
export interface TensorLintApi {
  /** Resolves once the server has started (or failed to). */
  ready: Promise<boolean>;
  client(): LanguageClient | undefined;
  statusText(): string;
  results(): ResultsPanel['current'];
  inlineValues(uri: vscode.Uri): ReturnType<InlineValues['valuesFor']>;
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): TensorLintApi {
  const output = vscode.window.createOutputChannel('TensorLint');
  const status = new StatusBar();
  const panel = new ResultsPanel();
  const inline = new InlineValues();
  const runs = new RunController(panel, inline, output);
  context.subscriptions.push(output, status, panel, inline);

  const setState = (state: ReturnType<typeof toServerState> | 'restarting' | 'failed', detail?: string) => {
    status.setState(state, detail);
    void vscode.commands.executeCommand('setContext', 'tensorlint.serverRunning', state === 'running');
  };
  const limiter = new RestartLimiter(output, setState);
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const send = (command: string, args: unknown[]) =>
    client ? client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }) : Promise.reject(new Error('the server is not running'));

  client = createLanguageClient(serverModule, output, limiter, {
    // The server announces tensorlint.runCell/runFile as executeCommandProvider commands, so the
    // language client registers VS Code commands with those ids itself. Intercepting here (rather
    // than registering the same ids, which would clash) lets code lenses, the palette, the
    // keybinding and the title button all show their results.
    executeCommand: (command, args, next) => (runs.handles(command) ? runs.run(command, args, (c, a) => Promise.resolve(next(c, a))) : next(command, args)),
  });
  context.subscriptions.push(client.onDidChangeState((e) => setState(toServerState(e.newState))));

  const fallbacks = new Map<string, vscode.Disposable>();
  const registerFallbackRunCommands = () => {
    // Only for a server that does not announce the run commands: then nobody else owns the ids.
    const announced = client?.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
    for (const id of [RUN_CELL_COMMAND, RUN_FILE_COMMAND]) {
      if (announced.includes(id) || fallbacks.has(id)) continue;
      fallbacks.set(id, vscode.commands.registerCommand(id, (...args: unknown[]) => runs.run(id, args, send)));
      output.appendLine(`[client] the server does not announce ${id}; sending it as a plain workspace/executeCommand`);
    }
  };
  context.subscriptions.push({ dispose: () => fallbacks.forEach((d) => d.dispose()) });

  const start = async (): Promise<boolean> => {
    setState('starting');
    try {
      await client!.start();
      registerFallbackRunCommands();
      setState('running');
      return true;
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      output.appendLine(`[client] the server did not start: ${text}`);
      setState('failed', text);
      void vscode.window.showErrorMessage(`TensorLint: the language server did not start (${text}).`, 'Show Output').then((c) => c && output.show(true));
      return false;
    }
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('tensorlint.restartServer', async () => {
      limiter.reset();
      output.appendLine('[client] restart requested');
      if (client && client.state !== State.Stopped) {
        setState('restarting', 'requested');
        try {
          await client.stop();
        } catch (error) {
          output.appendLine(`[client] stopping the server failed: ${String(error)}`);
        }
      }
      return start();
    }),
    vscode.commands.registerCommand('tensorlint.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('tensorlint.clearInlineValues', () => inline.clear()),
  );

  return {
    ready: start(),
    client: () => client,
    statusText: () => status.text,
    results: () => panel.current,
    inlineValues: (uri) => inline.valuesFor(uri),
  };
}

export async function deactivate(): Promise<void> {
  if (client && client.state !== State.Stopped) await client.stop();
  client = undefined;
}
