// Reduction entries: sum/mean/prod, max/min (values+indices with a dim, elementwise with a
// tensor), amax/amin, argmax/argmin, logsumexp, std/var, all/any, norm, cumsum.
import * as red from '../../tensor/reduce';
import * as sorting from '../../tensor/sort';
import * as bin from '../../tensor/binary';
import * as un from '../../tensor/unary';
import { indexError, runtimeError } from '../../tensor/errors';
import { scalarTypeName, type DType } from '../../tensor/dtype';
import { isTensor, type Tensor } from '../../tensor/tensor';
import { dtypeOf, floatResultType, isFloat, mt, op, promote, shapeOf, tuple } from '../define';
import { broadcast, normDim, normDims, reduce, type MShape } from '../metaShapes';
import type { MetaResult, OpEntry } from '../types';
import { isMetaTensor, type Args } from '../values';

function sumDType(d: DType, explicit: DType | undefined): DType {
  return explicit ?? (isFloat(d) ? d : 'int64');
}

function reduced(a: Args, dims: number | number[] | null, dtype: DType): MetaResult {
  const x = a.meta('input');
  const shape = x.shape as unknown as MShape;
  return mt(reduce(shape, normDims(dims, shape.length), a.bool('keepdim')), dtype);
}

function dimsArg(a: Args): number | number[] | null {
  return a.dims('dim');
}

const sumEntry = op({
  names: ['torch.sum', 'Tensor.sum'],
  sig: 'input, dim|axis=None, keepdim=False, *, dtype=None',
  family: 'reduction',
  meta: (a) => reduced(a, dimsArg(a), sumDType(a.meta('input').dtype, a.dtype('dtype'))),
  kernel: (a) => red.sum(a.tensor('input'), dimsArg(a), a.bool('keepdim'), a.dtype('dtype')),
});

const meanEntry = op({
  names: ['torch.mean', 'Tensor.mean'],
  sig: 'input, dim|axis=None, keepdim=False, *, dtype=None',
  family: 'reduction',
  check(a) {
    const d = a.dtype('dtype') ?? (isMetaTensor(a.value('input')) ? a.meta('input').dtype : a.tensor('input').dtype);
    if (!isFloat(d)) {
      throw runtimeError(
        `mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${scalarTypeName(d)}`,
      );
    }
  },
  meta: (a) => reduced(a, dimsArg(a), a.dtype('dtype') ?? a.meta('input').dtype),
  kernel: (a) => red.mean(a.tensor('input'), dimsArg(a), a.bool('keepdim'), a.dtype('dtype')),
});

/** `x` with NaN entries replaced by 0: what nansum/nanmean add up. */
function zeroNaN(x: Tensor): Tensor {
  // Integer and bool tensors hold no NaN (and must keep their dtype).
  return isFloat(x.dtype) ? bin.where(un.isnan(x), 0, x) : x;
}

const nansumEntry = op({
  names: ['torch.nansum', 'Tensor.nansum'],
  sig: 'input, dim|axis=None, keepdim=False, *, dtype=None',
  family: 'reduction',
  meta: (a) => reduced(a, dimsArg(a), sumDType(a.meta('input').dtype, a.dtype('dtype'))),
  kernel: (a) => red.sum(zeroNaN(a.tensor('input')), dimsArg(a), a.bool('keepdim'), a.dtype('dtype')),
});

const nanmeanEntry = op({
  names: ['torch.nanmean', 'Tensor.nanmean'],
  sig: 'input, dim|axis=None, keepdim=False, *, dtype=None',
  family: 'reduction',
  check(a) {
    const d = a.dtype('dtype') ?? (isMetaTensor(a.value('input')) ? a.meta('input').dtype : a.tensor('input').dtype);
    if (!isFloat(d)) throw runtimeError(`nanmean(): expected input to have floating point dtype but got ${scalarTypeName(d)}`);
  },
  meta: (a) => reduced(a, dimsArg(a), a.dtype('dtype') ?? a.meta('input').dtype),
  kernel(a) {
    const x = a.tensor('input');
    // The mean over the non-NaN entries: their sum over their count (0/0 is NaN, as in torch).
    const total = red.sum(zeroNaN(x), dimsArg(a), a.bool('keepdim'), a.dtype('dtype'));
    const count = red.sum(un.logicalNot(un.isnan(x)), dimsArg(a), a.bool('keepdim'));
    return bin.div(total, count);
  },
});

const prodEntry = op({
  names: ['torch.prod', 'Tensor.prod'],
  sig: 'input, dim=None, keepdim=False, *, dtype=None',
  family: 'reduction',
  meta: (a) => reduced(a, a.optionalInt('dim'), sumDType(a.meta('input').dtype, a.dtype('dtype'))),
  kernel: (a) => red.prod(a.tensor('input'), a.optionalInt('dim'), a.bool('keepdim'), a.dtype('dtype')),
});

function emptyCheck(name: string, a: Args, dim: number | null, error: 'index' | 'runtime'): void {
  const x = a.value('input');
  const shape = shapeOf(x);
  if (dim === null) {
    if (shape.some((d) => d === 0)) {
      const message = `${name}(): Expected reduction dim to be specified for input.numel() == 0.`;
      if (error === 'index') throw indexError(message);
      throw runtimeError(`${message} Specify the reduction dim with the 'dim' argument.`);
    }
    return;
  }
  const d = normDim(dim, shape.length);
  if (shape[d] === 0) throw indexError(`${name}(): Expected reduction dim ${d} to have non-zero size.`);
}

/** The (values, indices) named tuple of max/min with a dim, sort and topk. */
function valuesIndices(shape: MShape, dtype: DType) {
  return tuple([mt(shape, dtype), mt(shape, 'int64')], ['values', 'indices']);
}

function maxMin(kind: 'max' | 'min'): OpEntry {
  return op({
    names: [`torch.${kind}`, `Tensor.${kind}`],
    sig: 'input, dim|other=None, keepdim=False',
    family: 'reduction',
    check(a) {
      const dim = a.value('dim');
      if (isTensor(dim) || isMetaTensor(dim)) return;
      emptyCheck(kind, a, a.optionalInt('dim'), 'runtime');
    },
    meta(a) {
      const x = a.meta('input');
      const other = a.value('dim');
      if (isMetaTensor(other)) return mt(broadcast(shapeOf(x), shapeOf(other)), promote(x, other));
      if (other === null) return mt([], x.dtype);
      const dim = a.int('dim');
      const shape = reduce(shapeOf(x), [normDim(dim, x.shape.length)], a.bool('keepdim'));
      return valuesIndices(shape, x.dtype);
    },
    kernel(a) {
      const x = a.tensor('input');
      const other = a.value('dim');
      if (isTensor(other)) return kind === 'max' ? bin.maximum(x, other) : bin.minimum(x, other);
      if (other === null) return kind === 'max' ? red.max(x) : red.min(x);
      const r = kind === 'max' ? red.maxDim(x, a.int('dim'), a.bool('keepdim')) : red.minDim(x, a.int('dim'), a.bool('keepdim'));
      return [r.values, r.indices];
    },
  });
}

function amaxAmin(kind: 'amax' | 'amin'): OpEntry {
  return op({
    names: [`torch.${kind}`, `Tensor.${kind}`],
    sig: 'input, dim=(), keepdim=False',
    family: 'reduction',
    check(a) {
      const shape = shapeOf(a.value('input'));
      for (const d of normDims(dimsArg(a), shape.length)) {
        if (shape[d] === 0) throw indexError(`${kind}(): Expected reduction dim ${d} to have non-zero size.`);
      }
    },
    meta: (a) => reduced(a, dimsArg(a), a.meta('input').dtype),
    kernel: (a) => (kind === 'amax' ? red.amax : red.amin)(a.tensor('input'), dimsArg(a), a.bool('keepdim')),
  });
}

function argMaxMin(kind: 'argmax' | 'argmin'): OpEntry {
  return op({
    names: [`torch.${kind}`, `Tensor.${kind}`],
    sig: 'input, dim=None, keepdim=False',
    family: 'reduction',
    check: (a) => {
      emptyCheck(kind, a, a.optionalInt('dim'), 'index');
      // Reducing a dim of size 1 skips the kernel (all indices are 0), so only then is bool fine.
      if (dtypeOf(a.value('input')) === 'bool') {
        const dim = a.optionalInt('dim');
        const shape = shapeOf(a.value('input'));
        // An empty input (past emptyCheck, so the output is empty too) never reaches the kernel.
        if (shape.some((s) => s === 0)) return;
        // (A 0-d tensor has no such dim: its kernel runs, and refuses bool.)
        const size = dim === null || shape.length === 0 ? null : shape[normDim(dim, shape.length)];
        if (size === null || (typeof size === 'number' && size !== 1)) throw runtimeError(`"${kind}_cpu" not implemented for 'Bool'`);
      }
    },
    meta(a) {
      const dim = a.optionalInt('dim');
      const x = a.meta('input');
      if (dim === null) return mt(a.bool('keepdim') ? x.shape.map(() => 1) : [], 'int64');
      return reduced(a, dim, 'int64');
    },
    kernel: (a) => (kind === 'argmax' ? red.argmax : red.argmin)(a.tensor('input'), a.optionalInt('dim'), a.bool('keepdim')),
  });
}

const logsumexp = op({
  names: ['torch.logsumexp', 'Tensor.logsumexp'],
  sig: 'input, dim, keepdim=False',
  family: 'reduction',
  meta: (a) => reduced(a, dimsArg(a), floatResultType(a.meta('input').dtype)),
  kernel: (a) => red.logsumexp(a.tensor('input'), dimsArg(a), a.bool('keepdim')),
});

function correction(a: Args): number {
  if (a.has('correction')) return a.number('correction');
  return a.bool('unbiased') ? 1 : 0;
}

function stdVar(kind: 'std' | 'var'): OpEntry {
  return op({
    names: [`torch.${kind}`, `Tensor.${kind}`],
    sig: 'input, dim=None, unbiased=True, keepdim=False, *, correction=None',
    family: 'reduction',
    check(a) {
      const v = a.value('input');
      const d = isMetaTensor(v) ? v.dtype : a.tensor('input').dtype;
      if (!isFloat(d)) throw runtimeError('std and var only support floating point and complex dtypes');
    },
    meta: (a) => reduced(a, dimsArg(a), a.meta('input').dtype),
    kernel: (a) => (kind === 'std' ? red.std : red.variance)(a.tensor('input'), dimsArg(a), correction(a), a.bool('keepdim')),
  });
}

function boolReduce(kind: 'all' | 'any'): OpEntry {
  return op({
    names: [`torch.${kind}`, `Tensor.${kind}`],
    sig: 'input, dim=None, keepdim=False',
    family: 'reduction',
    meta: (a) => reduced(a, a.optionalInt('dim'), 'bool'),
    kernel: (a) => (kind === 'all' ? red.all : red.any)(a.tensor('input'), a.optionalInt('dim'), a.bool('keepdim')),
  });
}

function normP(a: Args): number | 'fro' {
  const p = a.value('p');
  return p === 'fro' ? 'fro' : a.number('p');
}

const norm = op({
  names: ['torch.norm', 'Tensor.norm'],
  sig: "input, p='fro', dim=None, keepdim=False, dtype=None",
  family: 'reduction',
  check(a) {
    const v = a.value('input');
    const d = isMetaTensor(v) ? v.dtype : a.tensor('input').dtype;
    normP(a);
    if (!isFloat(d)) throw runtimeError(`norm(): input dtype should be either floating point or complex. Got ${scalarTypeName(d)} instead.`);
  },
  meta: (a) => reduced(a, dimsArg(a), a.dtype('dtype') ?? a.meta('input').dtype),
  kernel: (a) => red.norm(a.tensor('input'), normP(a), dimsArg(a), a.bool('keepdim')),
});

const cumsum = op({
  names: ['torch.cumsum', 'Tensor.cumsum'],
  sig: 'input, dim, *, dtype=None',
  family: 'reduction',
  meta(a) {
    const x = a.meta('input');
    normDim(a.int('dim'), x.shape.length);
    return mt(x.shape, sumDType(x.dtype, a.dtype('dtype')));
  },
  kernel: (a) => red.cumsum(a.tensor('input'), a.int('dim'), a.dtype('dtype')),
});

/** torch.sort returns (values, indices); torch.argsort the indices alone. */
const sortLike = (kind: 'sort' | 'argsort'): OpEntry =>
  op({
    names: [`torch.${kind}`, `Tensor.${kind}`],
    sig: 'input, dim=-1, descending=False, stable=False',
    family: 'reduction',
    meta(a) {
      const x = a.meta('input');
      normDim(a.int('dim'), x.shape.length);
      return kind === 'sort' ? valuesIndices(x.shape as MShape, x.dtype) : mt(x.shape, 'int64');
    },
    kernel(a) {
      const [x, dim, descending] = [a.tensor('input'), a.int('dim'), a.bool('descending')];
      if (kind === 'argsort') return sorting.argsort(x, dim, descending);
      const r = sorting.sort(x, dim, descending);
      return [r.values, r.indices];
    },
  });

const topkEntry = op({
  names: ['torch.topk', 'Tensor.topk'],
  sig: 'input, k, dim=-1, largest=True, sorted=True',
  family: 'reduction',
  meta(a) {
    const x = a.meta('input');
    const shape = shapeOf(x);
    const k = a.int('k');
    // torch's order: the dim, then k, then the dtype dispatch, which a 0-d input never reaches.
    const d = normDim(a.int('dim'), shape.length);
    if (shape.length === 0) {
      if (k < 0 || k > 1) throw runtimeError('selected index k out of range');
      return valuesIndices([], x.dtype);
    }
    const size = shape[d];
    if (k < 0 || (typeof size === 'number' && k > size)) throw runtimeError('selected index k out of range');
    if (x.dtype === 'bool') throw runtimeError(`"topk_cpu" not implemented for 'Bool'`);
    const out = shape.map((s, i) => (i === d ? k : s));
    return valuesIndices(out, x.dtype);
  },
  kernel(a) {
    const r = sorting.topk(a.tensor('input'), a.int('k'), a.int('dim'), a.bool('largest'));
    return [r.values, r.indices];
  },
});

export const REDUCTIONS: OpEntry[] = [
  sortLike('sort'),
  sortLike('argsort'),
  topkEntry,
  sumEntry,
  meanEntry,
  nansumEntry,
  nanmeanEntry,
  prodEntry,
  maxMin('max'),
  maxMin('min'),
  amaxAmin('amax'),
  amaxAmin('amin'),
  argMaxMin('argmax'),
  argMaxMin('argmin'),
  logsumexp,
  stdVar('std'),
  stdVar('var'),
  boolReduce('all'),
  boolReduce('any'),
  norm,
  cumsum,
];
