// Python's float formatting ('{:.4f}', '{:.4e}', '{}') reproduced exactly. JavaScript's
// toFixed/toExponential round ties away from zero; Python rounds the exact binary value
// half-to-even, so ties are resolved here with exact BigInt arithmetic.

const view = new DataView(new ArrayBuffer(8));

/** |x| = mant * 2^exp2 exactly (x finite). */
function decompose(x: number): { mant: bigint; exp2: number } {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const e = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (e === 0) return { mant, exp2: -1074 };
  mant |= 1n << 52n;
  return { mant, exp2: e - 1075 };
}

/** round(mant * 2^exp2 * 10^k) half-to-even, exactly. */
function scaledRound(mant: bigint, exp2: number, k: number): bigint {
  let num = mant;
  let den = 1n;
  if (exp2 >= 0) num <<= BigInt(exp2);
  else den <<= BigInt(-exp2);
  if (k >= 0) num *= 10n ** BigInt(k);
  else den *= 10n ** BigInt(-k);
  const q = num / den;
  const r2 = (num % den) * 2n;
  if (r2 > den || (r2 === den && q % 2n === 1n)) return q + 1n;
  return q;
}

function nonFinite(x: number): string | null {
  if (x !== x) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return null;
}

function isNegative(x: number): boolean {
  return x < 0 || Object.is(x, -0);
}

/** Python's '{:.<p>f}'.format(x). */
export function formatFixed(x: number, precision: number): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  const { mant, exp2 } = decompose(Math.abs(x));
  const digits = scaledRound(mant, exp2, precision).toString().padStart(precision + 1, '0');
  const body = precision > 0 ? `${digits.slice(0, -precision)}.${digits.slice(-precision)}` : digits;
  return (isNegative(x) ? '-' : '') + body;
}

/** Python's '{:.<p>e}'.format(x): mantissa with p decimals, exponent with at least two digits. */
export function formatExp(x: number, precision: number): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  const sign = isNegative(x) ? '-' : '';
  if (x === 0) return `${sign}${(0).toFixed(precision)}e+00`;
  const { mant, exp2 } = decompose(Math.abs(x));
  let e10 = Math.floor(Math.log10(Math.abs(x)));
  const lower = 10n ** BigInt(precision);
  const upper = lower * 10n;
  let q = scaledRound(mant, exp2, precision - e10);
  // log10 can be off by one near powers of ten, and rounding can carry into a new digit.
  for (let guard = 0; guard < 4 && (q >= upper || q < lower); guard++) {
    e10 += q >= upper ? 1 : -1;
    q = scaledRound(mant, exp2, precision - e10);
  }
  const digits = q.toString();
  const body = precision > 0 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const expSign = e10 < 0 ? '-' : '+';
  return `${sign}${body}e${expSign}${String(Math.abs(e10)).padStart(2, '0')}`;
}

/** Python's str() of an int held in a double. */
export function formatInt(x: number): string {
  if (Number.isSafeInteger(x) || Math.abs(x) < 1e21) return BigInt(x).toString();
  return BigInt(Math.trunc(x)).toString();
}
