// The symbolic shape module: dim algebra, and the rules' "provable or silent" behaviour on
// symbols and unknowns (all-number behaviour is checked against real torch by the goldens).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as S from '../../../engine/src/shape';

const b = S.sym('batch');
const n = S.sym('n');
const h = S.sym('h');
const w = S.sym('w');
const fmt = (s: S.Shape) => S.formatShape(s);

test('products and sums normalize so equal expressions compare equal', () => {
  assert.ok(S.dimEquals(S.dimMul(h, w), S.dimMul(w, h)));
  assert.equal(S.formatDim(S.dimAdd(S.dimAdd(n, 1), 1)), 'n+2');
  assert.equal(S.dimSub(S.dimAdd(n, 3), n), 3);
  assert.ok(S.dimEquals(S.dimExactDiv(S.dimMul(h, w), w)!, h));
  assert.equal(S.dimExactDiv(n, 2), undefined);
  assert.equal(S.formatShape([b]), '(batch,)');
  assert.equal(S.formatShape([]), '()');
});

test('distinct symbols are provably different; a symbol against a number or an unknown is not', () => {
  assert.ok(S.dimKnownDifferent(b, n));
  assert.ok(S.dimKnownDifferent(S.dimAdd(n, 1), n));
  assert.ok(!S.dimKnownDifferent(n, 3));
  assert.ok(!S.dimKnownDifferent(n, S.unknownDim()));
  assert.ok(!S.dimEquals(S.unknownDim(), S.unknownDim()));
});

test('broadcast keeps (batch, n) - (batch, 1) and rejects (batch, n) - (batch,) "unless batch == n"', () => {
  assert.equal(fmt(S.broadcastShapes('sub', [b, n], [b, 1])), '(batch, n)');
  assert.throws(() => S.broadcastShapes('sub', [b, n], [b]), (e: S.ShapeError) => e.symbolic && /unless n == batch|unless batch == n/.test(e.message));
  assert.equal(fmt(S.broadcastShapes('add', [b, n], [S.unknownDim()])), '(batch, n)');
  assert.equal(fmt(S.broadcastShapes('add', [n], [3])), '(3,)');
});

test('broadcast reports the dims it stretched, for the suspicious-broadcast rule', () => {
  const info = S.broadcastWithInfo('sub', [b], [b, 1]);
  assert.equal(fmt(info.shape), '(batch, batch)');
  assert.deepEqual(info.expansions.map((e) => [e.dim, e.operand, e.from]), [[0, 0, 'missing'], [1, 1, 'one']]);
});

test('reductions with dims, negative dims, keepdim, and out-of-range dims', () => {
  assert.equal(fmt(S.reduceShape('sum', [b, n], [-1], true)), '(batch, 1)');
  assert.equal(fmt(S.reduceShape('sum', [b, n], [-1], false)), '(batch,)');
  assert.equal(fmt(S.reduceShape('sum', [b, n], null, false)), '()');
  assert.throws(() => S.reduceShape('sum', [b, n], [2], false), (e: S.ShapeError) => e.torchType === 'IndexError' && /\[-2, 1\], but got 2/.test(e.message));
});

test('matmul: symbolic inner dims, batching, and 1-D promotion', () => {
  assert.equal(fmt(S.matmulShape('matmul', [b, n], [n, h])), '(batch, h)');
  assert.throws(() => S.matmulShape('matmul', [b, n], [h, w]), (e: S.ShapeError) => /cannot be multiplied/.test(e.message) && e.symbolic);
  assert.equal(fmt(S.matmulShape('matmul', [2, b, n, h], [h, w])), '(2, batch, n, w)');
  assert.equal(fmt(S.matmulShape('matmul', [n], [n, h])), '(h,)');
  assert.equal(fmt(S.matmulShape('matmul', [b, n], [S.unknownDim(), h])), '(batch, h)');
});

test('reshape: -1 inference, symbolic numel, and provable mismatches', () => {
  assert.equal(fmt(S.reshapeShape('reshape', [b, S.dimMul(h, w)], [b, h, w])), '(batch, h, w)');
  assert.equal(fmt(S.reshapeShape('reshape', [b, h, w], [b, -1])), '(batch, h*w)');
  assert.throws(() => S.reshapeShape('view', [2, 6], [2, 5]), /shape '\[2, 5\]' is invalid for input of size 12/);
  assert.throws(() => S.reshapeShape('view', [2, 6], [-1, -1]), /only one dimension can be inferred/);
  assert.equal(fmt(S.reshapeShape('reshape', [b, S.unknownDim()], [b, 3, 4])), '(batch, 3, 4)');
});

test('cat and stack check every dim but the joined one', () => {
  assert.equal(fmt(S.catShape('cat', [[b, n], [b, 3]], 1)), '(batch, n+3)');
  assert.throws(() => S.catShape('cat', [[b, n], [n, n]], 1), /Sizes of tensors must match except in dimension 1/);
  assert.equal(fmt(S.stackShape('stack', [[b, n], [b, n]], 0)), '(2, batch, n)');
  assert.throws(() => S.stackShape('stack', [[b, n], [b, h]], 0), /stack expects each tensor to be equal size/);
});

test('squeeze without dim is ambiguous on a symbol that may be 1', () => {
  assert.equal(S.squeezeShape('squeeze', [b, 1, n]).ambiguous, true);
  assert.equal(S.squeezeShape('squeeze', [3, 1, 4]).ambiguous, false);
  assert.equal(fmt(S.squeezeShape('squeeze', [b, 1, n], 1).shape), '(batch, n)');
  assert.equal(fmt(S.unsqueezeShape('unsqueeze', [b, n], -1)), '(batch, n, 1)');
});

test('indexing: ints, slices, None, ellipsis and advanced indices', () => {
  assert.equal(fmt(S.indexShape([b, n], [{ kind: 'int' }])), '(n,)');
  assert.equal(fmt(S.indexShape([b, n], [{ kind: 'ellipsis' }, { kind: 'none' }])), '(batch, n, 1)');
  assert.equal(fmt(S.indexShape([b, n], [{ kind: 'slice', start: 1 }])), '(batch-1, n)');
  assert.equal(fmt(S.indexShape([b, n], [{ kind: 'tensor', shape: [b], dtype: 'int64' }, { kind: 'tensor', shape: [b], dtype: 'int64' }])), '(batch,)');
  assert.equal(fmt(S.indexShape([4, 5, 6], [{ kind: 'tensor', shape: [2], dtype: 'int64' }, { kind: 'slice' }, { kind: 'tensor', shape: [2], dtype: 'int64' }])), '(2, 5)');
  assert.throws(() => S.indexShape([b, n], [{ kind: 'int' }, { kind: 'int' }, { kind: 'int' }]), /too many indices/);
});

test('conv arithmetic is exact for numbers and symbolic for stride 1', () => {
  const spec = { outChannels: 16, inChannels: 3, kernel: [3, 3], stride: [2, 2], padding: [1, 1], dilation: [1, 1] };
  assert.equal(fmt(S.convNdShape([8, 3, 32, 32], spec)), '(8, 16, 16, 16)');
  assert.equal(fmt(S.convNdShape([b, 3, h, w], { ...spec, stride: [1, 1] })), '(batch, 16, h, w)');
  assert.throws(() => S.convNdShape([8, 4, 32, 32], spec), /expected input\[8, 4, 32, 32\] to have 3 channels/);
});

test('einsum equations with ellipsis, and size conflicts', () => {
  assert.equal(fmt(S.einsumShape('bij,bjk->bik', [[b, n, h], [b, h, w]])), '(batch, n, w)');
  assert.equal(fmt(S.einsumShape('...ij,...jk', [[2, b, n, h], [h, w]])), '(2, batch, n, w)');
  assert.throws(() => S.einsumShape('ij,jk->ik', [[2, 3], [4, 5]]), /subscript j has size 4/);
});

test('shape text parses symbols, products and sums, and rejects prose', () => {
  assert.equal(fmt(S.parseShapeText('(batch, h*w, n+1)')!), '(batch, h*w, n+1)');
  assert.equal(fmt(S.parseShapeText('batch n')!), '(batch, n)');
  assert.equal(S.parseShapeText('(see: the paper.)'), undefined);
});

test('sample sizes are distinct per symbol and respect overrides', () => {
  const binding = S.bindSamples([[b, n], [h, b]], { n: 4 });
  assert.equal(binding.n, 4);
  assert.equal(new Set(Object.values(binding)).size, 3);
  assert.deepEqual(S.concretize([b, S.dimMul(n, 2)], binding), [binding.batch, 8]);
});
