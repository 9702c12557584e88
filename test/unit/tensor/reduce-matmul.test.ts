// Reductions (dims, keepdim, dtypes, nan and empty inputs) and the matmul family
// (broadcasting cases and torch's error wording). Expectations come from torch 1.13.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as T from '../../../engine/src/tensor';
import { assertClose, assertRaises, assertShape } from './helpers';

test('sum over dims, tuples, keepdim, dtype', () => {
  const x = T.ones([2, 3, 4]);
  assertShape(T.sum(x, [0, 2]), [3]);
  assertShape(T.sum(x, -1, true), [2, 3, 1]);
  assertShape(T.sum(x, []), []);
  assert.equal(T.sum(x, null, false, 'float64').dtype, 'float64');
  assert.equal(T.sum(T.ones([2], 'int64')).dtype, 'int64');
  assertRaises(() => T.sum(T.ones([2, 3]), [0, 0]), 'RuntimeError', 'dim 0 appears multiple times in the list of dims');
  assertRaises(() => T.sum(T.ones([2, 3]), 2), 'IndexError', 'Dimension out of range (expected to be in range of [-2, 1], but got 2)');
  assertRaises(() => T.sum(T.tensorFromNested(5), 1), 'IndexError', 'Dimension out of range (expected to be in range of [-1, 0], but got 1)');
  assertClose(T.sum(T.tensorFromNested(5), 0), 5);
  assertClose(T.sum(T.ones([0, 3]), 0), [0, 0, 0]);
  assertClose(T.sum(T.transpose(T.reshape(T.arange(6), [2, 3]), 0, 1), 1), [3, 5, 7]);
});

test('mean/prod/std dtype rules', () => {
  assertRaises(() => T.mean(T.ones([3], 'int64')), 'RuntimeError', 'mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long');
  assertClose(T.mean(T.tensorFromNested([1n, 2n]), null, false, 'float32'), 1.5);
  assertClose(T.mean(T.ones([0])), NaN);
  assert.deepEqual(T.toList(T.prod(T.tensorFromNested([true, false]))), 0);
  assertRaises(() => T.std(T.ones([3], 'int64')), 'RuntimeError', 'std and var only support floating point and complex dtypes');
  assertRaises(() => T.norm(T.ones([2], 'int64')), 'RuntimeError', 'norm(): input dtype should be either floating point or complex. Got Long instead.');
});

test('max/min: values and indices, nan propagation, empty inputs', () => {
  const m = T.maxDim(T.tensorFromNested([[1, 5], [3, 2]]), 1, true);
  assert.deepEqual(T.toList(m.values), [[5], [3]]);
  assert.deepEqual(T.toList(m.indices), [[1], [0]]);
  assert.equal(m.indices.dtype, 'int64');
  assert.deepEqual(T.toList(T.maxDim(T.tensorFromNested([1, 3, 3]), 0).indices), 1);
  assertClose(T.max(T.tensorFromNested([1, NaN, 3])), NaN);
  assert.deepEqual(T.toList(T.argmax(T.tensorFromNested([1, NaN, 3]))), 1);
  assert.deepEqual(T.toList(T.argmin(T.tensorFromNested([[1n, 5n], [3n, 2n]]), 0)), [0, 1]);
  assert.deepEqual(T.toList(T.argmax(T.tensorFromNested([[1n, 5n], [3n, 2n]]), null, true)), [[1]]);
  assertRaises(() => T.max(T.ones([0])), 'RuntimeError', "max(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.");
  assertRaises(() => T.maxDim(T.ones([0, 3]), 0), 'IndexError', 'max(): Expected reduction dim 0 to have non-zero size.');
  assertShape(T.maxDim(T.ones([0, 3]), 1).values, [0]);
  assertRaises(() => T.argmax(T.ones([0])), 'IndexError', 'argmax(): Expected reduction dim to be specified for input.numel() == 0.');
  assertRaises(() => T.amax(T.ones([0, 3]), 0), 'IndexError', 'amax(): Expected reduction dim 0 to have non-zero size.');
  assert.deepEqual(T.toList(T.maxDim(T.tensorFromNested(5), 0).indices), 0);
});

test('all/any give bool for every dtype', () => {
  assert.deepEqual(T.toList(T.all(T.tensorFromNested([1n, 2n]))), true);
  assert.deepEqual(T.toList(T.any(T.tensorFromNested([0, 0]))), false);
  assert.deepEqual(T.toList(T.all(T.ones([0, 3]), 0)), [true, true, true]);
});

test('matmul covers vector, matrix and broadcast batch cases', () => {
  const a = T.reshape(T.arange(6), [2, 3]);
  assertClose(T.matmul(a, T.arange(3)), [5, 14]);
  assertClose(T.matmul(T.arange(3), T.reshape(T.arange(12), [2, 3, 2])), [[10, 13], [28, 31]]);
  assertShape(T.matmul(T.ones([2, 1, 3, 4]), T.ones([5, 4, 2])), [2, 5, 3, 2]);
  assertShape(T.matmul(T.ones([5, 2, 3]), T.ones([3])), [5, 2]);
  assertShape(T.matmul(T.ones([0, 3]), T.ones([3, 2])), [0, 2]);
  assertShape(T.matmul(T.ones([3]), T.ones([3])), []);
  assert.equal(T.matmul(T.ones([2, 3], 'int64'), T.ones([3, 2], 'int64')).dtype, 'int64');
  const big = T.matmul(T.reshape(T.arange(35), [5, 7]), T.reshape(T.arange(21), [7, 3]));
  assertClose(T.index(big, [4]), [2037, 2254, 2471]);
});

test('matmul errors match torch', () => {
  assertRaises(() => T.matmul(T.ones([2, 3]), T.ones([4, 5])), 'RuntimeError', 'mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)');
  assertRaises(() => T.matmul(T.ones([3]), T.ones([4])), 'RuntimeError', 'inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but got 3 and 4 elements respectively');
  assertRaises(() => T.matmul(T.ones([3]), T.ones([4, 5])), 'RuntimeError', 'mat1 and mat2 shapes cannot be multiplied (1x3 and 4x5)');
  assertRaises(() => T.matmul(T.ones([4, 5]), T.ones([3])), 'RuntimeError', 'size mismatch, got 4, 4x5,3');
  assertRaises(() => T.matmul(T.ones([2, 4, 5]), T.ones([3])), 'RuntimeError', 'size mismatch, got 8, 8x5,3');
  assertRaises(() => T.matmul(T.ones([3]), T.ones([2, 4, 5])), 'RuntimeError', 'size mismatch, got 10, 10x4,3');
  assertRaises(() => T.matmul(T.ones([2, 2, 3]), T.ones([2, 4, 5])), 'RuntimeError', 'Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [2, 4].');
  assertRaises(() => T.matmul(T.ones([3, 2, 3]), T.ones([2, 3, 5])), 'RuntimeError', 'The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 0');
  assertRaises(() => T.matmul(T.ones([2, 3]), T.ones([3, 2], 'float64')), 'RuntimeError', 'expected scalar type Float but found Double');
  assertRaises(() => T.matmul(T.ones([2, 3], 'bool'), T.ones([3, 2], 'bool')), 'RuntimeError', `"addmm_impl_cpu_" not implemented for 'Bool'`);
  assertRaises(() => T.matmul(T.tensorFromNested(1), T.ones([2])), 'RuntimeError', 'both arguments to matmul need to be at least 1D, but they are 0D and 1D');
  assertRaises(() => T.mm(T.ones([3]), T.ones([3])), 'RuntimeError', 'self must be a matrix');
  assertRaises(() => T.bmm(T.ones([2, 2, 3]), T.ones([2, 3])), 'RuntimeError', 'batch2 must be a 3D tensor');
  assertRaises(() => T.dot(T.ones([3]), T.ones([3], 'float64')), 'RuntimeError', 'dot : expected both vectors to have same dtype, but found Float and Double');
  assertRaises(() => T.outer(T.ones([2, 2]), T.ones([2])), 'RuntimeError', 'outer: Expected 1-D argument self, but got 2-D');
});

test('einsum: contractions, diagonals, ellipsis, implicit output, errors', () => {
  const a = T.reshape(T.arange(6), [2, 3]);
  assertClose(T.einsum('ij,jk->ik', a, T.reshape(T.arange(12), [3, 4])), [[20, 23, 26, 29], [56, 68, 80, 92]]);
  assertClose(T.einsum('ii', T.reshape(T.arange(9), [3, 3])), 12);
  assertShape(T.einsum('ii->i', T.ones([3, 3])), [3]);
  assertClose(T.einsum('bij,bjk->bik', T.reshape(T.arange(12), [2, 2, 3]), T.reshape(T.arange(6), [1, 3, 2])), [[[10, 13], [28, 40]], [[46, 67], [64, 94]]]);
  assertShape(T.einsum('...ij,...jk->...ik', T.ones([2, 3, 4]), T.ones([4, 5])), [2, 3, 5]);
  assertShape(T.einsum('i,j', T.ones([2]), T.ones([3])), [2, 3]);
  assertShape(T.einsum('ba', T.ones([2, 3])), [3, 2]);
  assertShape(T.einsum('ij -> ji', T.ones([2, 3])), [3, 2]);
  assertRaises(() => T.einsum('ij,jk->ik', T.ones([2, 3]), T.ones([4, 5])), 'RuntimeError', 'einsum(): subscript j has size 4 for operand 1 which does not broadcast with previously seen size 3');
  assertRaises(() => T.einsum('ij->k', T.ones([2, 2])), 'RuntimeError', 'einsum(): output subscript k does not appear in the equation for any input operand');
  assertRaises(() => T.einsum('ij', T.ones([2, 2, 2])), 'RuntimeError', 'einsum(): the number of subscripts in the equation (2) does not match the number of dimensions (3) for operand 0 and no ellipsis was given');
  assertRaises(() => T.einsum('ij,jk->ik', T.ones([2, 3])), 'RuntimeError', 'einsum(): fewer operands were provided than specified in the equation');
  assertRaises(() => T.einsum('i->ii', T.ones([2])), 'RuntimeError', 'einsum(): output subscript i appears more than once in the output');
});

test('linear, pad, one_hot', () => {
  const y = T.linear(T.ones([2, 3]), T.ones([4, 3]), T.tensorFromNested([1, 2, 3, 4]));
  assertClose(y, [[4, 5, 6, 7], [4, 5, 6, 7]]);
  assertRaises(() => T.linear(T.ones([2, 3]), T.ones([4, 4])), 'RuntimeError', 'mat1 and mat2 shapes cannot be multiplied (2x3 and 4x4)');
  const p = T.pad(T.reshape(T.arange(6), [2, 3]), [1, 2, 0, 1], 'constant', -1);
  assertClose(p, [[-1, 0, 1, 2, -1, -1], [-1, 3, 4, 5, -1, -1], [-1, -1, -1, -1, -1, -1]]);
  assertClose(T.pad(T.reshape(T.arange(6), [2, 3]), [-1, 0]), [[1, 2], [4, 5]]);
  assertRaises(() => T.pad(T.ones([2, 3]), [1]), 'RuntimeError', 'Padding length must be divisible by 2');
  assert.deepEqual(T.toList(T.oneHot(T.tensorFromNested([0n, 2n]))), [[1, 0, 0], [0, 0, 1]]);
  assertRaises(() => T.oneHot(T.tensorFromNested([0n, 3n]), 3), 'RuntimeError', 'Class values must be smaller than num_classes.');
  assertRaises(() => T.oneHot(T.tensorFromNested([0, 1])), 'RuntimeError', 'one_hot is only applicable to index tensor.');
  assertRaises(() => T.crossEntropy(T.ones([2, 3]), T.tensorFromNested([0n, 3n])), 'IndexError', 'Target 3 is out of bounds.');
  assertRaises(() => T.crossEntropy(T.ones([2, 3]), T.tensorFromNested([0, 1])), 'RuntimeError', 'expected scalar type Long but found Float');
  assertRaises(() => T.crossEntropy(T.ones([2, 3]), T.tensorFromNested([0n])), 'ValueError', 'Expected input batch_size (2) to match target batch_size (1).');
  assertRaises(() => T.crossEntropy(T.ones([2, 3, 4]), T.tensorFromNested([[0n, 1n, 1n], [0n, 1n, 1n]])), 'RuntimeError', 'Expected target size [2, 4], got [2, 3]');
  assertRaises(() => T.nllLoss(T.ones([2, 3]), T.tensorFromNested([0n, 1n]), { reduction: 'bad' as never }), 'ValueError', 'bad is not a valid value for reduction');
  assertRaises(() => T.softmax(T.ones([3], 'int64'), 0), 'RuntimeError', `"softmax_lastdim_kernel_impl" not implemented for 'Long'`);
  assertRaises(() => T.layerNorm(T.ones([2, 3]), [4]), 'RuntimeError', 'Given normalized_shape=[4], expected input with shape [*, 4], but got input of size[2, 3]');
  assertRaises(() => T.binaryCrossEntropy(T.tensorFromNested([2]), T.tensorFromNested([1])), 'RuntimeError', 'all elements of input should be between 0 and 1');
});

test('pad modes reflect, replicate and circular follow torch', () => {
  const x = T.reshape(T.arange(6), [1, 2, 3]);
  assertClose(T.pad(x, [2, 1], 'reflect'), [[[2, 1, 0, 1, 2, 1], [5, 4, 3, 4, 5, 4]]]);
  assertClose(T.pad(x, [1, 2], 'replicate'), [[[0, 0, 1, 2, 2, 2], [3, 3, 4, 5, 5, 5]]]);
  assertClose(T.pad(x, [2, 1], 'circular'), [[[1, 2, 0, 1, 2, 0], [4, 5, 3, 4, 5, 3]]]);
  assertClose(T.pad(x, [1, 1, 1, 1], 'reflect'), [[[4, 3, 4, 5, 4], [1, 0, 1, 2, 1], [4, 3, 4, 5, 4], [1, 0, 1, 2, 1]]]);
  assertClose(T.pad(x, [-1, 1], 'reflect'), [[[1, 2, 1], [4, 5, 4]]]);
  assertRaises(() => T.pad(x, [3, 1], 'reflect'), 'RuntimeError', 'Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (3, 1) at dimension 2 of input [1, 2, 3]');
  assertRaises(() => T.pad(T.ones([1, 2, 3, 4]), [1, 1, 3, 3], 'reflect'), 'RuntimeError', 'Argument #6: Padding size should be less than the corresponding input dimension, but got: padding (3, 3) at dimension 2 of input 4');
  assertRaises(() => T.pad(T.arange(3), [1, 1], 'reflect'), 'NotImplementedError', 'Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now');
  assertRaises(() => T.pad(x, [4, 0], 'circular'), 'RuntimeError', 'Padding value causes wrapping around more than once.');
  assertRaises(() => T.pad(x, [1, 1], 'bogus'), 'NotImplementedError', 'Unrecognised padding mode bogus');
  assertRaises(() => T.pad(T.ones([2, 3], 'int64'), [1, 1], 'replicate'), 'RuntimeError', `"replication_pad1d_cpu" not implemented for 'Long'`);
});

test('sort, argsort and topk: nan sorts highest, ties keep index order', () => {
  const x = T.tensorFromNested([[3, NaN, 1, 3], [2, -1, Infinity, 0]]);
  const s = T.sort(x);
  assertClose(s.values, [[1, 3, 3, NaN], [-1, 0, 2, Infinity]]);
  assert.deepEqual(T.toList(s.indices), [[2, 0, 3, 1], [1, 3, 0, 2]]);
  const sd = T.sort(x, -1, true);
  assertClose(sd.values, [[NaN, 3, 3, 1], [Infinity, 2, 0, -1]]);
  assert.deepEqual(T.toList(sd.indices), [[1, 0, 3, 2], [2, 0, 3, 1]]);
  assert.deepEqual(T.toList(T.argsort(x, 0)), [[1, 1, 0, 1], [0, 0, 1, 0]]);
  const top = T.topk(x, 2);
  assertClose(top.values, [[NaN, 3], [Infinity, 2]]);
  assertShape(T.topk(x, 0).indices, [2, 0], 'int64');
  assertClose(T.topk(x, 2, -1, false).values, [[1, 3], [-1, 0]]);
  assertRaises(() => T.topk(x, 5), 'RuntimeError', 'selected index k out of range');
  assert.deepEqual(T.toList(T.sort(T.tensorFromNested([true, false])).values), [false, true]);
  assert.deepEqual(T.toList(T.topk(T.tensorFromNested([3n, 1n, 2n]), 2).indices), [0, 2]);
});

test('prod multiplies in float32, in order: an underflowed partial product times inf is nan', () => {
  // torch 1.13: torch.tensor([1e-30, 1e-30, float('inf')]).prod() -> nan; in float64 it is inf.
  const v = T.tensorFromNested([1e-30, 1e-30, Infinity]);
  assert.ok(Number.isNaN(T.toList(T.prod(v)) as number));
  assert.equal(T.toList(T.prod(T.toDType(v, 'float64'))), Infinity);
  // Over a leading dim too: torch.tensor([[1e-30], [1e-30], [inf]]).prod(0) -> tensor([nan]).
  assert.ok(Number.isNaN((T.toList(T.prod(T.reshape(v, [3, 1]), 0)) as number[])[0]));
});
