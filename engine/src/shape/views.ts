// Ops that rearrange one tensor: reshape/view (one -1 inferred, symbolic numel checks),
// flatten/unflatten, permute/transpose, squeeze/unsqueeze, expand, repeat/tile.
import {
  type Dim, type Shape, dimCanBeOne, dimEquals, dimExactDiv, dimKnownDifferent, dimMul, dimSub, formatDim, isUnknownDim, shapeNumel, unknownDim,
} from './dim';
import { ShapeError } from './errors';
import { isOne, list, symbolicOf, unless } from './messages';
import { normalizeDim } from './broadcast';

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
  if (s.length === 0) throw new ShapeError(op, [s], `Dimension specified as ${dim} but tensor has no dimensions`, 'IndexError');
  if (sizes.length === 0) throw new ShapeError(op, [s], 'unflatten: sizes must be non-empty', 'RuntimeError');
  const d = normalizeDim(op, dim, s.length);
  let resolved: Shape;
  try {
    resolved = reshapeShape(op, [s[d]], sizes);
  } catch (e) {
    if (!(e instanceof ShapeError) || !e.message.startsWith('shape ')) throw e;
    throw new ShapeError(op, [s], `unflatten: Provided sizes ${list(sizes)} don't multiply up to the size of dim ${dim} (${formatDim(s[d])}) in the input tensor`, 'RuntimeError', e.symbolic);
  }
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
export interface SqueezeResult {
  shape: Shape;
  /** squeeze() without a dim kept named symbolic dims that are 1 for some inputs (e.g. batch). */
  ambiguous: boolean;
  /** Indices (in the input) of those dims. */
  ambiguousDims: number[];
  /** An unknown dim decides whether a dim is dropped: the result's rank is not provable. */
  uncertain: boolean;
}

/** Symbols are generic sizes, so they are kept; the flags say where that assumption decided. */
export function squeezeShape(op: string, s: Shape, dim?: number | readonly number[] | null): SqueezeResult {
  const candidates = (dim === undefined || dim === null)
    ? s.map((_, i) => i)
    : (Array.isArray(dim) ? dim : [dim]).map((d) => normalizeDim(op, d, s.length));
  if (s.length === 0) return { shape: [], ambiguous: false, ambiguousDims: [], uncertain: false };
  const ambiguousDims = dim === undefined || dim === null
    ? candidates.filter((i) => s[i] !== 1 && !isUnknownDim(s[i]) && typeof s[i] !== 'number' && dimCanBeOne(s[i]))
    : [];
  return {
    shape: s.filter((d, i) => !(candidates.includes(i) && d === 1)),
    ambiguous: ambiguousDims.length > 0,
    ambiguousDims,
    uncertain: candidates.some((i) => isUnknownDim(s[i])),
  };
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
    if (typeof size === 'number' && size < -1) throw new ShapeError(op, [s], 'numel: integer multiplication overflow', 'RuntimeError');
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
  // Python's binding rejects x.repeat() before torch sees it.
  if (repeats.length === 0) throw new ShapeError(op, [s], 'repeat() missing 1 required positional arguments: "repeats"', 'TypeError');
  const lead = repeats.length - s.length;
  const out = repeats.map((r, i) => (i < lead ? r : dimMul(s[i - lead], r)));
  if (repeats.some((r) => typeof r === 'number' && r < 0)) {
    const negative = out.find((d) => typeof d === 'number' && d < 0) ?? repeats.find((r) => typeof r === 'number' && r < 0)!;
    throw new ShapeError(op, [s], `Trying to create tensor with negative dimension ${formatDim(negative)}: ${list(out)}`, 'RuntimeError');
  }
  return out;
}

export function tileShape(op: string, s: Shape, reps: readonly Dim[]): Shape {
  const padded = reps.length < s.length ? [...Array(s.length - reps.length).fill(1), ...reps] : reps;
  return repeatShape(op, s, padded);
}
