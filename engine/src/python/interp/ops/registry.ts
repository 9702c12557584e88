// The interpreter's own op table: signatures parsed from Python-like strings, argument
// binding, and the helpers each entry's shape rule reads its arguments with. Entries live in
// the sibling modules; a name maps to one entry, whose first name is the canonical op name
// that op-graph nodes carry.
import type { OpNode } from '../../../facts/opGraph';
import { rangeOf, type Context, type ProblemKind, type ShapeProblem } from '../context';
import type { SyntaxNode } from '../../syntax';
import { unknownDim, type Dim, type Shape } from '../../../shape/dim';
import { UNKNOWN, concreteInt, type DType, type TensorValue, type Value } from '../values';

export interface Param {
  name: string;
  default?: Value;
  varargs?: boolean;
  keywordOnly?: boolean;
}

export interface OpEntryLite {
  names: string[];
  params: Param[];
  meta(call: OpCall): Value;
}

export class OpCall {
  readonly inputs: Array<OpNode | null> = [];
  readonly params: Record<string, unknown> = {};

  constructor(
    readonly op: string,
    readonly bound: Map<string, Value>,
    readonly ctx: Context,
    readonly syntax: SyntaxNode | null,
    paramOrder: Param[],
  ) {
    for (const p of paramOrder) {
      const v = bound.get(p.name);
      if (v === undefined) continue;
      const items = v.kind === 'tuple' || v.kind === 'list' ? v.items : [v];
      if (items.some((x) => x.kind === 'tensor')) {
        for (const x of items) if (x.kind === 'tensor') this.inputs.push(x.node);
      } else {
        if (p.name === 'input' || p.name === 'other' || p.name === 'self') this.inputs.push(null);
        const js = toJs(v);
        if (js !== undefined) this.params[p.name] = js;
      }
    }
  }

  get(name: string): Value {
    return this.bound.get(name) ?? UNKNOWN;
  }

  tensor(name: string): TensorValue | null {
    const v = this.get(name);
    return v.kind === 'tensor' ? v : null;
  }

  /** A concrete int argument; undefined when unknown or symbolic. */
  int(name: string): number | undefined {
    const n = concreteInt(this.get(name));
    return n === null ? undefined : n;
  }

  bool(name: string): boolean | undefined {
    const v = this.get(name);
    if (v.kind === 'bool' && v.value !== null) return v.value;
    if (v.kind === 'int' && typeof v.value === 'number') return v.value !== 0;
    return undefined;
  }

  isNone(name: string): boolean {
    return this.get(name).kind === 'none';
  }

  /** `dim` as an int, a tuple of ints, or None (null); undefined when unknown. */
  dims(name: string): number[] | null | undefined {
    const v = this.get(name);
    if (v.kind === 'none') return null;
    const items = v.kind === 'tuple' || v.kind === 'list' ? v.items : [v];
    const out: number[] = [];
    for (const it of items) {
      const n = concreteInt(it);
      if (n === null) return undefined;
      out.push(n);
    }
    return out;
  }

  /** Sizes from varargs or a tuple/list/torch.Size, as dims; null when not readable. */
  sizes(value: Value | Value[]): Dim[] | null {
    let items: Value[] = Array.isArray(value) ? value : [value];
    if (items.length === 1 && (items[0].kind === 'tuple' || items[0].kind === 'list')) items = items[0].items;
    // One argument of unknown kind may be a whole size tuple: the rank is unknown.
    if (items.length === 1 && items[0].kind !== 'int') return null;
    const out: Dim[] = [];
    for (const it of items) {
      if (it.kind === 'int') out.push(it.value);
      else if (it.kind === 'unknown' || it.kind === 'tensor') out.push(unknownDim());
      else return null;
    }
    return out;
  }

  /** A warning the op does not raise for (the result is still computed). */
  warn(kind: ProblemKind, reason: string, fix?: ShapeProblem['fix']): void {
    if (!this.syntax || this.ctx.mode === 'run') return;
    const p: ShapeProblem = { op: this.op, kind, torchType: '', reason, range: rangeOf(this.syntax), text: this.syntax.text, operands: [] };
    this.ctx.problem(fix ? { ...p, fix } : p);
  }

  out(shape: Shape | null, dtype: DType | null, extra: Record<string, unknown> = {}): TensorValue {
    const node = this.ctx.node(this.op, this.syntax, this.inputs, { ...this.params, ...extra });
    return this.ctx.tensor(shape, dtype, node);
  }
}

/** JS form of a bound non-tensor argument for an op-graph node's params. */
export function toJs(v: Value): unknown {
  switch (v.kind) {
    case 'int':
      return typeof v.value === 'number' ? v.value : undefined;
    case 'float':
      return v.value ?? undefined;
    case 'bool':
      return v.value ?? undefined;
    case 'none':
      return null;
    case 'str':
      return v.value;
    case 'dtype':
      return v.name;
    case 'tuple':
    case 'list': {
      const items = v.items.map(toJs);
      return items.some((x) => x === undefined) ? undefined : items;
    }
    default:
      return undefined;
  }
}

function parseDefault(text: string): Value {
  if (text === 'None') return { kind: 'none' };
  if (text === 'True' || text === 'False') return { kind: 'bool', value: text === 'True' };
  if (/^-?\d+$/.test(text)) return { kind: 'int', value: Number(text) };
  if (/^-?[\d.]+(e-?\d+)?$/.test(text)) return { kind: 'float', value: Number(text) };
  if (/^'.*'$/.test(text)) return { kind: 'str', value: text.slice(1, -1) };
  return UNKNOWN;
}

/** Parses `"input, dim=None, keepdim=False, *, dtype=None"` or `"input, *size"`. */
export function sig(text: string): Param[] {
  const params: Param[] = [];
  let keywordOnly = false;
  for (const raw of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (raw === '*') {
      keywordOnly = true;
      continue;
    }
    if (raw.startsWith('*')) {
      params.push({ name: raw.slice(1), varargs: true });
      keywordOnly = true;
      continue;
    }
    const eq = raw.indexOf('=');
    if (eq < 0) params.push({ name: raw, keywordOnly });
    else params.push({ name: raw.slice(0, eq), default: parseDefault(raw.slice(eq + 1)), keywordOnly });
  }
  return params;
}

/** Binds Python call arguments to a signature; null when they do not fit. */
export function bindArgs(params: Param[], args: Value[], kwargs: Map<string, Value>): Map<string, Value> | null {
  const bound = new Map<string, Value>();
  let i = 0;
  for (const p of params) {
    if (p.varargs) {
      const rest = args.slice(i);
      i = args.length;
      if (kwargs.has(p.name)) bound.set(p.name, kwargs.get(p.name)!);
      else bound.set(p.name, { kind: 'tuple', items: rest });
      continue;
    }
    if (!p.keywordOnly && i < args.length) {
      if (kwargs.has(p.name)) return null;
      bound.set(p.name, args[i++]);
    } else if (kwargs.has(p.name)) {
      bound.set(p.name, kwargs.get(p.name)!);
    } else if (p.default !== undefined) {
      bound.set(p.name, p.default);
    } else {
      return null;
    }
  }
  if (i < args.length) return null;
  for (const k of kwargs.keys()) if (!params.some((p) => p.name === k)) return null;
  return bound;
}

const table = new Map<string, OpEntryLite>();

export function defineOps(entries: Array<{ names: string[]; sig: string; meta(call: OpCall): Value }>): void {
  for (const e of entries) {
    const entry: OpEntryLite = { names: e.names, params: sig(e.sig), meta: e.meta };
    for (const n of e.names) if (!table.has(n)) table.set(n, entry);
  }
}

export function findOpLite(name: string): OpEntryLite | undefined {
  return table.get(name);
}

/** A scalar Python number where a tensor is accepted: a 0-d tensor shape. */
export function shapeOf(v: Value): Shape | null | undefined {
  if (v.kind === 'tensor') return v.shape;
  if (v.kind === 'int' || v.kind === 'float' || v.kind === 'bool') return [];
  return undefined;
}

const FLOAT_RANK: Record<string, number> = { float16: 1, bfloat16: 1, float32: 2, float64: 3 };

function category(d: DType): number {
  return d === 'bool' ? 0 : FLOAT_RANK[d] ? 2 : 1;
}

/** torch's type promotion between two operands (tensors dominate Python scalars of the same category). */
export function promote(a: Value, b: Value): DType | null {
  const da = dtypeOf(a);
  const db = dtypeOf(b);
  if (da === undefined || db === undefined) return null;
  const ta = a.kind === 'tensor';
  const tb = b.kind === 'tensor';
  if (ta && tb) {
    if (da === null || db === null) return null;
    if (category(da) !== category(db)) return category(da) > category(db) ? da : db;
    if (category(da) === 2) return (FLOAT_RANK[da] ?? 0) >= (FLOAT_RANK[db] ?? 0) ? da : db;
    return da === 'int64' || db === 'int64' ? 'int64' : da;
  }
  const [t, s] = ta ? [da, db] : [db, da];
  if (t === null || s === null) return null;
  if (category(s) > category(t)) return category(s) === 2 ? 'float32' : 'int64';
  return t;
}

/** Dtype of an operand; Python scalars report their natural dtype; undefined when not numeric. */
export function dtypeOf(v: Value): DType | null | undefined {
  if (v.kind === 'tensor') return v.dtype;
  if (v.kind === 'int') return 'int64';
  if (v.kind === 'float') return 'float32';
  if (v.kind === 'bool') return 'bool';
  return undefined;
}

export function isFloat(d: DType | null): boolean {
  return d !== null && category(d) === 2;
}
