// Attribute access (`x.shape`, `torch.float32`, `self.fc`, `out.values`) and subscripts
// (`x[:, 0]`, `x.shape[-1]`, `layers[0]`, `d["k"]`).
import type { SyntaxNode } from '../syntax';
import { PyError } from './context';
import { ref } from './imports';
import type { Arg, Machine } from './machine';
import { callOp } from './calls';
import { nnAttr } from './nnModules';
import { UNKNOWN, concreteInt, intValue, tuple, type DType, type Value } from './values';

const DTYPES: Record<string, DType> = {
  float32: 'float32', float: 'float32', float64: 'float64', double: 'float64', float16: 'float16', half: 'float16', bfloat16: 'bfloat16',
  int64: 'int64', long: 'int64', int32: 'int32', int: 'int32', int8: 'int8', uint8: 'uint8', bool: 'bool',
};

/** Tensor attributes that are ops rather than methods. */
const TENSOR_PROPERTY_OPS: Record<string, string> = { T: 'Tensor.T', mT: 'Tensor.mT', H: 'Tensor.T', mH: 'Tensor.mT' };

export function getAttr(m: Machine, obj: Value, name: string, node: SyntaxNode, objNode: SyntaxNode | null): Value {
  switch (obj.kind) {
    case 'tensor': {
      if (name === 'shape') return obj.shape === null ? UNKNOWN : tuple(obj.shape.map(intValue), { isSize: true });
      if (name === 'dtype') return obj.dtype === null ? UNKNOWN : { kind: 'dtype', name: obj.dtype };
      if (name === 'ndim') return obj.shape === null ? UNKNOWN : intValue(obj.shape.length);
      if (name in TENSOR_PROPERTY_OPS) return callOp(m, TENSOR_PROPERTY_OPS[name], [{ value: obj, syntax: objNode }], new Map(), node);
      if (name === 'device' || name === 'grad' || name === 'data' || name === 'requires_grad' || name === 'is_cuda') {
        return name === 'data' ? obj : UNKNOWN;
      }
      return { kind: 'method', self: obj, qualname: `Tensor.${name}` };
    }
    case 'tuple':
      if (obj.names) {
        const i = obj.names.indexOf(name);
        if (i >= 0) return obj.items[i];
      }
      if (obj.isSize && name === 'numel') return { kind: 'method', self: obj, qualname: 'Size.numel' };
      return UNKNOWN;
    case 'ref': {
      if (obj.qualname === 'torch' && name in DTYPES) return { kind: 'dtype', name: DTYPES[name] };
      return ref(`${obj.qualname}.${name}`);
    }
    case 'instance': {
      const own = obj.attrs.get(name);
      if (own !== undefined) return own;
      const fromClass = classAttr(obj.cls, name);
      if (fromClass?.kind === 'function') return { kind: 'method', self: obj, qualname: `${obj.cls.name}.${name}`, fn: fromClass };
      return fromClass ?? UNKNOWN;
    }
    case 'class':
      if (name === '__name__') return { kind: 'str', value: obj.name };
      return classAttr(obj, name) ?? UNKNOWN;
    case 'nn':
      return nnAttr(m, obj, name);
    case 'dict':
      return UNKNOWN;
    case 'int':
      return UNKNOWN;
    default:
      return UNKNOWN;
  }
}

export function classAttr(cls: Extract<Value, { kind: 'class' }>, name: string): Value | undefined {
  const own = cls.attrs.get(name);
  if (own !== undefined) return own;
  for (const base of cls.bases) {
    if (base.kind === 'class') {
      const v = classAttr(base, name);
      if (v !== undefined) return v;
    }
  }
  return undefined;
}

function seqItem(items: Value[], index: Value): Value | null {
  const i = concreteInt(index);
  if (i !== null) {
    const j = i < 0 ? i + items.length : i;
    return j >= 0 && j < items.length ? items[j] : null;
  }
  if (index.kind === 'slice') {
    const step = index.step.kind === 'none' ? 1 : concreteInt(index.step);
    if (step === null || step === 0) return null;
    const n = items.length;
    const norm = (v: Value, dflt: number): number | null => {
      if (v.kind === 'none') return dflt;
      const x = concreteInt(v);
      if (x === null) return null;
      const y = x < 0 ? x + n : x;
      return step > 0 ? Math.min(Math.max(y, 0), n) : Math.min(Math.max(y, -1), n - 1);
    };
    const start = norm(index.start, step > 0 ? 0 : n - 1);
    const stop = norm(index.stop, step > 0 ? n : -1);
    if (start === null || stop === null) return null;
    const out: Value[] = [];
    for (let k = start; step > 0 ? k < stop : k > stop; k += step) out.push(items[k]);
    return { kind: 'tuple', items: out };
  }
  return null;
}

export function getItem(m: Machine, obj: Arg, index: Value, indexNodes: SyntaxNode[], node: SyntaxNode): Value {
  const v = obj.value;
  switch (v.kind) {
    case 'tensor': {
      const indexArgs: Arg[] = index.kind === 'tuple' ? index.items.map((it, i) => ({ value: it, syntax: indexNodes[i] ?? null })) : [{ value: index, syntax: indexNodes[0] ?? null }];
      return callOp(m, 'Tensor.__getitem__', [obj, ...indexArgs], new Map(), node, { index });
    }
    case 'tuple':
    case 'list': {
      const r = seqItem(v.items, index);
      if (r === null && m.ctx.mode === 'run' && concreteInt(index) !== null) throw new PyError('IndexError', `${v.kind} index out of range`);
      if (r === null) return UNKNOWN;
      if (r.kind === 'tuple' && index.kind === 'slice') return { ...r, kind: v.kind, isSize: v.isSize };
      return r;
    }
    case 'dict':
      return index.kind === 'str' ? v.entries.get(index.value) ?? UNKNOWN : UNKNOWN;
    case 'nn': {
      if (v.type !== 'Sequential' && v.type !== 'ModuleList') return UNKNOWN;
      const r = seqItem(v.children, index);
      if (r === null) return UNKNOWN;
      if (r.kind === 'tuple') return { ...v, children: r.items };
      return r;
    }
    case 'str': {
      const i = concreteInt(index);
      if (i === null) return UNKNOWN;
      const ch = v.value.at(i);
      return ch === undefined ? UNKNOWN : { kind: 'str', value: ch };
    }
    default:
      return UNKNOWN;
  }
}

