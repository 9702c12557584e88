import { TorchError } from './errors';

// dtypes, storage and torch's type promotion. int64 values live in Float64Array (exact up to
// 2^53, which is all an analysis preview needs); bool lives in Uint8Array holding 0/1.

export type DType = 'float32' | 'float64' | 'int64' | 'bool';
export type Storage = Float32Array | Float64Array | Uint8Array;

/**
 * A Python scalar: `bigint` is a Python int, `number` a Python float, `boolean` a Python bool.
 * The distinction matters for promotion: int64 tensor + 2.5 is float32, + 2n stays int64.
 */
export type Scalar = number | bigint | boolean;

export const DEFAULT_FLOAT: DType = 'float32';

const RANK: Record<DType, number> = { bool: 0, int64: 1, float32: 2, float64: 3 };

export function isFloating(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64';
}

export function isIntegral(dtype: DType): boolean {
  return dtype === 'int64';
}

/**
 * The largest tensor the engine allocates (2^27 elements, 1 GiB as float64). Analysis samples
 * are small; a larger request is reported as an error instead of exhausting the editor's memory.
 */
export const MAX_ELEMENTS = 2 ** 27;

export function allocStorage(dtype: DType, n: number): Storage {
  if (!(n >= 0 && n <= MAX_ELEMENTS) || !Number.isInteger(n)) {
    throw new TorchError('RuntimeError', `tensor of ${n} elements is too large for the TensorLint engine (limit ${MAX_ELEMENTS})`);
  }
  switch (dtype) {
    case 'float32':
      return new Float32Array(n);
    case 'float64':
    case 'int64':
      return new Float64Array(n);
    case 'bool':
      return new Uint8Array(n);
  }
}

/** Below this many float32 slots an ordinary (V8 heap) typed array is the cheaper allocation. */
const UNINITIALISED_MIN = 1 << 14;

type BufferFactory = { allocUnsafeSlow(bytes: number): Uint8Array };
const nodeBuffer = (globalThis as { Buffer?: BufferFactory }).Buffer;

/**
 * Storage for a kernel that writes every slot before anything reads it. Large float32 results
 * come from Node's uninitialised allocation (malloc rather than calloc), as numpy's do: zeroing
 * 4 MiB only for the kernel to overwrite it, on pages glibc may just have handed back to the
 * OS, costs as much as a float32 exp over them. Elsewhere this is allocStorage.
 */
export function allocStorageForOverwrite(dtype: DType, n: number): Storage {
  if (dtype !== 'float32' || n < UNINITIALISED_MIN || n > MAX_ELEMENTS || !nodeBuffer || !Number.isInteger(n)) {
    return allocStorage(dtype, n);
  }
  const bytes = nodeBuffer.allocUnsafeSlow(n * 4);
  const out = new Float32Array(bytes.buffer, bytes.byteOffset, n);
  if (poison) new Uint32Array(bytes.buffer, bytes.byteOffset, n).fill(POISON_BITS);
  return out;
}

/** A nan with a payload no kernel produces: a slot still holding it was never written. */
export const POISON_BITS = 0x7fa5a5a5;
let poison = false;

/** Fills uninitialised storage with POISON_BITS, so tests can prove each kernel writes every slot. */
export function setPoisonUninitialised(on: boolean): void {
  poison = on;
}

/** torch.promote_types restricted to our dtypes, which happen to form a chain. */
export function promoteTypes(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}

/** The dtype a Python scalar would have as a tensor of its own (torch.tensor(s)). */
export function scalarDType(value: Scalar): DType {
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'bigint') return 'int64';
  return DEFAULT_FLOAT;
}

export function scalarToNumber(value: Scalar): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return Number(value);
}

/** Converts a double to what storing it in `dtype` yields (torch's casting, truncation toward zero). */
export function castNumber(value: number, dtype: DType): number {
  switch (dtype) {
    case 'float32':
      return Math.fround(value);
    case 'float64':
      return value;
    case 'int64':
      // torch's float->int64 cast of nan/inf is undefined behaviour; x86 gives INT64_MIN.
      return Number.isFinite(value) ? Math.trunc(value) || 0 : -9223372036854775808;
    case 'bool':
      return value !== 0 ? 1 : 0;
  }
}

/** torch.float32 etc. */
export function torchDTypeName(dtype: DType): string {
  return `torch.${dtype}`;
}

/** The C++ scalar type name torch uses in error messages ("Float", "Long"). */
export function scalarTypeName(dtype: DType): string {
  return { float32: 'Float', float64: 'Double', int64: 'Long', bool: 'Bool' }[dtype];
}

/** Category rank used by result_type: bool < integral < floating. */
export function category(dtype: DType): number {
  return dtype === 'bool' ? 0 : dtype === 'int64' ? 1 : 2;
}

/** Parses 'float', 'torch.float32', 'long', 'double', 'bool', 'int64', ... */
export function parseDType(name: string): DType | undefined {
  const bare = name.startsWith('torch.') ? name.slice(6) : name;
  switch (bare) {
    case 'float32':
    case 'float':
      return 'float32';
    case 'float64':
    case 'double':
      return 'float64';
    case 'int64':
    case 'long':
      return 'int64';
    case 'bool':
      return 'bool';
    default:
      return undefined;
  }
}
