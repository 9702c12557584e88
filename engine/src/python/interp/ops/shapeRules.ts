// Shape rules for the interpreter's fallback op table (the few ops the shared torch table in
// engine/src/torch does not have yet, and indexing), on symbolic dims. Each throws an
// OpError exactly when the op is proven to raise for every size the symbols can take;
// anything unprovable yields unknown dims instead.
import { dimEquals, dimKnownDifferent, formatDim, formatShape, isUnknownDim, unknownDim, type Dim, type Shape } from '../../../shape/dim';
import type { ProblemKind } from '../context';

export class OpError extends Error {
  constructor(readonly kind: ProblemKind, readonly torchType: string, readonly reason: string) {
    super(reason);
  }
}

function unlessEqual(a: Dim, b: Dim): string {
  return typeof a === 'number' && typeof b === 'number' ? '' : ` (unless ${formatDim(a)} == ${formatDim(b)})`;
}

export function broadcastShapes(a: Shape | null, b: Shape | null): Shape | null {
  if (a === null || b === null) return null;
  const n = Math.max(a.length, b.length);
  const out: Dim[] = [];
  for (let i = 0; i < n; i++) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)];
    const db = i < n - b.length ? 1 : b[i - (n - b.length)];
    out.push(broadcastDim(da, db, a, b, i - n));
  }
  return out;
}

function broadcastDim(da: Dim, db: Dim, a: Shape, b: Shape, axisFromEnd: number): Dim {
  if (da === 1) return db;
  if (db === 1) return da;
  if (dimEquals(da, db)) return da;
  if (dimKnownDifferent(da, db)) {
    throw new OpError('broadcast', 'RuntimeError',
      `${formatShape(a)} and ${formatShape(b)} do not broadcast: dim ${axisFromEnd} is ${formatDim(da)} vs ${formatDim(db)}${unlessEqual(da, db)}`);
  }
  // Unprovable (a symbol against a constant, or an unknown): if the program runs, the
  // sizes agree or one is 1, so keep whichever side is informative.
  if (isUnknownDim(da)) return typeof db === 'number' ? db : unknownDim();
  if (isUnknownDim(db)) return typeof da === 'number' ? da : unknownDim();
  return typeof da === 'number' ? da : db;
}

/** Normalizes a possibly negative dim against a rank; throws torch's IndexError when out of range. */
export function normDim(dim: number, rank: number, op: string): number {
  const r = Math.max(rank, 1);
  if (dim < -r || dim >= r) {
    throw new OpError('dim', 'IndexError',
      `${op}: dim ${dim} is out of range for a tensor of rank ${rank} (expected to be in range of [${-r}, ${r - 1}])`);
  }
  return dim < 0 ? dim + r : dim;
}

export function reduceShape(shape: Shape, dims: number[] | null, keepdim: boolean, op: string): Shape {
  if (dims === null || dims.length === 0) return keepdim ? shape.map(() => 1) : [];
  const norm = new Set(dims.map((d) => normDim(d, shape.length, op)));
  if (shape.length === 0) return [];
  const out: Dim[] = [];
  shape.forEach((d, i) => {
    if (!norm.has(i)) out.push(d);
    else if (keepdim) out.push(1);
  });
  return out;
}

export function matmulShape(a: Shape, b: Shape, op: string): Shape {
  if (a.length === 0 || b.length === 0) {
    throw new OpError('matmul', 'RuntimeError', `${op}: both arguments need at least 1 dimension, got ${formatShape(a)} and ${formatShape(b)}`);
  }
  const a2 = a.length === 1 ? [1, a[0]] : a;
  const b2 = b.length === 1 ? [b[0], 1] : b;
  const k1 = a2[a2.length - 1];
  const k2 = b2[b2.length - 2];
  if (dimKnownDifferent(k1, k2)) {
    throw new OpError('matmul', 'RuntimeError',
      `${op}: ${formatShape(a)} @ ${formatShape(b)}: inner dims ${formatDim(k1)} and ${formatDim(k2)} differ${unlessEqual(k1, k2)}`);
  }
  let batch: Shape;
  try {
    batch = broadcastShapes(a2.slice(0, -2), b2.slice(0, -2)) ?? [];
  } catch (e) {
    if (e instanceof OpError) throw new OpError('matmul', 'RuntimeError', `${op}: batch dims of ${formatShape(a)} and ${formatShape(b)} do not broadcast`);
    throw e;
  }
  const out = [...batch];
  if (a.length > 1) out.push(a2[a2.length - 2]);
  if (b.length > 1) out.push(b2[b2.length - 1]);
  return out;
}
