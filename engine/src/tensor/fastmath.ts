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

/**
 * Softmax (or log-softmax) of one float32 row, max-shifted. Lives here rather than in nn.ts
 * so the per-element fexp call stays inside one module (cross-module calls go through
 * export getters when run unbundled, which costs 3x in this loop). Like torch's kernel,
 * exp(x - max) is stored in the output first and then scaled.
 */
export function softmaxRowF32(data: ArrayLike<number>, base: number, n: number, out: Float32Array, logForm: boolean): void {
  let m = -Infinity;
  for (let j = 0; j < n; j++) {
    const v = data[base + j];
    if (v > m || v !== v) m = v;
  }
  let s = 0;
  for (let j = 0; j < n; j++) {
    const e = fexp(data[base + j] - m);
    out[base + j] = e;
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
