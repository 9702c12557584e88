// Ops that join or split tensors along a dim: cat, stack, split, chunk.
import { type Dim, type Shape, dimAdd, dimExactDiv, dimKnownDifferent, formatDim } from './dim';
import { ShapeError } from './errors';
import { list, symbolicOf, unless } from './messages';
import { normalizeDim } from './broadcast';

/** Beyond this many pieces a split is a runaway program: its parts are left unknown. */
export const MAX_PIECES = 100_000;

export function catShape(op: string, shapes: readonly Shape[], dim: number): Shape {
  if (shapes.length === 0) throw new ShapeError(op, [], 'torch.cat(): expected a non-empty list of Tensors', 'RuntimeError');
  // Legacy behaviour: 1-D empty tensors are skipped.
  const parts = shapes.filter((s) => !(s.length === 1 && s[0] === 0));
  if (parts.length === 0) return shapes[0];
  // torch checks every tensor for rank 0 before it reads `dim`.
  const zeroDim = shapes.findIndex((s) => s.length === 0);
  if (zeroDim >= 0) throw new ShapeError(op, [...shapes], `zero-dimensional tensor (at position ${zeroDim}) cannot be concatenated`, 'RuntimeError');
  const first = parts[0];
  const d = normalizeDim(op, dim, first.length);
  let total: Dim = 0;
  parts.forEach((s, k) => {
    if (s.length !== first.length) {
      throw new ShapeError(op, [...shapes], `Tensors must have same number of dimensions: got ${first.length} and ${s.length}`, 'RuntimeError');
    }
    s.forEach((size, i) => {
      if (i !== d && dimKnownDifferent(size, first[i])) {
        throw new ShapeError(op, [...shapes], `Sizes of tensors must match except in dimension ${d}. Expected size ${formatDim(first[i])} but got size ${formatDim(size)} for tensor number ${shapes.indexOf(s)} in the list.${unless(first[i], size)}`, 'RuntimeError', symbolicOf(first[i], size));
      }
    });
    total = dimAdd(total, s[d]);
    void k;
  });
  return first.map((size, i) => (i === d ? total : size));
}

export function stackShape(op: string, shapes: readonly Shape[], dim: number): Shape {
  if (shapes.length === 0) throw new ShapeError(op, [], 'stack expects a non-empty TensorList', 'RuntimeError');
  const first = shapes[0];
  const d = normalizeDim(op, dim, first.length + 1);
  shapes.forEach((s, k) => {
    const same = s.length === first.length && s.every((size, i) => !dimKnownDifferent(size, first[i]));
    if (!same) {
      throw new ShapeError(op, [...shapes], `stack expects each tensor to be equal size, but got ${list(first)} at entry 0 and ${list(s)} at entry ${k}`, 'RuntimeError', symbolicOf(...first, ...s));
    }
  });
  return [...first.slice(0, d), shapes.length, ...first.slice(d)];
}

/** torch.split pieces; [] when their number is not provable (a symbolic dim). */
export function splitShapes(op: string, s: Shape, sizeOrSections: Dim | readonly Dim[], dim: number): Shape[] {
  if (s.length === 0) throw new ShapeError(op, [s], 'split expects at least a 1-dimensional tensor', 'RuntimeError');
  const d = normalizeDim(op, dim, s.length);
  const total = s[d];
  if (Array.isArray(sizeOrSections)) {
    const sum = (sizeOrSections as Dim[]).reduce<Dim>((acc, x) => dimAdd(acc, x), 0);
    if (dimKnownDifferent(sum, total) && typeof sum === 'number' && typeof total === 'number') {
      throw new ShapeError(op, [s], `split_with_sizes expects split_sizes to sum exactly to ${total} (input tensor's size at dimension ${d}), but got split_sizes=${list(sizeOrSections as Dim[])}`, 'RuntimeError');
    }
    return (sizeOrSections as Dim[]).map((size) => s.map((x, i) => (i === d ? size : x)));
  }
  const size = sizeOrSections as Dim;
  if (typeof total !== 'number' || typeof size !== 'number') {
    const n = dimExactDiv(total, size);
    if (n === undefined || typeof n !== 'number' || n > MAX_PIECES) return [];
    return Array.from({ length: n }, () => s.map((x, i) => (i === d ? size : x)));
  }
  if (size <= 0) throw new ShapeError(op, [s], `split_size can only be 0 if dimension size is 0, but got dimension size of ${total}`, 'RuntimeError');
  if (total / size > MAX_PIECES) return [];
  const out: Shape[] = [];
  for (let start = 0; start < total || (total === 0 && out.length === 0); start += size) {
    out.push(s.map((x, i) => (i === d ? Math.min(size, total - start) : x)));
    if (total === 0) break;
  }
  return out;
}

/** torch.chunk pieces; [] when their number is not provable (an uneven symbolic dim) or too large. */
export function chunkShapes(op: string, s: Shape, chunks: number, dim: number): Shape[] {
  if (s.length === 0) throw new ShapeError(op, [s], 'chunk expects at least a 1-dimensional tensor', 'RuntimeError');
  if (chunks <= 0) throw new ShapeError(op, [s], 'chunk expects `chunks` to be greater than 0, got: ' + chunks, 'RuntimeError');
  const d = normalizeDim(op, dim, s.length);
  const total = s[d];
  // An empty dim still yields `chunks` empty pieces (torch special-cases it).
  if (chunks > MAX_PIECES) return [];
  if (total === 0) return Array.from({ length: chunks }, () => [...s]);
  if (typeof total !== 'number') {
    const each = dimExactDiv(total, chunks);
    return each === undefined ? [] : Array.from({ length: chunks }, () => s.map((x, i) => (i === d ? each : x)));
  }
  const size = Math.ceil(total / chunks);
  return splitShapes(op, s, size, dim);
}
