// The extension activates, starts its server, reports state in the status bar, restarts on demand.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type HostTest, waitFor } from './harness';
import { CloseAction } from 'vscode-languageclient/node';
import { MAX_RESTARTS, RestartLimiter } from '../../../client/src/serverClient';
import { api, diagnosticsWhere, open, ours } from './util';

export const extensionTests: HostTest[] = [
  {
    name: 'activates on a Python file and starts the language server',
    fn: async () => {
      await open('model.py');
      const tl = await api();
      const client = tl.client();
      assert.ok(client && client.isRunning(), 'the language client is not running');
      assert.ok(client.initializeResult, 'no initialize result');
      await waitFor(() => /TensorLint/.test(tl.statusText()) && !tl.statusText().includes('loading'), `status bar shows the running state (is "${tl.statusText()}")`);
    },
  },
  {
    name: 'contributes every command and setting',
    fn: async () => {
      const commands = await vscode.commands.getCommands(true);
      for (const id of ['tensorlint.runCell', 'tensorlint.runFile', 'tensorlint.restartServer', 'tensorlint.showOutput', 'tensorlint.clearInlineValues']) {
        assert.ok(commands.includes(id), `command ${id} is not registered`);
      }
      const config = vscode.workspace.getConfiguration('tensorlint');
      assert.equal(config.get('enable'), true);
      assert.equal(config.get('fixStyle'), 'builtin');
      assert.deepEqual(config.get('select'), []);
    },
  },
  {
    name: 'Restart Server brings the server back with fresh diagnostics',
    timeoutMs: 45_000,
    fn: async () => {
      const editor = await open('broken.py');
      await diagnosticsWhere(editor.document.uri, (d) => d.length > 0, 'diagnostics before the restart');
      const restarted = await vscode.commands.executeCommand<boolean>('tensorlint.restartServer');
      assert.equal(restarted, true, 'restart did not start the server');
      const tl = await api();
      assert.ok(tl.client()?.isRunning());
      await diagnosticsWhere(editor.document.uri, (d) => d.length > 0, 'diagnostics after the restart');
      assert.ok(ours(editor.document.uri).length > 0);
    },
  },
  {
    name: 'a killed server is restarted automatically and publishes again',
    timeoutMs: 45_000,
    fn: async () => {
      const tl = await api();
      const editor = await open('broken.py');
      await diagnosticsWhere(editor.document.uri, (d) => d.length > 0, 'diagnostics before the crash');
      // The node client keeps its child process privately; reading it is the only way to crash it.
      const child = (tl.client() as unknown as { _serverProcess?: { pid?: number } })._serverProcess;
      assert.ok(child?.pid, 'no server process id');
      const before = child.pid;
      process.kill(before, 'SIGKILL');
      await waitFor(() => {
        const next = (tl.client() as unknown as { _serverProcess?: { pid?: number } })._serverProcess?.pid;
        return next !== undefined && next !== before && tl.client()?.isRunning();
      }, 'a new server process');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      const reopened = await open('broken.py');
      await diagnosticsWhere(reopened.document.uri, (d) => d.length > 0, 'diagnostics from the restarted server');
    },
  },
  {
    name: 'automatic restarts stop after the limit and a manual restart resets it',
    fn: async () => {
      const states: string[] = [];
      const log = { appendLine: () => undefined, show: () => undefined } as unknown as vscode.OutputChannel;
      const limiter = new RestartLimiter(log, (state) => states.push(state));
      for (let i = 0; i < MAX_RESTARTS; i++) assert.equal(limiter.closed().action, CloseAction.Restart);
      assert.equal(limiter.closed().action, CloseAction.DoNotRestart);
      assert.equal(states.at(-1), 'failed');
      limiter.reset();
      assert.equal(limiter.closed().action, CloseAction.Restart);
    },
  },
];
