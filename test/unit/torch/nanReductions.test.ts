// nansum / nanmean (added to the table so the analysis no longer keeps its own rule for them).
// Expected values were printed by torch 1.13 (/usr/bin/python3) for the same inputs:
//   x = tensor([[1., nan, 3.], [nan, nan, 2.]])
//   x.nansum() -> 6.; nansum(x, 1) -> [4., 2.]; x.nanmean(0) -> [1., nan, 2.5];
//   nanmean(x, 1, keepdim=True) -> [[2.], [2.]]; tensor([1, 2]).nansum() -> 3 (int64);
//   tensor([True, True]).nansum() -> 2 (int64); tensor([1, 2]).nanmean() raises RuntimeError
//   "nanmean(): expected input to have floating point dtype but got Long".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callConcrete, callMeta } from '../../../engine/src/torch';
import * as S from '../../../engine/src/shape';
import type { Tensor } from '../../../engine/src/tensor/tensor';

const x = (): Tensor => callConcrete('torch.tensor', [[[1, NaN, 3], [NaN, NaN, 2]]]) as Tensor;
const values = (t: unknown): number[] => Array.from((t as Tensor).data as ArrayLike<number>);

test('nansum skips NaN, keeps integer and bool inputs integral', () => {
  assert.deepEqual(values(callConcrete('Tensor.nansum', [x()])), [6]);
  assert.deepEqual(values(callConcrete('torch.nansum', [x()], { dim: 1n })), [4, 2]);
  const ints = callConcrete('Tensor.nansum', [callConcrete('torch.tensor', [[1n, 2n]])]) as Tensor;
  assert.equal(ints.dtype, 'int64');
  assert.deepEqual(values(ints), [3]);
  assert.equal((callConcrete('Tensor.nansum', [callConcrete('torch.tensor', [[true, true]])]) as Tensor).dtype, 'int64');
});

test('nanmean is the mean of the non-NaN entries; an all-NaN slice is NaN; ints raise', () => {
  const m = values(callConcrete('Tensor.nanmean', [x()], { dim: 0n }));
  assert.equal(m[0], 1);
  assert.ok(Number.isNaN(m[1]));
  assert.equal(m[2], 2.5);
  const k = callConcrete('torch.nanmean', [x()], { dim: 1n, keepdim: true }) as Tensor;
  assert.deepEqual([...k.shape], [2, 1]);
  assert.deepEqual(values(k), [2, 2]);
  assert.throws(() => callConcrete('Tensor.nanmean', [callConcrete('torch.tensor', [[1n, 2n]])]),
    /nanmean\(\): expected input to have floating point dtype but got Long/);
});

test('the meta rules reduce symbolic shapes like sum and mean', () => {
  const r = callMeta('torch.nanmean', [{ kind: 'meta', shape: [S.sym('b'), S.sym('n')], dtype: 'float32' }], { dim: -1n, keepdim: true });
  assert.equal(r.kind, 'meta');
  assert.equal(S.formatShape((r as { shape: S.Shape }).shape), '(b, 1)');
  const s = callMeta('torch.nansum', [{ kind: 'meta', shape: [2, 3], dtype: 'bool' }], { dim: 0n });
  assert.deepEqual(s, { kind: 'meta', shape: [3], dtype: 'int64' });
});
