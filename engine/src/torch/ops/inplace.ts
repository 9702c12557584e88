// In-place methods (`x.add_(y)`, `x.masked_fill_(m, v)`, `x.zero_()`): the out-of-place
// entry computes the result, which must keep self's shape and be castable to self's dtype
// (torch's rules), and is written through self's storage so every view sees it. Also the
// smaller entries built from other kernels (new_*, *_as, unbind, cumprod, embedding, softmin).
import * as ix from '../../tensor/indexing';
import * as nn from '../../tensor/nn';
import * as red from '../../tensor/reduce';
import * as so from '../../tensor/shapeOps';
import { normalizeDimNoScalar } from '../../tensor/shapes';
import * as un from '../../tensor/unary';
import * as cr from '../../tensor/create';
import { runtimeError } from '../../tensor/errors';
import { scalarTypeName, type DType } from '../../tensor/dtype';
import { isTensor, toDType, type Tensor } from '../../tensor/tensor';
import { findOpRaw } from './registryRef';
import { isFloat, mt, op, shapeOf, tuple } from '../define';
import { differ, fmtShape, inferView, normDim, reduce, type MShape } from '../metaShapes';
import type { MetaResult, OpEntry } from '../types';
import { Args, isMetaTensor } from '../values';

/** torch's canCast: no floating -> integral, no non-bool -> bool. */
function checkCast(from: DType, to: DType): void {
  const ok = !(isFloat(from) && !isFloat(to)) && !(from !== 'bool' && to === 'bool');
  if (!ok) throw runtimeError(`result type ${scalarTypeName(from)} can't be cast to the desired output type ${scalarTypeName(to)}`);
}

function checkShape(self: MShape, out: MShape): void {
  if (self.length !== out.length || self.some((d, i) => differ(d, out[i]))) {
    throw runtimeError(`output with shape ${fmtShape(self)} doesn't match the broadcast shape ${fmtShape(out)}`);
  }
}

function inplace(method: string, base: string): OpEntry {
  const entry = findOpRaw(base);
  const first = entry.params[0].name;
  return {
    names: [`Tensor.${method}`],
    params: entry.params,
    family: entry.family,
    meta(args): MetaResult {
      const self = args[first];
      const r = entry.meta(args);
      if (!isMetaTensor(self) || r.kind !== 'meta') return r;
      checkShape(self.shape as unknown as MShape, r.shape as unknown as MShape);
      checkCast(r.dtype, self.dtype);
      return self;
    },
    kernel(args) {
      const self = args[first];
      const r = entry.kernel(args);
      if (!isTensor(self) || !isTensor(r)) return r;
      checkShape(self.shape, r.shape);
      checkCast(r.dtype, self.dtype);
      return ix.indexPut(self, [], toDType(r, self.dtype));
    },
  };
}

const INPLACE_OF: Array<[string, string]> = [
  ['add_', 'torch.add'], ['sub_', 'torch.sub'], ['mul_', 'torch.mul'], ['div_', 'torch.div'], ['pow_', 'torch.pow'],
  ['clamp_', 'torch.clamp'], ['clip_', 'torch.clamp'], ['masked_fill_', 'torch.masked_fill'], ['tril_', 'torch.tril'],
  ['triu_', 'torch.triu'], ['exp_', 'torch.exp'], ['log_', 'torch.log'], ['neg_', 'torch.neg'], ['abs_', 'torch.abs'],
  ['sqrt_', 'torch.sqrt'], ['sigmoid_', 'torch.sigmoid'], ['relu_', 'torch.relu'], ['tanh_', 'torch.tanh'],
  ['nan_to_num_', 'torch.nan_to_num'], ['log1p_', 'torch.log1p'], ['expm1_', 'torch.expm1'], ['log2_', 'torch.log2'],
  ['log10_', 'torch.log10'], ['rsqrt_', 'torch.rsqrt'], ['sin_', 'torch.sin'], ['cos_', 'torch.cos'], ['tan_', 'torch.tan'],
  ['erf_', 'torch.erf'], ['reciprocal_', 'torch.reciprocal'], ['square_', 'torch.square'], ['sign_', 'torch.sign'],
  ['floor_', 'torch.floor'], ['ceil_', 'torch.ceil'], ['round_', 'torch.round'], ['trunc_', 'torch.trunc'],
];

const fill = op({
  names: ['Tensor.fill_'],
  sig: 'input, value',
  family: 'elementwise',
  meta: (a) => a.meta('input'),
  kernel: (a) => ix.indexPut(a.tensor('input'), [], a.value('value') as never),
});

const zero = op({
  names: ['Tensor.zero_'],
  sig: 'input',
  family: 'elementwise',
  meta: (a) => a.meta('input'),
  kernel: (a) => ix.indexPut(a.tensor('input'), [], 0n),
});

function clampSide(side: 'min' | 'max'): OpEntry {
  const base = findOpRaw('torch.clamp');
  return op({
    names: [`torch.clamp_${side}`, `Tensor.clamp_${side}`],
    sig: `input, ${side}`,
    family: 'elementwise',
    meta: (a) => base.meta({ input: a.value('input'), min: side === 'min' ? a.value('min') : null, max: side === 'max' ? a.value('max') : null }),
    kernel: (a) => base.kernel({ input: a.value('input'), min: side === 'min' ? a.value('min') : null, max: side === 'max' ? a.value('max') : null }),
  });
}

const cumprod = op({
  names: ['torch.cumprod', 'Tensor.cumprod'],
  sig: 'input, dim, *, dtype=None',
  family: 'reduction',
  meta(a) {
    const x = a.meta('input');
    normDim(a.int('dim'), x.shape.length);
    return mt(x.shape, a.dtype('dtype') ?? (isFloat(x.dtype) ? x.dtype : 'int64'));
  },
  kernel: (a) => red.cumprod(a.tensor('input'), a.int('dim'), a.dtype('dtype')),
});

function newCreator(kind: 'zeros' | 'ones' | 'empty'): OpEntry {
  return op({
    names: [`Tensor.new_${kind}`],
    sig: 'input, *size, dtype=None, device=None, requires_grad=False',
    family: 'creation',
    meta: (a) => mt(a.sizes('size'), a.dtype('dtype') ?? a.meta('input').dtype),
    kernel(a) {
      const dtype = a.dtype('dtype') ?? a.tensor('input').dtype;
      return kind === 'ones' ? cr.ones(a.ints('size'), dtype) : cr.zeros(a.ints('size'), dtype);
    },
  });
}

const viewAs = (method: 'view_as' | 'reshape_as'): OpEntry =>
  op({
    names: [`Tensor.${method}`],
    sig: 'input, other',
    family: 'shape',
    meta: (a) => mt(inferView(shapeOf(a.meta('input')), shapeOf(a.meta('other'))), a.meta('input').dtype),
    kernel: (a) => (method === 'view_as' ? so.view : so.reshape)(a.tensor('input'), a.tensor('other').shape),
  });

const unbind = op({
  names: ['torch.unbind', 'Tensor.unbind'],
  sig: 'input, dim=0',
  family: 'shape',
  meta(a) {
    const x = a.meta('input');
    const shape = shapeOf(x);
    const d = normalizeDimNoScalar(a.int('dim'), shape.length);
    const n = shape[d];
    if (typeof n !== 'number' || n > so.MAX_PIECES) return { kind: 'unknown', pyType: 'tuple' };
    const part = reduce(shape, [d], false);
    return tuple(Array.from({ length: n }, () => mt(part, x.dtype)));
  },
  kernel: (a) => so.unbind(a.tensor('input'), a.int('dim')),
});

const embedding = op({
  names: ['torch.nn.functional.embedding'],
  sig: 'input, weight, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False, sparse=False',
  family: 'nn',
  check(a) {
    const v = a.value('input');
    const d = isMetaTensor(v) || isTensor(v) ? v.dtype : 'float32';
    if (d !== 'int64') throw runtimeError(`Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.${d === 'float32' ? 'FloatTensor' : d === 'float64' ? 'DoubleTensor' : 'BoolTensor'} instead (while checking arguments for embedding)`);
  },
  meta(a) {
    const w = a.meta('weight');
    if (w.shape.length !== 2) throw runtimeError("'weight' must be 2-D");
    return mt([...shapeOf(a.meta('input')), w.shape[1] as MShape[number]], w.dtype);
  },
  kernel: (a) => ix.index(a.tensor('weight'), [a.tensor('input')]),
});

const softmin = op({
  names: ['torch.nn.functional.softmin'],
  sig: 'input, dim=None, _stacklevel=3, dtype=None',
  family: 'nn',
  meta: (a) => findOpRaw('torch.nn.functional.softmax').meta(a.raw),
  kernel(a: Args): Tensor {
    const x = a.tensor('input');
    const dim = a.has('dim') ? a.int('dim') : x.ndim === 0 || x.ndim === 1 || x.ndim === 3 ? 0 : 1;
    return nn.softmax(un.neg(x), dim, a.dtype('dtype'));
  },
});

export const INPLACE: OpEntry[] = [
  ...INPLACE_OF.map(([method, base]) => inplace(method, base)),
  fill,
  zero,
  clampSide('min'),
  clampSide('max'),
  cumprod,
  newCreator('zeros'),
  newCreator('ones'),
  newCreator('empty'),
  viewAs('view_as'),
  viewAs('reshape_as'),
  unbind,
  embedding,
  softmin,
];
