// The Tensor value: a strided view over typed storage, as in torch. Views (transpose,
// permute, expand, basic indexing) share storage and only change shape/strides/offset, which
// is what makes `view` after `transpose` fail exactly where torch's does.
import { allocStorage, castNumber, type DType, type Scalar, type Storage } from './dtype';
import { runtimeError, valueError } from './errors';

export class Tensor {
  constructor(
    /** Shared storage; several views may point into it. */
    public data: Storage,
    readonly dtype: DType,
    readonly shape: readonly number[],
    readonly strides: readonly number[],
    readonly offset: number,
  ) {}

  get ndim(): number {
    return this.shape.length;
  }

  get numel(): number {
    return numelOf(this.shape);
  }

  /** torch's is_contiguous(): strides of size-1 dims do not matter. */
  isContiguous(): boolean {
    let expected = 1;
    for (let d = this.shape.length - 1; d >= 0; d--) {
      const size = this.shape[d];
      if (size === 0) return true;
      if (size !== 1 && this.strides[d] !== expected) return false;
      expected *= size;
    }
    return true;
  }

  toString(): string {
    return `Tensor(shape=[${this.shape.join(', ')}], dtype=${this.dtype})`;
  }
}

export function isTensor(value: unknown): value is Tensor {
  return value instanceof Tensor;
}

export function numelOf(shape: readonly number[]): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= Math.max(shape[d], 1);
  }
  return strides;
}

/** Wraps freshly computed contiguous storage. */
export function fromStorage(data: Storage, dtype: DType, shape: readonly number[]): Tensor {
  // int64 lives in doubles, where 0 * -2 and -0 are -0.; an integer has no sign of zero, and
  // 1 / x.float() must be +inf as in torch.
  if (dtype === 'int64') for (let i = 0; i < data.length; i++) if (data[i] === 0) data[i] = 0;
  return new Tensor(data, dtype, [...shape], contiguousStrides(shape), 0);
}

export function emptyTensor(dtype: DType, shape: readonly number[]): Tensor {
  return fromStorage(allocStorage(dtype, numelOf(shape)), dtype, shape);
}

export function makeView(t: Tensor, shape: readonly number[], strides: readonly number[], offset: number): Tensor {
  return new Tensor(t.data, t.dtype, [...shape], [...strides], offset);
}

/** A 0-dim tensor holding `value` (already a number in the dtype's value space). */
export function scalarTensor(value: number, dtype: DType): Tensor {
  const data = allocStorage(dtype, 1);
  data[0] = castNumber(value, dtype);
  return fromStorage(data, dtype, []);
}

/**
 * Copies the elements of `t` in logical (row-major) order into `out` starting at `outStart`,
 * converting to `out`'s element type. The innermost dimension is a tight loop.
 */
export function copyInto(t: Tensor, out: Storage, outStart = 0, toBool = false): void {
  const src = t.data;
  const nd = t.shape.length;
  const n = t.numel;
  if (n === 0) return;
  if (nd === 0) {
    out[outStart] = toBool ? (src[t.offset] !== 0 ? 1 : 0) : src[t.offset];
    return;
  }
  const len = t.shape[nd - 1];
  const st = t.strides[nd - 1];
  const counter = new Array<number>(nd).fill(0);
  let base = t.offset;
  let k = outStart;
  const rows = n / len;
  for (let r = 0; r < rows; r++) {
    if (toBool) {
      for (let j = 0; j < len; j++) out[k++] = src[base + j * st] !== 0 ? 1 : 0;
    } else if (st === 1) {
      for (let j = 0; j < len; j++) out[k++] = src[base + j];
    } else {
      for (let j = 0; j < len; j++) out[k++] = src[base + j * st];
    }
    for (let d = nd - 2; d >= 0; d--) {
      counter[d]++;
      base += t.strides[d];
      if (counter[d] < t.shape[d]) break;
      base -= counter[d] * t.strides[d];
      counter[d] = 0;
    }
  }
}

/**
 * The elements in logical order as storage of the tensor's own dtype. Returns the tensor's
 * storage itself (no copy) when it already is exactly that; callers must not write to it.
 */
export function readData(t: Tensor): Storage {
  const n = t.numel;
  if (t.offset === 0 && t.data.length === n && t.isContiguous()) return t.data;
  const out = allocStorage(t.dtype, n);
  copyInto(t, out);
  return out;
}

/** A fresh contiguous copy of `t` (torch's clone with contiguous memory). */
export function clone(t: Tensor): Tensor {
  const out = allocStorage(t.dtype, t.numel);
  copyInto(t, out);
  return fromStorage(out, t.dtype, t.shape);
}

/** `x.contiguous()`: `x` itself when already contiguous, else a copy. */
export function contiguous(t: Tensor): Tensor {
  return t.isContiguous() ? t : clone(t);
}

/** `x.to(dtype)` / `.float()` / `.long()` / `.double()` / `.bool()`: same tensor when the dtype matches. */
export function toDType(t: Tensor, dtype: DType): Tensor {
  if (t.dtype === dtype) return t;
  const n = t.numel;
  const out = allocStorage(dtype, n);
  if (dtype === 'bool') {
    copyInto(t, out, 0, true);
  } else if (dtype === 'int64') {
    const src = readData(t);
    for (let i = 0; i < n; i++) out[i] = castNumber(src[i], 'int64');
  } else {
    copyInto(t, out);
  }
  return fromStorage(out, dtype, t.shape);
}

/** The JS value of one element: number for floats and ints, boolean for bool. */
function elementValue(dtype: DType, v: number): number | boolean {
  return dtype === 'bool' ? v !== 0 : v;
}

/** Lists plus elements `tolist` may build. */
const TOLIST_LIMIT = 10_000_000;

export type NestedList = number | boolean | NestedList[];

/** `x.tolist()`: nested arrays; a 0-dim tensor gives its scalar. */
export function toList(t: Tensor): NestedList {
  // Every list and element becomes a Python object in the interpreter; a (10^9, 0) tensor
  // has no elements but would still need 10^9 empty lists.
  let items = 1;
  for (let d = 0, prod = 1; d < t.ndim; d++) items += prod *= t.shape[d];
  if (items > TOLIST_LIMIT) throw runtimeError(`tolist of a ${t.shape.length}-d tensor with ${items} lists and elements is too large for the TensorLint engine (limit ${TOLIST_LIMIT})`);
  const data = readData(t);
  if (t.ndim === 0) return elementValue(t.dtype, data[0]);
  let pos = 0;
  const build = (d: number): NestedList[] => {
    const out: NestedList[] = [];
    for (let i = 0; i < t.shape[d]; i++) {
      out.push(d === t.ndim - 1 ? elementValue(t.dtype, data[pos++]) : build(d + 1));
    }
    return out;
  };
  return build(0);
}

/** `x.item()`: int64 gives a bigint (a Python int), floats a number, bool a boolean. */
export function item(t: Tensor): Scalar {
  if (t.numel !== 1) {
    throw valueError('only one element tensors can be converted to Python scalars');
  }
  const v = t.data[t.offset];
  if (t.dtype === 'bool') return v !== 0;
  if (t.dtype === 'int64') return BigInt(v);
  return v;
}

/** `float(x)`, `int(x)`, `bool(x)` on a one-element tensor. */
export function toNumber(t: Tensor): number {
  if (t.numel !== 1) {
    throw valueError('only one element tensors can be converted to Python scalars');
  }
  return t.data[t.offset];
}

/** Reads the element at a full index (negative entries not allowed). */
export function getAt(t: Tensor, index: readonly number[]): number {
  let p = t.offset;
  for (let d = 0; d < index.length; d++) p += index[d] * t.strides[d];
  return t.data[p];
}
