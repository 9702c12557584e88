// The few dim operations einops needs, on top of the shape module. Kept in one place so
// the recipe code reads as arithmetic and "unknown stays unknown" is decided here once.
import { dimAdd, dimEquals, dimExactDiv, dimKnownDifferent, dimMul, dimSub, formatDim, unknownDim } from '../shape';
import type { Dim, Shape } from '../shape';

export function dimProduct(dims: readonly Dim[]): Dim {
  let out: Dim = 1;
  for (const d of dims) out = dimMul(out, d);
  return out;
}

export function sumDims(dims: readonly Dim[]): Dim {
  let out: Dim = 0;
  for (const d of dims) out = dimAdd(out, d);
  return out;
}

export function subtractDims(a: Dim, b: Dim): Dim {
  return dimSub(a, b);
}

/** Proven different (two different numbers, or distinct symbolic sizes). */
export function knownDifferent(a: Dim, b: Dim): boolean {
  return dimKnownDifferent(a, b);
}

export function knownEqual(a: Dim, b: Dim): boolean {
  return dimEquals(a, b);
}

/**
 * `a // b` where einops requires `a % b == 0`: the exact quotient, 'indivisible' when that is
 * proven false, and an unknown dim when neither can be shown (`n // 2`).
 */
export function divideExactly(a: Dim, b: Dim): Dim | 'indivisible' {
  if (typeof a === 'number' && typeof b === 'number') {
    if (b === 0) return 'indivisible';
    return a % b === 0 ? a / b : 'indivisible';
  }
  if (typeof b === 'number' && b === 1) return a;
  const quotient = dimExactDiv(a, b);
  return quotient ?? unknownDim();
}

/**
 * One label's size across einsum operands: equal sizes, or one of them 1 (torch broadcasts
 * it). 'mismatch' only when proven; otherwise the unknown stays unknown.
 */
export function broadcastDim(a: Dim, b: Dim): Dim | 'mismatch' {
  if (dimEquals(a, b)) return a;
  if (a === 1) return b;
  if (b === 1) return a;
  if (dimKnownDifferent(a, b)) return 'mismatch';
  // `n` against 3: n must be 3 (or 1, broadcast to 3), so the result is 3 either way.
  return typeof a === 'number' ? a : typeof b === 'number' ? b : unknownDim();
}

export function showDim(d: Dim): string {
  return formatDim(d);
}

/** A shape the way Python prints a tuple: (2, 3), (5,), (). */
export function showShapeTuple(shape: Shape): string {
  const items = shape.map(showDim);
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}
