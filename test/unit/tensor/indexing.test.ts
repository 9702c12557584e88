// Advanced indexing: placement of broadcast index dims, bool masks, assignment, gather and
// friends. Expected values come from torch 1.13 on x = arange(24).view(2, 3, 4).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as T from '../../../engine/src/tensor';
import { assertRaises, assertShape } from './helpers';

const x = () => T.reshape(T.arange(24n), [2, 3, 4]);
const idx = (...v: bigint[]) => T.tensorFromNested(v);

test('adjacent index tensors stay in place, separated ones move to the front', () => {
  assert.deepEqual(T.toList(T.index(x(), [T.slice(), idx(0n, 2n), 0])), [[0, 8], [12, 20]]);
  assert.deepEqual(T.toList(T.index(x(), [idx(0n, 1n), T.slice(), idx(1n, 2n)])), [[1, 5, 9], [14, 18, 22]]);
  assert.deepEqual(T.toList(T.index(x(), [0, T.slice(), idx(1n, 2n)])), [[1, 2], [5, 6], [9, 10]]);
  assert.deepEqual(T.toList(T.index(x(), [idx(1n), 0, idx(1n, 2n)])), [13, 14]);
  assertShape(T.index(x(), [null, T.ELLIPSIS, idx(0n, 1n)]), [1, 2, 3, 2]);
  assertShape(T.index(x(), [T.slice(), T.tensorFromNested([[0n, 1n], [1n, 2n]])]), [2, 2, 2, 4]);
});

test('the seed notes pattern log_prob[arange(n), labels] picks one entry per row', () => {
  const logp = T.reshape(T.arange(6), [2, 3]);
  assert.deepEqual(T.toList(T.index(logp, [T.arange(2n), idx(2n, 0n)])), [2, 3]);
});

test('bool masks select, and their shape is checked', () => {
  const t = x();
  assert.deepEqual(T.toList(T.index(t, [T.gt(t, 20n)])), [21, 22, 23]);
  const mask = T.tensorFromNested([[true, false, true], [false, false, true]]);
  assertShape(T.index(t, [mask]), [3, 4]);
  assertRaises(
    () => T.index(t, [T.tensorFromNested([true, false, true])]),
    'IndexError',
    'The shape of the mask [3] at index 0 does not match the shape of the indexed tensor [2, 3, 4] at index 0',
  );
  assertShape(T.index(t, [true]), [1, 2, 3, 4]);
  assertShape(T.index(t, [false]), [0, 2, 3, 4]);
  assertShape(T.index(t, [T.tensorFromNested(1n)]), [3, 4]);
});

test('index errors use torch wording', () => {
  assertRaises(() => T.index(x(), [T.tensorFromNested([1.0])]), 'IndexError', 'tensors used as indices must be long, byte or bool tensors');
  assertRaises(() => T.index(x(), [idx(0n, 1n), idx(0n, 1n, 2n)]), 'IndexError', 'shape mismatch: indexing tensors could not be broadcast together with shapes [2], [3]');
  assertRaises(() => T.index(x(), [0, 0, idx(5n)]), 'IndexError', 'index 5 is out of bounds for dimension 0 with size 4');
});

test('index assignment: masks, broadcasting values, dtype rules', () => {
  const t = x();
  T.indexPut(t, [T.gt(t, 20n)], -1n);
  assert.deepEqual(T.toList(T.index(t, [1, 2])), [20, -1, -1, -1]);
  const f = T.toFloat(x());
  T.indexPut(f, [T.gt(x(), 20n)], T.tensorFromNested([1, 2, 3]));
  assert.deepEqual(T.toList(T.index(f, [1, 2])), [20, 1, 2, 3]);
  assertRaises(() => T.indexPut(x(), [idx(0n, 0n)], T.tensorFromNested([1.0])), 'RuntimeError', 'Index put requires the source and destination dtypes match, got Long for the destination and Float for the source.');
  assertRaises(() => T.indexPut(x(), [idx(0n, 1n)], T.ones([3], 'int64')), 'RuntimeError', 'shape mismatch: value tensor of shape [3] cannot be broadcast to indexing result of shape [2, 3, 4]');
  assertRaises(() => T.indexPut(x(), [0], T.tensorFromNested([1n, 2n, 3n])), 'RuntimeError', 'The expanded size of the tensor (4) must match the existing size (3) at non-singleton dimension 1.');
});

test('gather, index_select, masked_fill, tril/triu, nonzero', () => {
  const g = T.gather(T.tensorFromNested([[1, 2], [3, 4]]), 1, T.tensorFromNested([[0n, 0n], [1n, 0n]]));
  assert.deepEqual(T.toList(g), [[1, 1], [4, 3]]);
  assertRaises(() => T.gather(T.ones([2, 2]), 0, T.tensorFromNested([[0n, 1n, 1n]])), 'RuntimeError', 'Size does not match at dimension 1 expected index [1, 3] to be smaller than self [2, 2] apart from dimension 0');
  assertRaises(() => T.gather(T.ones([2, 2]), 0, idx(0n)), 'RuntimeError', 'Index tensor must have the same number of dimensions as input tensor');
  assertRaises(() => T.gather(T.ones([2, 3]), 1, T.tensorFromNested([[3n]])), 'RuntimeError', 'index 3 is out of bounds for dimension 1 with size 3');
  assertShape(T.indexSelect(T.ones([2, 3]), 0, T.tensorFromNested(1n)), [1, 3]);
  assertRaises(() => T.indexSelect(T.ones([2, 3]), 1, idx(3n)), 'RuntimeError', 'INDICES element is out of DATA bounds, id=3 axis_dim=3');
  const mf = T.maskedFill(T.ones([1, 3]), T.ones([2, 3], 'bool'), 2);
  assertShape(mf, [2, 3]);
  assert.deepEqual(T.toList(T.maskedFill(T.ones([3], 'int64'), T.tensorFromNested([true, false, true]), 2.7)), [2, 1, 2]);
  assertRaises(() => T.maskedFill(T.ones([3]), T.tensorFromNested([true, false, true]), T.tensorFromNested([2, 3])), 'RuntimeError', 'masked_fill_ only supports a 0-dimensional value tensor, but got tensor with 1 dimension(s).');
  assert.deepEqual(T.toList(T.triu(T.reshape(T.arange(9n), [3, 3]), 1)), [[0, 1, 2], [0, 0, 5], [0, 0, 0]]);
  assert.deepEqual(T.toList(T.sum(T.tril(T.ones([2, 3, 3]), -1))), 6);
  assertRaises(() => T.tril(T.ones([3])), 'IndexError', 'Dimension out of range (expected to be in range of [-1, 0], but got -2)');
  assert.deepEqual(T.toList(T.nonzero(T.tensorFromNested([[1n, 0n], [0n, 3n]]))), [[0, 0], [1, 1]]);
});

test('writing into an expanded view writes the shared element, as torch 1.13 does', () => {
  const e = T.expand(T.ones([3, 1]), [3, 4]);
  T.indexPut(e, [0, 0], 5);
  assert.deepEqual(T.toList(e), [[5, 5, 5, 5], [1, 1, 1, 1], [1, 1, 1, 1]]);
});

// Found by differential runs against torch 1.13 (seeds 5101-5103); each expectation is what
// torch printed for the same call.
test('gather: no negative indices, a 0-d input, and an empty index that skips every check but the dim', () => {
  // torch.gather(torch.zeros(3), 0, torch.tensor([-1])) -> RuntimeError
  assertRaises(() => T.gather(T.zeros([3]), 0, idx(-1n)), 'RuntimeError', 'index -1 is out of bounds for dimension 0 with size 3');
  // torch.gather(torch.tensor(3), 0, torch.tensor([0, 0])) -> tensor([3, 3])
  assert.deepEqual(T.toList(T.gather(T.tensorFromNested(3n), 0, idx(0n, 0n))), [3, 3]);
  assertRaises(() => T.gather(T.tensorFromNested(3n), 0, idx(1n)), 'RuntimeError', 'index 1 is out of bounds for dimension 0 with size 1');
  // torch.gather(torch.zeros(1, 4, 1), 0, torch.zeros(0, 2).float()) -> tensor([], size=(0, 2))
  const empty = T.gather(T.zeros([1, 4, 1]), 0, T.zeros([0, 2]));
  assertShape(empty, [0, 2]);
  assert.equal(empty.dtype, 'float32');
  assertRaises(() => T.gather(T.zeros([1, 4, 1]), 5, T.zeros([0], 'int64')), 'IndexError', 'Dimension out of range');
  // A non-empty float index still fails on its dtype before its rank.
  assertRaises(() => T.gather(T.zeros([2, 5]), 1, T.zeros([3])), 'RuntimeError', 'Expected dtype int64 for index');
});

test('index_select on a 0-d input: index 0 only', () => {
  assertShape(T.indexSelect(T.tensorFromNested(5), 0, idx(0n, 0n)), []);
  assertRaises(() => T.indexSelect(T.tensorFromNested(5), 0, idx(0n, 1n)), 'IndexError', 'index out of range in self');
  assertRaises(() => T.indexSelect(T.tensorFromNested(5), 0, idx(-1n)), 'IndexError', 'index out of range in self');
});

test('topk checks the dim, then k, then the dtype, which a 0-d input never reaches', () => {
  const flags = T.tensorFromNested([true, false]);
  assertRaises(() => T.topk(flags, 1, -2), 'IndexError', 'Dimension out of range (expected to be in range of [-1, 0], but got -2)');
  assertRaises(() => T.topk(flags, 3, 0), 'RuntimeError', 'selected index k out of range');
  assertRaises(() => T.topk(flags, 1, 0), 'RuntimeError', `"topk_cpu" not implemented for 'Bool'`);
  assert.equal(T.topk(T.tensorFromNested(true), 1, 0).values.dtype, 'bool');
  assertRaises(() => T.topk(T.tensorFromNested(3), 1, 1), 'IndexError', 'Dimension out of range');
});
