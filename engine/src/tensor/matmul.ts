// The matmul family: matmul (every broadcasting case torch supports), mm, bmm, mv, dot,
// outer, linear and einsum. One row-major kernel does the work: i-k-j loop order over
// contiguous blocks, accumulating each output row in double and rounding once.
import { allocStorage, type DType, type Storage, scalarTypeName } from './dtype';
import { runtimeError } from './errors';
import { broadcastShapes } from './shapes';
import { contiguous, expand, permute, reshape, squeeze, unsqueeze } from './shapeOps';
import { fromStorage, numelOf, readData, Tensor } from './tensor';
import { add, mul } from './binary';

/**
 * C = A (m x k) @ B (k x n) on Float64Array operands. Four rows of A share each load of a B
 * row, which roughly halves memory traffic compared with one row at a time.
 */
function gemm(a: Float64Array, aOff: number, b: Float64Array, bOff: number, out: Storage, outOff: number, m: number, k: number, n: number, acc: Float64Array): void {
  let i = 0;
  for (; i + 3 < m; i += 4) {
    acc.fill(0, 0, 4 * n);
    const r0 = aOff + i * k;
    const r1 = r0 + k;
    const r2 = r1 + k;
    const r3 = r2 + k;
    for (let p = 0; p < k; p++) {
      const a0 = a[r0 + p];
      const a1 = a[r1 + p];
      const a2 = a[r2 + p];
      const a3 = a[r3 + p];
      const bRow = bOff + p * n;
      for (let j = 0; j < n; j++) {
        const bv = b[bRow + j];
        acc[j] += a0 * bv;
        acc[n + j] += a1 * bv;
        acc[2 * n + j] += a2 * bv;
        acc[3 * n + j] += a3 * bv;
      }
    }
    const o = outOff + i * n;
    for (let j = 0; j < 4 * n; j++) out[o + j] = acc[j];
  }
  for (; i < m; i++) {
    acc.fill(0, 0, n);
    const aRow = aOff + i * k;
    for (let p = 0; p < k; p++) {
      const av = a[aRow + p];
      const bRow = bOff + p * n;
      for (let j = 0; j < n; j++) acc[j] += av * b[bRow + j];
    }
    const o = outOff + i * n;
    for (let j = 0; j < n; j++) out[o + j] = acc[j];
  }
}

function asFloat64(t: Tensor): Float64Array {
  const data = readData(contiguous(t));
  return data instanceof Float64Array ? data : Float64Array.from(data);
}

/**
 * The product's dtype, with torch's errors for mixed or bool operands. torch skips those checks
 * when either operand is empty, and then the result takes one operand's dtype: the first for
 * mm (and vector @ matrix), the second for mv and bmm (`from`).
 */
function checkDTypes(a: Tensor, b: Tensor, kernel: string, from: 'first' | 'second'): DType {
  if (kernel !== 'dot' && (a.numel === 0 || b.numel === 0)) return from === 'first' ? a.dtype : b.dtype;
  if (a.dtype !== b.dtype) {
    throw runtimeError(`expected scalar type ${scalarTypeName(a.dtype)} but found ${scalarTypeName(b.dtype)}`);
  }
  if (a.dtype === 'bool') throw runtimeError(`"${kernel}" not implemented for 'Bool'`);
  return a.dtype;
}

/** Batched product of contiguous (batch, m, k) and (batch, k, n) storage. */
function batchedProduct(a: Tensor, b: Tensor, batch: number, m: number, k: number, n: number, dtype: DType): Storage {
  const ad = asFloat64(a);
  const bd = asFloat64(b);
  const out = allocStorage(dtype, batch * m * n);
  // An empty result needs no products; looping over its batch could run 10^18 times.
  if (m * n === 0) return out;
  const acc = new Float64Array(4 * n);
  for (let s = 0; s < batch; s++) gemm(ad, s * m * k, bd, s * k * n, out, s * m * n, m, k, n, acc);
  return out;
}

/** torch.mm: 2-D only. */
export function mm(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 2) throw runtimeError('self must be a matrix');
  if (b.ndim !== 2) throw runtimeError('mat2 must be a matrix');
  if (a.shape[1] !== b.shape[0]) {
    throw runtimeError(`mat1 and mat2 shapes cannot be multiplied (${a.shape[0]}x${a.shape[1]} and ${b.shape[0]}x${b.shape[1]})`);
  }
  const dtype = checkDTypes(a, b, 'addmm_impl_cpu_', 'first');
  const [m, k] = a.shape;
  const n = b.shape[1];
  return fromStorage(batchedProduct(a, b, 1, m, k, n, dtype), dtype, [m, n]);
}

/** torch.bmm: 3-D with equal batch sizes, no broadcasting. */
export function bmm(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 3) throw runtimeError('batch1 must be a 3D tensor');
  if (b.ndim !== 3) throw runtimeError('batch2 must be a 3D tensor');
  const [batch, m, k] = a.shape;
  if (b.shape[0] !== batch || b.shape[1] !== k) {
    throw runtimeError(
      `Expected size for first two dimensions of batch2 tensor to be: [${batch}, ${k}] but got: [${b.shape[0]}, ${b.shape[1]}].`,
    );
  }
  const dtype = checkDTypes(a, b, 'bmm', 'second');
  const n = b.shape[2];
  return fromStorage(batchedProduct(a, b, batch, m, k, n, dtype), dtype, [batch, m, n]);
}

/** torch.mv: matrix times vector. */
export function mv(a: Tensor, v: Tensor): Tensor {
  if (a.ndim !== 2 || v.ndim !== 1) {
    throw runtimeError(`vector + matrix @ vector expected, got 1, ${a.ndim}, ${v.ndim}`);
  }
  if (a.shape[1] !== v.shape[0]) throw runtimeError(`size mismatch, got ${a.shape[0]}, ${a.shape[0]}x${a.shape[1]},${v.shape[0]}`);
  const dtype = checkDTypes(a, v, 'addmv_impl_cpu', 'second');
  return fromStorage(batchedProduct(a, unsqueeze(v, 1), 1, a.shape[0], a.shape[1], 1, dtype), dtype, [a.shape[0]]);
}

/** torch.dot: 1-D vectors of equal length and dtype. */
export function dot(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 1 || b.ndim !== 1) {
    throw runtimeError(`1D tensors expected, but got ${a.ndim}D and ${b.ndim}D tensors`);
  }
  if (a.shape[0] !== b.shape[0]) {
    throw runtimeError(
      `inconsistent tensor size, expected tensor [${a.shape[0]}] and src [${b.shape[0]}] to have the same number of elements, but got ${a.shape[0]} and ${b.shape[0]} elements respectively`,
    );
  }
  if (a.dtype !== b.dtype) {
    throw runtimeError(`dot : expected both vectors to have same dtype, but found ${scalarTypeName(a.dtype)} and ${scalarTypeName(b.dtype)}`);
  }
  const dtype = checkDTypes(a, b, 'dot', 'first');
  const ad = readData(a);
  const bd = readData(b);
  let acc = 0;
  for (let i = 0; i < ad.length; i++) acc += ad[i] * bd[i];
  const out = allocStorage(dtype, 1);
  out[0] = acc;
  return fromStorage(out, dtype, []);
}

/** torch.matmul / `@`. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.ndim === 0 || b.ndim === 0) {
    throw runtimeError(`both arguments to matmul need to be at least 1D, but they are ${a.ndim}D and ${b.ndim}D`);
  }
  if (a.ndim === 1 && b.ndim === 1) return dot(a, b);
  if (a.ndim === 2 && b.ndim === 1) return mv(a, b);
  if (a.ndim === 1 && b.ndim === 2) {
    if (a.shape[0] !== b.shape[0]) {
      throw runtimeError(`mat1 and mat2 shapes cannot be multiplied (1x${a.shape[0]} and ${b.shape[0]}x${b.shape[1]})`);
    }
    return squeeze(mm(unsqueeze(a, 0), b), 0);
  }
  if (a.ndim === 2 && b.ndim === 2) return mm(a, b);
  // A batched side with a vector on the other folds the batch into rows, as torch does.
  if (b.ndim === 1) {
    const k = a.shape[a.ndim - 1];
    const rows = a.numel / Math.max(k, 1);
    if (k !== b.shape[0]) throw runtimeError(`size mismatch, got ${rows}, ${rows}x${k},${b.shape[0]}`);
    return reshape(mv(reshape(a, [rows, k]), b), a.shape.slice(0, -1));
  }
  if (a.ndim === 1) {
    const bt = b.shape;
    const k = bt[bt.length - 2];
    if (a.shape[0] !== k) {
      const rows = b.numel / Math.max(k, 1);
      throw runtimeError(`size mismatch, got ${rows}, ${rows}x${k},${a.shape[0]}`);
    }
    return squeeze(matmul(unsqueeze(a, 0), b), -2);
  }
  const m = a.shape[a.ndim - 2];
  const k = a.shape[a.ndim - 1];
  const k2 = b.shape[b.ndim - 2];
  const n = b.shape[b.ndim - 1];
  const batchShape = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const batch = numelOf(batchShape);
  if (k !== k2) {
    if (a.ndim === 2 || b.ndim === 2) {
      throw runtimeError(`mat1 and mat2 shapes cannot be multiplied (${(a.numel / k) | 0}x${k} and ${k2}x${n})`);
    }
    throw runtimeError(
      `Expected size for first two dimensions of batch2 tensor to be: [${batch}, ${k}] but got: [${batch}, ${k2}].`,
    );
  }
  const dtype = checkDTypes(a, b, 'bmm', 'second');
  const ae = expand(a, [...batchShape, m, k]);
  const be = expand(b, [...batchShape, k, n]);
  return fromStorage(batchedProduct(ae, be, batch, m, k, n, dtype), dtype, [...batchShape, m, n]);
}

/** torch.outer: 1-D x 1-D -> 2-D, promoting dtypes like `*`. */
export function outer(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 1) throw runtimeError(`outer: Expected 1-D argument self, but got ${a.ndim}-D`);
  if (b.ndim !== 1) throw runtimeError(`outer: Expected 1-D argument vec2, but got ${b.ndim}-D`);
  return mul(unsqueeze(a, 1), b);
}

/** F.linear(x, weight, bias=None) = x @ weight.T + bias. */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  const wt = weight.ndim === 2 ? permute(weight, [1, 0]) : weight;
  const y = matmul(x, wt);
  return bias === null ? y : add(y, bias);
}

export { einsum } from './einsum';
