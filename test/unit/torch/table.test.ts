// The table's lookup, Python call binding, symbolic shape rules and dtype agreement between
// the meta and concrete paths.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_OPS, bindArgs, callConcrete, callMeta, dtypeValue, findOp, MetaUnknown } from '../../../engine/src/torch';
import type { DTypeName, MetaResult, MetaTensor } from '../../../engine/src/torch';
import { full, tensorFromNested } from '../../../engine/src/tensor/create';
import { isTensor, type Tensor } from '../../../engine/src/tensor/tensor';
import * as S from '../../../engine/src/shape';

const sym = (name: string) => S.sym(name);
const batch = sym('batch');
const n = sym('n');
const meta = (shape: unknown[], dtype: DTypeName = 'float32'): MetaTensor => ({ kind: 'meta', shape: shape as never, dtype });

function metaTensor(r: MetaResult): MetaTensor {
  assert.equal(r.kind, 'meta');
  return r as MetaTensor;
}

function torchType(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { torchType?: string }).torchType ?? (error as Error).name;
  }
  return undefined;
}

describe('findOp', () => {
  it('maps every spelling of a function to one entry', () => {
    assert.equal(findOp('torch.sum'), findOp('Tensor.sum'));
    assert.equal(findOp('torch.nn.functional.softmax'), findOp('torch.softmax'));
    assert.equal(findOp('Tensor.softmax'), findOp('torch.softmax'));
    assert.equal(findOp('operator.add'), findOp('torch.add'));
    assert.equal(findOp('torch.Tensor.view'), findOp('Tensor.view'));
    assert.notEqual(findOp('operator.rsub'), findOp('torch.sub'));
  });

  it('returns undefined for unknown names', () => {
    assert.equal(findOp('torch.fft.fft'), undefined);
    assert.equal(findOp(''), undefined);
  });

  it('lists canonical names first and never twice', () => {
    const seen = new Set<string>();
    for (const entry of ALL_OPS) {
      assert.ok(entry.names.length > 0);
      for (const name of entry.names) {
        assert.ok(!seen.has(name), name);
        seen.add(name);
      }
    }
    assert.ok(seen.size > 150, `only ${seen.size} names`);
  });
});

describe('bindArgs', () => {
  const view = findOp('Tensor.view')!;
  const sum = findOp('torch.sum')!;

  it('accepts sizes as varargs or as one sequence', () => {
    assert.deepEqual(bindArgs(view, ['x', 2n, 3n], {}).shape, [2n, 3n]);
    assert.deepEqual(bindArgs(view, ['x', [2n, 3n]], {}).shape, [2n, 3n]);
  });

  it('fills defaults, binds keywords and aliases', () => {
    assert.deepEqual(bindArgs(sum, ['x'], {}), { input: 'x', dim: null, keepdim: false, dtype: null });
    assert.deepEqual(bindArgs(sum, ['x', -1n], { keepdim: true }), { input: 'x', dim: -1n, keepdim: true, dtype: null });
    assert.equal(bindArgs(sum, ['x'], { axis: 1n }).dim, 1n);
  });

  it('raises TypeError like Python when a call cannot bind', () => {
    assert.equal(torchType(() => bindArgs(sum, ['x'], { dims: 1n })), 'TypeError');
    assert.equal(torchType(() => bindArgs(sum, ['x', 1n, true, null, 5n], {})), 'TypeError');
    assert.equal(torchType(() => bindArgs(sum, [], {})), 'TypeError');
    assert.equal(torchType(() => bindArgs(sum, ['x', 1n], { dim: 0n })), 'TypeError');
    // dtype is keyword-only.
    assert.equal(torchType(() => bindArgs(sum, ['x', 1n, false, dtypeValue('float64')], {})), 'TypeError');
  });

  it('rejects arguments of the wrong type when the op runs', () => {
    const x = full([2, 2], 1);
    assert.equal(torchType(() => callConcrete('torch.prod', [x, [0n, 1n]], {})), 'TypeError');
    assert.equal(torchType(() => callConcrete('torch.sum', [x], { keepdim: 'yes' })), 'TypeError');
    assert.equal(torchType(() => callConcrete('torch.nope', [x], {})), 'TypeError');
  });
});

describe('symbolic meta rules', () => {
  it('reduces with keepdim and negative dims', () => {
    const r = metaTensor(callMeta('torch.sum', [meta([batch, n])], { dim: -1n, keepdim: true }));
    assert.deepEqual(r.shape, [batch, 1]);
    assert.deepEqual(metaTensor(callMeta('Tensor.mean', [meta([batch, n]), [0n, 1n]], {})).shape, []);
  });

  it('broadcasts (batch, n) - (batch, 1) and rejects (batch, n) - (batch,)', () => {
    assert.deepEqual(metaTensor(callMeta('operator.sub', [meta([batch, n]), meta([batch, 1])], {})).shape, [batch, n]);
    assert.equal(torchType(() => callMeta('operator.sub', [meta([batch, n]), meta([batch])], {})), 'RuntimeError');
  });

  it('returns values and indices for max with a dim', () => {
    const r = callMeta('Tensor.max', [meta([batch, n])], { dim: -1n, keepdim: true });
    assert.equal(r.kind, 'tuple');
    if (r.kind !== 'tuple') return;
    assert.deepEqual(r.names, ['values', 'indices']);
    assert.deepEqual(metaTensor(r.items[0]).shape, [batch, 1]);
    assert.equal(metaTensor(r.items[1]).dtype, 'int64');
  });

  it('multiplies batched matrices and reports inner-dim mismatches', () => {
    const k = sym('k');
    const m = sym('m');
    assert.deepEqual(metaTensor(callMeta('operator.matmul', [meta([batch, n, k]), meta([k, m])], {})).shape, [batch, n, m]);
    assert.equal(torchType(() => callMeta('torch.matmul', [meta([batch, n, k]), meta([m, k])], {})), 'RuntimeError');
  });

  it('indexes with advanced indices like log_prob[arange(n), labels]', () => {
    const r = metaTensor(callMeta('Tensor.__getitem__', [meta([batch, n]), [meta([batch], 'int64'), meta([batch], 'int64')]], {}));
    assert.deepEqual(r.shape, [batch]);
    const s = metaTensor(callMeta('Tensor.__getitem__', [meta([batch, n]), [{ kind: 'slice', start: null, stop: null, step: null }, null]], {}));
    assert.deepEqual(s.shape, [batch, 1, n]);
  });

  it('gives unknown dims (never a guess) where the shape depends on data', () => {
    const oh = metaTensor(callMeta('torch.nn.functional.one_hot', [meta([batch], 'int64')], {}));
    assert.deepEqual(oh.shape[0], batch);
    assert.ok(S.isUnknownDim(oh.shape[1]));
    const masked = metaTensor(callMeta('Tensor.__getitem__', [meta([batch, n]), meta([batch, n], 'bool')], {}));
    assert.equal(masked.shape.length, 1);
    assert.ok(S.isUnknownDim(masked.shape[0]));
    assert.throws(() => callMeta('torch.split', [meta([batch, n]), 2n], {}), MetaUnknown);
  });

  it('treats a symbol against a number as unprovable, and distinct symbols as different', () => {
    assert.deepEqual(metaTensor(callMeta('operator.add', [meta([batch, n]), meta([batch, 3])], {})).shape, [batch, 3]);
    assert.equal(torchType(() => callMeta('operator.add', [meta([batch, n]), meta([n, batch])], {})), 'RuntimeError');
    assert.deepEqual(metaTensor(callMeta('Tensor.view', [meta([batch, n]), -1n], {})).shape, [S.dimMul(batch, n)]);
  });

  it('rejects view after transpose or expand, and allows it after contiguous', () => {
    const x = meta([4, 6]);
    const tr = callMeta('Tensor.transpose', [x, 0n, 1n], {});
    assert.equal(torchType(() => callMeta('Tensor.view', [tr, -1n], {})), 'RuntimeError');
    assert.deepEqual(metaTensor(callMeta('Tensor.view', [tr, 6n, 4n], {})).shape, [6, 4]);
    const back = callMeta('Tensor.transpose', [tr, 0n, 1n], {});
    assert.deepEqual(metaTensor(callMeta('Tensor.view', [back, -1n], {})).shape, [24]);
    assert.deepEqual(metaTensor(callMeta('Tensor.view', [callMeta('Tensor.contiguous', [tr], {}), -1n], {})).shape, [24]);
    const ex = callMeta('Tensor.expand', [meta([batch, 1]), batch, 3n], {});
    assert.equal(torchType(() => callMeta('Tensor.view', [ex, batch, 3n], {})), undefined);
    assert.equal(torchType(() => callMeta('Tensor.view', [callMeta('Tensor.expand', [meta([2, 1]), 2n, 3n], {}), 6n], {})), 'RuntimeError');
  });

  it('does symbolic arithmetic through the shape module (cat, flatten, view, einsum, pad)', () => {
    const h = sym('h');
    const w = sym('w');
    const m = sym('m');
    assert.deepEqual(metaTensor(callMeta('torch.cat', [[meta([batch, n]), meta([batch, m])], -1n], {})).shape, [batch, S.dimAdd(n, m)]);
    const flat = metaTensor(callMeta('torch.flatten', [meta([batch, h, w]), 1n], {}));
    assert.ok(S.dimEquals(flat.shape[1] as S.Dim, S.dimMul(w, h)));
    const back = metaTensor(callMeta('Tensor.view', [flat, batch, h, w], {}));
    assert.deepEqual(back.shape, [batch, h, w]);
    assert.equal(torchType(() => callMeta('Tensor.view', [flat, batch, h, n], {})), 'RuntimeError');
    const e = metaTensor(callMeta('torch.einsum', ['bij,jk->bik', meta([batch, n, h]), meta([h, w])], {}));
    assert.deepEqual(e.shape, [batch, n, w]);
    assert.equal(torchType(() => callMeta('torch.einsum', ['ij,jk->ik', meta([n, h]), meta([w, m])], {})), 'RuntimeError');
    assert.deepEqual(metaTensor(callMeta('torch.nn.functional.pad', [meta([batch, n]), [1n, 2n]], {})).shape, [batch, S.dimAdd(n, 3)]);
  });

  it('reports shape and size of a symbolic tensor as Python values', () => {
    assert.deepEqual(callMeta('Tensor.shape', [meta([batch, 3])], {}), { kind: 'python', value: [batch, 3n] });
    assert.deepEqual(callMeta('Tensor.size', [meta([batch, 3]), -1n], {}), { kind: 'python', value: 3n });
  });

  it('flags layer_norm and cross_entropy shape errors on symbolic shapes', () => {
    assert.equal(torchType(() => callMeta('torch.nn.functional.layer_norm', [meta([batch, 3]), [4n]], {})), 'RuntimeError');
    // n may be 4: not provable, so silent.
    assert.deepEqual(metaTensor(callMeta('torch.nn.functional.layer_norm', [meta([batch, n]), [4n]], {})).shape, [batch, n]);
    const loss = callMeta('torch.nn.functional.cross_entropy', [meta([batch, n]), meta([batch], 'int64')], { reduction: 'none' });
    assert.deepEqual(metaTensor(loss).shape, [batch]);
    assert.equal(torchType(() => callMeta('torch.nn.functional.cross_entropy', [meta([batch, n]), meta([n], 'int64')], {})), 'ValueError');
  });
});

describe('meta and concrete agree on dtypes', () => {
  const operands: Array<[string, () => Tensor | number | bigint | boolean, () => MetaTensor | number | bigint | boolean]> = [];
  for (const dtype of ['float32', 'float64', 'int64', 'bool'] as DTypeName[]) {
    operands.push([`${dtype}[2]`, () => full([2], 1, dtype), () => meta([2], dtype)]);
    operands.push([`${dtype}[]`, () => full([], 1, dtype), () => meta([], dtype)]);
  }
  operands.push(['2.5', () => 2.5, () => 2.5], ['3', () => 3n, () => 3n], ['True', () => true, () => true]);

  for (const name of ['torch.add', 'torch.mul', 'torch.div', 'torch.ge', 'torch.maximum', 'torch.where']) {
    it(`${name} over every operand pair`, () => {
      let compared = 0;
      for (const [la, ca, ma] of operands) {
        for (const [lb, cb, mb] of operands) {
          const cond = name === 'torch.where';
          const cArgs = cond ? [full([2], true, 'bool'), ca(), cb()] : [ca(), cb()];
          const mArgs = cond ? [meta([2], 'bool'), ma(), mb()] : [ma(), mb()];
          let concrete: unknown;
          try {
            concrete = callConcrete(name, cArgs, {});
          } catch (error) {
            const t = (error as { torchType?: string }).torchType;
            assert.equal(torchType(() => callMeta(name, mArgs, {})), t, `${name}(${la}, ${lb})`);
            continue;
          }
          assert.ok(isTensor(concrete));
          const m = metaTensor(callMeta(name, mArgs, {}));
          assert.equal(m.dtype, concrete.dtype, `${name}(${la}, ${lb})`);
          assert.deepEqual(m.shape, [...concrete.shape], `${name}(${la}, ${lb})`);
          compared++;
        }
      }
      assert.ok(compared > 50);
    });
  }
});

describe('concrete calls', () => {
  it('computes the seed notes cross entropy through the table', () => {
    const logits = tensorFromNested([[2, -1, 0.5], [1000, 0, -1000]]);
    const labels = tensorFromNested([2n, 0n]);
    const lp = callConcrete('torch.nn.functional.log_softmax', [logits, -1n], {}) as Tensor;
    const picked = callConcrete('Tensor.__getitem__', [lp, [callConcrete('torch.arange', [2n], {}), labels]], {}) as Tensor;
    const loss = callConcrete('operator.neg', [picked], {}) as Tensor;
    const ref = callConcrete('torch.nn.functional.cross_entropy', [logits, labels], { reduction: 'none' }) as Tensor;
    assert.deepEqual([...loss.shape], [2]);
    for (let i = 0; i < 2; i++) assert.ok(Math.abs(loss.data[i] - ref.data[i]) < 1e-5);
    assert.ok(Number.isFinite(loss.data[1]));
  });

  it('converts with to() given a dtype, a device or another tensor', () => {
    const x = full([2], 1.5);
    assert.equal((callConcrete('Tensor.to', [x, dtypeValue('int64')], {}) as Tensor).dtype, 'int64');
    assert.equal((callConcrete('Tensor.to', [x, 'cpu'], {}) as Tensor).dtype, 'float32');
    assert.equal((callConcrete('Tensor.to', [x, full([1], 1n, 'int64')], {}) as Tensor).dtype, 'int64');
    assert.equal((callConcrete('Tensor.to', [x], { device: 'cuda', dtype: dtypeValue('float64') }) as Tensor).dtype, 'float64');
    assert.equal(metaTensor(callMeta('Tensor.to', [meta([batch]), 'cuda:0', dtypeValue('bool')], {})).dtype, 'bool');
  });

  it('writes in-place results through the storage and refuses lossy casts', () => {
    const x = full([2, 2], 1n, 'int64');
    const view = callConcrete('Tensor.__getitem__', [x, 0n], {}) as Tensor;
    callConcrete('Tensor.add_', [view, 5n], {});
    assert.deepEqual(callConcrete('Tensor.tolist', [x], {}), [[6n, 6n], [1n, 1n]]);
    assert.equal(torchType(() => callConcrete('Tensor.add_', [x, 0.5], {})), 'RuntimeError');
    assert.equal(torchType(() => callMeta('Tensor.add_', [meta([2], 'int64'), 0.5], {})), 'RuntimeError');
    assert.equal(torchType(() => callMeta('Tensor.add_', [meta([batch]), meta([n, batch])], {})), 'RuntimeError');
  });

  it('returns torch.Size as ints and item() as a Python scalar', () => {
    const x = full([2, 3], 1.5);
    assert.deepEqual(callConcrete('Tensor.shape', [x], {}), [2n, 3n]);
    assert.equal(callConcrete('Tensor.item', [full([1], 7n, 'int64')], {}), 7n);
    assert.deepEqual(callConcrete('Tensor.dtype', [x], {}), dtypeValue('float32'));
  });
});
