// Every reduced crash/misbehaviour input in test/fixtures/regressions/ stays fixed.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, initEngine, runProgram } from '../../../engine/src/index';

const DIR = path.resolve(__dirname, '..', '..', 'fixtures', 'regressions');
const read = (name: string) => fs.readFileSync(path.join(DIR, name), 'utf8');

before(async () => {
  await initEngine();
});

test('no regression fixture makes analyze() or runProgram() throw or report an internal error', () => {
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.py'));
  assert.ok(files.length >= 3);
  for (const file of files) {
    const text = read(file);
    const analysis = analyze(text, { fileName: file });
    assert.ok(!analysis.notes.some((n) => /internal error/i.test(n)), `${file}: ${analysis.notes.join('; ')}`);
    const entries = runProgram(text, { fileName: file });
    const internal = entries.find((e) => e.error?.type === 'InternalError');
    assert.equal(internal, undefined, `${file}: ${JSON.stringify(internal?.error)}`);
  }
});

test('too-large results in run mode are RuntimeErrors, as torch would raise', () => {
  for (const file of ['run_huge_expand_sum.py']) {
    const error = runProgram(read(file)).find((e) => e.error)?.error;
    assert.equal(error?.type, 'RuntimeError', `${file}: ${JSON.stringify(error)}`);
    assert.match(error!.message, /too large/);
  }
});

test('a 21M-element tensor in run mode keeps its shape but does not list its elements', () => {
  const entry = runProgram(read('run_large_tensor_value.py')).find((e) => e.name === 'x0');
  assert.ok(entry, 'no entry for x0');
  assert.equal(entry.error, null);
  assert.deepEqual(entry.shape, [7, 1_000_000, 1, 3]);
  assert.equal(entry.value, null);
});

test('a small tensor in run mode still lists its elements', () => {
  const entry = runProgram('import torch\nx = torch.zeros(2, 2)\n').find((e) => e.name === 'x');
  assert.deepEqual(entry?.value, [[0, 0], [0, 0]]);
});

test('a zero-size tensor with 2^31 rows neither lists nor prints 2^31 empty rows', () => {
  const entry = runProgram(read('run_zero_size_huge_rows.py')).find((e) => e.name === 'x0');
  assert.ok(entry, 'no entry for x0');
  assert.deepEqual(entry.shape, [2 ** 31, 0, 2 ** 31]);
  assert.equal(entry.value, null);
  assert.ok(entry.printed.length < 200, entry.printed);
});

test('cat of zero-element tensors with 10**12 outer rows returns at once (it used to loop 10**12 times)', { timeout: 30_000 }, () => {
  const text = read('cat_zero_size_huge_outer.py');
  const entry = runProgram(text).find((e) => e.name === 'x4');
  assert.deepEqual(entry?.shape, [10 ** 12, 2, 0, 0]);
  assert.ok(analyze(text).hovers.some((h) => h.text === 'x4' && h.shape === '(1000000000000, 2, 0, 0)'));
});

test('cat of 0-d tensors is torch\'s RuntimeError in analysis and in run', () => {
  const text = read('cat_zero_dim.py');
  const findings = analyze(text).findings;
  assert.deepEqual(findings.map((f) => [f.code, f.range.start.line]), [['concat-mismatch', 5]]);
  assert.match(findings[0].message, /zero-dimensional tensor \(at position 0\) cannot be concatenated/);
  const error = runProgram(text).find((e) => e.error)?.error;
  assert.equal(error?.type, 'RuntimeError');
  assert.match(error!.message, /zero-dimensional tensor \(at position 0\) cannot be concatenated/);
});

test('an unparenthesized starred tuple on the right of `=` parses, and its items are spread as CPython does', () => {
  const text = read('starred_rhs_tuple.py');
  assert.deepEqual(analyze(text).findings.filter((f) => f.code === 'syntax-error'), []);
  const entries = runProgram(text);
  assert.equal(entries.find((e) => e.name === 'rest')?.printed, '[]');
  assert.equal(entries.find((e) => e.name === 'x')?.printed, '(1, 2)');
});

test('int64 pow wraps modulo 2^64 as torch does (values from torch 1.13)', () => {
  const entry = runProgram(read('run_int64_pow_overflow.py')).find((e) => e.name === 'x2');
  assert.ok(entry, 'no entry for x2');
  assert.equal(entry.error, null);
  assert.deepEqual(entry.shape, [1000]);
  const values = entry.value as number[];
  // int64 storage is a double here, so values past 2^53 are compared as their nearest double.
  assert.deepEqual([3, 15, 16, 17, 999].map((i) => values[i]), [27, Number(437893890380859375n), 0, Number(-2863221430593058543n), Number(-1298546076401438441n)]);
});

test('matmul of a zero-element tensor with a 10^18 batch returns at once (it used to loop over the batch)', { timeout: 30_000 }, () => {
  const text = read('matmul_zero_size_huge_batch.py');
  const entry = runProgram(text).find((e) => e.name === 'x1');
  assert.equal(entry?.error, null, JSON.stringify(entry?.error));
  assert.deepEqual(entry?.shape, [10 ** 6, 10 ** 12, 0, 0]);
  assert.ok(analyze(text).hovers.some((h) => h.text === 'x1' && h.shape === '(1000000, 1000000000000, 0, 0)'));
});

test('advanced indexing with an empty result around a 10^9 dim returns at once', { timeout: 30_000 }, () => {
  const entries = runProgram(read('index_zero_size_huge_dim.py'));
  for (const name of ['x1', 'x2']) {
    const entry = entries.find((e) => e.name === name);
    assert.equal(entry?.error, null, `${name}: ${JSON.stringify(entry?.error)}`);
    assert.deepEqual(entry?.shape, [10 ** 9, 0]);
  }
});

test('split/unbind/chunk into 10^9 pieces: analysis leaves them unknown, run stops at the engine limit', { timeout: 30_000 }, () => {
  const text = read('split_unbind_huge_pieces.py');
  const analysis = analyze(text);
  assert.deepEqual(analysis.findings, []);
  assert.ok(analysis.hovers.some((h) => h.text === 'x0' && h.shape === '(0, 1000000000)'));
  const error = runProgram(text).find((e) => e.error);
  assert.equal(error?.name, 'parts');
  assert.equal(error?.error?.type, 'RuntimeError');
  assert.match(error!.error!.message, /split into 1000000000 pieces is too many for the TensorLint engine/);
  for (const [stmt, op] of [['rows = x0.unbind(-1)', 'unbind'], ['pieces = x0.chunk(10**9, -1)', 'chunk']]) {
    const e = runProgram(`import torch\nx0 = torch.rand(0, 10**9)\n${stmt}\n`).find((x) => x.error);
    assert.match(e?.error?.message ?? '', new RegExp(`${op} into \\d+ pieces is too many`), stmt);
  }
});

test('chunk of an empty dim gives `chunks` empty pieces, as torch special-cases it', () => {
  const text = 'import torch\nx = torch.zeros(0, 3)\nn = len(x.chunk(4))\na, b, c, d = x.chunk(4)\n';
  assert.equal(runProgram(text).find((e) => e.name === 'n')?.value, 4);
  const analysis = analyze(text);
  assert.deepEqual(analysis.findings, []);
  assert.ok(analysis.hovers.some((h) => h.text === 'd' && h.shape === '(0, 3)'));
});

test('tolist() of a zero-element tensor with 10^9 rows stops at the engine limit', { timeout: 30_000 }, () => {
  const error = runProgram(read('tolist_zero_size_huge_rows.py')).find((e) => e.error)?.error;
  assert.equal(error?.type, 'RuntimeError');
  assert.match(error!.message, /tolist .* too large for the TensorLint engine/);
});
