// The bridge to the torch table's concrete kernels: interpreter values to the table's value
// conventions (int = bigint, float = number, None = null, tuple = array, tensors = engine
// Tensors) and back. Used by `run` for every op, and by the analysis to compute sample
// values when every tensor input has one.
import type { SyntaxNode } from '../syntax';
import type { Tensor } from '../../tensor/tensor';
import { PyError, rangeOf } from './context';
import { makeNode } from '../../facts/opGraph';
import type { Arg, Machine } from './machine';
import { UNKNOWN, NONE, tuple, type DType, type Value } from './values';
import { dimSymbols, evalDim, type Dim } from '../../shape/dim';

const NOT_CONCRETE = Symbol('not concrete');

type TorchTable = typeof import('../../torch/index');
let table: TorchTable | null | undefined;

/**
 * The torch table, loaded on first use. If it cannot load (a broken build of that module),
 * the analysis still runs, without samples, and `run` reports every op as unsupported.
 */
export function torchTable(): TorchTable | null {
  if (table === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      table = require('../../torch/index') as TorchTable;
    } catch {
      table = null;
    }
  }
  return table;
}

function findOp(name: string): ReturnType<TorchTable['findOp']> {
  return torchTable()?.findOp(name);
}

function callConcrete(name: string, positional: unknown[], keywords: Record<string, unknown> = {}): unknown {
  const t = torchTable();
  if (!t) throw new Error('the torch table is not available');
  return t.callConcrete(name, positional, keywords);
}

export { callConcrete as callTable };

type TensorLib = typeof import('../../tensor/index');
let tensors: TensorLib | null | undefined;

/** The tensor module, loaded on first use for the same reason as the table. */
export function tensorLib(): TensorLib | null {
  if (tensors === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      tensors = require('../../tensor/index') as TensorLib;
    } catch {
      tensors = null;
    }
  }
  return tensors;
}

function isTensor(v: unknown): v is Tensor {
  return tensorLib()?.isTensor(v) ?? false;
}

export function toTorch(v: Value): unknown {
  switch (v.kind) {
    case 'int':
      return typeof v.value === 'number' ? BigInt(v.value) : NOT_CONCRETE;
    case 'float':
      return v.value === null ? NOT_CONCRETE : v.value;
    case 'bool':
      return v.value === null ? NOT_CONCRETE : v.value;
    case 'none':
      return null;
    case 'str':
      return v.value;
    case 'dtype':
      return { kind: 'dtype', name: v.name };
    case 'tensor':
      return v.sample ?? NOT_CONCRETE;
    case 'ellipsis':
      return { kind: 'ellipsis' };
    case 'slice': {
      const parts = [toTorch(v.start), toTorch(v.stop), toTorch(v.step)];
      return parts.includes(NOT_CONCRETE) ? NOT_CONCRETE : { kind: 'slice', start: parts[0], stop: parts[1], step: parts[2] };
    }
    case 'tuple':
    case 'list': {
      const items = v.items.map(toTorch);
      return items.includes(NOT_CONCRETE) ? NOT_CONCRETE : items;
    }
    default:
      return NOT_CONCRETE;
  }
}

export function isConcrete(v: Value): boolean {
  return toTorch(v) !== NOT_CONCRETE;
}

const TUPLE_NAMES = /\.(max|min|median|mode|sort|topk|kthvalue|aminmax)$/;

/** Converts a kernel result back; tensors get a node for the op graph. */
export function fromTorch(m: Machine, r: unknown, op: string, node: SyntaxNode, inputs: Arg[]): Value {
  if (isTensor(r)) {
    const t = r as Tensor;
    const tensorInputs = inputs.filter((a) => a.value.kind === 'tensor').map((a) => (a.value as Extract<Value, { kind: 'tensor' }>).node);
    // Only `run` adds kernel results to the op graph; in the analysis they are samples of
    // values whose nodes the symbolic path already made.
    const graphNode = m.ctx.mode === 'run' ? m.ctx.node(op, node, tensorInputs, {}) : makeNode({ op, inputs: tensorInputs, params: {}, range: rangeOf(node), text: node.text });
    return m.ctx.tensor([...t.shape], t.dtype as DType, graphNode, t);
  }
  if (Array.isArray(r)) {
    const items = r.map((x) => fromTorch(m, x, op, node, inputs));
    if (op === 'Tensor.tolist') return { kind: 'list', items };
    const names = TUPLE_NAMES.test(op) && items.length === 2 && items.every((x) => x.kind === 'tensor') ? ['values', 'indices'] : undefined;
    return tuple(items, names ? { names } : {});
  }
  if (typeof r === 'bigint') return { kind: 'int', value: Number(r) };
  if (typeof r === 'number') return { kind: 'float', value: r };
  if (typeof r === 'boolean') return { kind: 'bool', value: r };
  if (typeof r === 'string') return { kind: 'str', value: r };
  if (r === null || r === undefined) return NONE;
  if (typeof r === 'object' && (r as { kind?: string }).kind === 'dtype') return { kind: 'dtype', name: (r as { name: DType }).name };
  if (typeof r === 'object' && (r as { kind?: string }).kind === 'tuple') {
    const t = r as { items: unknown[]; names?: string[] };
    return tuple(t.items.map((x) => fromTorch(m, x, op, node, inputs)), t.names ? { names: t.names } : {});
  }
  return UNKNOWN;
}

export function hasConcreteOp(name: string): boolean {
  return findOp(name) !== undefined;
}

/** The table's canonical name for an op, when the table has it. */
export function tableName(name: string): string | undefined {
  return findOp(name)?.names[0];
}

/**
 * Runs the table kernel. Returns null when some argument is not concrete or the op is not
 * in the table; in run mode those are "unsupported" errors and torch's own errors propagate
 * as Python errors.
 */
export function concreteCall(m: Machine, name: string, args: Arg[], kwargs: Map<string, Arg>, node: SyntaxNode): Value | null {
  const run = m.ctx.mode === 'run';
  const entry = findOp(name);
  if (!entry) {
    if (run) throw new PyError('UnsupportedError', `${name} is not supported by the TensorLint engine`);
    return null;
  }
  const positional = args.map((a) => toTorch(a.value));
  const keywords: Record<string, unknown> = {};
  for (const [k, a] of kwargs) keywords[k] = toTorch(a.value);
  const unknownArg = positional.indexOf(NOT_CONCRETE);
  if (unknownArg >= 0 || Object.values(keywords).includes(NOT_CONCRETE)) {
    if (run) {
      const what = unknownArg >= 0 ? args[unknownArg].syntax?.text ?? `argument ${unknownArg + 1}` : 'a keyword argument';
      throw new PyError('UnsupportedError', `${name}: the value of ${what} is not supported by the TensorLint engine`);
    }
    return null;
  }
  try {
    return fromTorch(m, callConcrete(name, positional, keywords), entry.names[0], node, args);
  } catch (e) {
    if (!run) return null;
    const torchType = (e as { torchType?: unknown }).torchType;
    if (typeof torchType === 'string') throw new PyError(torchType, (e as Error).message);
    if (e instanceof PyError) throw e;
    throw new PyError('UnsupportedError', `${name}: ${(e as Error).message}`);
  }
}

const FIRST_SAMPLE_SIZE = 3;
const MAX_SAMPLE_ELEMENTS = 4096;

/** Sizes for a shape under the file's binding of symbols to distinct sample sizes. */
export function sampleSizes(m: Machine, shape: readonly Dim[]): number[] | null {
  const out: number[] = [];
  for (const d of shape) {
    for (const s of dimSymbols(d)) {
      if (m.sampleBinding[s] === undefined) {
        const used = new Set(Object.values(m.sampleBinding));
        let size = FIRST_SAMPLE_SIZE;
        while (used.has(size)) size++;
        m.sampleBinding[s] = size;
      }
    }
    const n = evalDim(d, m.sampleBinding);
    if (n === undefined || n < 0) return null;
    out.push(n);
  }
  return out.reduce((a, b) => a * b, 1) <= MAX_SAMPLE_ELEMENTS ? out : null;
}

/** A seeded random sample for a declared tensor: normal floats, small non-negative ints, or bools. */
export function randomSample(m: Machine, shape: readonly Dim[] | null, dtype: DType | null): unknown {
  if (shape === null) return undefined;
  const sizes = sampleSizes(m, shape);
  if (sizes === null) return undefined;
  const big = sizes.map((n) => BigInt(n));
  try {
    if (dtype === 'int64' || dtype === 'int32') return callConcrete('torch.randint', [0n, BigInt(Math.max(1, sizes[sizes.length - 1] ?? 1)), big]);
    if (dtype === 'bool') return callConcrete('operator.gt', [callConcrete('torch.randn', big), 0]);
    return callConcrete('torch.randn', big);
  } catch {
    return undefined;
  }
}
