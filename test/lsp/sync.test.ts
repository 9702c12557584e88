// Document sync and scheduling over real JSON-RPC: incremental edits, version races, stale
// results, cancellation, the worker's time budget and large files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileUri, ResponseFailure, ROOT, startClient } from './lspClient';

const BROKEN = 'import torch\nx = torch.ones(2, 3\ny = x.exp()\n';

function change(uri: string, version: number, line: number, character: number, endCharacter: number, text: string) {
  return {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: { line, character }, end: { line, character: endCharacter } }, text }],
  };
}

test('didOpen publishes a syntax error with code, docs link, source and version; an incremental edit clears it', async () => {
  const client = await startClient();
  try {
    const uri = fileUri(`${ROOT}/virtual/sync_open.py`);
    client.open(uri, BROKEN, 1);
    const first = await client.diagnosticsFor(uri);
    assert.equal(first.version, 1);
    assert.ok(first.diagnostics.length >= 1);
    const d = first.diagnostics[0];
    assert.equal(d.code, 'syntax-error');
    assert.equal(d.source, 'tensorlint');
    assert.equal(d.severity, 1);
    assert.match(d.codeDescription!.href, /#syntax-error$/);
    // Insert the missing ")" at the end of line 1 (incremental change, not the whole text).
    client.notify('textDocument/didChange', change(uri, 2, 1, 19, 19, ')'));
    const second = await client.diagnosticsFor(uri, (p) => p.version === 2);
    assert.deepEqual(second.diagnostics, []);
  } finally {
    await client.stop();
  }
});

test('a burst of edits publishes only the latest version (debounced), an isolated edit is analysed at once', async () => {
  const client = await startClient({ initializationOptions: { debounceMs: 150 } });
  try {
    const uri = fileUri(`${ROOT}/virtual/sync_burst.py`);
    client.open(uri, 'x = 1\n', 1);
    // Ten edits in one write burst, toggling between broken and valid; version 11 is broken.
    for (let v = 2; v <= 11; v++) client.notify('textDocument/didChange', change(uri, v, 0, 4, 5, v % 2 === 0 ? '2' : '('));
    const last = await client.diagnosticsFor(uri, (p) => p.version === 11);
    assert.equal(last.diagnostics[0]?.code, 'syntax-error');
    client.notify('textDocument/didChange', change(uri, 12, 0, 4, 5, '3'));
    await client.diagnosticsFor(uri, (p) => p.version === 12 && p.diagnostics.length === 0);
    // Version 1 may legitimately be published if it finished before the burst arrived; none of
    // the intermediate versions may be.
    const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version);
    assert.deepEqual(versions.filter((v) => v !== 1), [11, 12]);
  } finally {
    await client.stop();
  }
});

test('a result for an old version is never published, and hover answers while an analysis runs', async () => {
  // Every analysis takes 600 ms in the worker; debounce is off so the first one starts at once.
  const client = await startClient({ initializationOptions: { debounceMs: 0, testing: { analysisDelayMs: 600 } } });
  try {
    const uri = fileUri(`${ROOT}/virtual/sync_stale.py`);
    client.open(uri, BROKEN, 1);
    await new Promise((r) => setTimeout(r, 100));
    // While version 1 is being analysed: hover is answered from the request loop...
    let publishedBeforeHover = -1;
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 0 } });
    publishedBeforeHover = client.published.filter((p) => p.uri === uri).length;
    assert.equal(publishedBeforeHover, 0, 'hover waited for the running analysis');
    // ...and an edit makes version 1's result stale.
    client.notify('textDocument/didChange', change(uri, 2, 1, 19, 19, ')'));
    const fixed = await client.diagnosticsFor(uri, (p) => p.version === 2);
    assert.deepEqual(fixed.diagnostics, []);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(client.published.filter((p) => p.uri === uri).map((p) => p.version), [2]);
  } finally {
    await client.stop();
  }
});

test('$/cancelRequest cancels a queued run with RequestCancelled, and the server keeps answering', async () => {
  const client = await startClient({ initializationOptions: { debounceMs: 0, testing: { analysisDelayMs: 1500 } } });
  try {
    const uri = fileUri(`${ROOT}/virtual/sync_cancel.py`);
    client.open(uri, '# %%\nx = 1\n', 1);
    await new Promise((r) => setTimeout(r, 50));
    const { id, response } = client.requestWithId('workspace/executeCommand', { command: 'tensorlint.runFile', arguments: [uri] });
    client.notify('$/cancelRequest', { id });
    await assert.rejects(response, (error: unknown) => error instanceof ResponseFailure && error.code === -32800);
    // Cancelled after dispatch, while waiting behind the running analysis.
    const later = client.requestWithId('workspace/executeCommand', { command: 'tensorlint.runCell', arguments: [uri, 1] });
    await new Promise((r) => setTimeout(r, 200));
    const publishedBefore = client.published.length;
    client.notify('$/cancelRequest', { id: later.id });
    await assert.rejects(later.response, (error: unknown) => error instanceof ResponseFailure && error.code === -32800);
    assert.equal(client.published.length, publishedBefore, 'the cancel had to wait for the analysis');
    const lenses = (await client.request('textDocument/codeLens', { textDocument: { uri } })) as unknown[];
    assert.equal(lenses.length, 1);
  } finally {
    await client.stop();
  }
});

test('an analysis over its time budget restarts the worker and falls back to syntax errors only', async () => {
  const client = await startClient({ initializationOptions: { debounceMs: 0, analysisTimeoutMs: 300, testing: { analysisDelayMs: 5000 } } });
  try {
    const uri = fileUri(`${ROOT}/virtual/sync_budget.py`);
    client.open(uri, BROKEN, 1);
    const published = await client.diagnosticsFor(uri, () => true, 0, 15_000);
    assert.equal(published.diagnostics[0]?.code, 'syntax-error');
    const status = (await client.request('workspace/executeCommand', { command: 'tensorlint.serverStatus', arguments: [] })) as { workerRestarts: number; usesWorker: boolean };
    assert.equal(status.usesWorker, true);
    assert.equal(status.workerRestarts, 1);
    assert.ok(client.logs.some((l) => /over budget/.test(l)), client.logs.join('\n'));
    // The next edit goes straight to the light analysis instead of overrunning again.
    client.notify('textDocument/didChange', change(uri, 2, 1, 19, 19, ')'));
    assert.deepEqual((await client.diagnosticsFor(uri, (p) => p.version === 2, 0, 15_000)).diagnostics, []);
    const after = (await client.request('workspace/executeCommand', { command: 'tensorlint.serverStatus', arguments: [] })) as { workerRestarts: number };
    assert.equal(after.workerRestarts, 1);
  } finally {
    await client.stop();
  }
});

test('a 30,000-line file degrades to syntax errors only instead of hanging', async () => {
  const client = await startClient();
  try {
    const uri = fileUri(`${ROOT}/virtual/sync_huge.py`);
    const lines: string[] = [];
    for (let i = 0; i < 30_000; i++) lines.push(`x${i} = torch.ones(${i % 7 + 1}, 3).exp().sum(-1).log()`);
    lines.push('def broken(:');
    client.open(uri, `import torch\n${lines.join('\n')}\n`, 1);
    const published = await client.diagnosticsFor(uri, () => true, 0, 30_000);
    assert.ok(published.diagnostics.every((d) => d.code === 'syntax-error'));
    assert.equal(published.diagnostics[0]?.range.start.line, 30_001);
    assert.ok(client.logs.some((l) => /only syntax errors are checked/.test(l)), client.logs.join('\n'));
  } finally {
    await client.stop();
  }
});

test('an analysis that ignores cancellation is cut short so the newer version is not held up', async () => {
  const client = await startClient({
    initializationOptions: { debounceMs: 0, analysisTimeoutMs: 60_000, testing: { analysisDelayMs: 2500, analysisDelayIgnoresCancel: true } },
  });
  try {
    const uri = fileUri(`${ROOT}/virtual/sync_stuck.py`);
    client.open(uri, BROKEN, 1);
    await new Promise((r) => setTimeout(r, 300));
    client.notify('textDocument/didChange', change(uri, 2, 1, 19, 19, ')'));
    const fixed = await client.diagnosticsFor(uri, (p) => p.version === 2, 0, 20_000);
    assert.deepEqual(fixed.diagnostics, []);
    assert.deepEqual(client.published.filter((p) => p.uri === uri).map((p) => p.version), [2]);
    const status = (await client.request('workspace/executeCommand', { command: 'tensorlint.serverStatus', arguments: [] })) as { workerRestarts: number };
    assert.equal(status.workerRestarts, 1);
    assert.ok(client.logs.some((l) => /did not stop/.test(l)), client.logs.join('\n'));
  } finally {
    await client.stop();
  }
});
