// The SIMD kernels of kernels.wat, driven over ordinary typed arrays: each call copies a
// cache-sized chunk into the module's memory, runs the kernel in place and copies the result
// out, so tensors never live in wasm memory and need no manual freeing. Every entry point
// returns false when WebAssembly SIMD is unavailable, and the caller runs its JS loop instead.
import { KERNELS_WASM_BASE64 } from './kernels.bytes';

// The project's lib is ES2022 without DOM, which is where TypeScript declares WebAssembly;
// these are the few members used here.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

interface Exports {
  memory: WasmMemory;
  exp_f32(p: number, n: number): void;
  sum_rows_f32(p: number, rows: number, cols: number, out: number): void;
  softmax_rows_f32(p: number, rows: number, cols: number, logForm: number, scratch: number): void;
}

/** 16 KiB of float32: a chunk stays in L1 between the copy in, the kernel and the copy out. */
const CHUNK = 4096;

let exportsCache: Exports | null | undefined;
let enabled = true;
let f32: Float32Array = new Float32Array(0);
let f64: Float64Array = new Float64Array(0);

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function load(): Exports | null {
  if (!enabled) return null;
  if (exportsCache !== undefined) return exportsCache;
  exportsCache = null;
  try {
    const bytes = decodeBase64(KERNELS_WASM_BASE64);
    // validate() is false on runtimes without SIMD; fall back rather than throw.
    if (!wasm || !wasm.validate(bytes)) return null;
    const instance = new wasm.Instance(new wasm.Module(bytes), { math: { log: Math.log } });
    exportsCache = instance.exports as unknown as Exports;
  } catch {
    exportsCache = null;
  }
  return exportsCache;
}

/** Views over at least `floats` float32 slots of wasm memory (views die when memory grows). */
function reserve(k: Exports, floats: number): void {
  const bytes = floats * 4;
  const have = k.memory.buffer.byteLength;
  if (have < bytes) k.memory.grow(Math.ceil((bytes - have) / 65536));
  if (f32.buffer !== k.memory.buffer) {
    f32 = new Float32Array(k.memory.buffer);
    f64 = new Float64Array(k.memory.buffer);
  }
}

/** Switches the SIMD kernels off (or back on), so tests and benches can compare both paths. */
export function setWasmKernelsEnabled(on: boolean): void {
  enabled = on;
}

/** True when the SIMD kernels are in use (tests check both paths agree). */
export function wasmKernelsAvailable(): boolean {
  return load() !== null;
}

/** out[i] = float32(exp(src[i])) for i < n. */
export function expF32(src: Float32Array, out: Float32Array, n: number): boolean {
  const k = load();
  if (!k) return false;
  reserve(k, CHUNK);
  for (let start = 0; start < n; start += CHUNK) {
    const len = Math.min(CHUNK, n - start);
    f32.set(src.subarray(start, start + len), 0);
    k.exp_f32(0, len);
    out.set(f32.subarray(0, len), start);
  }
  return true;
}

/** out[r] = sum of row r (double accumulation) for `rows` contiguous rows of `cols` values. */
export function sumRowsF32(src: Float32Array, rows: number, cols: number, out: { [i: number]: number }): boolean {
  const k = load();
  if (!k || cols === 0) return false;
  const perChunk = Math.max(1, Math.floor(CHUNK / cols));
  const outFloats = 2 * perChunk;
  // Doubles go after the rows, at an 8-byte aligned offset.
  const rowFloats = perChunk * cols + ((perChunk * cols) & 1);
  reserve(k, rowFloats + outFloats);
  const outSlot = rowFloats / 2;
  for (let r = 0; r < rows; r += perChunk) {
    const count = Math.min(perChunk, rows - r);
    f32.set(src.subarray(r * cols, (r + count) * cols), 0);
    k.sum_rows_f32(0, count, cols, outSlot * 8);
    for (let i = 0; i < count; i++) out[r + i] = f64[outSlot + i];
  }
  return true;
}

/** Softmax (or log-softmax) of `rows` contiguous rows of `cols` float32 values into out. */
export function softmaxRowsF32(src: Float32Array, out: Float32Array, rows: number, cols: number, logForm: boolean): boolean {
  const k = load();
  if (!k || cols === 0) return false;
  const perChunk = Math.max(1, Math.floor(CHUNK / cols));
  // 8 floats after the rows (16-byte aligned) hold the kernel's lane sums.
  const scratch = Math.ceil((perChunk * cols) / 4) * 4;
  reserve(k, scratch + 8);
  for (let r = 0; r < rows; r += perChunk) {
    const count = Math.min(perChunk, rows - r);
    const from = r * cols;
    const to = (r + count) * cols;
    f32.set(src.subarray(from, to), 0);
    k.softmax_rows_f32(0, count, cols, logForm ? 1 : 0, scratch * 4);
    out.set(f32.subarray(0, to - from), from);
  }
  return true;
}
