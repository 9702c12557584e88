// Error cases: each pattern/shape below makes einops (or torch.einsum behind einops.einsum)
// raise; the expected type and wording are einops' own (read from its source and tests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EinopsError, einsumShape, packShapes, parseShapeOf, rearrangeShape, reduceShape, repeatShape, unpackShapes,
} from '../../../engine/src/einops';
import { ShapeError } from '../../../engine/src/shape';
import { assertEinopsError, assertShape, shapeOf } from './check';

test('an axis on the right only is reported with both sides named', () => {
  const error = assertEinopsError(() => rearrangeShape('b c -> c b h', [2, 3]), 'EinopsError',
    /Identifiers only on one side of expression \(should be on both\): \{'h'\}/);
  // einops' wrapping names the pattern, the input shape and the axis lengths
  assert.match(error.message, /Error while processing rearrange-reduction pattern "b c -> c b h"/);
  assert.match(error.message, /Input tensor shape: \(2, 3\)\. Additional info: \{\}/);
  assert.equal(error.reason, "Identifiers only on one side of expression (should be on both): {'h'}");
});

test('an EinopsError is a ShapeError for the rules', () => {
  const error = assertEinopsError(() => rearrangeShape('a b -> a', [2, 3]), 'EinopsError', /only on one side/);
  assert.ok(error instanceof ShapeError);
  assert.equal(error.op, 'einops.rearrange');
  assert.deepEqual(error.operands, [[2, 3]]);
});

test('an axis twice on one side', () => {
  assertEinopsError(() => rearrangeShape('b b -> b', [2, 2]), 'EinopsError', /duplicate dimension "b"/);
});

test('indivisible composition: 10 in chunks of 3', () => {
  assertEinopsError(() => rearrangeShape('(a b) -> a b', [10], { b: 3 }), 'EinopsError',
    /Shape mismatch, can't divide axis of length 10 in chunks of 3/);
});

test('indivisible 2x2 pooling of an odd height', () => {
  // 31 is not a multiple of 2
  assertEinopsError(() => reduceShape('b c (h 2) (w 2) -> b c h w', [1, 3, 31, 40], 'max'), 'EinopsError', /can't divide axis of length 31 in chunks of 2/);
});

test('rank mismatch without ellipsis', () => {
  assertEinopsError(() => rearrangeShape('a b c -> a b c', [2, 3]), 'EinopsError', /Wrong shape: expected 3 dims\. Received 2-dim tensor\./);
});

test('rank too small for the axes around an ellipsis', () => {
  assertEinopsError(() => rearrangeShape('a b ... -> a b ...', [2]), 'EinopsError', /Wrong shape: expected >=2 dims\. Received 1-dim tensor\./);
});

test('non-unitary anonymous axis in rearrange', () => {
  assertEinopsError(() => rearrangeShape('a 2 -> a', [3, 2]), 'EinopsError', /Non-unitary anonymous axes are not supported in rearrange/);
});

test('ellipsis on the right only', () => {
  assertEinopsError(() => rearrangeShape('a b -> a b ...', [2, 3]), 'EinopsError', /Ellipsis found in right side, but not left side/);
});

test('ellipsis on the left only in rearrange', () => {
  assertEinopsError(() => rearrangeShape('a ... -> a', [2, 3]), 'EinopsError', /Identifiers only on one side/);
});

test('ellipsis inside parentheses on the left', () => {
  assertEinopsError(() => rearrangeShape('(...) -> (...)', [1, 1]), 'EinopsError', /Ellipsis inside parenthesis in the left side is not allowed/);
});

test('repeat without a length for the new axis', () => {
  assertEinopsError(() => repeatShape('h w -> h w c', [30, 40]), 'EinopsError', /Specify sizes for new axes in repeat: \{'c'\}/);
});

test('repeat that drops an axis', () => {
  assertEinopsError(() => repeatShape('h w -> h', [30, 40]), 'EinopsError', /Unexpected identifiers on the left side of repeat: \{'w'\}/);
});

test('reduce with a new axis on the right', () => {
  assertEinopsError(() => reduceShape('a b -> a c', [2, 3], 'sum'), 'EinopsError', /Unexpected identifiers on the right side of reduce sum: \{'c'\}/);
});

test('unknown reduction name', () => {
  assertEinopsError(() => reduceShape('a b -> a', [2, 3], 'median'), 'EinopsError', /Unknown reduction median/);
});

test('an axis length for an axis the pattern does not use', () => {
  assertEinopsError(() => rearrangeShape('a b -> b a', [2, 3], { c: 2 }), 'EinopsError', /Axis c is not used in transform/);
});

test('two unknown axes in one group', () => {
  assertEinopsError(() => rearrangeShape('(a b) -> a b', [6]), 'EinopsError', /Could not infer sizes for \{'a', 'b'\}/);
});

test('an axis length that contradicts the dim', () => {
  assertEinopsError(() => rearrangeShape('a b -> b a', [6, 4], { a: 5 }), 'EinopsError', /Shape mismatch, 6 != 5/);
});

test('a unit axis over a dim that is not 1', () => {
  assertEinopsError(() => rearrangeShape('b 1 c -> b c', [2, 3, 4]), 'EinopsError', /Shape mismatch, 3 != 1/);
});

test('a symbolic axis length that contradicts a symbolic dim', () => {
  // generic case: distinct symbols are different sizes
  const error = assertEinopsError(() => rearrangeShape('b n -> n b', shapeOf(['b', 'n']), { n: shapeOf(['m'])[0] }), 'EinopsError',
    /Shape mismatch, n != m \(unless n == m\)/);
  assert.equal(error.symbolic, true);
  // concrete mismatches are not "symbolic"
  const concrete = assertEinopsError(() => rearrangeShape('a b -> b a', [6, 4], { a: 5 }), 'EinopsError', /6 != 5$/);
  assert.equal(concrete.symbolic, false);
});

test('nested parentheses', () => {
  assertEinopsError(() => rearrangeShape('((a b)) -> a b', [6], { a: 2 }), 'EinopsError', /Axis composition is one-level/);
});

test('unbalanced parentheses', () => {
  assertEinopsError(() => rearrangeShape('(a b -> a b', [6], { a: 2 }), 'EinopsError', /Imbalanced parentheses/);
  assertEinopsError(() => rearrangeShape('a b) -> a b', [2, 3]), 'EinopsError', /Brackets are not balanced/);
});

test('a character that is not part of an axis name', () => {
  assertEinopsError(() => rearrangeShape('a-b -> a b', [2, 3]), 'EinopsError', /Unknown character '-'/);
});

test('stray dots and axis names with underscores', () => {
  assertEinopsError(() => rearrangeShape('a . b -> a b', [2, 3]), 'EinopsError', /dots only inside ellipsis/);
  assertEinopsError(() => rearrangeShape('a_ b -> b a_', [2, 3]), 'EinopsError', /should not start or end with underscore/);
});

test('anonymous axis of length 0', () => {
  assertEinopsError(() => repeatShape('a -> a 0', [2]), 'EinopsError', /Anonymous axis should have positive length, not 0/);
});

test('symbolic dims that cannot be proven wrong stay silent', () => {
  // n may well be a multiple of 3: no error, the quotient is unknown
  assert.doesNotThrow(() => rearrangeShape('(a b) -> a b', shapeOf(['n']), { b: 3 }));
  assert.doesNotThrow(() => rearrangeShape('a b -> b a', shapeOf(['?', 'n']), { a: 5 }));
});

test('einsum: unknown axis on the right', () => {
  assertEinopsError(() => einsumShape('i j, j k -> i l', [[2, 3], [3, 4]]), 'EinopsError', /Unknown axis l on right side of einsum/);
});

test('einsum: operand rank does not match its axes (torch raises)', () => {
  assertEinopsError(() => einsumShape('i j, j k -> i k', [[2, 3, 4], [3, 4]]), 'RuntimeError',
    /einsum\(\): the number of subscripts in the equation \(2\) does not match the number of dimensions \(3\) for operand 0 and no ellipsis was given/);
});

test('einsum: contracted sizes differ (torch raises)', () => {
  assertEinopsError(() => einsumShape('i j, j k -> i k', [[2, 3], [4, 5]]), 'RuntimeError',
    /einsum\(\): subscript b has size 4 for operand 1 which does not broadcast with previously seen size 3/);
});

test('einsum: symbolic contracted sizes differ', () => {
  const error = assertEinopsError(() => einsumShape('b n d, b m d -> b n m', [shapeOf(['b', 'n', 'd']), shapeOf(['b', 'm', 'k'])]), 'RuntimeError',
    /size k for operand 1 which does not broadcast with previously seen size d \(unless k == d\)/);
  assert.equal(error.symbolic, true);
  // a symbol against a number is not provable (n may be 3): the number wins, as in broadcasting
  assertShape(einsumShape('i j, j k -> i k', [shapeOf(['n', 'd']), shapeOf([3, 'k'])]), ['n', 'k']);
  assertShape(einsumShape('i j, j k -> i j k', [shapeOf(['n', 'd']), shapeOf([3, 'k'])]), ['n', 3, 'k']);
});

test('einsum: too many operands', () => {
  assertEinopsError(() => einsumShape('i j -> j i', [[2, 3], [2, 3]]), 'RuntimeError', /more operands were provided than specified/);
});

test('einsum: compositions, unit axes and anonymous axes are not supported', () => {
  assertEinopsError(() => einsumShape('(i j) -> i', [[6]]), 'NotImplementedError', /Shape rearrangement is not yet supported in einsum/);
  assertEinopsError(() => einsumShape('i 1 -> i', [[6, 1]]), 'NotImplementedError', /Singleton \(\) axes are not yet supported/);
  assertEinopsError(() => einsumShape('i 2 -> i', [[6, 2]]), 'NotImplementedError', /Anonymous axes are not yet supported/);
});

test('einsum: pattern without an arrow', () => {
  assertEinopsError(() => einsumShape('i j, j k', [[2, 3], [3, 4]]), 'ValueError', /Einsum pattern must contain '->'/);
});

test('einsum: a repeated axis with different sizes', () => {
  assertEinopsError(() => einsumShape('i i ->', [[3, 4]]), 'RuntimeError', /subscript a is repeated for operand 0 but the sizes don't match, 4 != 3/);
});

test('pack: a tensor with too few dims', () => {
  assertEinopsError(() => packShapes([[2, 3, 5], [2]], 'i j * k'), 'EinopsError',
    /packed tensor #1 \(enumeration starts with 0\) has shape \(2,\), while pattern i j \* k assumes at least 3 axes/);
});

test('pack: a pattern without * or with duplicates', () => {
  assertEinopsError(() => packShapes([[2, 3]], 'i j'), 'EinopsError', /No \*-axis in pack/);
  assertEinopsError(() => packShapes([[2, 3, 4]], 'i * i'), 'EinopsError', /Duplicates in axes names in pack/);
});

test('pack: shared dims that differ (torch.cat raises)', () => {
  // j is 3 in the first tensor and 4 in the second
  assertEinopsError(() => packShapes([[2, 3, 5], [2, 4, 5]], 'i j * k'), 'RuntimeError',
    /Sizes of tensors must match except in dimension 2\. Expected size 3 but got size 4 for tensor number 1 in the list\./);
});

test('unpack: sizes that do not add up', () => {
  // 3 + 4 = 7, not 10
  assertEinopsError(() => unpackShapes([2, 3, 10], [[3], [4]], 'i j *'), 'EinopsError',
    /could not split axis of size 10 into requested \[\(3,\), \(4,\)\]/);
  // 10 - 3 = 7 is not a multiple of 2
  assertEinopsError(() => unpackShapes([2, 3, 10], [[3], [-1, 2]], 'i j *'), 'EinopsError', /could not split axis of size 10/);
});

test('unpack: wrong rank and two -1 entries', () => {
  assertEinopsError(() => unpackShapes([2, 10], [[3], [7]], 'i j *'), 'EinopsError', /received input of wrong dim with shape \(2, 10\)/);
  assertEinopsError(() => unpackShapes([2, 3, 10], [[-1], [-1]], 'i j *'), 'EinopsError', /received more than one -1/);
});

test('parse_shape errors are RuntimeErrors, as in einops', () => {
  assertEinopsError(() => parseShapeOf('b (h w)', [2, 6]), 'RuntimeError', /Can't parse shape with composite axes: b \(h w\) \(2, 6\)/);
  assertEinopsError(() => parseShapeOf('b h w', [2, 6]), 'RuntimeError', /Can't parse shape with different number of dimensions/);
  assertEinopsError(() => parseShapeOf('a b c ...', [2, 6]), 'RuntimeError', /Can't parse shape with this number of dimensions/);
  assertEinopsError(() => parseShapeOf('1 n', [2, 3]), 'RuntimeError', /Length of axis is not 1/);
  assertEinopsError(() => parseShapeOf('n 3', [2, 4]), 'RuntimeError', /Length of anonymous axis does not match/);
});

test('errors are EinopsError instances with Python type names', () => {
  try {
    repeatShape('h w -> h w c', [3, 4]);
    assert.fail('expected an error');
  } catch (error) {
    assert.ok(error instanceof EinopsError);
    assert.equal(error.name, 'EinopsError');
    assert.equal(error.einopsOp, 'repeat');
  }
});

test('examples/einops_patterns.py: the two broken calls', () => {
  // images = torch.randn(8, 3, 32, 32)
  assertEinopsError(() => rearrangeShape('b c h -> b h c', [8, 3, 32, 32]), 'EinopsError', /Wrong shape: expected 3 dims\. Received 4-dim tensor\./);
  assertEinopsError(() => rearrangeShape('b c (h p) w -> b c h p w', [8, 3, 32, 32], { p: 5 }), 'EinopsError',
    /can't divide axis of length 32 in chunks of 5/);
});
