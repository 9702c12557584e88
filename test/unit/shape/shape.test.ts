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
  assert.ok(S.dimEquals(S.dimExactDiv(S.dimAdd(S.dimMul(h, n), h), S.dimAdd(n, 1))!, h));
  assert.equal(S.dimExactDiv(S.dimAdd(S.dimMul(n, 2), 2), S.dimAdd(n, 1)), 2);
  assert.equal(S.dimExactDiv(S.dimAdd(n, 2), S.dimAdd(n, 1)), undefined);
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

const U = S.unknownDim();

test('an unknown dim never raises, whatever rule it meets', () => {
  const cases: Array<() => unknown> = [
    () => S.broadcastShapes('add', [b, U], [b, n]),
    () => S.matmulShape('matmul', [b, U], [n, h]),
    () => S.matmulShape('matmul', [2, b, U], [n]),
    () => S.mmShape('mm', [b, n], [U, h]),
    () => S.bmmShape('bmm', [U, b, n], [h, n, w]),
    () => S.linearShape([b, U], [h, n]),
    () => S.reshapeShape('view', [b, U], [n, h]),
    () => S.expandShape('expand', [U, 1], [n, h]),
    () => S.catShape('cat', [[b, n], [U, h]], 1),
    () => S.stackShape('stack', [[b, n], [b, U]], 0),
    () => S.einsumShape('ij,jk->ik', [[b, U], [n, h]]),
    () => S.convNdShape([b, U, h, w], { outChannels: 8, inChannels: 3, kernel: [3, 3], stride: [1, 1], padding: [0, 0], dilation: [1, 1] }),
    () => S.indexShape([b, n], [{ kind: 'tensor', shape: [U], dtype: 'int64' }, { kind: 'tensor', shape: [h], dtype: 'int64' }]),
  ];
  cases.forEach((f, i) => assert.doesNotThrow(f, `case ${i}`));
  assert.ok(S.isUnknownDim(S.reshapeShape('reshape', [b, U], [b, n, -1])[2]));
});

test('dim algebra: floor division, evaluation, canonical keys, and what can be 1', () => {
  assert.equal(S.dimFloorDiv(7, 2), 3);
  assert.ok(S.isUnknownDim(S.dimFloorDiv(n, 2)));
  assert.ok(S.dimEquals(S.dimFloorDiv(S.dimMul(S.dimMul(b, h), w), S.dimMul(w, b)), h));
  assert.equal(S.evalDim(S.dimAdd(S.dimMul(h, w), 1), { h: 3, w: 5 }), 16);
  assert.equal(S.evalDim(n, {}), undefined);
  assert.ok(S.shapesEqual([b, S.dimMul(h, w)], [b, S.dimMul(w, h)]));
  assert.equal(S.formatDim(S.dimMul(S.dimAdd(n, 1), 2)), '2*n+2');
  assert.equal(S.dimMul(n, 0), 0);
  assert.equal(S.dimSub(S.dimMul(h, w), S.dimMul(w, h)), 0);
  assert.ok(S.dimCanBeOne(b) && S.dimCanBeOne(U) && S.dimCanBeOne(1));
  assert.ok(!S.dimCanBeOne(S.dimAdd(n, 1)) && !S.dimCanBeOne(S.dimMul(n, 2)) && !S.dimCanBeOne(3));
  assert.equal(S.formatDim(S.shapeNumel([b, 2, n])), '2*batch*n');
  assert.ok(S.isConcrete([2, 3]) && !S.isConcrete([2, n]));
});

test('matmul folds a >=3-D operand against a matrix, with torch 1.13 messages and symbols', () => {
  assert.throws(() => S.matmulShape('matmul', [b, n, h], [w, 4]),
    (e: S.ShapeError) => e.message === 'mat1 and mat2 shapes cannot be multiplied (batch*nxh and wx4) (unless h == w)' && e.symbolic);
  assert.throws(() => S.matmulShape('matmul', [2, 2, 3], [4]), (e: S.ShapeError) => e.message === 'size mismatch, got 4, 4x3,4');
  assert.equal(fmt(S.matmulShape('matmul', [h, n], [b, n, w])), '(batch, h, w)');
  assert.throws(() => S.matmulShape('matmul', [b, 2, 3], [n, 3, 4]), /The size of tensor a \(batch\) must match the size of tensor b \(n\) at non-singleton dimension 0/);
  assert.equal(fmt(S.linearShape([b, n, h], [w, h], [w])), '(batch, n, w)');
  assert.throws(() => S.linearShape([b, n], [w, h]), /\(batchxn and hxw\) \(unless n == h\)/);
});

test('split, chunk and expand keep symbols where the sizes are provable', () => {
  assert.deepEqual(S.splitShapes('split', [b, S.dimMul(n, 3)], n, 1).map(fmt), ['(batch, n)', '(batch, n)', '(batch, n)']);
  assert.deepEqual(S.chunkShapes('chunk', [S.dimMul(b, 2), h], 2, 0).map(fmt), ['(batch, h)', '(batch, h)']);
  assert.deepEqual(S.chunkShapes('chunk', [b, h], 2, 0), [], 'an uneven symbolic chunk is not known');
  assert.deepEqual(S.chunkShapes('chunk', [0, 3], 2, 0), [[0, 3], [0, 3]]);
  assert.equal(fmt(S.expandShape('expand', [b, 1], [-1, n])), '(batch, n)');
  assert.throws(() => S.expandShape('expand', [b, h], [b, n]), (e: S.ShapeError) => e.symbolic && /unless h == n/.test(e.message));
  assert.equal(fmt(S.repeatShape('repeat', [b, n], [2, 1, 3])), '(2, batch, 3*n)');
  assert.equal(fmt(S.flattenShape('flatten', [b, h, w], 1)), '(batch, h*w)');
  assert.equal(fmt(S.unflattenShape('unflatten', [b, S.dimMul(h, w)], 1, [h, -1])), '(batch, h, w)');
});

test('squeeze flags symbols it kept and unknown dims that decide the rank', () => {
  const r = S.squeezeShape('squeeze', [b, 1, n]);
  assert.deepEqual(r.ambiguousDims, [0, 2]);
  assert.equal(r.uncertain, false);
  const u = S.squeezeShape('squeeze', [U, 1, 3]);
  assert.equal(u.ambiguous, false);
  assert.equal(u.uncertain, true);
  assert.equal(S.squeezeShape('squeeze', [b, 1], 0).ambiguous, false);
});

test('indexing checks known int indices and keeps symbolic slice lengths', () => {
  assert.throws(() => S.indexShape([4, n], [{ kind: 'int', value: 4 }]), (e: S.ShapeError) => e.torchType === 'IndexError' && e.message === 'index 4 is out of bounds for dimension 0 with size 4');
  assert.equal(fmt(S.indexShape([b, n], [{ kind: 'int', value: 7 }])), '(n,)');
  assert.equal(fmt(S.indexShape([b, n], [{ kind: 'slice' }, { kind: 'slice', stop: -1 }])), '(batch, n-1)');
  assert.equal(fmt(S.indexShape([b, n, h], [{ kind: 'slice' }, { kind: 'tensor', shape: [b], dtype: 'int64' }, { kind: 'int' }])), '(batch, batch)');
  assert.throws(() => S.indexShape([b, n], [{ kind: 'tensor', shape: [b], dtype: 'int64' }, { kind: 'tensor', shape: [n], dtype: 'int64' }]),
    (e: S.ShapeError) => e.torchType === 'IndexError' && /could not be broadcast together with shapes \[batch\], \[n\]/.test(e.message));
  assert.equal(fmt(S.gatherShape('gather', [b, n], 1, [b, 1])), '(batch, 1)');
  assert.equal(fmt(S.indexSelectShape('index_select', [b, n], 1, [h])), '(batch, h)');
});

test('conv, pad and one_hot arithmetic on symbolic lengths', () => {
  const spec = { outChannels: 8, inChannels: 3, kernel: [3], stride: [1], padding: [0], dilation: [1] };
  assert.equal(fmt(S.convNdShape([b, 3, n], spec)), '(batch, 8, n-2)');
  assert.equal(fmt(S.convNdShape([b, 3, S.dimMul(n, 2)], { ...spec, kernel: [2], stride: [2] })), '(batch, 8, n)');
  assert.ok(S.isUnknownDim(S.convNdShape([b, 3, n], { ...spec, stride: [2] })[2]));
  assert.equal(fmt(S.padShape('pad', [b, n], [1, 2])), '(batch, n+3)');
  assert.equal(fmt(S.oneHotShape([b], n)), '(batch, n)');
});

test('broadcastAll and shapes text with brackets and coefficients', () => {
  assert.equal(fmt(S.broadcastAll('where', [[b, 1], [1, n], [n]])), '(batch, n)');
  assert.equal(fmt(S.parseShapeText('[B, 2*C, N-1]')!), '(B, 2*C, N-1)');
  assert.equal(fmt(S.parseShapeText('()')!), '()');
  assert.equal(S.parseShapeText('batch, *rest'), undefined);
});
