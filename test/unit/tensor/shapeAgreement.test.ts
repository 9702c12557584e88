// The kernels and the shape module (engine/src/shape, used by the analysis) must agree:
// same output shape when an op succeeds, and both raise (same Python exception type) when
// it fails. Messages are compared by the golden suite, not here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as S from '../../../engine/src/shape';
import * as T from '../../../engine/src/tensor';

type Outcome = { shape: readonly number[] } | { error: string };

function outcome(fn: () => readonly unknown[] | T.Tensor): Outcome {
  try {
    const r = fn();
    return { shape: (r instanceof T.Tensor ? [...r.shape] : [...r]) as number[] };
  } catch (error) {
    const type = (error as { torchType?: string }).torchType;
    if (!type) throw error;
    return { error: type };
  }
}

function agree(name: string, kernel: () => T.Tensor, rule: () => readonly unknown[]): void {
  assert.deepEqual(outcome(rule), outcome(kernel), name);
}

const o = (...shape: number[]) => T.ones(shape);

test('broadcasting and reductions', () => {
  const pairs: [number[], number[]][] = [[[2, 3], [3]], [[2, 1], [1, 4]], [[2, 3], [4]], [[], [5]], [[0, 3], [1]], [[4, 1, 3], [2, 1]]];
  for (const [a, b] of pairs) agree(`add ${a} ${b}`, () => T.add(o(...a), o(...b)), () => S.broadcastShapes('add', a, b));
  const reductions: [number[], number[] | null, boolean][] = [[[2, 3, 4], [0, 2], false], [[2, 3], [-1], true], [[2, 3], null, true], [[2, 3], [2], false], [[2, 3], [0, 0], false], [[], [0], false]];
  for (const [s, dims, keep] of reductions) {
    agree(`sum ${s} ${dims} ${keep}`, () => T.sum(o(...s), dims, keep), () => S.reduceShape('sum', s, dims, keep));
  }
});

test('matmul family', () => {
  const pairs: [number[], number[]][] = [
    [[3], [3]], [[2, 3], [3]], [[3], [3, 4]], [[2, 3], [3, 4]], [[5, 2, 3], [3, 4]], [[2, 1, 3, 4], [5, 4, 2]],
    [[3], [5, 3, 2]], [[5, 2, 3], [3]], [[2, 3], [4, 5]], [[3], [4]], [[2, 2, 3], [2, 4, 5]], [[3, 2, 3], [2, 3, 5]], [[], [2]],
  ];
  for (const [a, b] of pairs) agree(`matmul ${a} @ ${b}`, () => T.matmul(o(...a), o(...b)), () => S.matmulShape('matmul', a, b));
  agree('bmm', () => T.bmm(o(2, 2, 3), o(2, 3, 5)), () => S.bmmShape('bmm', [2, 2, 3], [2, 3, 5]));
  agree('linear', () => T.linear(o(4, 3), o(5, 3), o(5)), () => S.linearShape([4, 3], [5, 3], [5]));
  agree('einsum', () => T.einsum('bij,bjk->bik', o(2, 3, 4), o(2, 4, 5)), () => S.einsumShape('bij,bjk->bik', [[2, 3, 4], [2, 4, 5]]));
  agree('einsum implicit', () => T.einsum('ij,jk', o(2, 3), o(3, 4)), () => S.einsumShape('ij,jk', [[2, 3], [3, 4]]));
  agree('einsum ellipsis', () => T.einsum('...ij,...jk->...ik', o(2, 3, 4), o(4, 5)), () => S.einsumShape('...ij,...jk->...ik', [[2, 3, 4], [4, 5]]));
});

test('views and layout ops', () => {
  const s = [2, 3, 4];
  for (const target of [[6, 4], [-1, 4], [4, -1, 2], [5, -1], [-1, -1], [24]]) {
    agree(`reshape ${target}`, () => T.reshape(o(...s), target), () => S.reshapeShape('reshape', s, target));
  }
  agree('flatten', () => T.flatten(o(...s), 1), () => S.flattenShape('flatten', s, 1));
  agree('unflatten', () => T.unflatten(o(2, 12), 1, [3, -1]), () => S.unflattenShape('unflatten', [2, 12], 1, [3, -1]));
  agree('permute', () => T.permute(o(...s), [2, 0, 1]), () => S.permuteShape('permute', s, [2, 0, 1]));
  agree('permute dup', () => T.permute(o(...s), [0, 0, 1]), () => S.permuteShape('permute', s, [0, 0, 1]));
  agree('transpose', () => T.transpose(o(...s), 0, -1), () => S.transposeShape('transpose', s, 0, -1));
  agree('squeeze', () => T.squeeze(o(2, 1, 3), 1), () => S.squeezeShape('squeeze', [2, 1, 3], 1).shape);
  agree('unsqueeze', () => T.unsqueeze(o(...s), -1), () => S.unsqueezeShape('unsqueeze', s, -1));
  agree('unsqueeze out of range', () => T.unsqueeze(o(...s), 5), () => S.unsqueezeShape('unsqueeze', s, 5));
  agree('expand', () => T.expand(o(3, 1), [2, 3, 4]), () => S.expandShape('expand', [3, 1], [2, 3, 4]));
  agree('expand bad', () => T.expand(o(3, 2), [3, 3]), () => S.expandShape('expand', [3, 2], [3, 3]));
  agree('repeat', () => T.repeat(o(2, 3), [2, 1, 2]), () => S.repeatShape('repeat', [2, 3], [2, 1, 2]));
  agree('tile', () => T.tile(o(2, 3), [2]), () => S.tileShape('tile', [2, 3], [2]));
  agree('cat', () => T.cat([o(2, 3), o(4, 3)]), () => S.catShape('cat', [[2, 3], [4, 3]], 0));
  agree('cat bad', () => T.cat([o(2, 3), o(4, 5)]), () => S.catShape('cat', [[2, 3], [4, 5]], 0));
  agree('stack', () => T.stack([o(2, 3), o(2, 3)], -1), () => S.stackShape('stack', [[2, 3], [2, 3]], -1));
  const parts = (ts: T.Tensor[]) => ts.map((t) => [...t.shape]);
  assert.deepEqual(parts(T.split(o(5, 2), 2)), S.splitShapes('split', [5, 2], 2, 0));
  assert.deepEqual(parts(T.chunk(o(5, 2), 3)), S.chunkShapes('chunk', [5, 2], 3, 0));
  agree('pad', () => T.pad(o(2, 3), [1, 2, 0, 1]), () => S.padShape('pad', [2, 3], [1, 2, 0, 1]));
  agree('one_hot', () => T.oneHot(T.tensorFromNested([0n, 2n]), 4), () => S.oneHotShape([2], 4));
});

test('indexing', () => {
  const x = T.ones([2, 3, 4]);
  const idx = T.tensorFromNested([0n, 1n]);
  const tensorItem = (t: T.Tensor): S.IndexItem => ({ kind: 'tensor', shape: [...t.shape], dtype: t.dtype as 'int64' });
  const cases: [T.IndexItem[], S.IndexItem[]][] = [
    [[0], [{ kind: 'int' }]],
    [[T.slice(1), null, T.ELLIPSIS, 2], [{ kind: 'slice', start: 1 }, { kind: 'none' }, { kind: 'ellipsis' }, { kind: 'int' }]],
    [[T.slice(), idx, 0], [{ kind: 'slice' }, tensorItem(idx), { kind: 'int' }]],
    [[idx, T.slice(), idx], [tensorItem(idx), { kind: 'slice' }, tensorItem(idx)]],
    [[T.slice(null, null, 2)], [{ kind: 'slice', step: 2 }]],
    [[0, 0, 0, 0], [{ kind: 'int' }, { kind: 'int' }, { kind: 'int' }, { kind: 'int' }]],
  ];
  for (const [items, rule] of cases) agree(`index ${JSON.stringify(rule)}`, () => T.index(x, items), () => S.indexShape([2, 3, 4], rule));
  agree('gather', () => T.gather(x, 2, T.zeros([2, 3, 1], 'int64')), () => S.gatherShape('gather', [2, 3, 4], 2, [2, 3, 1]));
  agree('index_select', () => T.indexSelect(x, 1, idx), () => S.indexSelectShape('index_select', [2, 3, 4], 1, [2]));
});
