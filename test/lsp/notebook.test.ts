// LSP 3.17 notebook sync: Python cells analysed as one program, results on the right cell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startClient } from './lspClient';

const NB = 'file:///tmp/tensorlint-virtual/analysis.ipynb';
const cellUri = (n: number) => `vscode-notebook-cell:/tmp/tensorlint-virtual/analysis.ipynb#C${n}`;

function openNotebook(cells: Array<{ text: string; kind?: number; languageId?: string }>) {
  return {
    notebookDocument: {
      uri: NB,
      notebookType: 'jupyter-notebook',
      version: 1,
      cells: cells.map((c, i) => ({ kind: c.kind ?? 2, document: cellUri(i + 1) })),
    },
    cellTextDocuments: cells.map((c, i) => ({ uri: cellUri(i + 1), languageId: c.languageId ?? 'python', version: 1, text: c.text })),
  };
}

test('a broken cell gets its diagnostic on its own URI; edits, new cells and close follow', async () => {
  const client = await startClient();
  try {
    client.notify('notebookDocument/didOpen', openNotebook([
      { text: 'import torch\nx = torch.ones(2, 3)' },
      { text: '# Notes\nnot python (', kind: 1, languageId: 'markdown' },
      { text: 'y = x.exp(\nz = 1' },
    ]));
    const broken = await client.diagnosticsFor(cellUri(3), (p) => p.diagnostics.length > 0);
    assert.equal(broken.diagnostics[0].code, 'syntax-error');
    assert.equal(broken.diagnostics[0].range.start.line, 0, 'range must be relative to the cell');
    assert.deepEqual((await client.diagnosticsFor(cellUri(1))).diagnostics, []);
    assert.equal(client.lastDiagnostics(cellUri(2)), undefined, 'markdown cells are not analysed');

    // Fix the cell through notebookDocument/didChange (textContent change).
    let mark = client.published.length;
    client.notify('notebookDocument/didChange', {
      notebookDocument: { uri: NB, version: 2 },
      change: { cells: { textContent: [{ document: { uri: cellUri(3), version: 2 }, changes: [{ range: { start: { line: 0, character: 10 }, end: { line: 0, character: 10 } }, text: ')' }] }] } },
    });
    assert.deepEqual((await client.diagnosticsFor(cellUri(3), () => true, mark)).diagnostics, []);

    // Insert a new broken cell at the front: structure change with didOpen.
    mark = client.published.length;
    client.notify('notebookDocument/didChange', {
      notebookDocument: { uri: NB, version: 3 },
      change: {
        cells: {
          structure: {
            array: { start: 0, deleteCount: 0, cells: [{ kind: 2, document: cellUri(9) }] },
            didOpen: [{ uri: cellUri(9), languageId: 'python', version: 1, text: 'ok = 1\ndef f(:\n    pass' }],
          },
        },
      },
    });
    const fresh = await client.diagnosticsFor(cellUri(9), (p) => p.diagnostics.length > 0, mark);
    assert.equal(fresh.diagnostics[0].range.start.line, 1);
    assert.deepEqual((await client.diagnosticsFor(cellUri(3), () => true, mark)).diagnostics, []);

    // Run a cell by its own URI: entries come back located in that cell.
    const run = (await client.request('workspace/executeCommand', { command: 'tensorlint.runCell', arguments: [cellUri(1)] })) as { entries: Array<{ uri: string; line: number }> };
    for (const entry of run.entries) assert.equal(entry.uri, cellUri(1));
    // Hover on a cell is answered (null or markdown) without error.
    const hover = await client.request('textDocument/hover', { textDocument: { uri: cellUri(1) }, position: { line: 1, character: 0 } });
    assert.ok(hover === null || typeof (hover as { contents: { value: string } }).contents.value === 'string');

    mark = client.published.length;
    client.notify('notebookDocument/didClose', { notebookDocument: { uri: NB }, cellTextDocuments: [1, 2, 3, 9].map((n) => ({ uri: cellUri(n) })) });
    assert.deepEqual((await client.diagnosticsFor(cellUri(9), () => true, mark)).diagnostics, []);
  } finally {
    await client.stop();
  }
});
