// Shape ops. view/permute/transpose/expand/squeeze/unsqueeze/select/narrow return views that
// share storage (strides change, data does not), so contiguity is tracked like torch's.
// reshape views when torch's stride rule allows it and copies otherwise.
import { MAX_PIECES } from '../shape/joins';
import { allocStorage, type DType } from './dtype';
import { indexError, runtimeError } from './errors';
import { broadcastShapes, inferShape, normalizeDim, normalizeDimNoScalar, shapeStr, viewStrides } from './shapes';
import { clone, contiguous, copyInto, fromStorage, makeView, numelOf, type Tensor } from './tensor';

export { contiguous, clone };

/** `x.view(*shape)`: raises like torch when the strides cannot express the new shape. */
export function view(x: Tensor, shape: readonly number[]): Tensor {
  const target = inferShape(shape, x.numel);
  const strides = viewStrides(x.shape, x.strides, target);
  if (strides === null) {
    throw runtimeError(
      "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
    );
  }
  return makeView(x, target, strides, x.offset);
}

/** `x.reshape(*shape)`: a view when possible, else a contiguous copy. */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const target = inferShape(shape, x.numel);
  const strides = viewStrides(x.shape, x.strides, target);
  if (strides !== null) return makeView(x, target, strides, x.offset);
  const copy = clone(x);
  return makeView(copy, target, viewStrides(copy.shape, copy.strides, target) ?? [], 0);
}

export function permute(x: Tensor, dims: readonly number[]): Tensor {
  if (dims.length !== x.ndim) {
    throw runtimeError(
      `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${x.ndim} is not equal to len(dims) = ${dims.length}`,
    );
  }
  const norm = dims.map((d) => normalizeDim(d, x.ndim));
  if (new Set(norm).size !== norm.length) throw runtimeError('permute(): duplicate dims are not allowed.');
  return makeView(x, norm.map((d) => x.shape[d]), norm.map((d) => x.strides[d]), x.offset);
}

export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  if (x.ndim === 0) {
    normalizeDim(dim0, 0);
    normalizeDim(dim1, 0);
    return x;
  }
  const a = normalizeDim(dim0, x.ndim);
  const b = normalizeDim(dim1, x.ndim);
  const order = x.shape.map((_, i) => i);
  order[a] = b;
  order[b] = a;
  return makeView(x, order.map((d) => x.shape[d]), order.map((d) => x.strides[d]), x.offset);
}

/** `x.t()`: only for tensors of at most 2 dims. */
export function t(x: Tensor): Tensor {
  if (x.ndim > 2) throw runtimeError(`t() expects a tensor with <= 2 dimensions, but self is ${x.ndim}D`);
  return x.ndim < 2 ? x : transpose(x, 0, 1);
}

/** `x.T`: reverses all dims (torch warns for ndim != 2 but still does this). */
export function T(x: Tensor): Tensor {
  return permute(x, x.shape.map((_, i) => x.ndim - 1 - i));
}

/** `x.mT`: transposes the last two dims. */
export function mT(x: Tensor): Tensor {
  // torch 1.13 lets a 0-d tensor through unchanged; only 1-d raises.
  if (x.ndim === 0) return permute(x, []);
  if (x.ndim < 2) throw runtimeError(`tensor.mT is only supported on matrices or batches of matrices. Got ${x.ndim}-D tensor.`);
  return transpose(x, -2, -1);
}

export function unsqueeze(x: Tensor, dim: number): Tensor {
  const d = normalizeDim(dim, x.ndim + 1);
  const shape = [...x.shape];
  const strides = [...x.strides];
  const stride = d < x.ndim ? x.shape[d] * x.strides[d] : 1;
  shape.splice(d, 0, 1);
  strides.splice(d, 0, stride);
  return makeView(x, shape, strides, x.offset);
}

/** `x.squeeze(dim=None)`: a dim of size other than 1 is left alone, as in torch. */
export function squeeze(x: Tensor, dim: number | readonly number[] | null = null): Tensor {
  let drop: Set<number>;
  if (dim === null) drop = new Set(x.shape.flatMap((s, i) => (s === 1 ? [i] : [])));
  else {
    const list = typeof dim === 'number' ? [dim] : dim;
    drop = new Set(list.map((d) => normalizeDim(d, x.ndim)).filter((d) => x.shape[d] === 1));
  }
  const keep = x.shape.map((_, i) => i).filter((i) => !drop.has(i));
  return makeView(x, keep.map((i) => x.shape[i]), keep.map((i) => x.strides[i]), x.offset);
}

export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  if (x.ndim === 0) return reshape(x, [1]);
  const s = normalizeDim(startDim, x.ndim);
  const e = normalizeDim(endDim, x.ndim);
  if (s > e) throw runtimeError('flatten() has invalid args: start_dim cannot come after end_dim');
  if (s === e) return x;
  const merged = x.shape.slice(s, e + 1).reduce((a, b) => a * b, 1);
  return reshape(x, [...x.shape.slice(0, s), merged, ...x.shape.slice(e + 1)]);
}

export function unflatten(x: Tensor, dim: number, sizes: readonly number[]): Tensor {
  const d = normalizeDimNoScalar(dim, x.ndim);
  const resolved = sizes.includes(-1) ? inferShapeOrThrow(sizes, x.shape[d]) : [...sizes];
  if (resolved.reduce((a, b) => a * b, 1) !== x.shape[d]) {
    throw runtimeError(
      `unflatten: Provided sizes ${shapeStr(sizes)} don't multiply up to the size of dim ${dim} (${x.shape[d]}) in the input tensor`,
    );
  }
  return view(x, [...x.shape.slice(0, d), ...resolved, ...x.shape.slice(d + 1)]);
}

function inferShapeOrThrow(sizes: readonly number[], size: number): number[] {
  try {
    return inferShape(sizes, size);
  } catch {
    throw runtimeError(`unflatten: Provided sizes ${shapeStr(sizes)} don't multiply up to the size of dim (${size}) in the input tensor`);
  }
}

/** `x.expand(*sizes)`: -1 keeps a dim; new leading dims and size-1 dims get stride 0. */
export function expand(x: Tensor, sizes: readonly number[]): Tensor {
  if (sizes.length < x.ndim) {
    throw runtimeError(
      `expand(torch.${x.dtype === 'float32' ? 'Float' : x.dtype === 'float64' ? 'Double' : x.dtype === 'int64' ? 'Long' : 'Bool'}Tensor{${shapeStr(x.shape)}}, size=${shapeStr(sizes)}): the number of sizes provided (${sizes.length}) must be greater or equal to the number of dimensions in the tensor (${x.ndim})`,
    );
  }
  const off = sizes.length - x.ndim;
  const shape: number[] = [];
  const strides: number[] = [];
  sizes.forEach((size, i) => {
    if (i < off) {
      if (size < 0) throw runtimeError(`The expanded size of the tensor (${size}) isn't allowed in a leading, non-existing dimension ${i}`);
      shape.push(size);
      strides.push(0);
      return;
    }
    const own = x.shape[i - off];
    if (size === -1 || size === own) {
      shape.push(own);
      strides.push(x.strides[i - off]);
    } else if (own === 1) {
      shape.push(size);
      strides.push(0);
    } else {
      throw runtimeError(
        `The expanded size of the tensor (${size}) must match the existing size (${own}) at non-singleton dimension ${i}.  Target sizes: ${shapeStr(sizes)}.  Tensor sizes: ${shapeStr(x.shape)}`,
      );
    }
  });
  return makeView(x, shape, strides, x.offset);
}

export function expandAs(x: Tensor, other: Tensor): Tensor {
  return expand(x, other.shape);
}

/** `torch.broadcast_to(x, shape)`. */
export const broadcastTo = expand;

/** `x.repeat(*sizes)`: tiles the data (a copy). */
export function repeat(x: Tensor, sizes: readonly number[]): Tensor {
  if (sizes.length < x.ndim) {
    throw runtimeError('Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor');
  }
  const off = sizes.length - x.ndim;
  const padded = [...new Array<number>(off).fill(1), ...x.shape];
  const target = padded.map((s, i) => s * sizes[i]);
  const negative = target.find((s) => s < 0);
  if (negative !== undefined) {
    throw runtimeError(`Trying to create tensor with negative dimension ${negative}: ${shapeStr(target)}`);
  }
  // View as (1, s0, 1, s1, ...) expanded to (r0, s0, r1, s1, ...), then copy.
  let v = reshape(x, padded);
  const interleaved: number[] = [];
  const expanded: number[] = [];
  padded.forEach((s, i) => {
    interleaved.push(1, s);
    expanded.push(sizes[i], s);
  });
  v = expand(view(contiguous(v), interleaved), expanded);
  return reshape(clone(v), target);
}

/** `torch.tile(x, dims)`: like repeat, but missing leading dims of `dims` count as 1. */
export function tile(x: Tensor, dims: readonly number[]): Tensor {
  const full = dims.length < x.ndim ? [...new Array<number>(x.ndim - dims.length).fill(1), ...dims] : dims;
  return repeat(x, full);
}

/** `x.select(dim, index)` / `x[..., i]` on one dim: a view without that dim. */
export function select(x: Tensor, dim: number, index: number): Tensor {
  if (x.ndim === 0) throw indexError('select() cannot be applied to a 0-dim tensor.');
  const d = normalizeDim(dim, x.ndim);
  const size = x.shape[d];
  if (index < -size || index >= size) {
    throw indexError(`index ${index} is out of bounds for dimension ${d} with size ${size}`);
  }
  const i = index < 0 ? index + size : index;
  const shape = x.shape.filter((_, k) => k !== d);
  const strides = x.strides.filter((_, k) => k !== d);
  return makeView(x, shape, strides, x.offset + i * x.strides[d]);
}

function catDType(tensors: readonly Tensor[]): DType {
  const order: DType[] = ['bool', 'int64', 'float32', 'float64'];
  return tensors.reduce<DType>((acc, t) => (order.indexOf(t.dtype) > order.indexOf(acc) ? t.dtype : acc), 'bool');
}

/** torch.cat: 1-D empty tensors are skipped, as torch's legacy rule allows. */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw runtimeError('torch.cat(): expected a non-empty list of Tensors');
  const parts = tensors.filter((t) => !(t.ndim === 1 && t.shape[0] === 0));
  const dtype = catDType(tensors);
  if (parts.length === 0) return fromStorage(allocStorage(dtype, 0), dtype, [0]);
  // torch checks every tensor for rank 0 before it reads `dim`.
  const zeroDim = tensors.findIndex((t) => t.ndim === 0);
  if (zeroDim >= 0) throw runtimeError(`zero-dimensional tensor (at position ${zeroDim}) cannot be concatenated`);
  const ref = parts[0];
  const d = normalizeDim(dim, ref.ndim);
  parts.forEach((p, i) => {
    if (p.ndim !== ref.ndim) throw runtimeError(`Tensors must have same number of dimensions: got ${ref.ndim} and ${p.ndim}`);
    for (let k = 0; k < ref.ndim; k++) {
      if (k !== d && p.shape[k] !== ref.shape[k]) {
        throw runtimeError(
          `Sizes of tensors must match except in dimension ${d}. Expected size ${ref.shape[k]} but got size ${p.shape[k]} for tensor number ${tensors.indexOf(p) >= 0 ? tensors.indexOf(p) : i} in the list.`,
        );
      }
    }
  });
  const shape = [...ref.shape];
  shape[d] = parts.reduce((acc, p) => acc + p.shape[d], 0);
  const out = allocStorage(dtype, numelOf(shape));
  const outer = ref.shape.slice(0, d).reduce((a, b) => a * b, 1);
  const inner = ref.shape.slice(d + 1).reduce((a, b) => a * b, 1);
  const rowLen = shape[d] * inner;
  let colStart = 0;
  for (const p of parts) {
    const chunk = p.shape[d] * inner;
    const src = allocStorage(dtype, p.numel);
    copyInto(p, src, 0, dtype === 'bool');
    // An empty chunk copies nothing; skipping it keeps cat of (10**12, 0) tensors from looping 10**12 times.
    if (chunk > 0) for (let o = 0; o < outer; o++) out.set(src.subarray(o * chunk, (o + 1) * chunk), o * rowLen + colStart);
    colStart += chunk;
  }
  return fromStorage(out, dtype, shape);
}

export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw runtimeError('stack expects a non-empty TensorList');
  const ref = tensors[0];
  // The dim is checked first, against the first tensor, as torch does.
  const d = normalizeDim(dim, ref.ndim + 1);
  tensors.forEach((p, i) => {
    if (p.ndim !== ref.ndim || p.shape.some((s, k) => s !== ref.shape[k])) {
      throw runtimeError(`stack expects each tensor to be equal size, but got ${shapeStr(ref.shape)} at entry 0 and ${shapeStr(p.shape)} at entry ${i}`);
    }
  });
  return cat(tensors.map((p) => unsqueeze(p, d)), d);
}

// The shape rules' limit, so kernels and analysis stop at the same count.
export { MAX_PIECES };

function checkPieces(op: string, count: number): void {
  if (count > MAX_PIECES) throw runtimeError(`${op} into ${count} pieces is too many for the TensorLint engine (limit ${MAX_PIECES})`);
}

/** torch.split(x, split_size_or_sections, dim): views along `dim`. */
export function split(x: Tensor, sizeOrSections: number | readonly number[], dim = 0): Tensor[] {
  if (x.ndim === 0) throw runtimeError('split expects at least a 1-dimensional tensor');
  const d = normalizeDim(dim, x.ndim);
  const size = x.shape[d];
  if (typeof sizeOrSections === 'number' && sizeOrSections > 0) checkPieces('split', Math.ceil(size / sizeOrSections));
  else if (typeof sizeOrSections !== 'number') checkPieces('split', sizeOrSections.length);
  const out: Tensor[] = [];
  if (typeof sizeOrSections === 'number') {
    if (sizeOrSections < 0) throw runtimeError(`split expects split_size be non-negative, but got split_size=${sizeOrSections}`);
    if (sizeOrSections === 0) {
      if (size !== 0) throw runtimeError(`split_size can only be 0 if dimension size is 0, but got dimension size of ${size}`);
      return [x];
    }
    for (let s = 0; s < size; s += sizeOrSections) out.push(narrow(x, d, s, Math.min(sizeOrSections, size - s)));
    if (size === 0) out.push(x);
    return out;
  }
  const total = sizeOrSections.reduce((a, b) => a + b, 0);
  if (total !== size) {
    throw runtimeError(
      `split_with_sizes expects split_sizes to sum exactly to ${size} (input tensor's size at dimension ${d}), but got split_sizes=${shapeStr(sizeOrSections)}`,
    );
  }
  let start = 0;
  for (const s of sizeOrSections) {
    out.push(narrow(x, d, start, s));
    start += s;
  }
  return out;
}

/** torch.chunk: chunks of ceil(size / chunks), so fewer than `chunks` pieces may come back. */
export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  if (x.ndim === 0) throw runtimeError('chunk expects at least a 1-dimensional tensor');
  if (chunks <= 0) throw runtimeError(`chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  const d = normalizeDim(dim, x.ndim);
  // torch special-cases an empty dim: `chunks` empty pieces, not one.
  if (x.shape[d] === 0) {
    checkPieces('chunk', chunks);
    return Array.from({ length: chunks }, () => split(x, 1, d)[0]);
  }
  const each = Math.ceil(x.shape[d] / chunks);
  checkPieces('chunk', Math.ceil(x.shape[d] / each));
  return split(x, each, d);
}

/** torch.movedim(x, source, destination): single dims or equal-length lists of them. */
export function movedim(x: Tensor, source: number | readonly number[], destination: number | readonly number[]): Tensor {
  return permute(x, movedimOrder(x.ndim, source, destination));
}

/** The permutation movedim applies (shared with the shape rule), with torch's errors. */
export function movedimOrder(ndim: number, source: number | readonly number[], destination: number | readonly number[]): number[] {
  const order = movedimChecked(ndim, source, destination);
  // A 0-d tensor accepts dim 0 (and -1), which moves nothing.
  return ndim === 0 ? [] : order;
}

function movedimChecked(ndim: number, source: number | readonly number[], destination: number | readonly number[]): number[] {
  const src = typeof source === 'number' ? [source] : [...source];
  const dst = typeof destination === 'number' ? [destination] : [...destination];
  if (src.length !== dst.length) {
    throw runtimeError(`movedim: Invalid source or destination dims: source (${shapeStr(src)} dims) should contain the same number of dims as destination (${shapeStr(dst)} dims)`);
  }
  const s = src.map((d) => normalizeDim(d, ndim));
  const t = dst.map((d) => normalizeDim(d, ndim));
  if (new Set(s).size !== s.length) throw runtimeError(`movedim: repeated dim in \`source\` (${shapeStr(src)})`);
  if (new Set(t).size !== t.length) throw runtimeError(`movedim: repeated dim in \`destination\` (${shapeStr(dst)})`);
  if (ndim === 0) return [];
  const order = new Array<number>(ndim).fill(-1);
  s.forEach((from, i) => (order[t[i]] = from));
  const rest = Array.from({ length: ndim }, (_, i) => i).filter((i) => !s.includes(i));
  for (let i = 0, k = 0; i < ndim; i++) if (order[i] === -1) order[i] = rest[k++];
  return order;
}

/** torch.narrow(x, dim, start, length): a view of `length` entries from `start`. */
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  if (x.ndim === 0) throw runtimeError('narrow() cannot be applied to a 0-dim tensor.');
  const d = normalizeDim(dim, x.ndim);
  const size = x.shape[d];
  const first = narrowStart(start, size);
  if (length < 0 || first > size - length) throw runtimeError(`start (${first}) + length (${length}) exceeds dimension size (${size}).`);
  const shape = [...x.shape];
  shape[d] = length;
  return makeView(x, shape, x.strides, x.offset + first * x.strides[d]);
}

/** torch wraps `start` like a dim index (so its error reads like one); `start == size` is the valid end. */
export function narrowStart(start: number, size: number): number {
  return start === size ? size : normalizeDim(start, size);
}

/** torch.flip(x, dims): a copy with the listed dims reversed. */
export function flip(x: Tensor, dims: readonly number[]): Tensor {
  const ds = dims.map((d) => normalizeDim(d, x.ndim));
  const seen = new Set<number>();
  for (const d of ds) {
    if (seen.has(d)) throw runtimeError(`dim ${d} appears multiple times in the list of dims`);
    seen.add(d);
  }
  // Reversing a dim is a view with a negative stride starting at its last entry; contiguous()
  // then copies it out in order.
  let offset = x.offset;
  const strides = [...x.strides];
  for (const d of ds) {
    // A 0-d tensor accepts dim 0 (torch wraps it) and has nothing to reverse.
    if (x.ndim === 0 || x.shape[d] === 0) continue;
    offset += (x.shape[d] - 1) * strides[d];
    strides[d] = -strides[d];
  }
  return clone(makeView(x, x.shape, strides, offset));
}

/** torch.broadcast_tensors(*tensors): each expanded to the common shape. */
export function broadcastTensors(tensors: readonly Tensor[]): Tensor[] {
  const shape = tensors.reduce<number[]>((acc, t) => broadcastShapes(acc, t.shape), []);
  return tensors.map((t) => expand(t, shape));
}

/** `x.unbind(dim)`. */
export function unbind(x: Tensor, dim = 0): Tensor[] {
  const d = normalizeDimNoScalar(dim, x.ndim);
  checkPieces('unbind', x.shape[d]);
  return Array.from({ length: x.shape[d] }, (_, i) => select(x, d, i));
}
