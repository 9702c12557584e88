// Elementwise ops: unary math, binary arithmetic with broadcasting, comparisons, where,
// clamp, masked_fill, and the softmax family (shape-preserving along a checked dim).
import { UNKNOWN, type DType, type Value } from '../values';
import { broadcastShapes, normDim } from './shapeRules';
import { defineOps, dtypeOf, isFloat, promote, shapeOf, type OpCall } from './registry';

function floatOf(d: DType | null): DType | null {
  if (d === null) return null;
  return isFloat(d) ? d : 'float32';
}

const FLOAT_UNARY = ['exp', 'log', 'log1p', 'expm1', 'log2', 'log10', 'sqrt', 'rsqrt', 'sin', 'cos', 'tan', 'tanh', 'sigmoid',
  'erf', 'exp2', 'reciprocal', 'asin', 'acos', 'atan', 'sinh', 'cosh'];
const SAME_UNARY = ['abs', 'neg', 'relu', 'square', 'sign', 'floor', 'ceil', 'round', 'trunc', 'clone', 'detach', 'contiguous', 'nan_to_num',
  'cpu', 'cuda', 'requires_grad_', 'positive'];
const BOOL_UNARY = ['isnan', 'isinf', 'isfinite', 'logical_not', 'isneginf', 'isposinf'];
const F_ACTIVATIONS = ['gelu', 'silu', 'softplus', 'logsigmoid', 'elu', 'leaky_relu', 'mish', 'hardtanh', 'relu6', 'selu', 'celu', 'softsign', 'tanhshrink', 'hardswish', 'hardsigmoid'];

function unary(kind: 'float' | 'same' | 'bool') {
  return (c: OpCall): Value => {
    const t = c.tensor('input');
    if (!t) return UNKNOWN;
    const dtype = kind === 'bool' ? 'bool' : kind === 'float' ? floatOf(t.dtype) : t.dtype;
    return c.out(t.shape, dtype);
  };
}

function binary(kind: 'arith' | 'div' | 'compare' | 'logical') {
  return (c: OpCall): Value => {
    const a = c.get('input');
    const b = c.get('other');
    const sa = shapeOf(a);
    const sb = shapeOf(b);
    if (sa === undefined || sb === undefined) return UNKNOWN;
    if (a.kind !== 'tensor' && b.kind !== 'tensor') return UNKNOWN;
    const shape = broadcastShapes(sa, sb);
    let dtype = promote(a, b);
    if (kind === 'div') dtype = floatOf(dtype);
    if (kind === 'compare' || kind === 'logical') dtype = 'bool';
    return c.out(shape, dtype);
  };
}

function softmaxLike(c: OpCall): Value {
  const t = c.tensor('input');
  if (!t) return UNKNOWN;
  const dim = c.int('dim');
  if (t.shape !== null && dim !== undefined) normDim(dim, t.shape.length, c.op);
  const dtypeArg = c.get('dtype');
  return c.out(t.shape, dtypeArg.kind === 'dtype' ? dtypeArg.name : floatOf(t.dtype));
}

function names(name: string, extra: string[] = []): string[] {
  return [`torch.${name}`, `Tensor.${name}`, ...extra];
}

defineOps([
  ...FLOAT_UNARY.map((n) => ({ names: names(n, [`Tensor.${n}_`, `torch.special.${n}`]), sig: 'input', meta: unary('float') })),
  { names: names('nan_to_num'), sig: 'input, nan=0.0, posinf=None, neginf=None', meta: unary('same') },
  ...SAME_UNARY.filter((n) => n !== 'nan_to_num').map((n) => ({ names: names(n, [`Tensor.${n}_`]), sig: n === 'contiguous' ? 'input, memory_format=None' : 'input', meta: unary('same') })),
  ...BOOL_UNARY.map((n) => ({ names: names(n), sig: 'input', meta: unary('bool') })),
  { names: ['torch.nn.functional.relu', 'torch.relu'], sig: 'input, inplace=False', meta: unary('same') },
  ...F_ACTIVATIONS.map((n) => ({ names: [`torch.nn.functional.${n}`], sig: 'input, *rest', meta: unary('float') })),
  { names: ['torch.sigmoid', 'torch.nn.functional.sigmoid'], sig: 'input', meta: unary('float') },
  { names: ['torch.tanh', 'torch.nn.functional.tanh'], sig: 'input', meta: unary('float') },
  { names: ['torch.nn.functional.dropout', 'torch.dropout'], sig: 'input, p=0.5, training=True, inplace=False', meta: unary('same') },
  { names: names('clamp', ['torch.clip', 'Tensor.clip', 'Tensor.clamp_', 'Tensor.clamp_min', 'Tensor.clamp_max']), sig: 'input, min=None, max=None', meta: unary('same') },
  { names: names('pow', ['Tensor.__pow__']), sig: 'input, exponent', meta: (c) => {
    // `2 ** x` reaches here as pow(2, x): either side may be the tensor.
    const base = c.get('input');
    const e = c.get('exponent');
    const sb = shapeOf(base);
    const se = shapeOf(e);
    if (sb === undefined || se === undefined || (base.kind !== 'tensor' && e.kind !== 'tensor')) return UNKNOWN;
    return c.out(broadcastShapes(sb, se), promote(base, e));
  } },
  { names: names('add', ['Tensor.add_', 'Tensor.__add__']), sig: 'input, other, *, alpha=1', meta: binary('arith') },
  { names: names('sub', ['torch.subtract', 'Tensor.sub_', 'Tensor.__sub__']), sig: 'input, other, *, alpha=1', meta: binary('arith') },
  { names: names('mul', ['torch.multiply', 'Tensor.mul_', 'Tensor.__mul__']), sig: 'input, other', meta: binary('arith') },
  { names: names('div', ['torch.divide', 'torch.true_divide', 'Tensor.div_', 'Tensor.__truediv__']), sig: 'input, other, *, rounding_mode=None', meta: binary('div') },
  { names: names('floor_divide', ['Tensor.__floordiv__']), sig: 'input, other', meta: binary('arith') },
  { names: names('remainder', ['torch.fmod', 'Tensor.fmod', 'Tensor.__mod__']), sig: 'input, other', meta: binary('arith') },
  { names: names('maximum', ['torch.fmax']), sig: 'input, other', meta: binary('arith') },
  { names: names('minimum', ['torch.fmin']), sig: 'input, other', meta: binary('arith') },
  { names: names('atan2'), sig: 'input, other', meta: binary('div') },
  ...['eq', 'ne', 'lt', 'le', 'gt', 'ge'].map((n) => ({ names: names(n), sig: 'input, other', meta: binary('compare') })),
  ...['logical_and', 'logical_or', 'logical_xor'].map((n) => ({ names: names(n), sig: 'input, other', meta: binary('logical') })),
  ...['bitwise_and', 'bitwise_or', 'bitwise_xor'].map((n) => ({ names: names(n), sig: 'input, other', meta: binary('arith') })),
  { names: ['torch.where', 'Tensor.where'], sig: 'condition, input=None, other=None', meta: (c) => {
    const cond = c.get('condition');
    const a = c.get('input');
    const b = c.get('other');
    if (a.kind === 'none' || cond.kind !== 'tensor') return UNKNOWN;
    const sa = shapeOf(a);
    const sb = shapeOf(b);
    if (sa === undefined || sb === undefined) return UNKNOWN;
    return c.out(broadcastShapes(broadcastShapes(cond.shape, sa), sb), promote(a, b));
  } },
  { names: ['Tensor.masked_fill', 'torch.masked_fill', 'Tensor.masked_fill_'], sig: 'input, mask, value', meta: (c) => {
    const t = c.tensor('input');
    const m = c.tensor('mask');
    if (!t || !m) return UNKNOWN;
    const shape = broadcastShapes(t.shape, m.shape);
    // masked_fill never grows self: the mask must broadcast to self's shape.
    return c.out(shape && t.shape && shape.length === t.shape.length ? t.shape : shape, t.dtype);
  } },
  { names: ['torch.softmax', 'Tensor.softmax', 'torch.nn.functional.softmax', 'torch.special.softmax'], sig: 'input, dim=None, dtype=None, *, _stacklevel=3', meta: softmaxLike },
  { names: ['torch.log_softmax', 'Tensor.log_softmax', 'torch.nn.functional.log_softmax', 'torch.special.log_softmax'], sig: 'input, dim=None, dtype=None, *, _stacklevel=3', meta: softmaxLike },
  { names: ['torch.nn.functional.softmin'], sig: 'input, dim=None, dtype=None', meta: softmaxLike },
  { names: ['torch.nn.functional.normalize'], sig: 'input, p=2.0, dim=1, eps=1e-12, out=None', meta: softmaxLike },
  { names: names('cumsum', ['torch.cumprod', 'Tensor.cumprod', 'torch.logcumsumexp', 'Tensor.logcumsumexp']), sig: 'input, dim, *, dtype=None', meta: softmaxLike },
  { names: names('tril', ['torch.triu', 'Tensor.triu', 'Tensor.tril_', 'Tensor.triu_']), sig: 'input, diagonal=0', meta: unary('same') },
  { names: ['Tensor.float'], sig: 'input, memory_format=None', meta: (c) => castTo(c, 'float32') },
  { names: ['Tensor.double'], sig: 'input, memory_format=None', meta: (c) => castTo(c, 'float64') },
  { names: ['Tensor.half'], sig: 'input, memory_format=None', meta: (c) => castTo(c, 'float16') },
  { names: ['Tensor.long'], sig: 'input, memory_format=None', meta: (c) => castTo(c, 'int64') },
  { names: ['Tensor.int'], sig: 'input, memory_format=None', meta: (c) => castTo(c, 'int32') },
  { names: ['Tensor.bool'], sig: 'input, memory_format=None', meta: (c) => castTo(c, 'bool') },
  { names: ['Tensor.to', 'Tensor.type'], sig: 'input, *args', meta: (c) => {
    const t = c.tensor('input');
    if (!t) return UNKNOWN;
    const args = c.get('args');
    const items = args.kind === 'tuple' ? args.items : [];
    const dt = items.find((v) => v.kind === 'dtype');
    if (dt && dt.kind === 'dtype') return c.out(t.shape, dt.name);
    if (items.some((v) => v.kind === 'tensor' || v.kind === 'unknown')) return c.out(t.shape, null);
    return c.out(t.shape, t.dtype);
  } },
]);

function castTo(c: OpCall, dtype: DType): Value {
  const t = c.tensor('input');
  return t ? c.out(t.shape, dtype) : UNKNOWN;
}

export { dtypeOf };
