// Dim normalization, broadcasting (with a record of what stretched, for suspicious-broadcast)
// and reductions.
import {
  type Dim, type Shape, dimEquals, dimKnownDifferent, formatDim, isUnknownDim, unknownDim,
} from './dim';
import { ShapeError } from './errors';
import { isOne, list, symbolicOf, unless } from './messages';

export function normalizeDim(op: string, dim: number, rank: number): number {
  const r = Math.max(rank, 1);
  if (dim < -r || dim >= r) {
    throw new ShapeError(op, [], `Dimension out of range (expected to be in range of [${-r}, ${r - 1}], but got ${dim})`, 'IndexError');
  }
  return dim < 0 ? dim + r : dim;
}

/** A dim that is 1 for sure (a literal 1). Symbols are generic sizes, not 1. */
export interface BroadcastExpansion {
  /** Output dim index that an operand stretched from 1 (or gained by rank). */
  dim: number;
  operand: 0 | 1;
  from: 'one' | 'missing';
}

export function broadcastShapes(op: string, a: Shape, b: Shape): Shape {
  return broadcastWithInfo(op, a, b).shape;
}

export function broadcastWithInfo(op: string, a: Shape, b: Shape): { shape: Shape; expansions: BroadcastExpansion[] } {
  const rank = Math.max(a.length, b.length);
  const out: Dim[] = new Array(rank);
  const expansions: BroadcastExpansion[] = [];
  // Right to left, as torch does: its error names the last mismatching dim.
  for (let i = rank - 1; i >= 0; i--) {
    const da = a[a.length - rank + i];
    const db = b[b.length - rank + i];
    if (da === undefined) {
      out[i] = db;
      if (!isOne(db)) expansions.push({ dim: i, operand: 0, from: 'missing' });
    } else if (db === undefined) {
      out[i] = da;
      if (!isOne(da)) expansions.push({ dim: i, operand: 1, from: 'missing' });
    } else if (isOne(da)) {
      out[i] = db;
      if (!isOne(db)) expansions.push({ dim: i, operand: 0, from: 'one' });
    } else if (isOne(db)) {
      out[i] = da;
      expansions.push({ dim: i, operand: 1, from: 'one' });
    } else if (dimEquals(da, db)) {
      out[i] = da;
    } else if (isUnknownDim(da)) {
      out[i] = db;
    } else if (isUnknownDim(db)) {
      out[i] = da;
    } else if (dimKnownDifferent(da, db)) {
      throw new ShapeError(op, [a, b],
        `The size of tensor a (${formatDim(da)}) must match the size of tensor b (${formatDim(db)}) at non-singleton dimension ${i}${unless(da, db)}`,
        'RuntimeError', symbolicOf(da, db));
    } else {
      // A symbol against a number other than 1 is not provable (n may be 3).
      out[i] = typeof da === 'number' ? da : typeof db === 'number' ? db : unknownDim();
    }
  }
  expansions.sort((x, y) => x.dim - y.dim);
  return { shape: out, expansions };
}

export function broadcastAll(op: string, shapes: readonly Shape[]): Shape {
  return shapes.reduce<Shape>((acc, s) => broadcastShapes(op, acc, s), []);
}

export function reduceShape(op: string, shape: Shape, dims: readonly number[] | null, keepdim: boolean): Shape {
  // torch 1.13 reads an empty dim list as "every dim", like no dim at all.
  if (dims === null || dims.length === 0) return keepdim ? shape.map(() => 1) : [];
  const norm = dims.map((d) => normalizeDim(op, d, shape.length));
  if (new Set(norm).size !== norm.length) {
    throw new ShapeError(op, [shape], `dim ${norm.find((d, i) => norm.indexOf(d) !== i)} appears multiple times in the list of dims`, 'RuntimeError');
  }
  if (shape.length === 0) return [];
  const out: Dim[] = [];
  shape.forEach((d, i) => {
    if (!norm.includes(i)) out.push(d);
    else if (keepdim) out.push(1);
  });
  return out;
}
