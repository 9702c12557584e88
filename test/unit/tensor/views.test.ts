// Strides and contiguity: views share storage, and view() fails exactly where torch's does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as T from '../../../engine/src/tensor';
import { assertClose, assertRaises, assertShape } from './helpers';

const m = () => T.reshape(T.arange(6n), [2, 3]);

test('transpose is a non-contiguous view; view() then raises, reshape() copies', () => {
  const x = m();
  const xt = T.transpose(x, 0, 1);
  assert.deepEqual([...xt.strides], [1, 3]);
  assert.equal(xt.isContiguous(), false);
  assert.equal(xt.data, x.data);
  assertRaises(() => T.view(xt, [6]), 'RuntimeError', "view size is not compatible with input tensor's size and stride");
  const flat = T.reshape(xt, [6]);
  assert.deepEqual(T.toList(flat), [0, 3, 1, 4, 2, 5]);
  assert.notEqual(flat.data, x.data);
  assert.deepEqual(T.toList(T.view(T.contiguous(xt), [6])), [0, 3, 1, 4, 2, 5]);
});

test('view works on non-contiguous tensors when dims do not straddle', () => {
  const x = T.reshape(T.arange(24n), [2, 3, 4]);
  const p = T.permute(x, [1, 0, 2]); // (3, 2, 4), last dim still contiguous
  const v = T.view(p, [3, 2, 2, 2]);
  assertShape(v, [3, 2, 2, 2]);
  assert.equal(v.data, x.data);
  assertRaises(() => T.view(p, [3, 8]), 'RuntimeError', 'view size is not compatible');
  // unsqueeze of a transposed tensor stays viewable
  assertShape(T.view(T.transpose(m(), 0, 1), [3, 1, 2]), [3, 1, 2]);
});

test('view/reshape infer -1 and reject bad sizes with torch wording', () => {
  const x = T.ones([2, 3]);
  assertShape(T.view(x, [-1]), [6]);
  assertShape(T.reshape(x, [3, -1]), [3, 2]);
  assertRaises(() => T.view(x, [5]), 'RuntimeError', "shape '[5]' is invalid for input of size 6");
  assertRaises(() => T.view(x, [-1, -1]), 'RuntimeError', 'only one dimension can be inferred');
  assertRaises(() => T.view(x, [4, -1]), 'RuntimeError', "shape '[4, -1]' is invalid for input of size 6");
  assertRaises(() => T.reshape(x, [0, -1]), 'RuntimeError', "shape '[0, -1]' is invalid for input of size 6");
});

test('.T, .mT, t() and permute errors', () => {
  const x = T.ones([2, 3, 4]);
  assertShape(T.T(x), [4, 3, 2]);
  assertShape(T.mT(x), [2, 4, 3]);
  assertRaises(() => T.t(x), 'RuntimeError', 't() expects a tensor with <= 2 dimensions, but self is 3D');
  assertRaises(() => T.permute(T.ones([2, 3]), [0]), 'RuntimeError', 'input.dim() = 2 is not equal to len(dims) = 1');
  assertRaises(() => T.permute(T.ones([2, 3]), [0, 0]), 'RuntimeError', 'permute(): duplicate dims are not allowed.');
  assertRaises(() => T.transpose(x, 0, 3), 'IndexError', 'Dimension out of range (expected to be in range of [-3, 2], but got 3)');
});

test('expand gives stride 0 and shares storage; bad sizes raise', () => {
  const col = T.tensorFromNested([[1.0], [2.0]]);
  const e = T.expand(col, [2, 3]);
  assert.deepEqual([...e.strides], [1, 0]);
  assert.equal(e.data, col.data);
  assertClose(e, [[1, 1, 1], [2, 2, 2]]);
  assertShape(T.expand(T.ones([2, 3]), [4, -1, -1]), [4, 2, 3]);
  assertRaises(
    () => T.expand(T.ones([2, 3]), [3, 3]),
    'RuntimeError',
    'The expanded size of the tensor (3) must match the existing size (2) at non-singleton dimension 0.  Target sizes: [3, 3].  Tensor sizes: [2, 3]',
  );
  assertRaises(() => T.expand(T.ones([2, 3]), [2]), 'RuntimeError', 'the number of sizes provided (1) must be greater or equal to the number of dimensions in the tensor (2)');
});

test('squeeze/unsqueeze/flatten/unflatten', () => {
  const x = T.ones([2, 1, 3, 1]);
  assertShape(T.squeeze(x), [2, 3]);
  assertShape(T.squeeze(x, 1), [2, 3, 1]);
  assertShape(T.squeeze(x, 0), [2, 1, 3, 1]);
  assertShape(T.unsqueeze(T.ones([2, 3]), -1), [2, 3, 1]);
  assertRaises(() => T.unsqueeze(T.ones([2, 3]), 3), 'IndexError', 'expected to be in range of [-3, 2], but got 3');
  assertShape(T.flatten(T.ones([2, 3, 4]), 1), [2, 12]);
  assertRaises(() => T.flatten(T.ones([2, 3]), 1, 0), 'RuntimeError', 'start_dim cannot come after end_dim');
  assertShape(T.unflatten(T.ones([2, 12]), 1, [3, -1]), [2, 3, 4]);
  assertRaises(() => T.unflatten(T.ones([2, 3]), 1, [2, 2]), 'RuntimeError', "unflatten: Provided sizes [2, 2] don't multiply up to the size of dim 1 (3)");
});

test('cat/stack/split/chunk/repeat/tile', () => {
  const a = T.ones([2, 3]);
  assertShape(T.cat([a, T.zeros([1, 3])]), [3, 3]);
  assertShape(T.cat([a, a], -1), [2, 6]);
  assert.equal(T.cat([T.ones([1], 'int64'), T.ones([1])]).dtype, 'float32');
  assertRaises(() => T.cat([a, T.ones([4, 5])]), 'RuntimeError', 'Sizes of tensors must match except in dimension 0. Expected size 3 but got size 5 for tensor number 1 in the list.');
  assertRaises(() => T.cat([a, T.ones([3])]), 'RuntimeError', 'Tensors must have same number of dimensions: got 2 and 1');
  assertShape(T.stack([a, a], 1), [2, 2, 3]);
  assertRaises(() => T.stack([a, T.ones([4, 5])]), 'RuntimeError', 'stack expects each tensor to be equal size, but got [2, 3] at entry 0 and [4, 5] at entry 1');
  assert.deepEqual(T.split(a, 2, 1).map((p) => [...p.shape]), [[2, 2], [2, 1]]);
  assert.deepEqual(T.split(a, [1, 2], 1).map((p) => [...p.shape]), [[2, 1], [2, 2]]);
  assert.deepEqual(T.chunk(T.ones([5]), 3).map((p) => p.shape[0]), [2, 2, 1]);
  assertRaises(() => T.chunk(a, 0), 'RuntimeError', 'chunk expects `chunks` to be greater than 0, got: 0');
  const r = T.repeat(T.tensorFromNested([1n, 2n]), [2, 2]);
  assert.deepEqual(T.toList(r), [[1, 2, 1, 2], [1, 2, 1, 2]]);
  assertRaises(() => T.repeat(a, [2]), 'RuntimeError', 'Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor');
  assertShape(T.tile(a, [2]), [2, 6]);
});

test('basic indexing returns views; index assignment writes through', () => {
  const x = T.reshape(T.arange(24n), [2, 3, 4]);
  const row = T.index(x, [1]);
  assert.equal(row.data, x.data);
  assert.deepEqual(T.toList(T.index(x, [T.ELLIPSIS, null, 1])), [[[1], [5], [9]], [[13], [17], [21]]]);
  assert.deepEqual(T.toList(T.index(x, [T.slice(null, null, 2), T.slice(1), T.slice(null, null, 3)])), [[[4, 7], [8, 11]]]);
  assertShape(T.index(x, [T.slice(5)]), [0, 3, 4]);
  assertShape(T.index(x, [T.slice(-10, 1)]), [1, 3, 4]);
  T.indexPut(x, [0, T.tensorFromNested([0n, 1n])], 100n);
  assert.deepEqual(T.toList(T.index(x, [0, T.slice(null, 2), 0])), [100, 100]);
  assert.deepEqual(T.toList(T.index(row, [0, 0])), 12);
  assertRaises(() => T.index(x, [T.slice(), T.slice(), T.slice(), T.slice()]), 'IndexError', 'too many indices for tensor of dimension 3');
  assertRaises(() => T.index(x, [5]), 'IndexError', 'index 5 is out of bounds for dimension 0 with size 2');
});

test('huge or invalid sizes raise instead of exhausting memory', () => {
  assertRaises(() => T.zeros([100000, 100000]), 'RuntimeError', 'too large for the TensorLint engine');
  assertRaises(() => T.zeros([2, -1]), 'RuntimeError', 'Trying to create tensor with negative dimension -1: [2, -1]');
  assertRaises(() => T.arange(0, 3, 0), 'RuntimeError', 'step must be nonzero');
  assertRaises(() => T.arange(0, -3n), 'RuntimeError', 'upper bound and larger bound inconsistent with step sign');
});
