// Shape cases taken from the einops documentation (docstrings of rearrange / reduce / repeat
// / parse_shape / einsum / pack, and the patterns of einops' own test suite). einops cannot be
// installed here, so each expected shape is worked out by hand and the arithmetic is stated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  einsumShape, packShapes, parseShapeOf, rearrangeShape, reduceShape, repeatShape, unpackShapes,
} from '../../../engine/src/einops';
import type { AxesLengths } from '../../../engine/src/einops';
import { assertShape, dim, shapeOf } from './check';
import { groups } from './cases';
import type { Case } from './cases';

function run([op, pattern, input, axes, expected]: Case): void {
  const lengths: AxesLengths = Object.fromEntries(Object.entries(axes).map(([k, v]) => [k, dim(v)]));
  const shape = shapeOf(input);
  const out = op === 'rearrange' ? rearrangeShape(pattern, shape, lengths)
    : op === 'repeat' ? repeatShape(pattern, shape, lengths)
      : reduceShape(pattern, shape, op, lengths);
  assertShape(out, expected, `${op} "${pattern}"`);
}

for (const [name, cases] of groups) {
  for (const c of cases) {
    test(`${name}: ${c[0]} "${c[1]}" on (${c[2].join(', ')})`, () => run(c));
  }
}

test('parse_shape docstring: "batch _ h w" on (2, 3, 5, 7)', () => {
  const parsed = parseShapeOf('batch _ h w', [2, 3, 5, 7]);
  assert.deepEqual([...parsed], [['batch', 2], ['h', 5], ['w', 7]]);
});

test('parse_shape with ellipsis and unit axes', () => {
  // `...` covers (2, 3); the trailing `1` must be a dim of length 1
  const parsed = parseShapeOf('... h w 1', [2, 3, 5, 7, 1]);
  assert.deepEqual([...parsed], [['h', 5], ['w', 7]]);
});

test('parse_shape on symbolic dims returns the symbols', () => {
  const parsed = parseShapeOf('b n', shapeOf(['batch', 'n']));
  assertShape([parsed.get('b')!, parsed.get('n')!], ['batch', 'n']);
});

test('einsum docstring: "a b c, c b d, a g k -> a b k" on three (20, 20, 20)', () => {
  assertShape(einsumShape('a b c, c b d, a g k -> a b k', [[20, 20, 20], [20, 20, 20], [20, 20, 20]]), [20, 20, 20]);
});

test('einsum docstring: filtering images (128, 16, 16) with (16, 16, 30)', () => {
  assertShape(einsumShape('batch h w, h w channel -> batch channel', [[128, 16, 16], [16, 16, 30]]), [128, 30]);
});

test('einsum docstring: ellipsis matmul (10, 20) with (50, 30, 20)', () => {
  assertShape(einsumShape('out_dim in_dim, ... in_dim -> ... out_dim', [[10, 20], [50, 30, 20]]), [50, 30, 10]);
});

test('einsum docstring: trace "i i ->" gives a scalar', () => {
  assertShape(einsumShape('i i ->', [[10, 10]]), []);
});

test('einsum on symbolic attention scores', () => {
  assertShape(einsumShape('b h n d, b h m d -> b h n m', [shapeOf(['b', 'h', 'n', 'd']), shapeOf(['b', 'h', 'm', 'd'])]), ['b', 'h', 'n', 'm']);
});

test('einsum broadcasts a size-1 label like torch', () => {
  // torch.einsum('ab,bc->ac', (2, 3), (1, 4)) is (2, 4)
  assertShape(einsumShape('a b, b c -> a c', [[2, 3], [1, 4]]), [2, 4]);
});

test('pack docstring: (2,3,5), (2,3,7,5), (2,3,7,9,5) with "i j * k"', () => {
  // 71 = 1 + 7 + 7*9
  const { shape, packedShapes } = packShapes([[2, 3, 5], [2, 3, 7, 5], [2, 3, 7, 9, 5]], 'i j * k');
  assertShape(shape, [2, 3, 71, 5]);
  assert.deepEqual(packedShapes, [[], [7], [7, 9]]);
});

test('unpack docstring reverses pack', () => {
  const out = unpackShapes([2, 3, 71, 5], [[], [7], [7, 9]], 'i j * k');
  assert.deepEqual(out, [[2, 3, 5], [2, 3, 7, 5], [2, 3, 7, 9, 5]]);
});

test('pack on symbolic shapes: class token and patches', () => {
  // (b, d) and (b, n, d) with "b * d": * covers () and (n,), so the packed dim is 1 + n
  const { shape, packedShapes } = packShapes([shapeOf(['b', 'd']), shapeOf(['b', 'n', 'd'])], 'b * d');
  assertShape(shape, ['b', 'n+1', 'd']);
  assertShape(packedShapes[1], ['n']);
});

test('unpack infers the one -1 entry', () => {
  // 10 - 3 = 7 left for the -1
  assert.deepEqual(unpackShapes([2, 3, 10], [[3], [-1]], 'i j *'), [[2, 3, 3], [2, 3, 7]]);
  // 10 - 4 = 6, split into (-1, 2): 6 / 2 = 3
  assert.deepEqual(unpackShapes([2, 3, 10], [[4], [-1, 2]], 'i j *'), [[2, 3, 4], [2, 3, 3, 2]]);
});

test('unpack of a symbolic packed dim', () => {
  const out = unpackShapes(shapeOf(['b', 'n+1', 'd']), [[], [-1]], 'b * d');
  assertShape(out[0], ['b', 'd']);
  assertShape(out[1], ['b', 'n', 'd']);
});
