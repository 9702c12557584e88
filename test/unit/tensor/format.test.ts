// formatTensor against torch's own repr(): the fixture was printed by torch 1.13
// (fixtures/gen_format_cases.py) and covers fixed/int/sci modes, widths, inf/nan, dtype
// suffixes, empty tensors, line wrapping and summarisation beyond 1000 elements.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import * as T from '../../../engine/src/tensor';
import { formatExp, formatFixed } from '../../../engine/src/tensor/pyformat';

interface Case {
  shape: number[];
  flat: (number | string | boolean | null)[];
  dtype: T.DType;
  repr: string;
}

const cases: Case[] = JSON.parse(readFileSync(path.join(__dirname, 'fixtures', 'format_cases.json'), 'utf8'));

function build(c: Case): T.Tensor {
  const values = c.flat.map((v) => (v === null ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : typeof v === 'boolean' ? v : Number(v)));
  const flat = T.tensorFromNested(values as number[], c.dtype);
  return T.reshape(flat, c.shape);
}

test('the fixture is present and non-trivial', () => {
  assert.ok(cases.length >= 40);
});

for (const [i, c] of cases.entries()) {
  test(`repr case ${i}: ${c.repr.split('\n')[0].slice(0, 50)}`, () => {
    assert.equal(T.formatTensor(build(c)), c.repr);
  });
}

test('Python float formatting rounds ties to even on the exact binary value', () => {
  assert.equal(formatFixed(0.03125, 4), '0.0312');
  assert.equal(formatFixed(0.09375, 4), '0.0938');
  assert.equal(formatFixed(2.5, 0), '2');
  assert.equal(formatFixed(-0, 4), '-0.0000');
  assert.equal(formatExp(1.03125, 4), '1.0312e+00');
  assert.equal(formatExp(9.99995e-5, 4), '9.9999e-05');
  assert.equal(formatExp(1e300, 4), '1.0000e+300');
  assert.equal(formatExp(0, 4), '0.0000e+00');
});

test('formatting views and non-contiguous tensors prints logical order', () => {
  const x = T.transpose(T.reshape(T.arange(6n), [2, 3]), 0, 1);
  assert.equal(T.formatTensor(x), 'tensor([[0, 3],\n        [1, 4],\n        [2, 5]])');
  assert.equal(T.formatSize([2, 3]), 'torch.Size([2, 3])');
});
