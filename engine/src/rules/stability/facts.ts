// What the stability rules can prove about values: element intervals, and "x minus its own
// max" (whose exp is at most 1 and whose sum of exps is at least 1, the seed notes' trick).
import type { Interval, OpNode } from '../../facts/opGraph';
import { binaryOperands, dimsOf, input, is, opOf, sameDims, scalarParam, unwrap } from './graph';

const UNBOUNDED: Interval = { lo: -Infinity, hi: Infinity };
/** float32 exp overflows above this. */
export const EXP_OVERFLOW = 88.7;
/** float32 exp rounds to 0 below this. */
export const EXP_UNDERFLOW = -103.9;

const cache = new WeakMap<OpNode, Interval>();

export function intervalOf(node: OpNode | null): Interval {
  if (!node) return UNBOUNDED;
  const cached = cache.get(node);
  if (cached) return cached;
  cache.set(node, UNBOUNDED); // cycles cannot happen in an op graph, but stay safe
  const computed = node.interval ?? compute(node);
  cache.set(node, computed);
  return computed;
}

function compute(node: OpNode): Interval {
  const x = input(node);
  switch (opOf(node)) {
    case 'exp':
      return mapMonotone(intervalOf(x), Math.exp);
    case 'log':
      return mapMonotone(intervalOf(x), (v) => (v <= 0 ? -Infinity : Math.log(v)));
    case 'sigmoid':
    case 'softmax':
      return { lo: 0, hi: 1 };
    case 'log_softmax':
    case 'logsigmoid':
      return { lo: -Infinity, hi: 0 };
    case 'tanh':
      return { lo: -1, hi: 1 };
    case 'relu':
      return { lo: Math.max(0, intervalOf(x).lo), hi: Math.max(0, intervalOf(x).hi) };
    case 'abs':
    case 'square':
      return { lo: 0, hi: Infinity };
    case 'neg': {
      const i = intervalOf(x);
      return { lo: -i.hi, hi: -i.lo };
    }
    case 'clamp':
    case 'clip': {
      const i = intervalOf(x);
      const min = scalarParam(node, 'min');
      const max = scalarParam(node, 'max');
      return { lo: min !== undefined ? Math.max(i.lo, min) : i.lo, hi: max !== undefined ? Math.min(i.hi, max) : i.hi };
    }
    case 'sub':
    case 'rsub':
      return subInterval(node);
    case 'add': {
      const [a, b] = binaryOperands(node);
      return addIntervals(operandInterval(a), operandInterval(b));
    }
    case 'max':
    case 'amax':
    case 'min':
    case 'amin':
    case 'max_values':
    case 'contiguous':
    case 'clone':
    case 'detach':
    case 'unsqueeze':
    case 'squeeze':
    case 'view':
    case 'reshape':
    case 'getitem':
    case 'transpose':
    case 'permute':
    case 'expand':
    case 'flatten':
      return intervalOf(x);
    default:
      return UNBOUNDED;
  }
}

function operandInterval(o: { node: OpNode | null; scalar?: number }): Interval {
  if (o.node) return intervalOf(o.node);
  if (o.scalar !== undefined) return { lo: o.scalar, hi: o.scalar };
  return UNBOUNDED;
}

function mapMonotone(i: Interval, f: (v: number) => number): Interval {
  return { lo: f(i.lo), hi: f(i.hi) };
}

function addIntervals(a: Interval, b: Interval): Interval {
  return { lo: a.lo + b.lo, hi: a.hi + b.hi };
}

function subInterval(node: OpNode): Interval {
  const [a, b] = binaryOperands(node);
  if (a.node && b.node && maxOfSameTensor(b.node, a.node)) return { lo: -Infinity, hi: 0 };
  const ia = operandInterval(a);
  const ib = operandInterval(b);
  const out = { lo: ia.lo - ib.hi, hi: ia.hi - ib.lo };
  return Number.isNaN(out.lo) || Number.isNaN(out.hi) ? UNBOUNDED : out;
}

/** The reduction dims of a max node, or null for a global max. */
function maxDims(node: OpNode): number[] | null | undefined {
  let current: OpNode | null = unwrap(node);
  while (current && is(current, 'unsqueeze', 'getitem', 'view', 'reshape', 'detach')) {
    if (is(current, 'getitem') && !is(input(current), 'max')) return undefined;
    current = unwrap(input(current));
  }
  if (!current || !is(current, 'max', 'amax', 'max_values')) return undefined;
  return dimsOf(current);
}

function maxSource(node: OpNode): OpNode | null {
  let current: OpNode | null = unwrap(node);
  while (current && is(current, 'unsqueeze', 'getitem', 'view', 'reshape', 'detach')) current = unwrap(input(current));
  return current && is(current, 'max', 'amax', 'max_values') ? unwrap(input(current)) : null;
}

/** True when `m` is `x.max(...)` / `x.amax(...)` (possibly unsqueezed) of the same tensor `x`. */
export function maxOfSameTensor(m: OpNode, x: OpNode): boolean {
  const source = maxSource(m);
  return !!source && source.id === unwrap(x)?.id;
}

/**
 * True when `x` is `y - max(y)` with the max taken over every dim in `dims` (or globally):
 * then exp(x) ≤ 1 everywhere and, along `dims`, one element is exp(0) = 1.
 */
export function isMaxShifted(x: OpNode | null, dims: number[] | null, rank?: number): boolean {
  const node = unwrap(x);
  if (!node || !is(node, 'sub')) return false;
  const [a, b] = binaryOperands(node);
  if (!a.node || !b.node || !maxOfSameTensor(b.node, a.node)) return false;
  const md = maxDims(b.node);
  if (md === undefined) return false;
  if (md === null) return true; // a global max bounds every slice
  return dims !== null && sameDims(md, dims, rank);
}

/** exp(x) cannot overflow in float32. */
export function expCannotOverflow(x: OpNode | null): boolean {
  return intervalOf(x).hi <= EXP_OVERFLOW;
}

/** The spread of x is small enough that exp of it cannot underflow to 0 relative to its max. */
export function spreadIsSmall(x: OpNode | null): boolean {
  const i = intervalOf(x);
  return Number.isFinite(i.lo) && Number.isFinite(i.hi) && i.hi - i.lo < 80;
}

export function rankOf(node: OpNode | null): number | undefined {
  return node?.shape ? node.shape.length : undefined;
}
