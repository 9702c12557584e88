// Indexing as torch's Python `x[...]` does it: ints select, slices narrow with a step, None
// inserts a dim, Ellipsis fills the rest (all views); then integer/bool tensors gather
// (advanced indexing, numpy's placement rule: adjacent index dims stay in place, separated
// ones move to the front). Assignment writes through the same storage positions.
import { allocStorage, castNumber, MAX_ELEMENTS, type DType, type Scalar, scalarToNumber, scalarTypeName } from './dtype';
import { indexError, runtimeError, valueError } from './errors';
import { broadcastShapes, normalizeDim, shapeStr } from './shapes';
import { contiguous, expand, select, unsqueeze } from './shapeOps';
import { fromStorage, isTensor, makeView, numelOf, readData, scalarTensor, Tensor, toDType } from './tensor';

export interface Slice {
  kind: 'slice';
  start?: number | null;
  stop?: number | null;
  step?: number | null;
}

export const ELLIPSIS = 'ellipsis' as const;

/** One item of a subscript: `x[0, 1:3, None, ..., idx, mask]`. */
export type IndexItem = number | bigint | boolean | null | typeof ELLIPSIS | Slice | Tensor;

export function slice(start: number | null = null, stop: number | null = null, step: number | null = null): Slice {
  return { kind: 'slice', start, stop, step };
}

function isSlice(item: IndexItem): item is Slice {
  return typeof item === 'object' && item !== null && !isTensor(item) && item.kind === 'slice';
}

/** Python's slice.indices(size). */
function sliceIndices(s: Slice, size: number): [number, number, number] {
  const step = s.step ?? 1;
  if (step === 0) throw valueError('slice step cannot be zero');
  if (step < 0) throw valueError('step must be greater than zero');
  const clampIndex = (v: number | null | undefined, dflt: number): number => {
    if (v === null || v === undefined) return dflt;
    const w = v < 0 ? v + size : v;
    return Math.min(Math.max(w, 0), size);
  };
  const start = clampIndex(s.start, 0);
  const stop = clampIndex(s.stop, size);
  return [start, Math.max(stop, start), step];
}

interface Advanced {
  dim: number;
  index: Tensor;
}

interface Located {
  view: Tensor;
  advanced: Advanced[];
}

export const MULTIPLE_ELLIPSIS = 'an index can only have a single ellipsis ("...")';

/**
 * torch 1.13 lets every Ellipsis skip the `skipped` unindexed dims again. A later one is
 * harmless when there is nothing to skip or only Ellipses follow it; otherwise the next
 * items land past the last dim and torch raises an IndexError (whose wording depends on the
 * item, so one message is used here).
 */
function laterEllipsisMisplaces(items: readonly IndexItem[], skipped: number): boolean {
  const first = items.indexOf(ELLIPSIS);
  const second = first < 0 ? -1 : items.indexOf(ELLIPSIS, first + 1);
  return second >= 0 && skipped > 0 && items.slice(second + 1).some((it) => it !== ELLIPSIS);
}

/** Applies the basic items as views and records where each index tensor applies. */
function applyBasic(x: Tensor, items: readonly IndexItem[]): Located {
  let consumed = 0;
  for (const item of items) {
    if (isTensor(item)) consumed += item.dtype === 'bool' ? Math.max(item.ndim, 0) : item.ndim === 0 ? 1 : 1;
    else if (typeof item === 'number' || typeof item === 'bigint' || isSlice(item)) consumed += 1;
  }
  if (consumed > x.ndim) throw indexError(`too many indices for tensor of dimension ${x.ndim}`);
  if (laterEllipsisMisplaces(items, x.ndim - consumed)) throw indexError(MULTIPLE_ELLIPSIS);
  let view = x;
  let dim = 0;
  let ellipsisSeen = false;
  const advanced: Advanced[] = [];
  for (const item of items) {
    if (item === ELLIPSIS) {
      if (!ellipsisSeen) dim += x.ndim - consumed;
      ellipsisSeen = true;
    } else if (item === null) {
      view = unsqueeze(view, dim);
      dim++;
    } else if (typeof item === 'boolean') {
      view = unsqueeze(view, dim);
      advanced.push({ dim, index: fromStorage(Float64Array.from(item ? [0] : []), 'int64', [item ? 1 : 0]) });
      dim++;
    } else if (typeof item === 'number' || typeof item === 'bigint') {
      view = select(view, dim, Number(item));
    } else if (isSlice(item)) {
      const size = view.shape[dim];
      const [start, stop, step] = sliceIndices(item, size);
      const shape = [...view.shape];
      const strides = [...view.strides];
      shape[dim] = Math.ceil((stop - start) / step);
      strides[dim] = view.strides[dim] * step;
      view = makeView(view, shape, strides, view.offset + (shape[dim] > 0 ? start * view.strides[dim] : 0));
      dim++;
    } else if (isTensor(item)) {
      if (item.dtype === 'float32' || item.dtype === 'float64') {
        throw indexError('tensors used as indices must be long, byte or bool tensors');
      }
      if (item.dtype === 'int64' && item.ndim === 0) {
        view = select(view, dim, item.data[item.offset]);
      } else if (item.dtype === 'bool') {
        for (let k = 0; k < item.ndim; k++) {
          if (item.shape[k] !== view.shape[dim + k]) {
            throw indexError(
              `The shape of the mask ${shapeStr(item.shape)} at index ${k} does not match the shape of the indexed tensor ${shapeStr(view.shape)} at index ${dim + k}`,
            );
          }
        }
        if (item.ndim === 0) {
          view = unsqueeze(view, dim);
          advanced.push({ dim, index: fromStorage(Float64Array.from(item.data[item.offset] ? [0] : []), 'int64', [item.data[item.offset] ? 1 : 0]) });
          dim++;
        } else {
          nonzeroColumns(item).forEach((col, k) => advanced.push({ dim: dim + k, index: col }));
          dim += item.ndim;
        }
      } else {
        advanced.push({ dim, index: item });
        dim++;
      }
    }
  }
  return { view, advanced };
}

/** torch.nonzero(x): (count, ndim) int64 coordinates in row-major order. */
export function nonzero(x: Tensor): Tensor {
  const data = readData(x);
  const coords: number[] = [];
  const idx = new Array<number>(x.ndim).fill(0);
  for (let i = 0; i < data.length; i++) {
    if (data[i] !== 0) coords.push(...idx);
    for (let d = x.ndim - 1; d >= 0; d--) {
      if (++idx[d] < x.shape[d]) break;
      idx[d] = 0;
    }
  }
  return fromStorage(Float64Array.from(coords), 'int64', [coords.length / Math.max(x.ndim, 1), x.ndim]);
}

function nonzeroColumns(mask: Tensor): Tensor[] {
  const nz = nonzero(mask);
  const count = nz.shape[0];
  return Array.from({ length: mask.ndim }, (_, k) => {
    const col = new Float64Array(count);
    for (let i = 0; i < count; i++) col[i] = nz.data[i * mask.ndim + k];
    return fromStorage(col, 'int64', [count]);
  });
}

/** All storage offsets of a strided block, row-major. */
function blockOffsets(shape: readonly number[], strides: readonly number[]): Float64Array {
  const n = numelOf(shape);
  const out = new Float64Array(n);
  const idx = new Array<number>(shape.length).fill(0);
  let p = 0;
  for (let i = 0; i < n; i++) {
    out[i] = p;
    for (let d = shape.length - 1; d >= 0; d--) {
      idx[d]++;
      p += strides[d];
      if (idx[d] < shape[d]) break;
      p -= idx[d] * strides[d];
      idx[d] = 0;
    }
  }
  return out;
}

interface Positions {
  shape: number[];
  offsets: Float64Array;
}

/**
 * Where the broadcast index dims go (numpy's rule): in place when the indexed dims are
 * adjacent, else first; `before`/`after` are the untouched dims around them.
 */
function placement(view: Tensor, advanced: Advanced[], bshape: number[]): { before: number[]; after: number[]; shape: number[] } {
  const indexed = new Set(advanced.map((a) => a.dim));
  const first = Math.min(...indexed);
  const last = Math.max(...indexed);
  const adjacent = last - first + 1 === indexed.size;
  const rest = view.shape.map((_, d) => d).filter((d) => !indexed.has(d));
  const before = adjacent ? rest.filter((d) => d < first) : [];
  const after = adjacent ? rest.filter((d) => d > last) : rest;
  return { before, after, shape: [...before.map((d) => view.shape[d]), ...bshape, ...after.map((d) => view.shape[d])] };
}

/** Storage positions (and result shape) that an advanced subscript addresses. */
function advancedPositions(view: Tensor, advanced: Advanced[]): Positions {
  let bshape: number[] = [];
  try {
    bshape = advanced.reduce<number[]>((acc, a) => broadcastShapes(acc, a.index.shape), []);
  } catch {
    throw indexError(`shape mismatch: indexing tensors could not be broadcast together with shapes ${advanced.map((a) => shapeStr(a.index.shape)).join(', ')}`);
  }
  const nb = numelOf(bshape);
  const { before, after, shape } = placement(view, advanced, bshape);
  // torch checks index bounds as it fills the result: an empty result checks nothing (and an
  // empty result of a (10^9, 0) input must not build 10^9 offsets for the dims around it).
  const total = numelOf(shape);
  if (total === 0) return { shape, offsets: new Float64Array(0) };
  const advOff = new Float64Array(nb);
  for (const { dim, index } of advanced) {
    const size = view.shape[dim];
    const values = readData(contiguous(expand(index, bshape)));
    for (let b = 0; b < nb; b++) {
      let v = values[b];
      if (v < -size || v >= size) throw indexError(`index ${v} is out of bounds for dimension ${dim} with size ${size}`);
      if (v < 0) v += size;
      advOff[b] += v * view.strides[dim];
    }
  }
  // A too-large result fails before any work.
  if (total > MAX_ELEMENTS) allocStorage(view.dtype, total);
  const beforeOff = blockOffsets(before.map((d) => view.shape[d]), before.map((d) => view.strides[d]));
  const afterOff = blockOffsets(after.map((d) => view.shape[d]), after.map((d) => view.strides[d]));
  const offsets = new Float64Array(beforeOff.length * nb * afterOff.length);
  let k = 0;
  for (let i = 0; i < beforeOff.length; i++) {
    for (let b = 0; b < nb; b++) {
      const base = view.offset + beforeOff[i] + advOff[b];
      for (let j = 0; j < afterOff.length; j++) offsets[k++] = base + afterOff[j];
    }
  }
  return { shape, offsets };
}

/** `x[items]`: a view for basic subscripts, a copy when index tensors are involved. */
export function index(x: Tensor, items: readonly IndexItem[]): Tensor {
  const { view, advanced } = applyBasic(x, items);
  if (advanced.length === 0) return view;
  const { shape, offsets } = advancedPositions(view, advanced);
  const out = allocStorage(x.dtype, offsets.length);
  for (let i = 0; i < offsets.length; i++) out[i] = x.data[offsets[i]];
  return fromStorage(out, x.dtype, shape);
}

/** `x[items] = value`, in place on `x`'s storage (views of it see the change). Returns `x`. */
export function indexPut(x: Tensor, items: readonly IndexItem[], value: Tensor | Scalar): Tensor {
  const { view, advanced } = applyBasic(x, items);
  let shape: number[];
  let offsets: Float64Array;
  if (advanced.length === 0) {
    shape = [...view.shape];
    const block = blockOffsets(view.shape, view.strides);
    for (let i = 0; i < block.length; i++) block[i] += view.offset;
    offsets = block;
  } else {
    ({ shape, offsets } = advancedPositions(view, advanced));
  }
  let src: Tensor;
  if (isTensor(value)) {
    if (advanced.length > 0 && value.dtype !== x.dtype) {
      throw runtimeError(
        `Index put requires the source and destination dtypes match, got ${scalarTypeName(x.dtype)} for the destination and ${scalarTypeName(value.dtype)} for the source.`,
      );
    }
    if (advanced.length > 0) {
      try {
        broadcastShapes(value.shape, shape);
        if (value.ndim > shape.length || broadcastShapes(value.shape, shape).some((s, i) => s !== shape[i])) throw new Error();
      } catch {
        throw runtimeError(`shape mismatch: value tensor of shape ${shapeStr(value.shape)} cannot be broadcast to indexing result of shape ${shapeStr(shape)}`);
      }
    }
    src = expand(toDType(value, x.dtype), shape);
  } else {
    src = expand(scalarTensor(castNumber(scalarToNumber(value), x.dtype), x.dtype), shape);
  }
  const values = readData(contiguous(src));
  for (let i = 0; i < offsets.length; i++) x.data[offsets[i]] = values[i];
  return x;
}

/** torch.gather(x, dim, index). */
export function gather(x: Tensor, dim: number, idx: Tensor): Tensor {
  const d = normalizeDim(dim, x.ndim);
  // torch checks nothing more for an empty index, not even its dtype.
  if (idx.numel === 0) return fromStorage(allocStorage(x.dtype, 0), x.dtype, idx.shape);
  if (idx.dtype !== 'int64') throw runtimeError('gather(): Expected dtype int64 for index');
  if (Math.max(idx.ndim, 1) !== Math.max(x.ndim, 1)) throw runtimeError('Index tensor must have the same number of dimensions as input tensor');
  for (let k = 0; k < idx.ndim; k++) {
    if (k !== d && idx.shape[k] > x.shape[k]) {
      throw runtimeError(
        `Size does not match at dimension ${k} expected index ${shapeStr(idx.shape)} to be smaller than self ${shapeStr(x.shape)} apart from dimension ${d}`,
      );
    }
  }
  const iv = readData(idx);
  const out = allocStorage(x.dtype, iv.length);
  const counter = new Array<number>(idx.ndim).fill(0);
  for (let i = 0; i < iv.length; i++) {
    const v = iv[i];
    const size = x.ndim === 0 ? 1 : x.shape[d];
    // No negative indices in gather, unlike indexing.
    if (v < 0 || v >= size) throw runtimeError(`index ${v} is out of bounds for dimension ${d} with size ${size}`);
    let p = x.offset;
    // A 0-d input has no strides: its one element is read for every index.
    if (x.ndim > 0) for (let k = 0; k < idx.ndim; k++) p += (k === d ? v : counter[k]) * x.strides[k];
    out[i] = x.data[p];
    for (let k = idx.ndim - 1; k >= 0; k--) {
      if (++counter[k] < idx.shape[k]) break;
      counter[k] = 0;
    }
  }
  return fromStorage(out, x.dtype, idx.shape);
}

/** torch.index_select(x, dim, index): index is a 1-D (or 0-D) integer tensor. */
export function indexSelect(x: Tensor, dim: number, idx: Tensor): Tensor {
  if (idx.dtype !== 'int64') throw runtimeError('index_select(): Expected dtype int32 or int64 for index');
  if (idx.ndim > 1) throw indexError('index_select(): Index is supposed to be a vector');
  const d = normalizeDim(dim, x.ndim);
  const flat = idx.ndim === 0 ? makeView(idx, [1], [1], idx.offset) : idx;
  if (x.ndim >= 2 && x.shape[d] === 0 && flat.numel > 0) throw runtimeError('index_select(): self indexing axis dim should be positive');
  for (const v of readData(flat)) {
    // torch has two bounds checks: its dim-1 kernel (and the empty-input path) raise a
    // RuntimeError, every other path an IndexError.
    const size = x.ndim === 0 ? 1 : x.shape[d];
    if ((v < 0 || v >= size) && !((x.ndim > 1 && d === 1) || x.numel === 0)) throw indexError('index out of range in self');
    if (v < 0 || v >= size) throw runtimeError(`INDICES element is out of DATA bounds, id=${v} axis_dim=${size}`);
  }
  const items: IndexItem[] = x.shape.map((_, k) => (k === d ? flat : slice()));
  return index(x, items);
}

/** x.masked_fill(mask, value): out of place, so x and mask broadcast together. */
export function maskedFill(x: Tensor, mask: Tensor, value: Tensor | Scalar): Tensor {
  if (isTensor(value) && value.ndim !== 0) {
    throw runtimeError(`masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ${value.ndim} dimension(s).`);
  }
  const raw = isTensor(value) ? value.data[value.offset] : scalarToNumber(value);
  // A Python float filled into an int64 tensor is converted with a range check.
  if (x.dtype === 'int64' && !(Math.abs(raw) < 2 ** 63)) throw runtimeError('value cannot be converted to type int64_t without overflow');
  const fill = castNumber(raw, x.dtype);
  const shape = broadcastShapes(x.shape, mask.shape);
  const xs = readData(contiguous(expand(x, shape)));
  const ms = readData(contiguous(expand(mask, shape)));
  const out = allocStorage(x.dtype, xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = ms[i] !== 0 ? fill : xs[i];
  return fromStorage(out, x.dtype, shape);
}

function triangle(x: Tensor, diagonal: number, lower: boolean): Tensor {
  // torch checks the dims only of a tensor with elements: tril of a (0,) tensor is fine.
  if (x.ndim < 2 && x.numel !== 0) normalizeDim(-2, x.ndim);
  const src = readData(contiguous(x));
  const rows = x.shape[x.ndim - 2];
  const cols = x.shape[x.ndim - 1];
  const out = allocStorage(x.dtype, src.length);
  for (let base = 0; base < src.length; base += rows * cols) {
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const keep = lower ? j - i <= diagonal : j - i >= diagonal;
        if (keep) out[base + i * cols + j] = src[base + i * cols + j];
      }
    }
  }
  return fromStorage(out, x.dtype, x.shape);
}

/** torch.tril(x, diagonal=0) on the last two dims. */
export function tril(x: Tensor, diagonal = 0): Tensor {
  return triangle(x, diagonal, true);
}

export function triu(x: Tensor, diagonal = 0): Tensor {
  return triangle(x, diagonal, false);
}

/** torch.masked_select(x, mask): a 1-D copy. */
export function maskedSelect(x: Tensor, mask: Tensor): Tensor {
  const shape = broadcastShapes(x.shape, mask.shape);
  return index(contiguous(expand(x, shape)), [contiguous(expand(toDType(mask, 'bool'), shape))]);
}

