// `run`: the real process for usage errors and cell selection, a fake engine for entries.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import type { RunEntry, RunOptions } from '../../engine/src/api';
import { formatRunText, runRun, type RunEngine } from '../../bin/src/run';
import type { Io } from '../../bin/src/check';
import { cli, ensureBuilt, workspace } from './helpers';

before(() => ensureBuilt());

const SCRIPT = 'import torch\n# %% first\nx = torch.ones(2)\n# %% second\ny = x * 2\n';

test('run: exit 2 on a missing file, a cell past the end, a markdown notebook cell', () => {
  const nb = { cells: [{ cell_type: 'markdown', source: 'hi', metadata: {} }, { cell_type: 'code', source: 'x = 1', metadata: {}, outputs: [] }], metadata: {}, nbformat: 4, nbformat_minor: 5 };
  const dir = workspace({ 's.py': SCRIPT, 'nb.ipynb': JSON.stringify(nb) });
  const missing = cli(['run', 'nope.py'], { cwd: dir });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /nope\.py: no such file or directory/);
  const noCell = cli(['run', 's.py', '--cell', '3'], { cwd: dir });
  assert.equal(noCell.status, 2);
  assert.match(noCell.stderr, /no cell 3 \(the file has 2 "# %%" cells\)/);
  const markdown = cli(['run', 'nb.ipynb', '--cell', '1'], { cwd: dir });
  assert.equal(markdown.status, 2);
  assert.match(markdown.stderr, /cell 1 is not a code cell/);
  assert.equal(cli(['run', 'nb.ipynb', '--cell', '9'], { cwd: dir }).status, 2);
});

test('run --format json prints one array (whatever the engine returns today)', () => {
  const dir = workspace({ 's.py': SCRIPT });
  const r = cli(['run', 's.py', '--cell', '2', '--format', 'json'], { cwd: dir });
  const entries = JSON.parse(r.stdout);
  assert.ok(Array.isArray(entries));
  assert.equal(r.status, entries.some((e: { error: unknown }) => e.error) ? 1 : 0);
  for (const e of entries) assert.deepEqual(Object.keys(e), ['line', 'name', 'shape', 'dtype', 'value', 'error']);
});

const ENTRIES: RunEntry[] = [
  { line: 3, name: 'x', shape: [2], dtype: 'float32', value: [1, 1], printed: 'tensor([1., 1.])', error: null },
  { line: 5, name: 'y', shape: null, dtype: null, value: null, printed: '', error: { type: 'RuntimeError', message: 'shape mismatch' } },
];

function fakeRun(entries: RunEntry[], seen: RunOptions[]): RunEngine {
  return { initEngine: async () => {}, runProgram: (_text, options) => (seen.push(options), entries) };
}

async function runInProcess(args: { file: string; cell?: number; format: 'text' | 'json' }, engine: RunEngine, cwd: string) {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdoutIsTTY: false, env: {}, cwd };
  const code = await runRun({ kind: 'run', ...args }, io, engine);
  return { code, stdout, stderr };
}

test('run: exit 1 when execution stopped at an error, JSON entries in the contract shape', async () => {
  const dir = workspace({ 's.py': SCRIPT });
  const seen: RunOptions[] = [];
  const r = await runInProcess({ file: `${dir}/s.py`, cell: 2, format: 'json' }, fakeRun(ENTRIES, seen), dir);
  assert.equal(r.code, 1);
  assert.deepEqual(JSON.parse(r.stdout), [
    { line: 3, name: 'x', shape: [2], dtype: 'float32', value: [1, 1], error: null },
    { line: 5, name: 'y', shape: null, dtype: null, value: null, error: { type: 'RuntimeError', message: 'shape mismatch' } },
  ]);
  assert.equal(seen[0].cell, 2);
  const ok = await runInProcess({ file: `${dir}/s.py`, format: 'text' }, fakeRun(ENTRIES.slice(0, 1), []), dir);
  assert.equal(ok.code, 0);
});

test('run on a notebook maps notebook cell numbers to code cells', async () => {
  const nb = { cells: [{ cell_type: 'markdown', source: 'hi', metadata: {} }, { cell_type: 'code', source: 'x = 1', metadata: {}, outputs: [] }, { cell_type: 'code', source: 'y = 2', metadata: {}, outputs: [] }], metadata: {}, nbformat: 4, nbformat_minor: 5 };
  const dir = workspace({ 'nb.ipynb': JSON.stringify(nb) });
  const seen: RunOptions[] = [];
  let text = '';
  const engine: RunEngine = { initEngine: async () => {}, runProgram: (t, o) => ((text = t), seen.push(o), []) };
  await runInProcess({ file: `${dir}/nb.ipynb`, cell: 3, format: 'json' }, engine, dir);
  assert.equal(seen[0].cell, 2);
  assert.equal(text, '# %% cell 2\nx = 1\n# %% cell 3\ny = 2');
});

test('run text format: printed values indented, the error and where it stopped', () => {
  assert.equal(
    formatRunText(ENTRIES),
    '3: x  shape (2,) float32\n    tensor([1., 1.])\n5: y\n    RuntimeError: shape mismatch\nStopped at line 5 (RuntimeError).\n',
  );
  assert.equal(formatRunText([]), 'Ran 0 statements.\n');
});
