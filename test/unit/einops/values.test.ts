// einops on concrete tensors: the same recipe as the shape rules, executed with the tensor
// kernels. Expected values are worked out by hand from C-order enumeration (consecutive
// elements differ in the last axis), as einops documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { einsum, pack, parseShape, rearrange, reduce, repeat, unpack, EinopsError } from '../../../engine/src/einops';
import { arange, tensorFromNested } from '../../../engine/src/tensor/create';
import { reshape } from '../../../engine/src/tensor/shapeOps';
import { toList } from '../../../engine/src/tensor/tensor';
import type { Tensor } from '../../../engine/src/tensor/tensor';
import { groups } from './cases';

/** 0, 1, 2, ... as float32 in the given shape. */
function counting(shape: number[]): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return reshape(arange(0, n, 1, 'float32'), shape);
}

test('rearrange transposes: "a b -> b a"', () => {
  // [[0, 1, 2], [3, 4, 5]] transposed
  const out = rearrange(counting([2, 3]), 'a b -> b a');
  assert.deepEqual(out.shape, [3, 2]);
  assert.deepEqual(toList(out), [[0, 3], [1, 4], [2, 5]]);
});

test('rearrange merges in the order written: "a b -> (b a)"', () => {
  assert.deepEqual(toList(rearrange(counting([2, 3]), 'a b -> (b a)')), [0, 3, 1, 4, 2, 5]);
});

test('rearrange splits: "(h w) -> h w" with h=2', () => {
  assert.deepEqual(toList(rearrange(counting([6]), '(h w) -> h w', { h: 2 })), [[0, 1, 2], [3, 4, 5]]);
});

test('space-to-depth on a 4x4 image', () => {
  // x[0, i, j, 0] = 4*i + j; each output pixel gathers a 2x2 block in (h1, w1) order
  const out = rearrange(counting([1, 4, 4, 1]), 'b (h h1) (w w1) c -> b h w (c h1 w1)', { h1: 2, w1: 2 });
  assert.deepEqual(out.shape, [1, 2, 2, 4]);
  assert.deepEqual(toList(out), [[[[0, 1, 4, 5], [2, 3, 6, 7]], [[8, 9, 12, 13], [10, 11, 14, 15]]]]);
});

test('rearrange round trip through "(f d) c (e b) a" restores the input', () => {
  // the einops consistency test, on shape (1, 2, 3, 5, 7, 11) shrunk to (1, 2, 3, 2, 2, 3)
  const x = counting([1, 2, 3, 2, 2, 3]);
  const there = rearrange(x, 'a b c d e f -> (f d) c (e b) a');
  assert.deepEqual(there.shape, [6, 3, 4, 1]);
  const back = rearrange(there, '(f d) c (e b) a -> a b c d e f', { b: 2, d: 2 });
  assert.deepEqual(toList(back), toList(x));
});

test('rearrange of a list stacks it first', () => {
  const list = [counting([2]), counting([2])];
  assert.deepEqual(toList(rearrange(list, 'b n -> n b')), [[0, 0], [1, 1]]);
});

test('2x2 max-pooling', () => {
  // blocks of [[0,1,2,3],[4,5,6,7],[8,9,10,11],[12,13,14,15]]: maxima 5, 7, 13, 15
  assert.deepEqual(toList(reduce(counting([4, 4]), '(h 2) (w 2) -> h w', 'max')), [[5, 7], [13, 15]]);
});

test('2x2 mean-pooling', () => {
  // (0+1+4+5)/4 = 2.5, (2+3+6+7)/4 = 4.5, (8+9+12+13)/4 = 10.5, (10+11+14+15)/4 = 12.5
  assert.deepEqual(toList(reduce(counting([4, 4]), '(h h2) (w w2) -> h w', 'mean', { h2: 2, w2: 2 })), [[2.5, 4.5], [10.5, 12.5]]);
});

test('sum, min and prod over an axis', () => {
  const x = counting([2, 3]);
  assert.deepEqual(toList(reduce(x, 'a b -> a', 'sum')), [3, 12]);
  assert.deepEqual(toList(reduce(x, 'a b -> b', 'min')), [0, 1, 2]);
  // 0*1*2 = 0, 3*4*5 = 60
  assert.deepEqual(toList(reduce(x, 'a b -> a', 'prod')), [0, 60]);
});

test('reduce keeps a unit axis: "b n -> b 1"', () => {
  const out = reduce(counting([2, 3]), 'b n -> b 1', 'max');
  assert.deepEqual(out.shape, [2, 1]);
  assert.deepEqual(toList(out), [[2], [5]]);
});

test('reduce over everything gives a scalar', () => {
  // 0 + 1 + ... + 5 = 15
  const out = reduce(counting([2, 3]), '... -> ', 'sum');
  assert.deepEqual(out.shape, []);
  assert.equal(toList(out), 15);
});

test('mean of an int tensor fails as in einops', () => {
  const ints = tensorFromNested([[1, 2], [3, 4]], 'int64');
  assert.throws(() => reduce(ints, 'a b -> a', 'mean'), (e: unknown) => e instanceof EinopsError && e.torchType === 'NotImplementedError');
});

test('repeat to RGB: "h w -> h w c" with c=2', () => {
  assert.deepEqual(toList(repeat(tensorFromNested([[1, 2]]), 'h w -> h w c', { c: 2 })), [[[1, 1], [2, 2]]]);
});

test('repeat tiles or interleaves depending on the axis order', () => {
  const image = tensorFromNested([[1, 2], [3, 4]]);
  // (repeat h): the whole image twice
  assert.deepEqual(toList(repeat(image, 'h w -> (repeat h) w', { repeat: 2 })), [[1, 2], [3, 4], [1, 2], [3, 4]]);
  // (h h2): each row twice
  assert.deepEqual(toList(repeat(image, 'h w -> (h h2) w', { h2: 2 })), [[1, 2], [1, 2], [3, 4], [3, 4]]);
});

test('repeat with an anonymous axis: "a -> a 3"', () => {
  assert.deepEqual(toList(repeat(tensorFromNested([7, 8]), 'a -> a 3')), [[7, 7, 7], [8, 8, 8]]);
});

test('repeat then reduce with min restores the input (einops check_reversion)', () => {
  const x = counting([2, 3, 5]);
  const repeated = repeat(x, 'a b c -> (c a) (copy1 b copy2)', { a: 2, copy1: 1, copy2: 2 });
  assert.deepEqual(repeated.shape, [10, 6]);
  const restored = reduce(repeated, '(c a) (copy1 b copy2) -> a b c', 'min', { a: 2, copy1: 1, copy2: 2 });
  assert.deepEqual(toList(restored), toList(x));
});

test('einsum matrix product', () => {
  // [[1,2],[3,4]] @ [[5,6],[7,8]] = [[19,22],[43,50]]
  const a = tensorFromNested([[1, 2], [3, 4]]);
  const b = tensorFromNested([[5, 6], [7, 8]]);
  assert.deepEqual(toList(einsum(a, b, 'i j, j k -> i k')), [[19, 22], [43, 50]]);
});

test('einsum trace and long axis names', () => {
  // 0 + 4 + 8 = 12
  assert.equal(toList(einsum(counting([3, 3]), 'row row ->')), 12);
  const x = counting([2, 3]);
  assert.deepEqual(toList(einsum(x, 'batch feature -> feature batch')), [[0, 3], [1, 4], [2, 5]]);
});

test('pack and unpack round trip', () => {
  const a = counting([2, 1]);
  const b = reshape(arange(10, 16, 1, 'float32'), [2, 3]);
  const { packed, packedShapes } = pack([a, b], 'i *');
  assert.deepEqual(packedShapes, [[1], [3]]);
  // rows: [0] + [10, 11, 12] and [1] + [13, 14, 15]
  assert.deepEqual(toList(packed), [[0, 10, 11, 12], [1, 13, 14, 15]]);
  const [a2, b2] = unpack(packed, packedShapes, 'i *');
  assert.deepEqual(toList(a2), toList(a));
  assert.deepEqual(toList(b2), toList(b));
});

test('pack flattens what * covers', () => {
  const { packed, packedShapes } = pack([counting([2, 2, 2]), counting([2])], 'b *');
  assert.deepEqual(packed.shape, [2, 5]);
  assert.deepEqual(packedShapes, [[2, 2], []]);
});

test('parse_shape on a tensor', () => {
  assert.deepEqual([...parseShape(counting([2, 3, 5, 7]), 'batch _ h w')], [['batch', 2], ['h', 5], ['w', 7]]);
});

test('kernels produce exactly the shapes the rules predict, for every all-number documented case', () => {
  let checked = 0;
  for (const [, cases] of groups) {
    for (const [op, pattern, input, axes, expected] of cases) {
      if (![...input, ...expected, ...Object.values(axes)].every((d) => typeof d === 'number')) continue;
      // keep the tensors small: the big docstring shapes are covered by the shape tests
      if ((input as number[]).reduce((a, b) => a * b, 1) > 5000) continue;
      const x = counting(input as number[]);
      const lengths = axes as Record<string, number>;
      const out = op === 'rearrange' ? rearrange(x, pattern, lengths)
        : op === 'repeat' ? repeat(x, pattern, lengths)
          : reduce(x, pattern, op, lengths);
      assert.deepEqual(out.shape, expected, `${op} "${pattern}"`);
      checked++;
    }
  }
  // the documented all-number cases that fit: einops' test patterns and the pooling examples
  assert.ok(checked >= 30, `only ${checked} cases ran`);
});
