// Notebooks: the extension serves Python cells of a Jupyter notebook like Python files.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HostTest } from './harness';
import { api, describe, diagnosticsWhere, workspaceFile } from './util';

export const notebookTests: HostTest[] = [
  {
    name: 'a notebook opens and its broken cell gets a diagnostic',
    timeoutMs: 40_000,
    fn: async () => {
      await api();
      const notebook = await vscode.workspace.openNotebookDocument(workspaceFile('notebook.ipynb'));
      await vscode.window.showNotebookDocument(notebook);
      assert.equal(notebook.cellCount, 2);
      const [good, broken] = notebook.getCells().map((c) => c.document);
      assert.equal(broken.languageId, 'python');
      const found = await diagnosticsWhere(broken.uri, (d) => d.length > 0, 'a diagnostic in the broken cell');
      assert.equal(found[0].range.start.line, 0, describe(found));
      const goodDiagnostics = vscode.languages.getDiagnostics(good.uri).filter((d) => d.source?.toLowerCase() === 'tensorlint');
      assert.equal(goodDiagnostics.length, 0, `the valid cell has findings: ${describe(goodDiagnostics)}`);
    },
  },
  {
    name: 'Run Cell in a notebook cell runs that cell',
    timeoutMs: 40_000,
    fn: async () => {
      const tl = await api();
      const notebook = await vscode.workspace.openNotebookDocument(workspaceFile('notebook.ipynb'));
      const editor = await vscode.window.showNotebookDocument(notebook);
      const first = notebook.cellAt(0);
      editor.selections = [new vscode.NotebookRange(0, 1)];
      // A notebook cell is its own document without `# %%` markers, so it runs whole.
      const result = (await vscode.commands.executeCommand('tensorlint.runCell', first.document.uri)) as { entries?: Array<{ name: string; shape: number[] | null }> };
      const x = result?.entries?.find((e) => e.name === 'x');
      assert.ok(x, `no entry for x: ${JSON.stringify(result)}`);
      assert.deepEqual(x.shape, [2, 3]);
      assert.equal(tl.results()?.source, first.document.uri.toString());
    },
  },
];
