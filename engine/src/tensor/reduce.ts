// Reductions. Every reduction first lays the input out as rows: kept dims outside, reduced
// dims inside (a no-copy fast path when the reduced dims already trail a contiguous tensor),
// then runs one tight loop per row. Small float32 sums and means follow torch's order of
// additions (cascadeSum.ts); other sums accumulate in double and round once at the end.
import { allocStorage, castNumber, type DType, isFloating, type Storage, scalarTypeName } from './dtype';
import { indexError, runtimeError } from './errors';
import { floatResultType } from './promotion';
import { normalizeDim, normalizeDims, reducedShape } from './shapes';
import { contiguous, permute } from './shapeOps';
import { fromStorage, readData, type Tensor } from './tensor';
import { torchOrderSum } from './cascadeSum';
import { EXACT_BITS_MAX } from './fastmath';
import { sumRowsF32 } from './wasm/kernels';

export type Dims = number | readonly number[] | null;

interface Rows {
  data: Storage;
  /** Number of rows (product of kept dims). */
  outer: number;
  /** Row length (product of reduced dims). */
  inner: number;
  outShape: number[];
}

function toRows(x: Tensor, dims: readonly number[], keepdim: boolean): Rows {
  const outShape = reducedShape(x.shape, dims, keepdim);
  const set = new Set(dims);
  const kept = x.shape.map((_, i) => i).filter((i) => !set.has(i));
  const inner = dims.reduce((acc, d) => acc * x.shape[d], 1);
  const outer = kept.reduce((acc, d) => acc * x.shape[d], 1);
  const trailing = dims.every((d, i) => d === x.ndim - dims.length + i);
  const laidOut = trailing ? x : contiguous(permute(x, [...kept, ...dims]));
  return { data: readData(laidOut), outer, inner, outShape };
}

function requireNonEmpty(name: string, x: Tensor, dims: readonly number[], explicit: boolean, error: 'index' | 'runtime' = 'runtime'): void {
  if (x.numel !== 0) return;
  if (!explicit) {
    const message = `${name}(): Expected reduction dim to be specified for input.numel() == 0.`;
    if (error === 'index') throw indexError(message);
    throw runtimeError(`${message} Specify the reduction dim with the 'dim' argument.`);
  }
  for (const d of dims) {
    if (x.shape[d] === 0) throw indexError(`${name}(): Expected reduction dim ${d} to have non-zero size.`);
  }
}

/** The accumulation dtype torch picks for sum/prod/cumsum: integral and bool become int64. */
function sumDType(x: Tensor, dtype?: DType): DType {
  return dtype ?? (isFloating(x.dtype) ? x.dtype : 'int64');
}

function finish(out: Storage, dtype: DType, shape: number[]): Tensor {
  return fromStorage(out, dtype, shape);
}

/** Sum of one row with four independent accumulators (the add latency chain is the bottleneck). */
export function rowSum(data: Storage, base: number, n: number): number {
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let j = 0;
  for (; j + 3 < n; j += 4) {
    a0 += data[base + j];
    a1 += data[base + j + 1];
    a2 += data[base + j + 2];
    a3 += data[base + j + 3];
  }
  for (; j < n; j++) a0 += data[base + j];
  return a0 + a1 + (a2 + a3);
}

/**
 * float32 sums in torch's order (cascadeSum.ts), one per output in output order. Larger sums,
 * and views with expanded (stride-0) dims, take the SIMD double-precision path (within float32
 * rounding of torch, not its bits).
 */
function torchOrderSums(x: Tensor, dims: readonly number[], outType: DType): Float32Array | null {
  if (outType !== 'float32' || x.dtype !== 'float32' || x.numel === 0 || x.numel > EXACT_BITS_MAX) return null;
  if (x.shape.some((size, d) => size > 1 && x.strides[d] <= 0)) return null;
  const out = new Float32Array(x.numel / dims.reduce((acc, d) => acc * x.shape[d], 1));
  torchOrderSum(x.data, x.offset, x.shape, x.strides, new Set(dims), out);
  return out;
}

/** torch.sum(x, dim=None, keepdim=False, dtype=None). */
export function sum(x: Tensor, dims: Dims = null, keepdim = false, dtype?: DType): Tensor {
  const nd = normalizeDims(dims, x.ndim);
  const outType = sumDType(x, dtype);
  const exact = torchOrderSums(x, nd, outType);
  if (exact) return finish(exact, outType, reducedShape(x.shape, nd, keepdim));
  const { data, outer, inner, outShape } = toRows(x, nd, keepdim);
  const out = allocStorage(outType, outer);
  const simd = outType === 'float32' && data instanceof Float32Array && data.length === outer * inner && sumRowsF32(data, outer, inner, out);
  if (!simd) for (let r = 0, base = 0; r < outer; r++, base += inner) out[r] = rowSum(data, base, inner);
  if (outType === 'bool') for (let r = 0; r < outer; r++) out[r] = out[r] !== 0 ? 1 : 0;
  return finish(out, outType, outShape);
}

/** torch.mean: floating inputs only (or an explicit floating dtype). */
export function mean(x: Tensor, dims: Dims = null, keepdim = false, dtype?: DType): Tensor {
  const outType = dtype ?? x.dtype;
  if (!isFloating(outType)) {
    throw runtimeError(
      `mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${scalarTypeName(outType)}`,
    );
  }
  const nd = normalizeDims(dims, x.ndim);
  const exact = torchOrderSums(x, nd, outType);
  if (exact) {
    const count = nd.reduce((acc, d) => acc * x.shape[d], 1);
    for (let i = 0; i < exact.length; i++) exact[i] /= count;
    return finish(exact, outType, reducedShape(x.shape, nd, keepdim));
  }
  const { data, outer, inner, outShape } = toRows(x, nd, keepdim);
  const out = allocStorage(outType, outer);
  // torch divides the sum as accumulated in the output precision, so a float32 mean of
  // [3e38, 3e38] is inf (the sum overflowed) rather than 3e38.
  for (let r = 0, base = 0; r < outer; r++, base += inner) out[r] = castNumber(rowSum(data, base, inner), outType) / inner;
  return finish(out, outType, outShape);
}

export function prod(x: Tensor, dims: Dims = null, keepdim = false, dtype?: DType): Tensor {
  const nd = normalizeDims(dims, x.ndim);
  const { data, outer, inner, outShape } = toRows(x, nd, keepdim);
  const outType = sumDType(x, dtype);
  const out = allocStorage(outType, outer);
  // torch multiplies in the output dtype, in order: in float32, prod([1e-30, 1e-30, inf]) is
  // 0 * inf = nan (1e-60 underflows), where a double product would give inf.
  const round = outType === 'float32' ? Math.fround : (v: number) => v;
  for (let r = 0, base = 0; r < outer; r++, base += inner) {
    let acc = 1;
    for (let j = 0; j < inner; j++) acc = round(acc * data[base + j]);
    out[r] = acc;
  }
  return finish(out, outType, outShape);
}

type Extreme = 'max' | 'min';

/** Index of the max (or min) in a row; the first nan wins, as torch propagates nan. */
function extremeIndex(data: Storage, base: number, n: number, kind: Extreme): number {
  let best = 0;
  let bestV = data[base];
  if (bestV !== bestV) return 0;
  for (let j = 1; j < n; j++) {
    const v = data[base + j];
    if (v !== v) return j;
    if (kind === 'max' ? v > bestV : v < bestV) {
      bestV = v;
      best = j;
    }
  }
  return best;
}

function extremeAll(name: string, x: Tensor, kind: Extreme): Tensor {
  requireNonEmpty(name, x, [], false);
  const data = readData(x);
  const out = allocStorage(x.dtype, 1);
  out[0] = data[extremeIndex(data, 0, data.length, kind)];
  return finish(out, x.dtype, []);
}

function extremeDims(name: string, x: Tensor, dims: readonly number[], keepdim: boolean, kind: Extreme, want: 'values' | 'indices'): Tensor {
  const { data, outer, inner, outShape } = toRows(x, dims, keepdim);
  const outType: DType = want === 'indices' ? 'int64' : x.dtype;
  const out = allocStorage(outType, outer);
  for (let r = 0, base = 0; r < outer; r++, base += inner) {
    const i = extremeIndex(data, base, inner, kind);
    out[r] = want === 'indices' ? i : data[base + i];
  }
  return finish(out, outType, outShape);
}

export interface ValuesIndices {
  values: Tensor;
  indices: Tensor;
}

/** `x.max()` over everything: a 0-dim tensor. */
export function max(x: Tensor): Tensor {
  return extremeAll('max', x, 'max');
}

export function min(x: Tensor): Tensor {
  return extremeAll('min', x, 'min');
}

/** `x.max(dim, keepdim)`: torch.return_types.max(values, indices). */
export function maxDim(x: Tensor, dim: number, keepdim = false): ValuesIndices {
  return extremeWithIndices('max', x, dim, keepdim, 'max');
}

export function minDim(x: Tensor, dim: number, keepdim = false): ValuesIndices {
  return extremeWithIndices('min', x, dim, keepdim, 'min');
}

function extremeWithIndices(name: string, x: Tensor, dim: number, keepdim: boolean, kind: Extreme): ValuesIndices {
  const d = normalizeDims(dim, x.ndim);
  requireNonEmpty(name, x, d, true);
  return {
    values: extremeDims(name, x, d, keepdim, kind, 'values'),
    indices: extremeDims(name, x, d, keepdim, kind, 'indices'),
  };
}

/** torch.amax(x, dim=(), keepdim=False): values only, several dims allowed. */
export function amax(x: Tensor, dims: Dims = null, keepdim = false): Tensor {
  const d = normalizeDims(dims, x.ndim);
  requireNonEmpty('amax', x, d, d.length > 0 && dims !== null && !(Array.isArray(dims) && dims.length === 0));
  return extremeDims('amax', x, d, keepdim, 'max', 'values');
}

export function amin(x: Tensor, dims: Dims = null, keepdim = false): Tensor {
  const d = normalizeDims(dims, x.ndim);
  requireNonEmpty('amin', x, d, d.length > 0 && dims !== null && !(Array.isArray(dims) && dims.length === 0));
  return extremeDims('amin', x, d, keepdim, 'min', 'values');
}

/** torch.argmax(x, dim=None, keepdim=False): with no dim, the index into the flattened tensor. */
export function argmax(x: Tensor, dim: number | null = null, keepdim = false): Tensor {
  return argExtreme('argmax', x, dim, keepdim, 'max');
}

export function argmin(x: Tensor, dim: number | null = null, keepdim = false): Tensor {
  return argExtreme('argmin', x, dim, keepdim, 'min');
}

function argExtreme(name: string, x: Tensor, dim: number | null, keepdim: boolean, kind: Extreme): Tensor {
  if (dim === null) {
    requireNonEmpty(name, x, [], false, 'index');
    const data = readData(x);
    const out = allocStorage('int64', 1);
    out[0] = extremeIndex(data, 0, data.length, kind);
    return finish(out, 'int64', keepdim ? x.shape.map(() => 1) : []);
  }
  const d = normalizeDims(dim, x.ndim);
  requireNonEmpty(name, x, d, true);
  return extremeDims(name, x, d, keepdim, kind, 'indices');
}

/**
 * torch.logsumexp: max-shifted so large inputs stay finite; an infinite max is not
 * subtracted (torch masks it to 0), so [inf, 1] gives inf and [-inf, -inf] gives -inf.
 */
export function logsumexp(x: Tensor, dims: Dims, keepdim = false): Tensor {
  const nd = normalizeDims(dims, x.ndim);
  const { data, outer, inner, outShape } = toRows(x, nd, keepdim);
  const outType = floatResultType(x.dtype);
  const out = allocStorage(outType, outer);
  for (let r = 0, base = 0; r < outer; r++, base += inner) {
    let m = -Infinity;
    for (let j = 0; j < inner; j++) if (data[base + j] > m || data[base + j] !== data[base + j]) m = data[base + j];
    const shift = m === Infinity || m === -Infinity ? 0 : m;
    let acc = 0;
    for (let j = 0; j < inner; j++) acc += Math.exp(data[base + j] - shift);
    out[r] = Math.log(acc) + shift;
  }
  return finish(out, outType, outShape);
}

/** torch.var(x, dim=None, correction=1, keepdim=False). */
export function variance(x: Tensor, dims: Dims = null, correction = 1, keepdim = false): Tensor {
  return moment(x, dims, correction, keepdim, false);
}

/** torch.std(x, dim=None, correction=1, keepdim=False). */
export function std(x: Tensor, dims: Dims = null, correction = 1, keepdim = false): Tensor {
  return moment(x, dims, correction, keepdim, true);
}

function moment(x: Tensor, dims: Dims, correction: number, keepdim: boolean, root: boolean): Tensor {
  if (!isFloating(x.dtype)) throw runtimeError('std and var only support floating point and complex dtypes');
  const nd = normalizeDims(dims, x.ndim);
  const { data, outer, inner, outShape } = toRows(x, nd, keepdim);
  const out = allocStorage(x.dtype, outer);
  const denom = Math.max(0, inner - correction);
  for (let r = 0, base = 0; r < outer; r++, base += inner) {
    let s = 0;
    for (let j = 0; j < inner; j++) s += data[base + j];
    const m = castNumber(s, x.dtype) / inner;
    let acc = 0;
    for (let j = 0; j < inner; j++) {
      const dev = data[base + j] - m;
      acc += dev * dev;
    }
    const v = acc / denom;
    out[r] = root ? Math.sqrt(v) : v;
  }
  return finish(out, x.dtype, outShape);
}

/** torch.all / torch.any: bool results for every input dtype. */
export function all(x: Tensor, dims: Dims = null, keepdim = false): Tensor {
  return logicalReduce(x, dims, keepdim, true);
}

export function any(x: Tensor, dims: Dims = null, keepdim = false): Tensor {
  return logicalReduce(x, dims, keepdim, false);
}

function logicalReduce(x: Tensor, dims: Dims, keepdim: boolean, isAll: boolean): Tensor {
  const nd = normalizeDims(dims, x.ndim);
  const { data, outer, inner, outShape } = toRows(x, nd, keepdim);
  const out = allocStorage('bool', outer);
  for (let r = 0, base = 0; r < outer; r++, base += inner) {
    let acc = isAll;
    for (let j = 0; j < inner; j++) {
      if ((data[base + j] !== 0) !== isAll) {
        acc = !isAll;
        break;
      }
    }
    out[r] = acc ? 1 : 0;
  }
  return finish(out, 'bool', outShape);
}

/**
 * torch.norm / linalg.vector_norm with p in {number, inf, -inf, 'fro'}. Squares are rounded to
 * the input precision first, so float32 norms overflow to inf where torch's do.
 */
export function norm(x: Tensor, p: number | 'fro' = 2, dims: Dims = null, keepdim = false): Tensor {
  if (!isFloating(x.dtype)) {
    throw runtimeError(`norm(): input dtype should be either floating point or complex. Got ${scalarTypeName(x.dtype)} instead.`);
  }
  const order = p === 'fro' ? 2 : p;
  const nd = normalizeDims(dims, x.ndim);
  const { data, outer, inner, outShape } = toRows(x, nd, keepdim);
  const out = allocStorage(x.dtype, outer);
  for (let r = 0, base = 0; r < outer; r++, base += inner) {
    let acc = order === -Infinity ? Infinity : 0;
    for (let j = 0; j < inner; j++) {
      const a = Math.abs(data[base + j]);
      if (order === Infinity) acc = a > acc || a !== a ? a : acc;
      else if (order === -Infinity) acc = a < acc || a !== a ? a : acc;
      else if (order === 0) acc += a !== 0 ? 1 : 0;
      else if (order === 1) acc += a;
      else if (order === 2) acc += castNumber(a * a, x.dtype);
      else acc += castNumber(Math.pow(a, order), x.dtype);
    }
    if (order === 2) acc = Math.sqrt(castNumber(acc, x.dtype));
    else if (order !== 0 && order !== 1 && Number.isFinite(order)) acc = Math.pow(castNumber(acc, x.dtype), 1 / order);
    out[r] = acc;
  }
  return finish(out, x.dtype, outShape);
}

/** torch.cumsum(x, dim, dtype=None): integral and bool inputs accumulate in int64. */
export function cumsum(x: Tensor, dim: number, dtype?: DType): Tensor {
  return cumulative(x, dim, dtype, false);
}

export function cumprod(x: Tensor, dim: number, dtype?: DType): Tensor {
  return cumulative(x, dim, dtype, true);
}

function cumulative(x: Tensor, dim: number, dtype: DType | undefined, product: boolean): Tensor {
  const d = normalizeDim(dim, x.ndim);
  const outType = sumDType(x, dtype);
  if (x.ndim === 0) return castAll(x, outType);
  const order = x.shape.map((_, i) => i).filter((i) => i !== d);
  const moved = contiguous(permute(x, [...order, d]));
  const data = readData(moved);
  const inner = x.shape[d];
  const outer = inner === 0 ? 0 : data.length / inner;
  const buf = allocStorage(outType, data.length);
  for (let r = 0, base = 0; r < outer; r++, base += inner) {
    let acc = product ? 1 : 0;
    for (let j = 0; j < inner; j++) {
      // torch's CPU cumsum accumulates in double and rounds each output, so
      // cumsum([1e8, 1, -1e8]) ends in 1, not the 0 a float32 accumulator would give.
      acc = product ? acc * data[base + j] : acc + data[base + j];
      buf[base + j] = acc;
    }
  }
  const movedShape = [...order.map((i) => x.shape[i]), inner];
  const inverse = new Array<number>(x.ndim);
  [...order, d].forEach((src, pos) => (inverse[src] = pos));
  return contiguous(permute(fromStorage(buf, outType, movedShape), inverse));
}

function castAll(x: Tensor, dtype: DType): Tensor {
  const data = readData(x);
  const out = allocStorage(dtype, data.length);
  for (let i = 0; i < data.length; i++) out[i] = castNumber(data[i], dtype);
  return fromStorage(out, dtype, x.shape);
}
