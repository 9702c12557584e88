// Type promotion follows torch.result_type: dims beat 0-dim tensors beat Python scalars,
// unless the lower class is of a higher category. Expected dtypes were read from torch 1.13.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as T from '../../../engine/src/tensor';
import { assertClose, assertRaises } from './helpers';

const ints = T.tensorFromNested([1n, 2n]);
const floats = T.tensorFromNested([1.5, 2.5]);
const bools = T.tensorFromNested([true, false]);

test('tensorFromNested infers dtype like torch.tensor', () => {
  assert.equal(ints.dtype, 'int64');
  assert.equal(floats.dtype, 'float32');
  assert.equal(bools.dtype, 'bool');
  assert.equal(T.tensorFromNested([1n, 2.5]).dtype, 'float32');
  assert.equal(T.tensorFromNested([true, 2n]).dtype, 'int64');
  assert.equal(T.tensorFromNested([]).dtype, 'float32');
  assert.equal(T.tensorFromNested([[1n], [2n]], 'float64').dtype, 'float64');
  assertRaises(() => T.tensorFromNested([[1n], [2n, 3n]]), 'ValueError', 'expected sequence of length 1 at dim 1 (got 2)');
});

test('Python scalars promote by category only', () => {
  assert.equal(T.add(ints, 2.5).dtype, 'float32');
  assert.equal(T.add(ints, 2n).dtype, 'int64');
  assert.equal(T.add(floats, 2n).dtype, 'float32');
  assert.equal(T.add(bools, 1n).dtype, 'int64');
  assert.equal(T.add(bools, 1.5).dtype, 'float32');
  assert.equal(T.add(ints, true).dtype, 'int64');
  assertClose(T.add(ints, 2.5), [3.5, 4.5]);
});

test('0-dim tensors lose to dimensioned tensors of the same category', () => {
  const f64scalar = T.tensorFromNested(2.5, 'float64');
  assert.equal(T.add(f64scalar, T.tensorFromNested([1.0])).dtype, 'float32');
  assert.equal(T.add(f64scalar, T.tensorFromNested([1n])).dtype, 'float64');
  assert.equal(T.add(T.tensorFromNested([1.0]), T.tensorFromNested([1.0], 'float64')).dtype, 'float64');
});

test('true division of integers gives float32, floor division and modulo stay int64', () => {
  const q = T.div(ints, 3n);
  assert.equal(q.dtype, 'float32');
  assertClose(q, [0.3333333432674408, 0.6666666865348816], 0, 0);
  const a = T.tensorFromNested([-7n, 7n]);
  assert.deepEqual(T.toList(T.floorDivide(a, 2n)), [-4, 3]);
  assert.deepEqual(T.toList(T.remainder(a, 3n)), [2, 1]);
  assert.equal(T.floorDivide(a, 2n).dtype, 'int64');
  assertClose(T.floorDivide(T.tensorFromNested([-7, 7, -7.5]), T.tensorFromNested([2, -2, 2])), [-4, -4, -4]);
  assertClose(T.remainder(T.tensorFromNested([5.5]), -2n), [-0.5]);
  assertClose(T.floorDivide(T.tensorFromNested([5.0]), 0), [Infinity]);
  assertRaises(() => T.floorDivide(a, 0n), 'RuntimeError', 'ZeroDivisionError');
  assertRaises(() => T.remainder(a, 0n), 'RuntimeError', 'ZeroDivisionError');
});

test('integer division by zero tensor follows float rules after promotion', () => {
  assertClose(T.div(T.tensorFromNested([5n]), T.tensorFromNested([0n])), [Infinity]);
  assertClose(T.div(T.tensorFromNested([0n]), T.tensorFromNested([0n])), [NaN]);
});

test('pow keeps int64 for int exponents and rejects negative int scalars', () => {
  assert.deepEqual(T.toList(T.pow(ints, 2n)), [1, 4]);
  assert.equal(T.pow(ints, 0.5).dtype, 'float32');
  assert.deepEqual(T.toList(T.pow(T.tensorFromNested([2n]), T.tensorFromNested([-1n]))), [0]);
  assertRaises(() => T.pow(T.tensorFromNested([2n]), -1n), 'RuntimeError', 'Integers to negative integer powers are not allowed.');
  assertClose(T.pow(2n, T.tensorFromNested([3n, 4n])), [8, 16]);
  assertClose(T.pow(T.tensorFromNested([2, -8]), 1 / 3), [1.2599210739135742, NaN]);
});

test('comparisons give bool; bool arithmetic follows torch', () => {
  assert.equal(T.lt(ints, 1.5).dtype, 'bool');
  assert.deepEqual(T.toList(T.lt(ints, 1.5)), [false, true].map((b) => !b));
  assert.deepEqual(T.toList(T.add(bools, T.tensorFromNested([true, true]))), [true, true]);
  assertRaises(() => T.sub(bools, bools), 'RuntimeError', 'Subtraction, the `-` operator, with two bool tensors is not supported.');
  assertRaises(() => T.neg(bools), 'RuntimeError', 'Negation, the `-` operator, on a bool tensor is not supported.');
});

test('float ops on integers compute in float32', () => {
  assert.equal(T.exp(ints).dtype, 'float32');
  assert.equal(T.sqrt(bools).dtype, 'float32');
  assert.equal(T.abs(ints).dtype, 'int64');
  assert.equal(T.sum(bools).dtype, 'int64');
  assert.deepEqual(T.toList(T.sum(bools)), 1);
});

test('clamp and where use the promoted dtype of their operands', () => {
  assert.equal(T.clamp(T.tensorFromNested([1n, 5n]), 0.5).dtype, 'float32');
  assert.deepEqual(T.toList(T.clamp(T.tensorFromNested([1n, 5n]), 2n)), [2, 5]);
  const cond = T.tensorFromNested([true, false]);
  assertClose(T.where(cond, 1n, 2.5), [1, 2.5]);
  assert.equal(T.where(cond, 1n, 2n).dtype, 'int64');
  assertRaises(() => T.where(T.tensorFromNested([1n, 0n]), 1, 2), 'RuntimeError', 'where expected condition to be a boolean tensor');
});

test('conversions: float/long/bool and item', () => {
  const x = T.tensorFromNested([-1.7, 0, 2.9]);
  assert.deepEqual(T.toList(T.toLong(x)), [-1, 0, 2]);
  assert.deepEqual(T.toList(T.toBool(x)), [true, false, true]);
  assert.equal(T.item(T.tensorFromNested(3n)), 3n);
  assert.equal(T.item(T.tensorFromNested(true)), true);
  assertRaises(() => T.item(x), 'ValueError', 'only one element tensors can be converted to Python scalars');
});

test('bool operands: subtraction, rounding and abs raise like torch; square promotes', () => {
  assertRaises(() => T.sub(ints, true), 'RuntimeError', 'Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask');
  assertRaises(() => T.sub(T.tensorFromNested(true), T.tensorFromNested([1.0])), 'RuntimeError', 'with a bool tensor is not supported');
  assertRaises(() => T.abs(bools), 'RuntimeError', `"abs_cpu" not implemented for 'Bool'`);
  assertRaises(() => T.relu(bools), 'RuntimeError', 'Boolean inputs not supported for relu');
  assertRaises(() => T.floor(bools), 'RuntimeError', `"floor_vml_cpu" not implemented for 'Bool'`);
  assertRaises(() => T.floorDivide(bools, bools), 'RuntimeError', `"div_floor_cpu" not implemented for 'Bool'`);
  assertRaises(() => T.bitwiseAnd(floats, floats), 'RuntimeError', `"bitwise_and_cpu" not implemented for 'Float'`);
  assert.deepEqual(T.toList(T.bitwiseAnd(T.tensorFromNested([3n, 4n]), T.tensorFromNested([1n, 5n]))), [1, 4]);
  assert.equal(T.square(bools).dtype, 'int64');
  assert.deepEqual(T.toList(T.sign(bools)), [true, false]);
});

test('broadcast errors name the trailing-most mismatching dim', () => {
  assertRaises(() => T.add(T.ones([2, 0]), T.ones([0, 3])), 'RuntimeError', 'The size of tensor a (0) must match the size of tensor b (3) at non-singleton dimension 1');
  assertRaises(() => T.add(T.ones([2, 3]), T.ones([4])), 'RuntimeError', 'The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1');
});

test('softmax on integer tensors names torch kernels; empty inputs pass through', () => {
  assertRaises(() => T.logSoftmax(T.ones([2, 3], 'int64'), -1), 'RuntimeError', `"log_softmax_lastdim_kernel_impl" not implemented for 'Long'`);
  assertRaises(() => T.logSoftmax(T.ones([2, 3], 'int64'), 0), 'RuntimeError', `"softmax_kernel_impl" not implemented for 'Long'`);
  assert.equal(T.softmax(T.ones([0, 3], 'int64'), -1).dtype, 'int64');
});

test('ragged or non-numeric lists raise like torch.tensor', () => {
  assertRaises(() => T.tensorFromNested([[1n], 2n]), 'TypeError', 'not a sequence');
  assertRaises(() => T.tensorFromNested([1n, [2n]]), 'TypeError', "'list' object cannot be interpreted as an integer");
  assertRaises(() => T.tensorFromNested([null as never]), 'RuntimeError', 'Could not infer dtype of NoneType');
});
