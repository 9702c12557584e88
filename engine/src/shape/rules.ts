// One shape rule per op family. Kernels call these with all-number shapes and the analysis
// calls them with symbolic ones, so the shape a kernel produces and the shape the analysis
// predicts come from the same code. A rule throws ShapeError exactly when torch would raise
// (for symbolic dims: when the code only works if two distinct symbols are equal).
import {
  type Dim, type Shape, dimAdd, dimCanBeOne, dimEquals, dimExactDiv, dimFloorDiv, dimKnownDifferent, dimMul, dimSub,
  formatDim, isUnknownDim, shapeNumel, unknownDim,
} from './dim';
import { ShapeError } from './errors';

const list = (s: Shape) => `[${s.map(formatDim).join(', ')}]`;
const symbolicOf = (...dims: Dim[]) => dims.some((d) => typeof d !== 'number');
const unless = (a: Dim, b: Dim) => (symbolicOf(a, b) ? ` (unless ${formatDim(a)} == ${formatDim(b)})` : '');

export function normalizeDim(op: string, dim: number, rank: number): number {
  const r = Math.max(rank, 1);
  if (dim < -r || dim >= r) {
    throw new ShapeError(op, [], `Dimension out of range (expected to be in range of [${-r}, ${r - 1}], but got ${dim})`, 'IndexError');
  }
  return dim < 0 ? dim + r : dim;
}

/** A dim that is 1 for sure (a literal 1). Symbols are generic sizes, not 1. */
const isOne = (d: Dim) => d === 1;

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
  if (dims === null) return keepdim ? shape.map(() => 1) : [];
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

const mat = (s: Shape) => s.map(formatDim).join('x');

export function mmShape(op: string, a: Shape, b: Shape): Shape {
  if (a.length !== 2) throw new ShapeError(op, [a, b], `self must be a matrix`, 'RuntimeError');
  if (b.length !== 2) throw new ShapeError(op, [a, b], `mat2 must be a matrix`, 'RuntimeError');
  checkInner(op, a, b, a[1], b[0]);
  return [a[0], b[1]];
}

function checkInner(op: string, a: Shape, b: Shape, k1: Dim, k2: Dim): void {
  if (dimKnownDifferent(k1, k2)) {
    throw new ShapeError(op, [a, b], `mat1 and mat2 shapes cannot be multiplied (${mat(a.slice(-2))} and ${mat(b.length === 1 ? b : b.slice(-2))})${unless(k1, k2)}`, 'RuntimeError', symbolicOf(k1, k2));
  }
}

export function bmmShape(op: string, a: Shape, b: Shape): Shape {
  if (a.length !== 3) throw new ShapeError(op, [a, b], `batch1 must be a 3D tensor`, 'RuntimeError');
  if (b.length !== 3) throw new ShapeError(op, [a, b], `batch2 must be a 3D tensor`, 'RuntimeError');
  if (dimKnownDifferent(a[0], b[0]) || dimKnownDifferent(a[2], b[1])) {
    throw new ShapeError(op, [a, b], `Expected size for first two dimensions of batch2 tensor to be: [${formatDim(a[0])}, ${formatDim(a[2])}] but got: [${formatDim(b[0])}, ${formatDim(b[1])}].`, 'RuntimeError', symbolicOf(a[0], b[0], a[2], b[1]));
  }
  return [a[0], a[1], b[2]];
}

export function matmulShape(op: string, a: Shape, b: Shape): Shape {
  if (a.length === 0 || b.length === 0) {
    throw new ShapeError(op, [a, b], `both arguments to matmul need to be at least 1D, but they are ${a.length}D and ${b.length}D`, 'RuntimeError');
  }
  if (a.length === 1 && b.length === 1) {
    if (dimKnownDifferent(a[0], b[0])) {
      throw new ShapeError(op, [a, b], `inconsistent tensor size, expected tensor [${formatDim(a[0])}] and src [${formatDim(b[0])}] to have the same number of elements, but got ${formatDim(a[0])} and ${formatDim(b[0])} elements respectively`, 'RuntimeError', symbolicOf(a[0], b[0]));
    }
    return [];
  }
  if (a.length === 2 && b.length === 1) {
    if (dimKnownDifferent(a[1], b[0])) {
      throw new ShapeError(op, [a, b], `size mismatch, got ${formatDim(a[0])}, ${mat(a)},${formatDim(b[0])}${unless(a[1], b[0])}`, 'RuntimeError', symbolicOf(a[1], b[0]));
    }
    return [a[0]];
  }
  if (a.length === 1 && b.length === 2) {
    checkInner(op, [1, a[0]], b, a[0], b[0]);
    return [b[1]];
  }
  if (a.length === 2 && b.length === 2) return mmShape(op, a, b);
  const a2 = a.length === 1 ? [1, a[0]] : a;
  const b2 = b.length === 1 ? [b[0], 1] : b;
  const k1 = a2[a2.length - 1];
  const k2 = b2[b2.length - 2];
  if (dimKnownDifferent(k1, k2)) {
    throw new ShapeError(op, [a, b], `Expected size for first two dimensions of batch2 tensor to be: [${formatDim(a2.length > 2 ? a2[0] : 1)}, ${formatDim(k1)}] but got: [${formatDim(b2.length > 2 ? b2[0] : 1)}, ${formatDim(k2)}].${unless(k1, k2)}`, 'RuntimeError', symbolicOf(k1, k2));
  }
  const batch = broadcastShapes(op, a2.slice(0, -2), b2.slice(0, -2));
  const out: Dim[] = [...batch];
  if (a.length > 1) out.push(a2[a2.length - 2]);
  if (b.length > 1) out.push(b2[b2.length - 1]);
  return out;
}

export function linearShape(input: Shape, weight: Shape, bias?: Shape | null): Shape {
  const op = 'linear';
  if (input.length === 0) throw new ShapeError(op, [input, weight], 'both arguments to linear need to be at least 1D, but they are 0D and 2D', 'RuntimeError');
  const inF = input[input.length - 1];
  if (weight.length === 2 && dimKnownDifferent(inF, weight[1])) {
    const rows = input.length === 1 ? '1' : formatDim(shapeNumel(input.slice(0, -1)));
    throw new ShapeError(op, [input, weight], `mat1 and mat2 shapes cannot be multiplied (${rows}x${formatDim(inF)} and ${formatDim(weight[1])}x${formatDim(weight[0])})${unless(inF, weight[1])}`, 'RuntimeError', symbolicOf(inF, weight[1]));
  }
  const out = [...input.slice(0, -1), weight.length === 2 ? weight[0] : unknownDim()];
  if (bias) return broadcastShapes(op, out, bias);
  return weight.length === 1 ? input.slice(0, -1) : out;
}

/** reshape/view target with at most one -1 (given as the number -1). */
export function reshapeShape(op: string, shape: Shape, target: readonly Dim[]): Shape {
  const inferred = target.filter((d) => d === -1).length;
  if (inferred > 1) throw new ShapeError(op, [shape], 'only one dimension can be inferred', 'RuntimeError');
  for (const d of target) {
    if (typeof d === 'number' && d < -1) throw new ShapeError(op, [shape], `invalid shape dimension ${d}`, 'RuntimeError');
  }
  const total = shapeNumel(shape);
  const known = shapeNumel(target.filter((d) => d !== -1));
  const targetText = `[${target.map(formatDim).join(', ')}]`;
  const fail = () => new ShapeError(op, [shape], `shape '${targetText}' is invalid for input of size ${formatDim(total)}`, 'RuntimeError', symbolicOf(total, known));
  if (inferred === 1) {
    if (known === 0) {
      throw new ShapeError(op, [shape], `cannot reshape tensor of ${formatDim(total)} elements into shape ${targetText} because the unspecified dimension size -1 can be any value and is ambiguous`, 'RuntimeError');
    }
    const rest = dimExactDiv(total, known);
    if (rest === undefined) {
      if (typeof total === 'number' && typeof known === 'number') throw fail();
      return target.map((d) => (d === -1 ? unknownDim() : d));
    }
    return target.map((d) => (d === -1 ? rest : d));
  }
  if (dimKnownDifferent(total, known) && provablyUnequalNumel(total, known)) throw fail();
  return [...target];
}

/** Numel comparisons are provable only when both sides are numbers or share structure. */
function provablyUnequalNumel(a: Dim, b: Dim): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a !== b;
  const diff = dimSub(a, b);
  if (typeof diff === 'number') return diff !== 0;
  // b*h*w vs b*h: different monomials; distinct symbols are generic sizes, so report.
  return !isUnknownDim(a) && !isUnknownDim(b);
}

export const viewShape = reshapeShape;

export function flattenShape(op: string, s: Shape, start = 0, end = -1): Shape {
  if (s.length === 0) return [1];
  const a = normalizeDim(op, start, s.length);
  const b = normalizeDim(op, end, s.length);
  if (a > b) throw new ShapeError(op, [s], 'flatten() has invalid args: start_dim cannot come after end_dim', 'RuntimeError');
  return [...s.slice(0, a), shapeNumel(s.slice(a, b + 1)), ...s.slice(b + 1)];
}

export function unflattenShape(op: string, s: Shape, dim: number, sizes: readonly Dim[]): Shape {
  const d = normalizeDim(op, dim, s.length);
  const resolved = reshapeShape(op, [s[d]], sizes);
  return [...s.slice(0, d), ...resolved, ...s.slice(d + 1)];
}

export function permuteShape(op: string, s: Shape, dims: readonly number[]): Shape {
  if (dims.length !== s.length) {
    throw new ShapeError(op, [s], `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${s.length} is not equal to len(dims) = ${dims.length}`, 'RuntimeError');
  }
  const norm = dims.map((d) => normalizeDim(op, d, s.length));
  if (new Set(norm).size !== norm.length) throw new ShapeError(op, [s], 'permute(): duplicate dims are not allowed.', 'RuntimeError');
  return norm.map((d) => s[d]);
}

export function transposeShape(op: string, s: Shape, d0: number, d1: number): Shape {
  if (s.length === 0) {
    normalizeDim(op, d0, 0);
    normalizeDim(op, d1, 0);
    return [];
  }
  const a = normalizeDim(op, d0, s.length);
  const b = normalizeDim(op, d1, s.length);
  const out = [...s];
  [out[a], out[b]] = [out[b], out[a]];
  return out;
}

/** squeeze; `ambiguous` is true when a dim that may or may not be 1 at run time decides the result. */
export function squeezeShape(op: string, s: Shape, dim?: number | readonly number[] | null): { shape: Shape; ambiguous: boolean } {
  if (dim === undefined || dim === null) {
    const ambiguous = s.some((d) => d !== 1 && dimCanBeOne(d) && typeof d !== 'number');
    return { shape: s.filter((d) => d !== 1), ambiguous };
  }
  const dims = (Array.isArray(dim) ? dim : [dim]).map((d) => normalizeDim(op, d, s.length));
  if (s.length === 0) return { shape: [], ambiguous: false };
  return { shape: s.filter((d, i) => !(dims.includes(i) && d === 1)), ambiguous: false };
}

export function unsqueezeShape(op: string, s: Shape, dim: number): Shape {
  const d = normalizeDim(op, dim, s.length + 1);
  return [...s.slice(0, d), 1, ...s.slice(d)];
}

export function expandShape(op: string, s: Shape, sizes: readonly Dim[]): Shape {
  if (sizes.length < s.length) {
    throw new ShapeError(op, [s], `expand(torch.FloatTensor{${list(s)}}, size=${list(sizes)}): the number of sizes provided (${sizes.length}) must be greater or equal to the number of dimensions in the tensor (${s.length})`, 'RuntimeError');
  }
  const lead = sizes.length - s.length;
  return sizes.map((size, i) => {
    if (i < lead) {
      if (size === -1) throw new ShapeError(op, [s], `The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension ${i}`, 'RuntimeError');
      return size;
    }
    const cur = s[i - lead];
    if (size === -1) return cur;
    if (isOne(cur) || dimEquals(cur, size) || isUnknownDim(cur) || isUnknownDim(size)) return isUnknownDim(size) ? cur : size;
    if (dimKnownDifferent(cur, size)) {
      throw new ShapeError(op, [s], `The expanded size of the tensor (${formatDim(size)}) must match the existing size (${formatDim(cur)}) at non-singleton dimension ${i}.  Target sizes: ${list(sizes)}.  Tensor sizes: ${list(s)}${unless(cur, size)}`, 'RuntimeError', symbolicOf(cur, size));
    }
    return size;
  });
}

export function repeatShape(op: string, s: Shape, repeats: readonly Dim[]): Shape {
  if (repeats.length < s.length) {
    throw new ShapeError(op, [s], 'Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor', 'RuntimeError');
  }
  const lead = repeats.length - s.length;
  return repeats.map((r, i) => (i < lead ? r : dimMul(s[i - lead], r)));
}

export function tileShape(op: string, s: Shape, reps: readonly Dim[]): Shape {
  const padded = reps.length < s.length ? [...Array(s.length - reps.length).fill(1), ...reps] : reps;
  return repeatShape(op, s, padded);
}

export function catShape(op: string, shapes: readonly Shape[], dim: number): Shape {
  if (shapes.length === 0) throw new ShapeError(op, [], 'torch.cat(): expected a non-empty list of Tensors', 'RuntimeError');
  // Legacy behaviour: 1-D empty tensors are skipped.
  const parts = shapes.filter((s) => !(s.length === 1 && s[0] === 0));
  if (parts.length === 0) return shapes[0];
  const first = parts[0];
  if (first.length === 0) throw new ShapeError(op, [...shapes], `zero-dimensional tensor (at position 0) cannot be concatenated`, 'RuntimeError');
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

export function splitShapes(op: string, s: Shape, sizeOrSections: Dim | readonly Dim[], dim: number): Shape[] {
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
    if (n === undefined || typeof n !== 'number') return [];
    return Array.from({ length: n }, () => s.map((x, i) => (i === d ? size : x)));
  }
  if (size <= 0) throw new ShapeError(op, [s], `split_size can only be 0 if dimension size is 0, but got dimension size of ${total}`, 'RuntimeError');
  const out: Shape[] = [];
  for (let start = 0; start < total || (total === 0 && out.length === 0); start += size) {
    out.push(s.map((x, i) => (i === d ? Math.min(size, total - start) : x)));
    if (total === 0) break;
  }
  return out;
}

export function chunkShapes(op: string, s: Shape, chunks: number, dim: number): Shape[] {
  if (chunks <= 0) throw new ShapeError(op, [s], 'chunk expects `chunks` to be greater than 0, got: ' + chunks, 'RuntimeError');
  const d = normalizeDim(op, dim, s.length);
  const total = s[d];
  if (typeof total !== 'number') {
    const each = dimExactDiv(total, chunks);
    return each === undefined ? [] : Array.from({ length: chunks }, () => s.map((x, i) => (i === d ? each : x)));
  }
  const size = Math.ceil(total / chunks);
  return splitShapes(op, s, size, dim);
}

export type IndexItem =
  | { kind: 'int' }
  | { kind: 'slice'; start?: Dim | null; stop?: Dim | null; step?: number | null }
  | { kind: 'none' }
  | { kind: 'ellipsis' }
  | { kind: 'tensor'; shape: Shape; dtype: 'bool' | 'int64' };

function sliceLength(size: Dim, item: { start?: Dim | null; stop?: Dim | null; step?: number | null }): Dim {
  const step = item.step ?? 1;
  if (step <= 0) throw new ShapeError('getitem', [], 'step must be greater than zero', 'ValueError');
  const start = item.start ?? null;
  const stop = item.stop ?? null;
  if (typeof size === 'number' && (start === null || typeof start === 'number') && (stop === null || typeof stop === 'number')) {
    const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + size : v, 0), size);
    const a = start === null ? 0 : clamp(start);
    const b = stop === null ? size : clamp(stop);
    return b > a ? Math.ceil((b - a) / step) : 0;
  }
  if (start === null && stop === null) return step === 1 ? size : dimFloorDiv(dimAdd(size, step - 1), step);
  if (step === 1 && (start === null || typeof start === 'number') && (stop === null || typeof stop === 'number')) {
    // x[:-1] on a symbolic dim is n-1; x[1:] is n-1 — valid when the dim is at least as long.
    const a = start === null ? 0 : start;
    if (stop === null) return a >= 0 ? dimSub(size, a) : -a;
    if (stop < 0 && a >= 0) return dimSub(dimAdd(size, stop), a);
    if (stop >= 0 && a >= 0) return unknownDim();
  }
  return unknownDim();
}

export function indexShape(s: Shape, index: readonly IndexItem[]): Shape {
  const op = 'getitem';
  const consuming = (it: IndexItem) => (it.kind === 'int' || it.kind === 'slice' ? 1 : it.kind === 'tensor' ? (it.dtype === 'bool' ? it.shape.length : 1) : 0);
  const used = index.reduce((n, it) => n + consuming(it), 0);
  const ellipses = index.filter((it) => it.kind === 'ellipsis').length;
  if (ellipses > 1) throw new ShapeError(op, [s], 'an index can only have a single ellipsis', 'IndexError');
  if (used > s.length) {
    throw new ShapeError(op, [s], `too many indices for tensor of dimension ${s.length}`, 'IndexError');
  }
  const items: IndexItem[] = [];
  for (const it of index) {
    if (it.kind === 'ellipsis') for (let i = 0; i < s.length - used; i++) items.push({ kind: 'slice' });
    else items.push(it);
  }
  while (items.reduce((n, it) => n + consuming(it), 0) < s.length) items.push({ kind: 'slice' });
  const out: Dim[] = [];
  const advancedShapes: Shape[] = [];
  let advancedAt = -1;
  let advancedSeparated = false;
  let lastAdvanced = -2;
  let pos = 0;
  items.forEach((it, k) => {
    if (it.kind === 'none') {
      out.push(1);
    } else if (it.kind === 'int') {
      pos++;
    } else if (it.kind === 'slice') {
      out.push(sliceLength(s[pos], it));
      pos++;
    } else if (it.kind === 'tensor') {
      if (advancedAt < 0) advancedAt = out.length;
      else if (lastAdvanced !== k - 1) advancedSeparated = true;
      lastAdvanced = k;
      if (it.dtype === 'bool') {
        it.shape.forEach((d, j) => {
          if (dimKnownDifferent(d, s[pos + j])) {
            throw new ShapeError(op, [s, it.shape], `The shape of the mask ${list(it.shape)} at index ${j} does not match the shape of the indexed tensor ${list(s)} at index ${pos + j}`, 'IndexError');
          }
        });
        advancedShapes.push([unknownDim()]);
        pos += it.shape.length;
      } else {
        advancedShapes.push(it.shape);
        pos++;
      }
    }
  });
  if (advancedShapes.length === 0) return out;
  const adv = advancedShapes.length === 1 ? advancedShapes[0] : broadcastAll('index', advancedShapes);
  if (advancedSeparated) return [...adv, ...out];
  return [...out.slice(0, advancedAt), ...adv, ...out.slice(advancedAt)];
}

export function gatherShape(op: string, s: Shape, dim: number, index: Shape): Shape {
  normalizeDim(op, dim, s.length);
  if (index.length !== s.length && !(s.length === 0 && index.length <= 1)) {
    throw new ShapeError(op, [s, index], 'Index tensor must have the same number of dimensions as input tensor', 'RuntimeError');
  }
  return index;
}

export function indexSelectShape(op: string, s: Shape, dim: number, index: Shape): Shape {
  const d = normalizeDim(op, dim, s.length);
  if (index.length > 1) throw new ShapeError(op, [s, index], 'index_select(): Index is supposed to be a vector', 'IndexError');
  const n = index.length === 0 ? 1 : index[0];
  if (s.length === 0) return [];
  return s.map((x, i) => (i === d ? n : x));
}

export interface ConvSpec {
  outChannels: Dim;
  inChannels?: Dim;
  groups?: number;
  kernel: readonly number[];
  stride: readonly number[];
  padding: readonly number[];
  dilation: readonly number[];
}

export function convNdShape(input: Shape, spec: ConvSpec): Shape {
  const op = `conv${spec.kernel.length}d`;
  const n = spec.kernel.length;
  if (input.length !== n + 1 && input.length !== n + 2) {
    throw new ShapeError(op, [input], `Expected ${n + 1}D (unbatched) or ${n + 2}D (batched) input to ${op}, but got input of size: ${list(input)}`, 'RuntimeError');
  }
  const channelAt = input.length - n - 1;
  const c = input[channelAt];
  if (spec.inChannels !== undefined && dimKnownDifferent(c, spec.inChannels)) {
    throw new ShapeError(op, [input], `Given groups=${spec.groups ?? 1}, weight of size [${formatDim(spec.outChannels)}, ${formatDim(spec.inChannels)}, ${spec.kernel.join(', ')}], expected input${list(input)} to have ${formatDim(spec.inChannels)} channels, but got ${formatDim(c)} channels instead${unless(c, spec.inChannels)}`, 'RuntimeError', symbolicOf(c, spec.inChannels));
  }
  const spatial = input.slice(channelAt + 1).map((L, i) => {
    const span = spec.dilation[i] * (spec.kernel[i] - 1) + 1;
    const numerator = dimSub(dimAdd(L, 2 * spec.padding[i]), span);
    if (typeof numerator === 'number') {
      const out = Math.floor(numerator / spec.stride[i]) + 1;
      if (out <= 0) throw new ShapeError(op, [input], `Calculated padded input size per channel: (${formatDim(dimAdd(L, 2 * spec.padding[i]))}). Kernel size: (${spec.kernel[i]}). Kernel size can't be greater than actual input size`, 'RuntimeError');
      return out;
    }
    const q = spec.stride[i] === 1 ? numerator : dimExactDiv(numerator, spec.stride[i]);
    return q === undefined ? unknownDim() : dimAdd(q, 1);
  });
  return [...input.slice(0, channelAt), spec.outChannels, ...spatial];
}

export function oneHotShape(s: Shape, numClasses: Dim): Shape {
  return [...s, numClasses];
}

export function padShape(op: string, s: Shape, pad: readonly number[]): Shape {
  if (pad.length % 2 !== 0) throw new ShapeError(op, [s], 'Padding length must be divisible by 2', 'RuntimeError');
  if (pad.length / 2 > s.length) throw new ShapeError(op, [s], 'Padding length too large', 'RuntimeError');
  const out = [...s];
  for (let i = 0; i < pad.length / 2; i++) {
    const d = s.length - 1 - i;
    out[d] = dimAdd(out[d], pad[2 * i] + pad[2 * i + 1]);
  }
  return out;
}

/** torch.einsum("ij,jk->ik", a, b) with ellipsis support. */
export function einsumShape(equation: string, shapes: readonly Shape[]): Shape {
  const op = 'einsum';
  const eq = equation.replace(/\s+/g, '');
  const [lhs, rhs] = eq.split('->');
  const inputs = lhs.split(',');
  if (inputs.length !== shapes.length) {
    throw new ShapeError(op, [...shapes], `einsum(): more operands were provided than specified in the equation`, 'RuntimeError');
  }
  const sizes = new Map<string, Dim>();
  const counts = new Map<string, number>();
  let ellipsis: Shape | null = null;
  inputs.forEach((term, k) => {
    const s = shapes[k];
    const hasEllipsis = term.includes('...');
    const letters = term.replace('...', '').split('');
    if ((!hasEllipsis && letters.length !== s.length) || (hasEllipsis && letters.length > s.length)) {
      throw new ShapeError(op, [...shapes], `einsum(): the number of subscripts in the equation (${letters.length}) does not match the number of dimensions (${s.length}) for operand ${k}${hasEllipsis ? '' : ' and no ellipsis was given'}`, 'RuntimeError');
    }
    const [before, after] = hasEllipsis ? term.split('...') : [term, ''];
    const ell = hasEllipsis ? s.slice(before.length, s.length - after.length) : [];
    if (hasEllipsis) ellipsis = ellipsis ? broadcastShapes(op, ellipsis, ell) : ell;
    const dims = [...s.slice(0, before.length), ...s.slice(s.length - after.length)];
    [...before, ...after].forEach((ch, i) => {
      counts.set(ch, (counts.get(ch) ?? 0) + 1);
      const prev = sizes.get(ch);
      const d = dims[i];
      if (prev === undefined || prev === 1) sizes.set(ch, d);
      else if (d !== 1 && dimKnownDifferent(prev, d)) {
        throw new ShapeError(op, [...shapes], `einsum(): operands do not broadcast with remapped shapes (original->remapped): subscript ${ch} has size ${formatDim(d)} for operand ${k} which does not broadcast with previously seen size ${formatDim(prev)}`, 'RuntimeError', symbolicOf(prev, d));
      }
    });
  });
  const output = rhs ?? (lhs.includes('...') ? '...' : '') + [...counts.keys()].filter((c) => counts.get(c) === 1).sort().join('');
  const out: Dim[] = [];
  const [ob, oa] = output.includes('...') ? output.split('...') : [output, ''];
  for (const ch of ob) {
    if (!sizes.has(ch)) throw new ShapeError(op, [...shapes], `einsum(): output subscript ${ch} does not appear in the equation for any input operand`, 'RuntimeError');
    out.push(sizes.get(ch)!);
  }
  if (output.includes('...')) out.push(...(ellipsis ?? []));
  for (const ch of oa) {
    if (!sizes.has(ch)) throw new ShapeError(op, [...shapes], `einsum(): output subscript ${ch} does not appear in the equation for any input operand`, 'RuntimeError');
    out.push(sizes.get(ch)!);
  }
  return out;
}
