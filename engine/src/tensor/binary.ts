// Elementwise binary ops with broadcasting and torch's type promotion. Operands are cast to
// the common dtype first (so a Python float meeting a float32 tensor is rounded to float32,
// as torch does), then a strided 1-D kernel runs once for contiguous operands or once per
// innermost row otherwise.
import { allocStorage, castNumber, type DType, isFloating, type Scalar, type Storage, scalarToNumber, DEFAULT_FLOAT } from './dtype';
import { runtimeError } from './errors';
import { type Operand, resultType } from './promotion';
import { broadcastShapes, sameShape } from './shapes';
import { fromStorage, isTensor, numelOf, readData, scalarTensor, type Tensor, toDType } from './tensor';

type Kernel = (a: Storage, ai: number, as: number, b: Storage, bi: number, bs: number, o: Storage, oi: number, n: number) => void;

function pyRemainder(a: number, b: number): number {
  const m = a % b;
  return m !== 0 && (b < 0) !== (m < 0) ? m + b : m;
}

function pyFloorDiv(a: number, b: number): number {
  // torch's div_floor_floating: floor of the exact quotient, with the fmod correction.
  if (b === 0) return a / b;
  const m = a % b;
  let div = (a - m) / b;
  if (m !== 0 && (b < 0) !== (m < 0)) div -= 1;
  if (div === 0) return Math.sign(a / b) * 0;
  const fl = Math.floor(div);
  return div - fl > 0.5 ? fl + 1 : fl;
}

/** C's pow, which torch uses: 1 to any power and -1 to ±inf are 1, where JS gives nan. */
function cPow(x: number, y: number): number {
  if (x === 1 || (x === -1 && !Number.isFinite(y) && !Number.isNaN(y))) return 1;
  return Math.pow(x, y);
}

// torch's integer pow (powi): square-and-multiply in int64, so overflow wraps modulo 2^64;
// a negative exponent gives 1 for base 1, +-1 for base -1 and 0 otherwise (0 too for base 0).
// Exact in doubles while every intermediate stays below 2^53, BigInt beyond that.
function powInt64(base: number, exp: number): number {
  if (exp < 0) return base === 1 ? 1 : base === -1 ? (exp % 2 === 0 ? 1 : -1) : 0;
  let result = 1;
  let a = base;
  let e = exp;
  while (e > 0) {
    if (e % 2 === 1) result *= a;
    e = Math.floor(e / 2);
    if (e > 0) a *= a;
    if (!Number.isSafeInteger(result) || !Number.isSafeInteger(a)) return powInt64Big(base, exp);
  }
  return result;
}

function powInt64Big(base: number, exp: number): number {
  let result = 1n;
  let a = BigInt.asIntN(64, BigInt(base));
  let e = BigInt(exp);
  while (e > 0n) {
    if (e & 1n) result = BigInt.asIntN(64, result * a);
    e >>= 1n;
    a = BigInt.asIntN(64, a * a);
  }
  // int64 storage is a double: values past 2^53 keep their nearest double, as every int64 does here.
  return Number(result);
}

const powIntKernel: Kernel = (a, ai, as, b, bi, bs, o, oi, n) => {
  for (let i = 0; i < n; i++) o[oi + i] = powInt64(a[ai + i * as], b[bi + i * bs]);
};

const KERNELS = {
  add: ((a, ai, as, b, bi, bs, o, oi, n) => { for (let i = 0; i < n; i++) o[oi + i] = a[ai + i * as] + b[bi + i * bs]; }) as Kernel,
  sub: ((a, ai, as, b, bi, bs, o, oi, n) => { for (let i = 0; i < n; i++) o[oi + i] = a[ai + i * as] - b[bi + i * bs]; }) as Kernel,
  mul: ((a, ai, as, b, bi, bs, o, oi, n) => { for (let i = 0; i < n; i++) o[oi + i] = a[ai + i * as] * b[bi + i * bs]; }) as Kernel,
  div: ((a, ai, as, b, bi, bs, o, oi, n) => { for (let i = 0; i < n; i++) o[oi + i] = a[ai + i * as] / b[bi + i * bs]; }) as Kernel,
  floorDivide: ((a, ai, as, b, bi, bs, o, oi, n) => { for (let i = 0; i < n; i++) o[oi + i] = pyFloorDiv(a[ai + i * as], b[bi + i * bs]); }) as Kernel,
  remainder: ((a, ai, as, b, bi, bs, o, oi, n) => { for (let i = 0; i < n; i++) o[oi + i] = pyRemainder(a[ai + i * as], b[bi + i * bs]); }) as Kernel,
  pow: ((a, ai, as, b, bi, bs, o, oi, n) => { for (let i = 0; i < n; i++) o[oi + i] = cPow(a[ai + i * as], b[bi + i * bs]); }) as Kernel,
  // torch keeps the first operand when the two compare equal, so maximum(-0., 0.) is -0. (and
  // clamp(-0., min=0) stays -0.), where Math.max gives +0; nan wins either way.
  maximum: ((a, ai, as, b, bi, bs, o, oi, n) => { for (let i = 0; i < n; i++) { const x = a[ai + i * as]; const y = b[bi + i * bs]; o[oi + i] = x !== x || y !== y ? NaN : x >= y ? x : y; } }) as Kernel,
  minimum: ((a, ai, as, b, bi, bs, o, oi, n) => { for (let i = 0; i < n; i++) { const x = a[ai + i * as]; const y = b[bi + i * bs]; o[oi + i] = x !== x || y !== y ? NaN : x <= y ? x : y; } }) as Kernel,
  eq: ((a, ai, as, b, bi, bs, o, oi, n) => { for (let i = 0; i < n; i++) o[oi + i] = a[ai + i * as] === b[bi + i * bs] ? 1 : 0; }) as Kernel,
  ne: ((a, ai, as, b, bi, bs, o, oi, n) => { for (let i = 0; i < n; i++) o[oi + i] = a[ai + i * as] !== b[bi + i * bs] ? 1 : 0; }) as Kernel,
  lt: ((a, ai, as, b, bi, bs, o, oi, n) => { for (let i = 0; i < n; i++) o[oi + i] = a[ai + i * as] < b[bi + i * bs] ? 1 : 0; }) as Kernel,
  le: ((a, ai, as, b, bi, bs, o, oi, n) => { for (let i = 0; i < n; i++) o[oi + i] = a[ai + i * as] <= b[bi + i * bs] ? 1 : 0; }) as Kernel,
  gt: ((a, ai, as, b, bi, bs, o, oi, n) => { for (let i = 0; i < n; i++) o[oi + i] = a[ai + i * as] > b[bi + i * bs] ? 1 : 0; }) as Kernel,
  ge: ((a, ai, as, b, bi, bs, o, oi, n) => { for (let i = 0; i < n; i++) o[oi + i] = a[ai + i * as] >= b[bi + i * bs] ? 1 : 0; }) as Kernel,
  logicalAnd: ((a, ai, as, b, bi, bs, o, oi, n) => { for (let i = 0; i < n; i++) o[oi + i] = a[ai + i * as] !== 0 && b[bi + i * bs] !== 0 ? 1 : 0; }) as Kernel,
  logicalOr: ((a, ai, as, b, bi, bs, o, oi, n) => { for (let i = 0; i < n; i++) o[oi + i] = a[ai + i * as] !== 0 || b[bi + i * bs] !== 0 ? 1 : 0; }) as Kernel,
  logicalXor: ((a, ai, as, b, bi, bs, o, oi, n) => { for (let i = 0; i < n; i++) o[oi + i] = (a[ai + i * as] !== 0) !== (b[bi + i * bs] !== 0) ? 1 : 0; }) as Kernel,
  bitwiseAnd: ((a, ai, as, b, bi, bs, o, oi, n) => { for (let i = 0; i < n; i++) o[oi + i] = Number(BigInt(a[ai + i * as]) & BigInt(b[bi + i * bs])); }) as Kernel,
  bitwiseOr: ((a, ai, as, b, bi, bs, o, oi, n) => { for (let i = 0; i < n; i++) o[oi + i] = Number(BigInt(a[ai + i * as]) | BigInt(b[bi + i * bs])); }) as Kernel,
  bitwiseXor: ((a, ai, as, b, bi, bs, o, oi, n) => { for (let i = 0; i < n; i++) o[oi + i] = Number(BigInt(a[ai + i * as]) ^ BigInt(b[bi + i * bs])); }) as Kernel,
  atan2: ((a, ai, as, b, bi, bs, o, oi, n) => { for (let i = 0; i < n; i++) o[oi + i] = Math.atan2(a[ai + i * as], b[bi + i * bs]); }) as Kernel,
};

export type BinaryOpName = keyof typeof KERNELS;

/** Output dtype policy: 'common' (promoted), 'float' (promoted, ints -> float32), 'bool'. */
const OUTPUT: Partial<Record<BinaryOpName, 'float' | 'bool'>> = {
  div: 'float', atan2: 'float',
  eq: 'bool', ne: 'bool', lt: 'bool', le: 'bool', gt: 'bool', ge: 'bool',
  logicalAnd: 'bool', logicalOr: 'bool', logicalXor: 'bool',
};

function toOperandTensor(x: Operand, dtype: DType): Tensor {
  if (isTensor(x)) return toDType(x, dtype);
  return scalarTensor(castNumber(scalarToNumber(x), dtype), dtype);
}

/** Strides that read `t` as if it had `shape` (0 on broadcast dims). */
export function broadcastStrides(t: Tensor, shape: readonly number[]): number[] {
  const off = shape.length - t.ndim;
  return shape.map((s, d) => (d < off || t.shape[d - off] === 1 ? 0 : t.strides[d - off]));
}

/** Runs a strided kernel over the broadcast of `a` and `b` into contiguous `out`. */
export function runBroadcast(kernel: Kernel, a: Tensor, b: Tensor, shape: readonly number[], out: Storage): void {
  const n = numelOf(shape);
  if (n === 0) return;
  const aFlat = a.isContiguous() && sameShape(a.shape, shape);
  const bFlat = b.isContiguous() && sameShape(b.shape, shape);
  if ((aFlat || a.numel === 1) && (bFlat || b.numel === 1)) {
    kernel(a.data, a.offset, aFlat ? 1 : 0, b.data, b.offset, bFlat ? 1 : 0, out, 0, n);
    return;
  }
  const nd = shape.length;
  const sa = broadcastStrides(a, shape);
  const sb = broadcastStrides(b, shape);
  const len = shape[nd - 1];
  const counter = new Array<number>(nd).fill(0);
  let pa = a.offset;
  let pb = b.offset;
  for (let k = 0; k < n; k += len) {
    kernel(a.data, pa, sa[nd - 1], b.data, pb, sb[nd - 1], out, k, len);
    for (let d = nd - 2; d >= 0; d--) {
      counter[d]++;
      pa += sa[d];
      pb += sb[d];
      if (counter[d] < shape[d]) break;
      pa -= counter[d] * sa[d];
      pb -= counter[d] * sb[d];
      counter[d] = 0;
    }
  }
}

function hasZero(t: Tensor): boolean {
  const data = readData(t);
  for (let i = 0; i < data.length; i++) if (data[i] === 0) return true;
  return false;
}

/** Applies a binary op by name with promotion and broadcasting. */
export function binary(name: BinaryOpName, a: Operand, b: Operand): Tensor {
  if (!isTensor(a) && !isTensor(b)) a = scalarTensor(scalarToNumber(a), resultType(a));
  let common = resultType(a, b);
  const policy = OUTPUT[name];
  const isBool = (v: Operand): boolean => (isTensor(v) ? v.dtype === 'bool' : typeof v === 'boolean');
  if (name === 'sub' && (isBool(a) || isBool(b))) {
    throw runtimeError(
      isBool(a) && isBool(b)
        ? 'Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.'
        : 'Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.',
    );
  }
  if (common === 'bool') {
    if (name === 'floorDivide') throw runtimeError(`"div_floor_cpu" not implemented for 'Bool'`);
    if (name === 'pow') throw runtimeError(`"pow" not implemented for 'Bool'`);
    if (name === 'remainder') throw runtimeError(`"remainder_cpu" not implemented for 'Bool'`);
    if (name === 'add' || name === 'maximum') name = 'logicalOr';
    else if (name === 'mul' || name === 'minimum' || name === 'bitwiseAnd') name = 'logicalAnd';
    else if (name === 'bitwiseOr') name = 'logicalOr';
    else if (name === 'bitwiseXor') name = 'logicalXor';
  }
  if (policy === 'float' && !isFloating(common)) common = DEFAULT_FLOAT;
  if (name.startsWith('bitwise') && isFloating(common)) {
    throw runtimeError(`"${name.replace('bitwise', 'bitwise_').toLowerCase()}_cpu" not implemented for '${common === 'float32' ? 'Float' : 'Double'}'`);
  }
  const ta = toOperandTensor(a, common);
  const tb = toOperandTensor(b, common);
  if (common === 'int64') {
    // Raised per element, so an empty result divides by nothing.
    if ((name === 'floorDivide' || name === 'remainder') && hasZero(tb) && numelOf(broadcastShapes(ta.shape, tb.shape)) > 0) {
      throw runtimeError('ZeroDivisionError');
    }
    if (name === 'pow' && !isTensor(b) && scalarToNumber(b) < 0) {
      throw runtimeError('Integers to negative integer powers are not allowed.');
    }
  }
  if (name === 'pow' && isFloating(common) && !isTensor(b)) {
    const special = powByScalar(ta, scalarToNumber(b));
    if (special) return special;
  }
  const shape = broadcastShapes(ta.shape, tb.shape);
  const outType: DType = policy === 'bool' ? 'bool' : common;
  const out = allocStorage(outType, numelOf(shape));
  runBroadcast(outType === 'int64' && name === 'pow' ? powIntKernel : KERNELS[name], ta, tb, shape, out);
  return fromStorage(out, outType, shape);
}

/**
 * torch's float pow with these scalar exponents is another op (sqrt, rsqrt, reciprocal, x*x,
 * x*x*x), so `(-inf) ** 0.5` is nan and `(-0.) ** 0.5` is -0., not what pow gives. Each step
 * rounds to the tensor's dtype as torch's kernel does. Null for any other exponent.
 */
function powByScalar(x: Tensor, e: number): Tensor | null {
  const r = x.dtype === 'float32' ? Math.fround : (v: number) => v;
  const fns: Record<string, (v: number) => number> = {
    '0.5': (v) => Math.sqrt(v),
    '-0.5': (v) => 1 / r(Math.sqrt(v)),
    '2': (v) => v * v,
    '3': (v) => r(v * v) * v,
    '-1': (v) => 1 / v,
    '-2': (v) => 1 / r(v * v),
  };
  const fn = fns[String(e)];
  if (!fn) return null;
  const src = readData(x);
  const out = allocStorage(x.dtype, src.length);
  for (let i = 0; i < src.length; i++) out[i] = fn(src[i]);
  return fromStorage(out, x.dtype, x.shape);
}

/** torch.add(a, b, alpha=1). */
export function add(a: Operand, b: Operand, alpha?: Scalar): Tensor {
  return binary('add', a, alpha === undefined ? b : binary('mul', b, alpha));
}

/** torch.sub(a, b, alpha=1). */
export function sub(a: Operand, b: Operand, alpha?: Scalar): Tensor {
  return binary('sub', a, alpha === undefined ? b : binary('mul', b, alpha));
}

export const mul = (a: Operand, b: Operand): Tensor => binary('mul', a, b);
/** True division: `/` on integers gives float32. */
export const div = (a: Operand, b: Operand): Tensor => binary('div', a, b);
/** `//`: Python floor division. */
export const floorDivide = (a: Operand, b: Operand): Tensor => binary('floorDivide', a, b);
/** `%`: Python-style modulo (result has the divisor's sign). */
export const remainder = (a: Operand, b: Operand): Tensor => binary('remainder', a, b);
export const pow = (a: Operand, b: Operand): Tensor => binary('pow', a, b);
export const maximum = (a: Operand, b: Operand): Tensor => binary('maximum', a, b);
export const minimum = (a: Operand, b: Operand): Tensor => binary('minimum', a, b);
export const eq = (a: Operand, b: Operand): Tensor => binary('eq', a, b);
export const ne = (a: Operand, b: Operand): Tensor => binary('ne', a, b);
export const lt = (a: Operand, b: Operand): Tensor => binary('lt', a, b);
export const le = (a: Operand, b: Operand): Tensor => binary('le', a, b);
export const gt = (a: Operand, b: Operand): Tensor => binary('gt', a, b);
export const ge = (a: Operand, b: Operand): Tensor => binary('ge', a, b);
export const logicalAnd = (a: Operand, b: Operand): Tensor => binary('logicalAnd', a, b);
export const logicalOr = (a: Operand, b: Operand): Tensor => binary('logicalOr', a, b);
export const logicalXor = (a: Operand, b: Operand): Tensor => binary('logicalXor', a, b);
/** `&`, `|`, `^`: logical on bool tensors, bitwise on int64. */
export const bitwiseAnd = (a: Operand, b: Operand): Tensor => binary('bitwiseAnd', a, b);
export const bitwiseOr = (a: Operand, b: Operand): Tensor => binary('bitwiseOr', a, b);
export const bitwiseXor = (a: Operand, b: Operand): Tensor => binary('bitwiseXor', a, b);
export const atan2 = (a: Operand, b: Operand): Tensor => binary('atan2', a, b);

/** torch.where(cond, a, b): a and b promote like a binary op; all three broadcast. */
export function where(cond: Tensor, a: Operand, b: Operand): Tensor {
  if (cond.dtype !== 'bool') throw runtimeError(`where expected condition to be a boolean tensor, but got a tensor with dtype ${cond.dtype === 'int64' ? 'Long' : cond.dtype === 'float32' ? 'Float' : 'Double'}`);
  const common = resultType(a, b);
  const ta = toOperandTensor(a, common);
  const tb = toOperandTensor(b, common);
  const shape = broadcastShapes(broadcastShapes(cond.shape, ta.shape), tb.shape);
  const n = numelOf(shape);
  // Broadcast each operand into contiguous storage, then select elementwise.
  const pick = (t: Tensor): Storage => {
    const o = allocStorage(t.dtype, n);
    runBroadcast(KERNELS.add, t, scalarTensor(0, t.dtype), shape, o);
    return o;
  };
  const c = pick(cond);
  const va = pick(ta);
  const vb = pick(tb);
  const out = allocStorage(common, n);
  for (let i = 0; i < n; i++) out[i] = c[i] !== 0 ? va[i] : vb[i];
  return fromStorage(out, common, shape);
}

/** torch.clamp(x, min=None, max=None); nan stays nan; min > max gives max, like torch. */
export function clamp(x: Tensor, min: Operand | null = null, max: Operand | null = null): Tensor {
  if (min === null && max === null) throw runtimeError("torch.clamp: At least one of 'min' or 'max' must not be None");
  let out = x;
  if (min !== null) out = binary('maximum', out, min);
  if (max !== null) out = binary('minimum', out, max);
  return out;
}
