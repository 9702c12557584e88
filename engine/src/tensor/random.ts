// Random tensors from the engine's own seeded generator. Shapes, dtypes and distributions
// match torch; the values do not (torch's Mersenne Twister stream is not reproduced).
import { allocStorage, DEFAULT_FLOAT, type DType, type Scalar, scalarToNumber } from './dtype';
import { runtimeError } from './errors';
import { fromStorage, numelOf, type Tensor } from './tensor';

/** xoshiro128** with a splitmix32 seeding: small, fast, and good enough for previews. */
export class Generator {
  private s = new Uint32Array(4);
  private spare: number | null = null;

  constructor(seed: number | bigint = 0) {
    this.manualSeed(seed);
  }

  manualSeed(seed: number | bigint): this {
    let x = Number(BigInt.asUintN(32, BigInt(seed))) >>> 0;
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.s[i] = (z ^ (z >>> 16)) >>> 0;
    }
    this.spare = null;
    return this;
  }

  private nextU32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    return (this.nextU32() * 2097152 + (this.nextU32() >>> 11)) / 9007199254740992;
  }

  /** Standard normal via Box-Muller (the second value is kept for the next call). */
  normal(): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return v;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** The default generator that torch.manual_seed reseeds. */
export const defaultGenerator = new Generator(0);

/** torch.manual_seed(seed). */
export function manualSeed(seed: number | bigint): Generator {
  return defaultGenerator.manualSeed(seed);
}

function checkShape(shape: readonly number[]): void {
  for (const s of shape) {
    if (!Number.isInteger(s) || s < 0) throw runtimeError(`Trying to create tensor with negative dimension ${s}: [${shape.join(', ')}]`);
  }
}

function requireFloat(name: string, dtype: DType): void {
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw runtimeError(`"${name}" not implemented for '${dtype === 'int64' ? 'Long' : 'Bool'}'`);
  }
}

/** torch.rand(*shape): uniform on [0, 1). */
export function rand(shape: readonly number[], dtype: DType = DEFAULT_FLOAT, gen: Generator = defaultGenerator): Tensor {
  checkShape(shape);
  requireFloat('check_uniform_bounds', dtype);
  const out = allocStorage(dtype, numelOf(shape));
  for (let i = 0; i < out.length; i++) {
    out[i] = gen.uniform();
    // float32 rounding can carry 0.99999999 up to 1.0; torch's range excludes 1.
    if (out[i] >= 1) out[i] = dtype === 'float32' ? 0.99999994 : 1 - 2 ** -53;
  }
  return fromStorage(out, dtype, shape);
}

/** torch.randn(*shape): standard normal. */
export function randn(shape: readonly number[], dtype: DType = DEFAULT_FLOAT, gen: Generator = defaultGenerator): Tensor {
  checkShape(shape);
  requireFloat('normal_kernel_cpu', dtype);
  const out = allocStorage(dtype, numelOf(shape));
  for (let i = 0; i < out.length; i++) out[i] = gen.normal();
  return fromStorage(out, dtype, shape);
}

/** torch.normal(mean, std, size). */
export function normal(mean: number, std: number, shape: readonly number[], dtype: DType = DEFAULT_FLOAT, gen: Generator = defaultGenerator): Tensor {
  if (std < 0) throw runtimeError(`normal expects std >= 0.0, but found std ${std}`);
  checkShape(shape);
  const out = allocStorage(dtype, numelOf(shape));
  for (let i = 0; i < out.length; i++) out[i] = mean + std * gen.normal();
  return fromStorage(out, dtype, shape);
}

/** torch.randint(low, high, size) (call with low = 0 for randint(high, size)): int64 in [low, high). */
export function randint(low: Scalar, high: Scalar, shape: readonly number[], dtype: DType = 'int64', gen: Generator = defaultGenerator): Tensor {
  const lo = scalarToNumber(low);
  const hi = scalarToNumber(high);
  if (!(lo < hi)) throw runtimeError(`random_ expects 'from' to be less than 'to', but got from=${lo} >= to=${hi}`);
  checkShape(shape);
  const out = allocStorage(dtype, numelOf(shape));
  for (let i = 0; i < out.length; i++) out[i] = lo + Math.floor(gen.uniform() * (hi - lo));
  return fromStorage(out, dtype, shape);
}

/** torch.randperm(n): a random permutation of 0..n-1 (int64). */
export function randperm(n: number, gen: Generator = defaultGenerator): Tensor {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(gen.uniform() * (i + 1));
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return fromStorage(out, 'int64', [n]);
}

export function randLike(t: Tensor, dtype?: DType): Tensor {
  return rand(t.shape, dtype ?? t.dtype);
}

export function randnLike(t: Tensor, dtype?: DType): Tensor {
  return randn(t.shape, dtype ?? t.dtype);
}
