// Shape comments and shape asserts: positive forms, and look-alike prose that must stay
// unread ("provable or silent": a misread comment would become a false finding).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertShapeItems, parseAssertShapeRhs, parseDimAssert, parseShapeAssert, parseShapeComment, parseShapeComments,
} from '../../../engine/src/declared';
import { sym } from '../../../engine/src/shape';
import { assertShape } from '../einops/check';
import type { DimText } from '../einops/check';

function comment(text: string, expected: DimText[], subject?: string): void {
  const parsed = parseShapeComment(text);
  assert.ok(parsed !== null, `${text}: expected a shape`);
  assertShape(parsed.shape, expected, text);
  assert.equal(parsed.subject, subject, `${text}: subject`);
}

const positives: Array<[string, DimText[], string?]> = [
  ['# (batch, 1)', ['batch', 1]],
  ['# (batch, n)', ['batch', 'n']],
  ['#(b, h*w, c)', ['b', 'h*w', 'c']],
  ['# (batch,)', ['batch']],
  ['# (n)', ['n']],
  ['# (B)', ['B']],
  ['# ()', []],
  ['# [B, N]', ['B', 'N']],
  ['# shape: (b, n)', ['b', 'n']],
  ['# Shape: (b, n)', ['b', 'n']],
  ['# shape (b, n)', ['b', 'n']],
  ['# shape=(b, n)', ['b', 'n']],
  ['# shape: [B, N]', ['B', 'N']],
  ['# shape: b n', ['b', 'n']],
  ['# shape: batch seq_len d_model', ['batch', 'seq_len', 'd_model']],
  ['# shape: (b, n) after the transpose', ['b', 'n']],
  ['# (batch, 1) -- kept for broadcasting', ['batch', 1]],
  ['# (b, n); see above', ['b', 'n']],
  ['# -> (b, n+1)', ['b', 'n+1']],
  ['# torch.Size([2, 3])', [2, 3]],
  ['# c shape (batch, 1)', ['batch', 1], 'c'],
  ['# matrix shape (batch, n)', ['batch', 'n'], 'matrix'],
  ['# x: shape (b, n)', ['b', 'n'], 'x'],
  ['# x: (b, n)', ['b', 'n'], 'x'],
  ['# x.shape == (b, n)', ['b', 'n'], 'x'],
  ['# logits shape: (batch, classes)', ['batch', 'classes'], 'logits'],
];

// The trailing comments of examples/seed_stable.py, as the seed notes write them.
const seedComments: Array<[string, DimText[] | null, string?]> = [
  ['# Tensor.max 返回 torch.return_types.max,有两个字段 values & indices', null],
  ['# matrix shape (batch, n)', ['batch', 'n'], 'matrix'],
  ['# c shape (batch, 1)', ['batch', 1], 'c'],
  ['# broadcasting c --> (batch, n)', null],
  ['# (batch, 1)', ['batch', 1]],
  ['# keepdim=True 保持 shape 为 (batch, 1)', null],
  ['# broadcasting: log_sum_exp 从 (batch, 1) 广播为 (batch, n)', null],
  ['# return (batch, classes)', ['batch', 'classes']],
  ['# 数值稳定:先减最大值', null],
  ['# pattern has 3 axes, the tensor 4', null],
  ['# 32 is not divisible by 5', null],
  ['# (8, 16, 192)', [8, 16, 192]],
];

for (const [text, expected, subject] of seedComments) {
  test(`seed comment ${JSON.stringify(text)}`, () => {
    if (expected === null) assert.equal(parseShapeComment(text), null);
    else comment(text, expected, subject);
  });
}

for (const [text, expected, subject] of positives) {
  test(`comment ${JSON.stringify(text)} is a shape`, () => comment(text, expected, subject));
}

const negatives = [
  '# TODO (fix later)',
  '# (see paper)',
  '# TODO',
  '# (optional)',
  '# (TODO)',
  '# (a, b) are swapped here',
  '# (batch) is the first dim',
  '# b n',
  '# batch size',
  '# shape: same as input',
  '# shape: unchanged',
  '# shape matters here',
  '# compute the (log) softmax',
  '# x: the input',
  '# note: (b, n) inputs',
  '# type: ignore',
  '# noqa: E501',
  '# https://example.com/(a, b)',
  '# keepdim=True keeps shape (batch, 1)',
  '# return early (when empty)',
  '# returns the (log) probabilities',
  '#',
  '',
  '# (',
  '# (a, , b)',
  '# (1.5, 2)',
  '# (x[0], n)',
];

for (const text of negatives) {
  test(`comment ${JSON.stringify(text)} is not a shape`, () => {
    assert.equal(parseShapeComment(text), null);
  });
}

test('a comment with several # parts yields each shape part', () => {
  const parts = parseShapeComments('# matrix shape (batch, n) # c shape (batch, 1) # broadcasting c --> (batch, n)');
  assert.deepEqual(parts.map((p) => p.subject), ['matrix', 'c']);
  assertShape(parts[1].shape, ['batch', 1]);
});

test('assert x.shape == (b, n)', () => {
  const parsed = parseShapeAssert('assert x.shape == (b, n)');
  assert.ok(parsed !== null);
  assert.equal(parsed.subject, 'x');
  assertShape(parsed.shape, ['b', 'n']);
  assert.deepEqual(parsed.items, ['b', 'n']);
});

test('assert forms: torch.Size, tuple(...), list(...), size(), reversed sides, messages', () => {
  const cases: Array<[string, string, DimText[]]> = [
    ['assert x.shape == torch.Size([b, n])', 'x', ['b', 'n']],
    ['assert x.shape == t.Size((b, n))', 'x', ['b', 'n']],
    ['assert tuple(x.shape) == (b, n)', 'x', ['b', 'n']],
    ['assert list(x.shape) == [b, n]', 'x', ['b', 'n']],
    ['assert x.size() == (b, 3)', 'x', ['b', 3]],
    ['assert (b, n) == x.shape', 'x', ['b', 'n']],
    ['assert self.weight.shape == (d_out, d_in), "bad weight"', 'self.weight', ['d_out', 'd_in']],
    ['assert x.shape == (b,)', 'x', ['b']],
    ['assert x.shape == (b, h*w)', 'x', ['b', 'h*w']],
    ['assert (x.shape == (b, n))', 'x', ['b', 'n']],
    ['x.shape == (b, n)', 'x', ['b', 'n']],
  ];
  for (const [text, subject, expected] of cases) {
    const parsed = parseShapeAssert(text);
    assert.ok(parsed !== null, text);
    assert.equal(parsed.subject, subject, text);
    assertShape(parsed.shape, expected, text);
  }
});

test('asserts that can never hold, or are not shape equalities, declare nothing', () => {
  for (const text of [
    'assert x.shape == [b, n]', // a torch.Size never equals a list
    'assert list(x.shape) == (b, n)', // nor a list a tuple
    'assert x.shape == (b)', // (b) is just b
    'assert x.shape != (b, n)',
    'assert x.shape == (b, n) or y is None',
    'assert x.shape[0] == (b, n)',
    'assert x.dtype == (b, n)',
    'assert x == (b, n)',
    'assert x.shape == y.shape',
    'assert x.shape == (b, n) == y.shape',
    'assert',
    '',
  ]) {
    assert.equal(parseShapeAssert(text), null, text);
  }
});

test('items the reader cannot name are left to the interpreter', () => {
  assert.equal(parseShapeAssert('assert y.shape == (x.shape[0], n)'), null);
  assert.deepEqual(assertShapeItems('(x.shape[0], n // 2)'), ['x.shape[0]', 'n // 2']);
  assert.equal(assertShapeItems('(b)'), null);
});

test('the right-hand side alone, with bound names', () => {
  assertShape(parseAssertShapeRhs('(b, n)')!, ['b', 'n']);
  assertShape(parseAssertShapeRhs('torch.Size([2, n])')!, [2, 'n']);
  assert.equal(parseAssertShapeRhs('[b, n]'), null);
  // `b, n = x.shape` bound b to the symbol batch
  const bound = parseAssertShapeRhs('(b, n)', (name) => (name === 'b' ? sym('batch') : undefined))!;
  assertShape(bound, ['batch', 'n']);
});

test('assert on one dim: x.shape[-1] == n, x.size(0) == b', () => {
  const last = parseDimAssert('assert x.shape[-1] == n')!;
  assert.equal(last.subject, 'x');
  assert.equal(last.index, -1);
  assertShape([last.dim], ['n']);
  const first = parseDimAssert('assert b == x.size(0), "batch"')!;
  assert.equal(first.index, 0);
  assertShape([first.dim], ['b']);
  assert.equal(parseDimAssert('assert x.shape[i] == n'), null);
  assert.equal(parseDimAssert('assert x.shape[0] > n'), null);
});
