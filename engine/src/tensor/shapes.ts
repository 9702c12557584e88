// Concrete (all-number) shape rules the kernels need, with torch's error wording. The
// symbolic shape module (engine/src/shape) owns the same rules for the analysis; these stay
// small and numeric so a kernel never depends on a half-finished symbolic rule.
import { indexError, runtimeError } from './errors';

export type Shape = readonly number[];

export function shapeStr(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/** Wraps a possibly negative dim into [0, ndim); 0-dim tensors accept -1 and 0 like torch. */
export function normalizeDim(dim: number, ndim: number): number {
  const n = Math.max(ndim, 1);
  if (!Number.isInteger(dim) || dim < -n || dim >= n) {
    throw indexError(`Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`);
  }
  return dim < 0 ? dim + n : dim;
}

/** A dim for ops that refuse 0-d tensors outright (size(d), unbind): torch's other message. */
export function normalizeDimNoScalar(dim: number, ndim: number): number {
  if (ndim === 0) throw indexError(`Dimension specified as ${dim} but tensor has no dimensions`);
  return normalizeDim(dim, ndim);
}

/**
 * Normalizes a reduction `dim` argument: null or an empty list means every dim (torch's
 * behaviour for sum/mean/amax with `dim=()`), duplicates raise.
 */
export function normalizeDims(dims: number | readonly number[] | null | undefined, ndim: number): number[] {
  if (dims === null || dims === undefined) return range(ndim);
  const list = typeof dims === 'number' ? [dims] : [...dims];
  if (list.length === 0) return range(ndim);
  const seen = new Set<number>();
  const out: number[] = [];
  for (const d of list) {
    const nd = normalizeDim(d, ndim);
    if (seen.has(nd)) throw runtimeError(`dim ${nd} appears multiple times in the list of dims`);
    seen.add(nd);
    if (ndim > 0) out.push(nd);
  }
  return out.sort((a, b) => a - b);
}

export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

export function broadcastShapes(a: Shape, b: Shape): number[] {
  if (sameShape(a, b)) return [...a];
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  // Trailing dims first, so the reported mismatch is the last one, as torch reports it.
  for (let i = n - 1; i >= 0; i--) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da === db || db === 1) out[i] = da;
    else if (da === 1) out[i] = db;
    else {
      throw runtimeError(
        `The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${i}`,
      );
    }
  }
  return out;
}

export function broadcastMany(shapes: readonly Shape[]): number[] {
  return shapes.reduce<number[]>((acc, s) => broadcastShapes(acc, s), []);
}

/** The shape after reducing `dims` (sorted, normalized). */
export function reducedShape(shape: Shape, dims: readonly number[], keepdim: boolean): number[] {
  const set = new Set(dims);
  const out: number[] = [];
  shape.forEach((s, d) => {
    if (!set.has(d)) out.push(s);
    else if (keepdim) out.push(1);
  });
  return out;
}

/** Resolves a `view`/`reshape` target: one -1 is inferred, the element count must match. */
export function inferShape(target: readonly number[], numel: number): number[] {
  let inferred = -1;
  let known = 1;
  target.forEach((s, i) => {
    if (s === -1) {
      if (inferred >= 0) throw runtimeError('only one dimension can be inferred');
      inferred = i;
    } else if (!Number.isInteger(s) || s < 0) {
      throw runtimeError(`invalid shape dimension ${s}`);
    } else {
      known *= s;
    }
  });
  const out = [...target];
  if (inferred >= 0) {
    if (known === 0 || numel % known !== 0) {
      throw runtimeError(`shape '${shapeStr(target)}' is invalid for input of size ${numel}`);
    }
    out[inferred] = numel / known;
  } else if (known !== numel) {
    throw runtimeError(`shape '${shapeStr(target)}' is invalid for input of size ${numel}`);
  }
  return out;
}

/**
 * torch's computeStride: the strides that let `newShape` view storage laid out with
 * `oldShape`/`oldStrides`, or null when no such view exists (reshape then copies).
 */
export function viewStrides(oldShape: Shape, oldStrides: Shape, newShape: Shape): number[] | null {
  const numel = oldShape.reduce((a, b) => a * b, 1);
  const newStrides = new Array<number>(newShape.length).fill(1);
  if (numel === 0) {
    if (sameShape(oldShape, newShape)) return [...oldStrides];
    let s = 1;
    for (let d = newShape.length - 1; d >= 0; d--) {
      newStrides[d] = s;
      s *= Math.max(newShape[d], 1);
    }
    return newStrides;
  }
  if (oldShape.length === 0) {
    let s = 1;
    for (let d = newShape.length - 1; d >= 0; d--) {
      newStrides[d] = s;
      s *= newShape[d];
    }
    return newStrides;
  }
  let viewD = newShape.length - 1;
  let chunkBaseStride = oldStrides[oldStrides.length - 1];
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let tensorD = oldShape.length - 1; tensorD >= 0; tensorD--) {
    tensorNumel *= oldShape[tensorD];
    if (tensorD === 0 || (oldShape[tensorD - 1] !== 1 && oldStrides[tensorD - 1] !== tensorNumel * chunkBaseStride)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        newStrides[viewD] = viewNumel * chunkBaseStride;
        viewNumel *= newShape[viewD];
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (tensorD > 0) {
        chunkBaseStride = oldStrides[tensorD - 1];
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  return viewD === -1 ? newStrides : null;
}
