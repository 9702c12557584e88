// Elementwise ops the shared torch table (engine/src/torch) does not have yet, the half/int
// casts (dtypes the table does not model) and `.to`/`.type` (see INTERPRETER_NAMES in
// tableMeta.ts). Everything else elementwise runs on the table through tableMeta.ts.
import { UNKNOWN, type DType, type Value } from '../values';
import { broadcastShapes, normDim } from './shapeRules';
import { defineOps, isFloat, promote, shapeOf, type OpCall } from './registry';

function floatOf(d: DType | null): DType | null {
  if (d === null) return null;
  return isFloat(d) ? d : 'float32';
}

const FLOAT_UNARY = ['exp2', 'asin', 'acos', 'atan', 'sinh', 'cosh'];
const SAME_UNARY = ['positive'];
const BOOL_UNARY = ['isneginf', 'isposinf'];
const F_ACTIVATIONS = ['elu', 'leaky_relu', 'mish', 'hardtanh', 'relu6', 'selu', 'celu', 'softsign', 'tanhshrink', 'hardswish', 'hardsigmoid'];

function unary(kind: 'float' | 'same' | 'bool') {
  return (c: OpCall): Value => {
    const t = c.tensor('input');
    if (!t) return UNKNOWN;
    const dtype = kind === 'bool' ? 'bool' : kind === 'float' ? floatOf(t.dtype) : t.dtype;
    return c.out(t.shape, dtype);
  };
}

function binary(kind: 'arith' | 'div') {
  return (c: OpCall): Value => {
    const a = c.get('input');
    const b = c.get('other');
    const sa = shapeOf(a);
    const sb = shapeOf(b);
    if (sa === undefined || sb === undefined) return UNKNOWN;
    if (a.kind !== 'tensor' && b.kind !== 'tensor') return UNKNOWN;
    const shape = broadcastShapes(sa, sb);
    const dtype = promote(a, b);
    return c.out(shape, kind === 'div' ? floatOf(dtype) : dtype);
  };
}

function cumulative(c: OpCall): Value {
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
  ...FLOAT_UNARY.map((n) => ({ names: names(n, [`Tensor.${n}_`]), sig: 'input', meta: unary('float') })),
  ...SAME_UNARY.map((n) => ({ names: names(n), sig: 'input', meta: unary('same') })),
  ...BOOL_UNARY.map((n) => ({ names: names(n), sig: 'input', meta: unary('bool') })),
  ...F_ACTIVATIONS.map((n) => ({ names: [`torch.nn.functional.${n}`], sig: 'input, *rest', meta: unary('float') })),
  { names: names('fmod'), sig: 'input, other', meta: binary('arith') },
  { names: ['torch.fmax'], sig: 'input, other', meta: binary('arith') },
  { names: ['torch.fmin'], sig: 'input, other', meta: binary('arith') },
  { names: names('atan2'), sig: 'input, other', meta: binary('div') },
  { names: names('logcumsumexp'), sig: 'input, dim, *, dtype=None', meta: cumulative },
  { names: ['Tensor.half'], sig: 'input, memory_format=None', meta: (c) => castTo(c, 'float16') },
  { names: ['Tensor.int'], sig: 'input, memory_format=None', meta: (c) => castTo(c, 'int32') },
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
