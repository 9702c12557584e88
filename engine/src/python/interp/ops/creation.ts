// Tensor constructors: sizes from literals or symbols, dtype from `dtype=` or the data.
import { dimExactDiv, dimSub, unknownDim, type Dim, type Shape } from '../../../shape/dim';
import { UNKNOWN, concreteNumber, type DType, type Value } from '../values';
import { defineOps, type OpCall } from './registry';

function dtypeArg(c: OpCall, fallback: DType | null): DType | null {
  const d = c.get('dtype');
  return d.kind === 'dtype' ? d.name : d.kind === 'none' ? fallback : null;
}

function sized(defaultDtype: DType) {
  return (c: OpCall): Value => {
    const size = c.sizes(c.get('size'));
    if (size === null) return UNKNOWN;
    return c.out(size, dtypeArg(c, defaultDtype));
  };
}

function like(defaultDtype: DType | 'same') {
  return (c: OpCall): Value => {
    const t = c.tensor('input');
    if (!t) return UNKNOWN;
    return c.out(t.shape, dtypeArg(c, defaultDtype === 'same' ? t.dtype : defaultDtype));
  };
}

/** Shape and dtype of nested Python lists for `torch.tensor`. */
export function literalShape(v: Value): { shape: Shape; dtype: DType } | null {
  if (v.kind === 'int') return { shape: [], dtype: 'int64' };
  if (v.kind === 'float') return { shape: [], dtype: 'float32' };
  if (v.kind === 'bool') return { shape: [], dtype: 'bool' };
  if (v.kind === 'tensor' && v.shape !== null && v.dtype !== null) return { shape: v.shape, dtype: v.dtype };
  if (v.kind !== 'list' && v.kind !== 'tuple') return null;
  if (v.items.length === 0) return { shape: [0], dtype: 'float32' };
  const inner = v.items.map(literalShape);
  if (inner.some((x) => x === null)) return null;
  const first = inner[0]!;
  if (inner.some((x) => x!.shape.length !== first.shape.length)) return null;
  const rank = { bool: 0, int64: 1, float32: 2 } as Record<string, number>;
  const dtype = inner.reduce<DType>((acc, x) => ((rank[x!.dtype] ?? 2) > (rank[acc] ?? 2) ? x!.dtype : acc), first.dtype);
  return { shape: [v.items.length, ...first.shape], dtype };
}

function arange(c: OpCall): Value {
  const a = c.get('start');
  const b = c.get('end');
  const s = c.get('step');
  const [start, end] = b.kind === 'none' ? [{ kind: 'int', value: 0 } as Value, a] : [a, b];
  const isInt = (v: Value) => v.kind === 'int' || v.kind === 'bool';
  const dtype = dtypeArg(c, isInt(start) && isInt(end) && isInt(s) ? 'int64' : 'float32');
  let len: Dim = unknownDim();
  if (start.kind === 'int' && end.kind === 'int' && s.kind === 'int') {
    if (typeof start.value === 'number' && typeof end.value === 'number' && typeof s.value === 'number' && s.value !== 0) {
      len = Math.max(0, Math.ceil((end.value - start.value) / s.value));
    } else {
      len = (dimExactDiv(dimSub(end.value, start.value), s.value) ?? unknownDim());
    }
  } else {
    const [x, y, z] = [concreteNumber(start), concreteNumber(end), concreteNumber(s)];
    if (x !== null && y !== null && z !== null && z !== 0) len = Math.max(0, Math.ceil((y - x) / z));
  }
  return c.out([len], dtype);
}

defineOps([
  ...['zeros', 'ones', 'empty', 'randn', 'rand'].map((n) => ({
    names: [`torch.${n}`], sig: 'size, *more, dtype=None, device=None, requires_grad=False, generator=None, layout=None, pin_memory=False',
    meta: (c: OpCall) => {
      const more = c.get('more');
      const all = more.kind === 'tuple' && more.items.length > 0 ? [c.get('size'), ...more.items] : c.get('size');
      const size = c.sizes(all);
      return c.out(size, dtypeArg(c, 'float32'));
    },
  })),
  { names: ['torch.full'], sig: 'size, fill_value, *, dtype=None, device=None, requires_grad=False', meta: (c) => {
    const size = c.sizes(c.get('size'));
    const fill = c.get('fill_value');
    const natural: DType = fill.kind === 'int' ? 'int64' : fill.kind === 'bool' ? 'bool' : 'float32';
    return size === null ? UNKNOWN : c.out(size, dtypeArg(c, natural));
  } },
  { names: ['torch.randint'], sig: 'low, high=None, size=None, *, dtype=None, device=None, generator=None', meta: (c) => {
    const sizeArg = c.get('size').kind === 'none' ? c.get('high') : c.get('size');
    const size = c.sizes(sizeArg);
    return size === null ? UNKNOWN : c.out(size, dtypeArg(c, 'int64'));
  } },
  { names: ['torch.eye'], sig: 'n, m=None, *, dtype=None, device=None, requires_grad=False', meta: (c) => {
    const n = c.get('n');
    const m = c.get('m');
    const dn = n.kind === 'int' ? n.value : unknownDim();
    const dm = m.kind === 'int' ? m.value : m.kind === 'none' ? dn : unknownDim();
    return c.out([dn, dm], dtypeArg(c, 'float32'));
  } },
  { names: ['torch.arange'], sig: 'start, end=None, step=1, *, dtype=None, device=None, requires_grad=False', meta: arange },
  { names: ['torch.linspace', 'torch.logspace'], sig: 'start, end, steps, *, dtype=None, device=None, requires_grad=False', meta: (c) => {
    const steps = c.get('steps');
    return c.out([steps.kind === 'int' ? steps.value : unknownDim()], dtypeArg(c, 'float32'));
  } },
  { names: ['torch.tensor', 'torch.as_tensor'], sig: 'data, *, dtype=None, device=None, requires_grad=False', meta: (c) => {
    const lit = literalShape(c.get('data'));
    if (!lit) return c.out(null, dtypeArg(c, null));
    return c.out(lit.shape, dtypeArg(c, lit.dtype), { literal: true });
  } },
  { names: ['torch.zeros_like'], sig: 'input, *, dtype=None, device=None, requires_grad=False', meta: like('same') },
  { names: ['torch.ones_like'], sig: 'input, *, dtype=None, device=None, requires_grad=False', meta: like('same') },
  { names: ['torch.empty_like'], sig: 'input, *, dtype=None, device=None, requires_grad=False', meta: like('same') },
  { names: ['torch.randn_like'], sig: 'input, *, dtype=None, device=None, requires_grad=False', meta: like('same') },
  { names: ['torch.rand_like'], sig: 'input, *, dtype=None, device=None, requires_grad=False', meta: like('same') },
  { names: ['torch.full_like'], sig: 'input, fill_value, *, dtype=None, device=None, requires_grad=False', meta: like('same') },
  { names: ['Tensor.new_zeros', 'Tensor.new_ones', 'Tensor.new_empty'], sig: 'input, *size, dtype=None, device=None, requires_grad=False', meta: (c) => {
    const size = c.sizes(c.get('size'));
    const t = c.tensor('input');
    return size === null || !t ? UNKNOWN : c.out(size, dtypeArg(c, t.dtype));
  } },
]);
