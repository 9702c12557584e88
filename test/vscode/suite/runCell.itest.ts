// Run Cell / Run File: the server's results come back through the command, fill the results
// view and appear inline; an edit inside the cell clears the inline values.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunEntry } from '../../../client/src/protocol';
import { type HostTest, waitFor } from './harness';
import { api, lineOf, open, revert } from './util';

function entries(result: unknown): RunEntry[] {
  const list = (result as { entries?: RunEntry[] } | undefined)?.entries;
  assert.ok(Array.isArray(list), `the command returned no entries: ${JSON.stringify(result)}`);
  return list;
}

export const runCellTests: HostTest[] = [
  {
    name: 'tensorlint.runCell [uri, 1] returns the cell values and shows them',
    timeoutMs: 40_000,
    fn: async () => {
      const tl = await api();
      const editor = await open('model.py');
      const uri = editor.document.uri;
      const result = await vscode.commands.executeCommand('tensorlint.runCell', uri.toString(), 1);
      const list = entries(result);
      const h = list.find((e) => e.name === 'h');
      assert.ok(h, `no entry for h: ${JSON.stringify(list.map((e) => e.name))}`);
      assert.deepEqual(h.shape, [4, 3]);
      assert.equal(h.line, lineOf(editor.document, 'h = x @ w') + 1);
      assert.ok(h.printed.includes('tensor('), `printed: ${h.printed}`);
      assert.ok(!list.some((e) => e.name === 'lse'), 'cell 1 must not run cell 2');
      const shown = await waitFor(() => tl.results(), 'the results panel');
      assert.equal(shown.source, uri.toString());
      assert.equal(shown.page.entries.length, list.length);
      assert.match(shown.page.title, /Cell 1/);
      const inline = tl.inlineValues(uri);
      assert.ok(inline.some((v) => v.line === h.line - 1 && v.text.includes('(4, 3)')), `inline values: ${JSON.stringify(inline)}`);
    },
  },
  {
    name: 'an edit inside the cell clears its inline values',
    fn: async () => {
      const tl = await api();
      const editor = await open('model.py');
      const uri = editor.document.uri;
      await vscode.commands.executeCommand('tensorlint.runCell', uri.toString(), 1);
      assert.ok(tl.inlineValues(uri).length > 0, 'no inline values to clear');
      try {
        const line = lineOf(editor.document, 'w = torch.ones');
        await editor.edit((b) => b.insert(new vscode.Position(line, 0), '# edited\n'));
        assert.equal(tl.inlineValues(uri).length, 0);
      } finally {
        await revert(editor);
      }
    },
  },
  {
    name: 'Run Cell without arguments runs the cell under the cursor',
    timeoutMs: 40_000,
    fn: async () => {
      const tl = await api();
      const editor = await open('model.py');
      const line = lineOf(editor.document, 'lse = torch.log');
      editor.selection = new vscode.Selection(line, 0, line, 0);
      const list = entries(await vscode.commands.executeCommand('tensorlint.runCell'));
      assert.ok(list.some((e) => e.name === 'lse'), `entries: ${JSON.stringify(list.map((e) => e.name))}`);
      assert.match(tl.results()?.page.title ?? '', /Cell 2/);
    },
  },
  {
    name: 'tensorlint.runFile runs every statement',
    timeoutMs: 40_000,
    fn: async () => {
      const editor = await open('model.py');
      const list = entries(await vscode.commands.executeCommand('tensorlint.runFile', editor.document.uri.toString()));
      for (const name of ['x', 'w', 'h', 'b']) assert.ok(list.some((e) => e.name === name), `no entry for ${name}`);
      const b = list.find((e) => e.name === 'b')!;
      assert.deepEqual(b.shape, [3]);
      await revert(editor);
    },
  },
];
