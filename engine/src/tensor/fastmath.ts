// A float32-grade exp for hot loops. Math.exp costs ~10 ns per call in V8; this one is a
// table-driven exp (x = k*ln2/64 + r, |r| <= ln2/128, degree-4 polynomial) with relative
// error below 4e-14, which vanishes when the result is rounded to float32. Used only where
// the output is float32; float64 results keep Math.exp.

const INV_STEP = 64 / Math.LN2;
const STEP = Math.LN2 / 64;
const ROUND_MAGIC = 6755399441055744.0; // 1.5 * 2^52: adding and subtracting it rounds to an integer.
const POW2_BIAS = 1100;

/** 2^(j/64) for j in [0, 64). */
const FRACTION = Float64Array.from({ length: 64 }, (_, j) => 2 ** (j / 64));

/** 2^k for k in [-1100, 1100] (only [-160, 145] is reached after clamping). */
const POW2 = Float64Array.from({ length: 2 * POW2_BIAS + 1 }, (_, i) => 2 ** (i - POW2_BIAS));

/**
 * exp(x) for results that are stored as float32. The argument is clamped to [-110, 100]
 * without a branch (Math.min/max pass nan through): below -110 the float32 result is 0 and
 * above 100 it is inf either way, so only values that round to the same float32 change.
 */
export function fexp(x: number): number {
  const y = Math.min(Math.max(x, -110), 100);
  const kf = y * INV_STEP + ROUND_MAGIC - ROUND_MAGIC;
  const r = y - kf * STEP;
  const k = kf | 0;
  const p = 1 + r * (1 + r * (0.5 + r * (0.16666666666666666 + r * 0.041666666666666664)));
  return p * FRACTION[k & 63] * POW2[(k >> 6) + POW2_BIAS];
}

const f = Math.fround;
const LOG2E_F = f(1.4426950408889634);
const LN2_HI_F = f(-0.693145751953125);
const LN2_LO_F = f(-1.428606765330187045e-6);
const C0 = f(0.000198527617612853646278381);
const C1 = f(0.00139304355252534151077271);
const C2 = f(0.00833336077630519866943359);
const C3 = f(0.0416664853692054748535156);
const C4 = f(0.166666671633720397949219);

/**
 * torch's float32 exp to the bit: Sleef's expf_u10 with FMAs (what torch 1.13's AVX2 kernels
 * call), evaluated step by step in float32. A float32 fused multiply-add is f(a * b + c) in
 * double: the product of two floats is exact there, so only the final rounding remains.
 * Bit-equal to torch.exp on 200,000 random values and on sweeps of the overflow, underflow and
 * denormal ranges (test/golden/last_bits.json). Scalar, so slower than the SIMD kernel: the
 * engine uses it up to EXACT_BITS_MAX values.
 */
export function sleefExpF32(d: number): number {
  if (!(d <= 89)) return d !== d ? NaN : Infinity;
  if (d < -105) return 0;
  // rint(d * log2(e)) with halves to even: adding 1.5 * 2^52 rounds in round-to-nearest-even.
  const q = f(d * LOG2E_F) + ROUND_MAGIC - ROUND_MAGIC;
  let s = f(q * LN2_HI_F + d);
  s = f(q * LN2_LO_F + s);
  let u = f(C0 * s + C1);
  u = f(u * s + C2);
  u = f(u * s + C3);
  u = f(u * s + C4);
  u = f(u * s + 0.5);
  u = f(f(f(s * s) * u + s) + 1);
  return f(u * POW2[q + POW2_BIAS]);
}

/**
 * Up to this many values the engine reproduces torch's float32 bits with scalar code (exp and
 * what is built on it, sums in torch's order); beyond, the SIMD kernels, where speed matters.
 */
export const EXACT_BITS_MAX = 1 << 16;

/**
 * Softmax (or log-softmax) of one float32 row, max-shifted, in the steps of torch's last-dim
 * kernel. Lives here rather than in nn.ts so the per-element exp call stays inside one module
 * (cross-module calls go through export getters when run unbundled, which costs 3x in this
 * loop). Like torch's kernel, exp(x - max) is stored in the output first and then scaled.
 */
export function softmaxRowF32(data: ArrayLike<number>, base: number, n: number, out: Float32Array, logForm: boolean): void {
  let m = -Infinity;
  for (let j = 0; j < n; j++) {
    const v = data[base + j];
    if (v > m || v !== v) m = v;
  }
  // exp(x - m) is kept in `out` for the sum; log-softmax reads x again from `data`.
  for (let j = 0; j < n; j++) out[base + j] = sleefExpF32(Math.fround(data[base + j] - m));
  const s = torchLastDimSum(out, base, n);
  if (logForm) {
    const ls = Math.fround(Math.log(s));
    for (let j = 0; j < n; j++) out[base + j] = Math.fround(data[base + j] - m) - ls;
  } else {
    const inv = Math.fround(1 / s);
    for (let j = 0; j < n; j++) out[base + j] *= inv;
  }
}

/**
 * The float32 sum torch's last-dim softmax takes (its reduce_all over 8 AVX2 lanes): under 8
 * values in order; else lane-wise over whole 8-value blocks, the tail into the first lanes,
 * then the lanes as a tree (i + (i + 4), then (0 + 2) + (1 + 3)). kernels.wat does the same.
 */
export function torchLastDimSum(e: Float32Array, base: number, n: number): number {
  if (n < 8) {
    let s = 0;
    for (let j = 0; j < n; j++) s = f(s + e[base + j]);
    return s;
  }
  const lanes = [0, 0, 0, 0, 0, 0, 0, 0];
  const blocks = n & ~7;
  for (let j = 0; j < blocks; j += 8) for (let l = 0; l < 8; l++) lanes[l] = f(lanes[l] + e[base + j + l]);
  for (let j = blocks; j < n; j++) lanes[j - blocks] = f(lanes[j - blocks] + e[base + j]);
  const b = [0, 1, 2, 3].map((i) => f(lanes[i] + lanes[i + 4]));
  return f(f(b[0] + b[2]) + f(b[1] + b[3]));
}

/** The float64 variant with Math.exp. */
export function softmaxRowF64(data: ArrayLike<number>, base: number, n: number, out: Float64Array, logForm: boolean): void {
  let m = -Infinity;
  for (let j = 0; j < n; j++) {
    const v = data[base + j];
    if (v > m || v !== v) m = v;
  }
  let s = 0;
  for (let j = 0; j < n; j++) {
    out[base + j] = Math.exp(data[base + j] - m);
    s += out[base + j];
  }
  if (logForm) {
    const ls = Math.log(s);
    for (let j = 0; j < n; j++) out[base + j] = data[base + j] - m - ls;
  } else {
    const inv = 1 / s;
    for (let j = 0; j < n; j++) out[base + j] *= inv;
  }
}

/** out[i] = exp(src[i]) into float32 storage. */
export function expIntoFloat32(src: ArrayLike<number>, out: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = fexp(src[i]);
}
