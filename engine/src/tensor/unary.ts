// Elementwise unary ops. Each kernel is one tight loop over contiguous storage: the input is
// read as doubles, the result computed in double and stored into the output's typed array,
// which rounds to float32 exactly once, so exp(100.) overflows to inf where torch's does.
import { allocStorage, allocStorageForOverwrite, type DType, isFloating, scalarTypeName, type Storage } from './dtype';
import { runtimeError } from './errors';
import { EXACT_BITS_MAX, expIntoFloat32, sleefExpF32 } from './fastmath';
import { floatResultType } from './promotion';
import { expF32 } from './wasm/kernels';
import { fromStorage, readData, type Tensor, toDType } from './tensor';

type Kernel = (a: Storage, o: Storage, n: number) => void;

const LOG1P_INF_F32 = Math.fround(1e38);

const SQRT1_2_F32 = Math.fround(Math.SQRT1_2);
const AS = [0.3275911, 0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429].map(Math.fround);

/** fma of float32 values: the product is exact in a double, so one rounding remains. */
const fma32 = (x: number, y: number, z: number): number => Math.fround(x * y + z);

/** torch's float32 vectorised erf: erf(x) = sign(x) (1 - t r(t) exp(-x^2)), t = 1 / (1 + p|x|). */
function erfAS32(x: number): number {
  const [p, p1, p2, p3, p4, p5] = AS;
  const t = Math.fround(1 / fma32(p, Math.abs(x), 1));
  const r = fma32(fma32(fma32(fma32(p5, t, p4), t, p3), t, p2), t, p1);
  const e = Math.fround(Math.exp(-Math.fround(x * x)));
  const v = fma32(Math.fround(-e * t), r, 1);
  return x < 0 || Object.is(x, -0) ? -v : v;
}

/** Which dtype the op returns for a given input dtype. */
type DTypeRule = 'float' | 'same' | 'bool';

interface UnaryOp {
  rule: DTypeRule;
  kernel: Kernel;
}

/** erfc with relative error below 1.2e-7 everywhere (Chebyshev fit), so gelu's tail stays accurate. */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z - 1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 +
        t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

export function erf(x: number): number {
  // For small |x| 1 - erfc loses digits; the Maclaurin series converges fast there.
  if (Math.abs(x) < 0.5) {
    const x2 = x * x;
    let term = x;
    let sum = x;
    for (let k = 1; k < 12; k++) {
      term *= -x2 / k;
      sum += term / (2 * k + 1);
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  return 1 - erfc(x);
}

/** Round half to even, as torch.round does. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const OPS = {
  exp: {
    rule: 'float',
    kernel: (a, o, n) => {
      if (o instanceof Float32Array) {
        // Up to EXACT_BITS_MAX values, torch's own float32 exp to the bit; beyond, the SIMD
        // kernel (within 1 ulp), since large tensors are where speed matters.
        if (n <= EXACT_BITS_MAX) for (let i = 0; i < n; i++) o[i] = sleefExpF32(Math.fround(a[i]));
        else if (!(a instanceof Float32Array && expF32(a, o, n))) expIntoFloat32(a, o, n);
      }
      else for (let i = 0; i < n; i++) o[i] = Math.exp(a[i]);
    },
  },
  log: { rule: 'float', kernel: (a, o, n) => { for (let i = 0; i < n; i++) o[i] = Math.log(a[i]); } },
  // torch's Sleef log1p returns inf above 1e38 (float32) and 1e307 (float64), well before
  // the true result overflows: log1p(exp(88.)) is inf in torch.
  log1p: {
    rule: 'float',
    kernel: (a, o, n) => {
      const limit = o instanceof Float32Array ? LOG1P_INF_F32 : 1e307;
      for (let i = 0; i < n; i++) o[i] = a[i] > limit ? Infinity : Math.log1p(a[i]);
    },
  },
  expm1: { rule: 'float', kernel: (a, o, n) => { for (let i = 0; i < n; i++) o[i] = Math.expm1(a[i]); } },
  log2: { rule: 'float', kernel: (a, o, n) => { for (let i = 0; i < n; i++) o[i] = Math.log2(a[i]); } },
  log10: { rule: 'float', kernel: (a, o, n) => { for (let i = 0; i < n; i++) o[i] = Math.log10(a[i]); } },
  sqrt: { rule: 'float', kernel: (a, o, n) => { for (let i = 0; i < n; i++) o[i] = Math.sqrt(a[i]); } },
  // torch divides 1 by the sqrt rounded to the dtype: in float32 that is two roundings, and
  // one rounding of the double result differs in the last bit for about 29% of inputs.
  rsqrt: {
    rule: 'float',
    kernel: (a, o, n) => {
      if (o instanceof Float32Array) for (let i = 0; i < n; i++) o[i] = 1 / Math.fround(Math.sqrt(a[i]));
      else for (let i = 0; i < n; i++) o[i] = 1 / Math.sqrt(a[i]);
    },
  },
  sin: { rule: 'float', kernel: (a, o, n) => { for (let i = 0; i < n; i++) o[i] = Math.sin(a[i]); } },
  cos: { rule: 'float', kernel: (a, o, n) => { for (let i = 0; i < n; i++) o[i] = Math.cos(a[i]); } },
  tan: { rule: 'float', kernel: (a, o, n) => { for (let i = 0; i < n; i++) o[i] = Math.tan(a[i]); } },
  tanh: { rule: 'float', kernel: (a, o, n) => { for (let i = 0; i < n; i++) o[i] = Math.tanh(a[i]); } },
  sigmoid: {
    rule: 'float',
    // torch evaluates 1 / (1 + exp(-x)) in the tensor's precision, rounding each step: in
    // float32 exp overflows to inf at x < -88.7 (the result is exactly 0, not a denormal),
    // and the rounded sum reproduces torch's last bit far more often than one rounding.
    kernel: (a, o, n) => {
      if (o instanceof Float32Array) for (let i = 0; i < n; i++) o[i] = 1 / Math.fround(1 + sleefExpF32(-Math.fround(a[i])));
      else for (let i = 0; i < n; i++) o[i] = 1 / (1 + Math.exp(-a[i]));
    },
  },
  logsigmoid: {
    rule: 'float',
    // -softplus(-x) computed stably: min(x, 0) - log1p(exp(-|x|)).
    kernel: (a, o, n) => { for (let i = 0; i < n; i++) o[i] = Math.min(a[i], 0) - Math.log1p(Math.exp(-Math.abs(a[i]))); },
  },
  reciprocal: { rule: 'float', kernel: (a, o, n) => { for (let i = 0; i < n; i++) o[i] = 1 / a[i]; } },
  erf: { rule: 'float', kernel: (a, o, n) => { for (let i = 0; i < n; i++) o[i] = erf(a[i]); } },
  // torch's kernel is h + h * erf(x / sqrt 2) with h = x / 2 (a fused multiply-add). In float32
  // its vectorised erf is the Abramowitz-Stegun 7.1.26 fit evaluated in float32 (abs. error
  // 1.5e-7), which sets gelu's tail: gelu(-3.5) is -8.1433e-4 in torch (true: -8.1420e-4), and
  // where erf rounds to -1 the result is +0 (1 / gelu(-10.) is inf).
  gelu: {
    rule: 'float',
    kernel: (a, o, n) => {
      if (o instanceof Float32Array) {
        for (let i = 0; i < n; i++) {
          const h = Math.fround(0.5 * a[i]);
          o[i] = h * erfAS32(Math.fround(a[i] * SQRT1_2_F32)) + h;
        }
        return;
      }
      for (let i = 0; i < n; i++) {
        const h = 0.5 * a[i];
        const z = -a[i] / Math.SQRT2;
        o[i] = h + h * (z <= 0 ? 1 - erfc(-z) : erfc(z) - 1);
      }
    },
  },
  geluTanh: {
    rule: 'float',
    kernel: (a, o, n) => {
      const k = Math.sqrt(2 / Math.PI);
      for (let i = 0; i < n; i++) { const x = a[i]; o[i] = 0.5 * x * (1 + Math.tanh(k * (x + 0.044715 * x * x * x))); }
    },
  },
  silu: {
    rule: 'float',
    kernel: (a, o, n) => {
      // x / (1 + exp(-x)) with torch's exp and every step rounded, as its float32 kernel: bit-equal.
      if (o instanceof Float32Array) for (let i = 0; i < n; i++) o[i] = a[i] / Math.fround(1 + sleefExpF32(-Math.fround(a[i])));
      else for (let i = 0; i < n; i++) o[i] = a[i] / (1 + Math.exp(-a[i]));
    },
  },
  neg: { rule: 'same', kernel: (a, o, n) => { for (let i = 0; i < n; i++) o[i] = -a[i]; } },
  abs: { rule: 'same', kernel: (a, o, n) => { for (let i = 0; i < n; i++) o[i] = Math.abs(a[i]); } },
  // clamp_min(x, 0): -0. and nan pass through unchanged, as in torch.
  relu: { rule: 'same', kernel: (a, o, n) => { for (let i = 0; i < n; i++) o[i] = a[i] < 0 ? 0 : a[i]; } },
  sign: { rule: 'same', kernel: (a, o, n) => { for (let i = 0; i < n; i++) o[i] = a[i] > 0 ? 1 : a[i] < 0 ? -1 : 0; } },
  square: { rule: 'same', kernel: (a, o, n) => { for (let i = 0; i < n; i++) o[i] = a[i] * a[i]; } },
  floor: { rule: 'same', kernel: (a, o, n) => { for (let i = 0; i < n; i++) o[i] = Math.floor(a[i]); } },
  ceil: { rule: 'same', kernel: (a, o, n) => { for (let i = 0; i < n; i++) o[i] = Math.ceil(a[i]); } },
  trunc: { rule: 'same', kernel: (a, o, n) => { for (let i = 0; i < n; i++) o[i] = Math.trunc(a[i]); } },
  frac: { rule: 'same', kernel: (a, o, n) => { for (let i = 0; i < n; i++) o[i] = a[i] - Math.trunc(a[i]); } },
  round: { rule: 'same', kernel: (a, o, n) => { for (let i = 0; i < n; i++) o[i] = roundHalfEven(a[i]); } },
  logicalNot: { rule: 'bool', kernel: (a, o, n) => { for (let i = 0; i < n; i++) o[i] = a[i] === 0 ? 1 : 0; } },
  isnan: { rule: 'bool', kernel: (a, o, n) => { for (let i = 0; i < n; i++) o[i] = a[i] !== a[i] ? 1 : 0; } },
  isinf: { rule: 'bool', kernel: (a, o, n) => { for (let i = 0; i < n; i++) o[i] = a[i] === Infinity || a[i] === -Infinity ? 1 : 0; } },
  isfinite: { rule: 'bool', kernel: (a, o, n) => { for (let i = 0; i < n; i++) o[i] = Number.isFinite(a[i]) ? 1 : 0; } },
} satisfies Record<string, UnaryOp>;

export type UnaryOpName = keyof typeof OPS;

export const UNARY_OPS: readonly UnaryOpName[] = Object.keys(OPS) as UnaryOpName[];

/** Applies a unary op by name; the functional wrappers below are what callers normally use. */
export function unary(name: UnaryOpName, x: Tensor): Tensor {
  const op: UnaryOp = OPS[name];
  if (x.dtype === 'bool' && name === 'neg') {
    throw runtimeError(
      'Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.',
    );
  }
  if (x.dtype === 'bool') {
    if (name === 'abs') throw runtimeError(`"abs_cpu" not implemented for 'Bool'`);
    if (name === 'relu') throw runtimeError('Boolean inputs not supported for relu');
    if (name === 'floor' || name === 'ceil' || name === 'trunc' || name === 'round') {
      throw runtimeError(`"${name}_vml_cpu" not implemented for 'Bool'`);
    }
    // square is pow(x, 2): a bool base with an int exponent computes in int64.
    if (name === 'square') return unary('square', toDType(x, 'int64'));
  }
  if (name === 'frac' && !isFloating(x.dtype)) throw runtimeError(`"frac_cpu" not implemented for '${scalarTypeName(x.dtype)}'`);
  const outType: DType = op.rule === 'float' ? floatResultType(x.dtype) : op.rule === 'bool' ? 'bool' : x.dtype;
  // Rounding ops on integers are the identity; floating kernels would be wasted work.
  if (op.rule === 'same' && !isFloating(x.dtype) && (name === 'floor' || name === 'ceil' || name === 'trunc' || name === 'round')) {
    return fromStorage(readData(x).slice(), x.dtype, x.shape);
  }
  const src = readData(x);
  const n = src.length;
  const out = allocStorageForOverwrite(outType, n);
  op.kernel(src, out, n);
  if (outType === 'bool' && op.rule === 'same') for (let i = 0; i < n; i++) out[i] = out[i] !== 0 ? 1 : 0;
  return fromStorage(out, outType, x.shape);
}

export const exp = (x: Tensor): Tensor => unary('exp', x);
export const log = (x: Tensor): Tensor => unary('log', x);
export const log1p = (x: Tensor): Tensor => unary('log1p', x);
export const expm1 = (x: Tensor): Tensor => unary('expm1', x);
export const log2 = (x: Tensor): Tensor => unary('log2', x);
export const log10 = (x: Tensor): Tensor => unary('log10', x);
export const sqrt = (x: Tensor): Tensor => unary('sqrt', x);
export const rsqrt = (x: Tensor): Tensor => unary('rsqrt', x);
export const sin = (x: Tensor): Tensor => unary('sin', x);
export const cos = (x: Tensor): Tensor => unary('cos', x);
export const tan = (x: Tensor): Tensor => unary('tan', x);
export const tanh = (x: Tensor): Tensor => unary('tanh', x);
export const sigmoid = (x: Tensor): Tensor => unary('sigmoid', x);
export const logsigmoid = (x: Tensor): Tensor => unary('logsigmoid', x);
export const reciprocal = (x: Tensor): Tensor => unary('reciprocal', x);
export const erfFn = (x: Tensor): Tensor => unary('erf', x);
export const silu = (x: Tensor): Tensor => unary('silu', x);
export const neg = (x: Tensor): Tensor => unary('neg', x);
export const abs = (x: Tensor): Tensor => unary('abs', x);
export const relu = (x: Tensor): Tensor => unary('relu', x);
export const sign = (x: Tensor): Tensor => unary('sign', x);
export const square = (x: Tensor): Tensor => unary('square', x);
export const floor = (x: Tensor): Tensor => unary('floor', x);
export const ceil = (x: Tensor): Tensor => unary('ceil', x);
export const trunc = (x: Tensor): Tensor => unary('trunc', x);
export const frac = (x: Tensor): Tensor => unary('frac', x);

/** torch's activation kernels exist for floating dtypes only. */
function floatOnly(kernel: string, x: Tensor): void {
  if (!isFloating(x.dtype)) throw runtimeError(`"${kernel}_cpu" not implemented for '${scalarTypeName(x.dtype)}'`);
}

/** F.leaky_relu(x, negative_slope=0.01). */
export function leakyRelu(x: Tensor, slope = 0.01): Tensor {
  floatOnly('leaky_relu', x);
  const src = readData(x);
  const out = allocStorage(x.dtype, src.length);
  for (let i = 0; i < src.length; i++) out[i] = src[i] > 0 ? src[i] : src[i] * slope;
  return fromStorage(out, x.dtype, x.shape);
}

/** F.elu(x, alpha=1.0): torch's kernel computes (exp(x) - 1) * alpha in the tensor's dtype. */
export function elu(x: Tensor, alpha = 1): Tensor {
  floatOnly('elu', x);
  const src = readData(x);
  const out = allocStorage(x.dtype, src.length);
  const round = x.dtype === 'float32' ? Math.fround : (v: number) => v;
  for (let i = 0; i < src.length; i++) out[i] = src[i] > 0 ? src[i] : round(round(Math.exp(src[i])) - 1) * alpha;
  return fromStorage(out, x.dtype, x.shape);
}
export const round = (x: Tensor): Tensor => unary('round', x);
export const logicalNot = (x: Tensor): Tensor => unary('logicalNot', x);
export const isnan = (x: Tensor): Tensor => unary('isnan', x);
export const isinf = (x: Tensor): Tensor => unary('isinf', x);
export const isfinite = (x: Tensor): Tensor => unary('isfinite', x);

/** F.gelu(x, approximate='none' | 'tanh'). */
export function gelu(x: Tensor, approximate: 'none' | 'tanh' = 'none'): Tensor {
  if (approximate !== 'none' && approximate !== 'tanh') {
    throw runtimeError(`approximate argument must be either none or tanh.`);
  }
  return unary(approximate === 'tanh' ? 'geluTanh' : 'gelu', x);
}

/** F.softplus(x, beta=1, threshold=20): linear above threshold, as torch. */
export function softplus(x: Tensor, beta = 1, threshold = 20): Tensor {
  const outType = floatResultType(x.dtype);
  const src = readData(x);
  const n = src.length;
  const out = allocStorage(outType, n);
  for (let i = 0; i < n; i++) {
    const bx = src[i] * beta;
    out[i] = bx > threshold ? src[i] : Math.log1p(Math.exp(bx)) / beta;
  }
  return fromStorage(out, outType, x.shape);
}

const FLOAT_LIMITS: Record<string, number> = { float32: 3.4028234663852886e38, float64: Number.MAX_VALUE };

/** torch.nan_to_num(x, nan=0.0, posinf=None, neginf=None): infinities become the dtype's extremes. */
export function nanToNum(x: Tensor, nan = 0, posinf: number | null = null, neginf: number | null = null): Tensor {
  const src = readData(x);
  const n = src.length;
  const out = allocStorage(x.dtype, n);
  if (!isFloating(x.dtype)) {
    out.set(src);
    return fromStorage(out, x.dtype, x.shape);
  }
  const hi = posinf ?? FLOAT_LIMITS[x.dtype];
  const lo = neginf ?? -FLOAT_LIMITS[x.dtype];
  for (let i = 0; i < n; i++) {
    const v = src[i];
    out[i] = v !== v ? nan : v === Infinity ? hi : v === -Infinity ? lo : v;
  }
  return fromStorage(out, x.dtype, x.shape);
}
