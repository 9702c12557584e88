// Python arithmetic on ints (possibly symbolic sizes), floats, sequences and strings.
// Concrete ints are exact: past 2^53 they are computed as BigInt and carried on the value as
// `big` (its `value` is then an unknown dim, so code that only reads dims sees "unknown",
// never a rounded number). Division by zero and float overflow raise Python's errors in run
// mode and are unknown values in analysis.
import { dimAdd, dimExactDiv, dimMul, dimSub, unknownDim, type Dim } from '../../shape/dim';
import { PyError } from './context';
import { UNKNOWN, concreteNumber, intValue, type IntValue, type Value } from './values';

/** An int too large for a double, kept exactly. */
export type BigIntValue = IntValue & { big?: bigint };

/** Ints past this many bits are left unknown rather than computed (Python would compute them). */
const MAX_BITS = 1 << 16;

/** The exact value of a concrete Python int or bool. */
export function exactInt(v: Value): bigint | null {
  if (v.kind === 'bool') return v.value === null ? null : v.value ? 1n : 0n;
  if (v.kind !== 'int') return null;
  if (typeof v.value === 'number') return Number.isSafeInteger(v.value) ? BigInt(v.value) : null;
  return (v as BigIntValue).big ?? null;
}

export function bigIntValue(n: bigint): IntValue {
  if (n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER)) return intValue(Number(n));
  const v: BigIntValue = { kind: 'int', value: unknownDim(), big: n };
  return v;
}

function raise(run: boolean, type: string, message: string): Value {
  if (run) throw new PyError(type, message);
  return UNKNOWN;
}

/** A Python number as a float, as Python converts it (an int too large for a float raises). */
function asFloat(v: Value, run: boolean): number | null | Value {
  const big = v.kind === 'int' ? (v as BigIntValue).big : undefined;
  if (big === undefined) return concreteNumber(v);
  const x = Number(big);
  return Number.isFinite(x) ? x : raise(run, 'OverflowError', 'int too large to convert to float');
}

/** Value kinds that are Python numbers. */
export const NUMBER_KINDS: ReadonlySet<string> = new Set(['int', 'float', 'bool']);

export function arith(op: string, a: Value, b: Value, run = false): Value | null {
  if (op === '@' && NUMBER_KINDS.has(a.kind) && NUMBER_KINDS.has(b.kind)) {
    return raise(run, 'TypeError', `unsupported operand type(s) for @: '${a.kind}' and '${b.kind}'`);
  }
  if ((a.kind === 'int' || a.kind === 'bool') && (b.kind === 'int' || b.kind === 'bool')) {
    const x: Dim = a.kind === 'int' ? a.value : a.value === null ? unknownDim() : Number(a.value);
    const y: Dim = b.kind === 'int' ? b.value : b.value === null ? unknownDim() : Number(b.value);
    const fast = typeof x === 'number' && typeof y === 'number' ? smallIntArith(op, x, y) : null;
    if (fast) return fast;
    const ex = exactInt(a);
    const ey = exactInt(b);
    if (ex !== null && ey !== null) return exactIntArith(op, ex, ey, run);
    if (op === '/') return { kind: 'float', value: null };
    // A number that is not exact (a double past 2^53) gives an unknown result, never a rounded one.
    if (typeof x === 'number' && typeof y === 'number') return intValue(unknownDim());
    if (op === '+') return intValue(dimAdd(x, y));
    if (op === '-') return intValue(dimSub(x, y));
    if (op === '*') return intValue(dimMul(x, y));
    if (op === '//') return intValue(dimExactDiv(x, y) ?? unknownDim());
    return intValue(unknownDim());
  }
  const numeric = (v: Value) => v.kind === 'int' || v.kind === 'float' || v.kind === 'bool';
  if (numeric(a) && numeric(b)) {
    const x = asFloat(a, run);
    const y = asFloat(b, run);
    if (typeof x === 'object' && x !== null) return x;
    if (typeof y === 'object' && y !== null) return y;
    if (x === null || y === null) return { kind: 'float', value: null };
    return floatArith(op, x, y, run);
  }
  if ((a.kind === 'list' || a.kind === 'tuple') && a.kind === b.kind && op === '+') return { kind: a.kind, items: [...a.items, ...b.items] };
  if ((a.kind === 'list' || a.kind === 'tuple') && b.kind === 'int' && op === '*' && typeof b.value === 'number' && b.value * a.items.length <= 4096) {
    return { kind: a.kind, items: Array.from({ length: b.value }, () => a.items).flat() };
  }
  if (a.kind === 'str' && b.kind === 'str' && op === '+') return { kind: 'str', value: a.value + b.value };
  // "-" * 40 for a printed rule; a giant string stays unknown rather than being built.
  if (op === '*' && ((a.kind === 'str' && b.kind === 'int') || (a.kind === 'int' && b.kind === 'str'))) {
    const [text, count] = a.kind === 'str' ? [a.value, b.value] : [(b as { value: string }).value, a.value];
    if (typeof count === 'number' && Math.max(count, 0) * text.length <= 1_000_000) return { kind: 'str', value: text.repeat(Math.max(count, 0)) };
  }
  return null;
}

const SMALL = 2 ** 31;

/** The common case in doubles, when the result is provably exact; null to take the BigInt path. */
function smallIntArith(op: string, x: number, y: number): Value | null {
  if (!Number.isSafeInteger(x) || !Number.isSafeInteger(y)) return null;
  if (op === '+' || op === '-' || op === '*') {
    // A double result within 2^53 means the exact result was within 2^53, so it is exact.
    const r = op === '+' ? x + y : op === '-' ? x - y : x * y;
    return Number.isSafeInteger(r) ? intValue(r + 0) : null;
  }
  if ((op === '//' || op === '%') && y !== 0 && Math.abs(x) < SMALL && Math.abs(y) < SMALL) {
    const q = Math.floor(x / y);
    return intValue(op === '//' ? q + 0 : x - q * y + 0);
  }
  return null;
}

/** Bits of |n|, to within 3 (enough for a size cap). */
function bitLength(n: bigint): number {
  return (n < 0n ? -n : n).toString(16).length * 4;
}

/** A result too large to keep (a loop squaring an int would otherwise exhaust memory) is unknown. */
function capped(n: bigint): Value {
  return bitLength(n) > MAX_BITS ? intValue(unknownDim()) : bigIntValue(n);
}

function exactIntArith(op: string, x: bigint, y: bigint, run: boolean): Value {
  switch (op) {
    case '+':
      return capped(x + y);
    case '-':
      return capped(x - y);
    case '*':
      return bitLength(x) + bitLength(y) > MAX_BITS + 8 ? intValue(unknownDim()) : capped(x * y);
    case '//':
    case '%': {
      if (y === 0n) return raise(run, 'ZeroDivisionError', op === '//' ? 'integer division or modulo by zero' : 'integer modulo by zero');
      let q = x / y;
      if (x % y !== 0n && (x < 0n) !== (y < 0n)) q -= 1n;
      return bigIntValue(op === '//' ? q : x - q * y);
    }
    case '/': {
      if (y === 0n) return raise(run, 'ZeroDivisionError', 'division by zero');
      const safe = (n: bigint) => n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER);
      // Both exact in doubles, so one division rounds once, as Python's does; otherwise unknown.
      return { kind: 'float', value: safe(x) && safe(y) ? Number(x) / Number(y) : null };
    }
    case '**': {
      if (y < 0n) {
        // Python computes int ** negative int in floats.
        const fx = Number(x);
        return Number.isFinite(fx) ? floatArith('**', fx, Number(y), run) : { kind: 'float', value: null };
      }
      if (x === 0n || x === 1n) return bigIntValue(y === 0n ? 1n : x);
      if (x === -1n) return bigIntValue(y % 2n === 0n ? 1n : -1n);
      if (BigInt(bitLength(x) - 3) * y > BigInt(MAX_BITS)) return intValue(unknownDim());
      return capped(x ** y);
    }
    default:
      return intValue(unknownDim());
  }
}

/** Python's float ops (Objects/floatobject.c): fmod-based // and %, and pow's special cases. */
function floatArith(op: string, x: number, y: number, run: boolean): Value {
  const float = (value: number | null): Value => ({ kind: 'float', value });
  switch (op) {
    case '+':
      return float(x + y);
    case '-':
      return float(x - y);
    case '*':
      return float(x * y);
    case '/':
      return y === 0 ? raise(run, 'ZeroDivisionError', 'float division by zero') : float(x / y);
    case '//': {
      if (y === 0) return raise(run, 'ZeroDivisionError', 'float floor division by zero');
      let mod = x % y;
      let div = (x - mod) / y;
      if (mod !== 0) {
        if (y < 0 !== mod < 0) {
          mod += y;
          div -= 1;
        }
      }
      if (div === 0) {
        const q = x / y;
        return float(q < 0 || Object.is(q, -0) ? -0 : 0);
      }
      let floordiv = Math.floor(div);
      if (div - floordiv > 0.5) floordiv += 1;
      return float(floordiv);
    }
    case '%': {
      if (y === 0) return raise(run, 'ZeroDivisionError', 'float modulo');
      let mod = x % y;
      if (mod !== 0) {
        if (y < 0 !== mod < 0) mod += y;
      } else mod = y < 0 ? -0 : 0;
      return float(mod);
    }
    case '**':
      return floatPow(x, y, run);
    default:
      return float(null);
  }
}

function floatPow(x: number, y: number, run: boolean): Value {
  const float = (value: number | null): Value => ({ kind: 'float', value });
  if (y === 0) return float(1);
  if (Number.isNaN(x)) return float(NaN);
  if (Number.isNaN(y)) return float(x === 1 ? 1 : NaN);
  if (!Number.isFinite(y)) {
    const ax = Math.abs(x);
    return float(ax === 1 ? 1 : (y > 0) === (ax > 1) ? Infinity : 0);
  }
  if (x === 0 && y < 0) return raise(run, 'ZeroDivisionError', '0.0 cannot be raised to a negative power');
  // A negative base to a fractional power is a complex number in Python.
  if (x < 0 && Number.isFinite(x) && !Number.isInteger(y)) return raise(run, 'UnsupportedError', 'complex numbers are not supported: a negative number to a fractional power is complex in Python');
  const r = x ** y;
  if (!Number.isFinite(r) && Number.isFinite(x)) return raise(run, 'OverflowError', "(34, 'Numerical result out of range')");
  return float(r);
}
