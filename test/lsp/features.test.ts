// Hover, inlay hints, code lens + run commands and code actions over real JSON-RPC.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileUri, ResponseFailure, ROOT, startClient, type Diagnostic } from './lspClient';

const SEED = [
  'import torch',
  'from torch import Tensor',
  '',
  '# %% logsumexp',
  'def batched_logsumexp(matrix: Tensor) -> Tensor:',
  '    c = matrix.max(dim=-1, keepdim=True).values',
  '    shifted = matrix - c',
  '    return c.squeeze(-1) + shifted.exp().sum(dim=-1).log()',
  '',
  '# %% naive',
  'logits = torch.randn(4, 10) * 1000',
  'lse = logits.exp().sum(dim=-1).log()',
  '',
].join('\n');

type Range = Diagnostic['range'];

test('runCell carries what print wrote, as output entries at the print call', async () => {
  const client = await startClient();
  try {
    const uri = fileUri(`${ROOT}/virtual/features_print.py`);
    client.open(uri, 'import torch\n# %%\nx = torch.tensor([[1000.0, 0.0]])\nprint(f"lse={x.logsumexp(-1).item():.2f}", x.shape)\n', 1);
    const cell = (await client.request('workspace/executeCommand', { command: 'tensorlint.runCell', arguments: [uri, 1] })) as {
      entries: Array<{ line: number; name: string; printed: string; output?: boolean }>;
    };
    assert.deepEqual(cell.entries.map((e) => [e.line, e.name, e.printed, e.output ?? false]), [
      [3, 'x', 'tensor([[1000.,    0.]])', false],
      [4, 'print(f"lse={x.logsumexp(-1).item():.2f}", x.shape)', 'lse=1000.00 torch.Size([1, 2])', true],
    ]);
  } finally {
    await client.stop();
  }
});
type CodeAction = { title: string; kind: string; isPreferred?: boolean; diagnostics?: Diagnostic[]; edit: { changes: Record<string, Array<{ range: Range; newText: string }>> } };

const within = (range: Range, line: number, character: number) =>
  (range.start.line < line || (range.start.line === line && range.start.character <= character)) &&
  (line < range.end.line || (line === range.end.line && character <= range.end.character));

test('code lenses sit on each # %% marker and runCell/runFile answer with structured entries', async () => {
  const client = await startClient();
  try {
    const uri = fileUri(`${ROOT}/virtual/features_cells.py`);
    client.open(uri, SEED, 1);
    const lenses = (await client.request('textDocument/codeLens', { textDocument: { uri } })) as Array<{ range: Range; command: { title: string; command: string; arguments: unknown[] } }>;
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command.title, l.command.command, l.command.arguments]), [
      [3, 'Run cell', 'tensorlint.runCell', [uri, 1]],
      [9, 'Run cell', 'tensorlint.runCell', [uri, 2]],
    ]);
    const cell = (await client.request('workspace/executeCommand', { command: 'tensorlint.runCell', arguments: [uri, 2] })) as { entries: Array<{ line: number; name: string; uri: string }> };
    assert.ok(Array.isArray(cell.entries));
    // Whatever the engine runs must belong to cell 2 (lines 11-13, 1-based).
    for (const entry of cell.entries) {
      assert.ok(entry.line >= 10 && entry.line <= 13, `entry outside cell 2: ${JSON.stringify(entry)}`);
      assert.equal(entry.uri, uri);
    }
    const file = (await client.request('workspace/executeCommand', { command: 'tensorlint.runFile', arguments: [uri] })) as { entries: unknown[] };
    assert.ok(Array.isArray(file.entries));
    await assert.rejects(client.request('workspace/executeCommand', { command: 'tensorlint.runCell', arguments: [uri, -1] }), (e: unknown) => e instanceof ResponseFailure && e.code === -32602);
    await assert.rejects(client.request('workspace/executeCommand', { command: 'tensorlint.runCell', arguments: ['file:///not/open.py', 1] }), (e: unknown) => e instanceof ResponseFailure && e.code === -32602);
    await assert.rejects(client.request('workspace/executeCommand', { command: 'tensorlint.nope', arguments: [] }), (e: unknown) => e instanceof ResponseFailure);
  } finally {
    await client.stop();
  }
});

test('quick-fixes come from the diagnostic data alone, preferred fix first', async () => {
  const client = await startClient();
  try {
    const uri = fileUri(`${ROOT}/virtual/features_actions.py`);
    client.open(uri, SEED, 1);
    await client.diagnosticsFor(uri);
    // A diagnostic as the server would publish it for the naive line; the server must build
    // its actions from `data` without re-analysing (the engine may not report it yet).
    const range = { start: { line: 11, character: 6 }, end: { line: 11, character: 36 } };
    const diagnostic: Diagnostic = {
      range,
      severity: 2,
      code: 'unstable-logsumexp',
      source: 'tensorlint',
      message: 'log(sum(exp(x))) overflows',
      data: {
        fixes: [
          { title: 'Use torch.logsumexp (naive: inf → fixed: 1000.6931)', edits: [{ range, newText: 'torch.logsumexp(logits, dim=-1)' }], safety: 'safe', preferred: true },
          { title: 'Subtract the max explicitly', edits: [{ range, newText: '(m := logits.max(-1, keepdim=True).values).squeeze(-1) + (logits - m).exp().sum(-1).log()' }], safety: 'unsafe', preferred: false },
        ],
      },
    };
    const foreign: Diagnostic = { range, message: 'from another linter', source: 'pyright', data: diagnostic.data };
    const actions = (await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics: [diagnostic, foreign], only: ['quickfix'] },
    })) as CodeAction[];
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred]), [
      ['Use torch.logsumexp (naive: inf → fixed: 1000.6931)', 'quickfix', true],
      ['Subtract the max explicitly', 'quickfix', false],
    ]);
    assert.deepEqual(actions[0].edit.changes[uri], [{ range, newText: 'torch.logsumexp(logits, dim=-1)' }]);
    // A syntax-error-free file whose diagnostics carry no fixes offers no actions.
    const none = (await client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [{ ...diagnostic, data: undefined }], only: ['quickfix'] } })) as CodeAction[];
    assert.deepEqual(none, []);
  } finally {
    await client.stop();
  }
});

test('published fixes round-trip: every diagnostic with data yields its quick-fixes, and fixAll applies only safe preferred ones', async () => {
  const client = await startClient();
  try {
    const uri = fileUri(`${ROOT}/virtual/features_fixall.py`);
    client.open(uri, `${SEED}\ndef broken(:\n`, 1);
    const published = await client.diagnosticsFor(uri);
    assert.ok(published.diagnostics.some((d) => d.code === 'syntax-error'));
    const expectedFixAll: unknown[] = [];
    for (const d of published.diagnostics) {
      const fixes = (d.data as { fixes?: Array<{ title: string; edits: unknown[]; safety: string }> } | undefined)?.fixes ?? [];
      const actions = (await client.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } })) as CodeAction[];
      assert.deepEqual(actions.map((a) => a.title), fixes.map((f) => f.title));
      if (fixes[0]?.safety === 'safe') expectedFixAll.push(...fixes[0].edits);
    }
    const fixAll = (await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.tensorlint'] },
    })) as CodeAction[];
    if (expectedFixAll.length === 0) assert.deepEqual(fixAll, []);
    else assert.deepEqual(fixAll[0].edit.changes[uri], expectedFixAll);
  } finally {
    await client.stop();
  }
});

test('hover explains the shape of a name: `c: (batch, 1)` from the docstring-declared matrix', async () => {
  const client = await startClient();
  try {
    const uri = fileUri(`${ROOT}/virtual/features_hover_seed.py`);
    const text = SEED.replace('-> Tensor:\n', '-> Tensor:\n    """matrix: shape (batch, n)"""\n');
    client.open(uri, text, 1);
    await client.diagnosticsFor(uri);
    const hover = (await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 4 } })) as { contents: { kind: string; value: string }; range: Range } | null;
    assert.ok(hover, 'no hover for `c`');
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /^`c: \(batch, 1\)`.* — from `matrix\.max\(dim=-1, keepdim=True\)` on line 7/);
    assert.deepEqual(hover.range, { start: { line: 6, character: 4 }, end: { line: 6, character: 5 } });
  } finally {
    await client.stop();
  }
});

test('hover and inlay hints answer from the last analysis with well-formed results, and inlays follow settings', async () => {
  const client = await startClient({ settings: { inlayHints: { shapes: true, values: true } } });
  try {
    const uri = fileUri(`${ROOT}/virtual/features_hover.py`);
    client.open(uri, SEED, 1);
    await client.diagnosticsFor(uri);
    for (const [line, character] of [[5, 4], [6, 21], [11, 0], [0, 0]]) {
      const hover = (await client.request('textDocument/hover', { textDocument: { uri }, position: { line, character } })) as { contents: { kind: string; value: string }; range?: Range } | null;
      if (hover === null) continue;
      assert.equal(hover.contents.kind, 'markdown');
      assert.ok(hover.contents.value.length > 0);
      if (hover.range) assert.ok(within(hover.range, line, character), 'hover range must contain the cursor');
    }
    const full = { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } };
    const hints = (await client.request('textDocument/inlayHint', { textDocument: { uri }, range: full })) as Array<{ label: string; position: { line: number } }>;
    assert.ok(Array.isArray(hints));
    for (const hint of hints) assert.match(hint.label, /^: \(/);
    client.settings = { inlayHints: { shapes: false, values: false } };
    const before = client.published.length;
    client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.diagnosticsFor(uri, () => true, before);
    assert.deepEqual(await client.request('textDocument/inlayHint', { textDocument: { uri }, range: full }), []);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: 'file:///never/opened.py' }, position: { line: 0, character: 0 } }), null);
  } finally {
    await client.stop();
  }
});

test('while a newer analysis runs, hover answers for untouched lines and stays silent on changed ones', async () => {
  const client = await startClient({ initializationOptions: { debounceMs: 0, testing: { analysisDelayMs: 800 } } });
  try {
    const uri = fileUri(`${ROOT}/virtual/features_stale.py`);
    const text = SEED.replace('-> Tensor:\n', '-> Tensor:\n    """matrix: shape (batch, n)"""\n');
    client.open(uri, text, 1);
    await client.diagnosticsFor(uri, (p) => p.version === 1);
    const hover = (line: number, character: number) =>
      client.request('textDocument/hover', { textDocument: { uri }, position: { line, character } }) as Promise<{ contents: { value: string } } | null>;
    assert.match((await hover(6, 4))!.contents.value, /^`c: \(batch, 1\)`/);
    // Edit line 11 only: line 6 is untouched, line 11 changed.
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 11, character: 30 }, end: { line: 11, character: 34 } }, text: '10' }] });
    assert.match((await hover(6, 4))!.contents.value, /^`c: \(batch, 1\)`/);
    assert.equal(await hover(11, 0), null);
    // Insert a line at the top: every line moved, so the old facts no longer apply anywhere.
    client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# moved\n' }] });
    assert.equal(await hover(6, 4), null);
    assert.equal(await hover(7, 4), null);
    assert.equal(client.published.filter((p) => p.uri === uri && p.version !== 1).length, 0, 'the checks above must run before the new analysis lands');
    await client.diagnosticsFor(uri, (p) => p.version === 3, 0, 15_000);
    assert.match((await hover(7, 4))!.contents.value, /^`c: \(batch, 1\)`/);
  } finally {
    await client.stop();
  }
});
