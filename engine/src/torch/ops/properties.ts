// Entries that take only `self` and return Python values or views: shape/size, ndim/dim,
// dtype, numel, item, tolist, and the .T/.mT properties. torch.Size is a tuple of ints (an
// array of bigints); in the meta path a symbolic dim stays the shape module's value.
import { normalizeDimNoScalar } from '../../tensor/shapes';
import * as so from '../../tensor/shapeOps';
import { runtimeError, valueError } from '../../tensor/errors';
import { item, toList, type NestedList, type Tensor } from '../../tensor/tensor';
import { mt, op, py, shapeOf } from '../define';
import { mulDim, normDim, type Dim } from '../metaShapes';
import { permuteLayout, withLayout } from '../layout';
import type { OpEntry } from '../types';
import { dtypeValue } from '../values';

function pyDim(d: Dim): unknown {
  return typeof d === 'number' ? BigInt(d) : d;
}

const shape = op({
  names: ['Tensor.shape', 'Tensor.size'],
  sig: 'input, dim=None',
  family: 'property',
  meta(a) {
    const s = shapeOf(a.meta('input'));
    const dim = a.optionalInt('dim');
    return py(dim === null ? s.map(pyDim) : pyDim(s[normalizeDimNoScalar(dim, s.length)]));
  },
  kernel(a) {
    const s = a.tensor('input').shape;
    const dim = a.optionalInt('dim');
    return dim === null ? s.map((d) => BigInt(d)) : BigInt(s[normalizeDimNoScalar(dim, s.length)]);
  },
});

const ndim = op({
  names: ['Tensor.ndim', 'Tensor.dim', 'Tensor.ndimension'],
  sig: 'input',
  family: 'property',
  meta: (a) => py(BigInt(a.meta('input').shape.length)),
  kernel: (a) => BigInt(a.tensor('input').ndim),
});

const dtype = op({
  names: ['Tensor.dtype'],
  sig: 'input',
  family: 'property',
  meta: (a) => py(dtypeValue(a.meta('input').dtype)),
  kernel: (a) => dtypeValue(a.tensor('input').dtype),
});

const numel = op({
  names: ['torch.numel', 'Tensor.numel', 'Tensor.nelement'],
  sig: 'input',
  family: 'property',
  meta(a) {
    const s = shapeOf(a.meta('input'));
    // A symbolic numel (`b*n`) is still an int the analysis can compare and size with.
    return py(pyDim(s.reduce<Dim>((p, d) => mulDim(p, d), 1)));
  },
  kernel: (a) => BigInt(a.tensor('input').numel),
});

function checkOneElement(x: Tensor): void {
  if (x.numel !== 1) throw valueError('only one element tensors can be converted to Python scalars');
}

const itemEntry = op({
  names: ['Tensor.item'],
  sig: 'input',
  family: 'property',
  meta(a) {
    const x = a.meta('input');
    const s = shapeOf(x);
    if (s.every((d) => typeof d === 'number') && (s as number[]).reduce((p, d) => p * d, 1) !== 1) {
      throw valueError('only one element tensors can be converted to Python scalars');
    }
    return { kind: 'unknown', pyType: x.dtype === 'bool' ? 'bool' : x.dtype === 'int64' ? 'int' : 'float' };
  },
  kernel(a) {
    const x = a.tensor('input');
    checkOneElement(x);
    return item(x);
  },
});

/** Python values: int64 elements become ints (bigint). */
function pyList(v: NestedList, isInt: boolean): unknown {
  if (Array.isArray(v)) return v.map((c) => pyList(c, isInt));
  return isInt && typeof v === 'number' ? BigInt(v) : v;
}

const tolist = op({
  names: ['Tensor.tolist'],
  sig: 'input',
  family: 'property',
  meta: () => ({ kind: 'unknown', pyType: 'list' }),
  kernel(a) {
    const x = a.tensor('input');
    return pyList(toList(x), x.dtype === 'int64');
  },
});

const bigT = op({
  names: ['Tensor.T'],
  sig: 'input',
  family: 'property',
  meta(a) {
    const x = a.meta('input');
    const n = x.shape.length;
    return withLayout(mt([...shapeOf(x)].reverse(), x.dtype), permuteLayout(x, x.shape.map((_, i) => n - 1 - i)));
  },
  kernel: (a) => so.T(a.tensor('input')),
});

const mT = op({
  names: ['Tensor.mT'],
  sig: 'input',
  family: 'property',
  check(a) {
    const n = shapeOf(a.value('input')).length;
    if (n === 1) throw runtimeError(`tensor.mT is only supported on matrices or batches of matrices. Got ${n}-D tensor.`);
  },
  meta(a) {
    const x = a.meta('input');
    if (x.shape.length === 0) return x;
    const s = [...shapeOf(x)];
    const order = s.map((_, i) => i);
    const n = s.length;
    [s[n - 2], s[n - 1]] = [s[n - 1], s[n - 2]];
    [order[n - 2], order[n - 1]] = [order[n - 1], order[n - 2]];
    return withLayout(mt(s, x.dtype), permuteLayout(x, order));
  },
  kernel: (a) => so.mT(a.tensor('input')),
});

/** Meta tensors carry no strides: contiguity is known only for concrete tensors. */
const isContiguous = op({
  names: ['Tensor.is_contiguous'],
  sig: 'input',
  family: 'property',
  meta: () => ({ kind: 'unknown', pyType: 'bool' }),
  kernel: (a) => a.tensor('input').isContiguous(),
});

export const PROPERTIES: OpEntry[] = [isContiguous, shape, ndim, dtype, numel, itemEntry, tolist, bigT, mT];
