// What `run` reports for a value: its shape and dtype, a JSON-safe value (inf/nan as the
// strings "inf", "-inf", "nan"), and torch-style printed text.
import { tensorLib } from './concrete';
import type { Tensor } from '../../tensor/tensor';
import type { BigIntValue } from './arith';
import type { Value } from './values';

/** The largest tensor whose elements `run` lists in its JSON value. */
export const MAX_LISTED_ELEMENTS = 100_000;

function jsonSafe(v: unknown): unknown {
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'nan';
    if (v === Infinity) return 'inf';
    if (v === -Infinity) return '-inf';
    return v;
  }
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(jsonSafe);
  return v;
}

export function describeValue(v: Value): { shape: number[] | null; dtype: string | null; value: unknown } {
  switch (v.kind) {
    case 'tensor': {
      const t = v.sample as Tensor | undefined;
      if (!t) return { shape: null, dtype: v.dtype, value: null };
      // Nested JS arrays cost ~60 bytes an element: a 21M-element tensor ran the process out of
      // memory, and so did 2^31 empty rows of a zero-size tensor (hence max(d, 1)). Past the cap
      // the value is left out; shape, dtype and the printed summary remain.
      if (t.shape.reduce((a, b) => a * Math.max(b, 1), 1) > MAX_LISTED_ELEMENTS) return { shape: [...t.shape], dtype: t.dtype, value: null };
      const lib = tensorLib();
      return { shape: [...t.shape], dtype: t.dtype, value: lib ? jsonSafe(lib.toList(t)) : null };
    }
    case 'int':
      return { shape: null, dtype: null, value: typeof v.value === 'number' ? v.value : null };
    case 'float':
      return { shape: null, dtype: null, value: jsonSafe(v.value) };
    case 'bool':
      return { shape: null, dtype: null, value: v.value };
    case 'str':
      return { shape: null, dtype: null, value: v.value };
    case 'none':
      return { shape: null, dtype: null, value: null };
    case 'dtype':
      return { shape: null, dtype: null, value: `torch.${v.name}` };
    case 'tuple':
    case 'list': {
      if (v.isSize) return { shape: null, dtype: null, value: v.items.map((x) => describeValue(x).value) };
      return { shape: null, dtype: null, value: v.items.map((x) => describeValue(x).value) };
    }
    default:
      return { shape: null, dtype: null, value: null };
  }
}

/** Python's repr(float): the shortest round-trip digits, fixed for 1e-4 <= |x| < 1e16, else exponent. */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, expText] = Math.abs(x).toExponential().split('e');
  const exp = Number(expText);
  const digits = mantissa.replace('.', '');
  const sign = x < 0 ? '-' : '';
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const whole = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1);
  return `${sign}${whole}.${frac || '0'}`;
}

export function printValue(v: Value): string {
  switch (v.kind) {
    case 'tensor':
      return v.sample ? tensorLib()?.formatTensor(v.sample as Tensor) ?? 'tensor(?)' : 'tensor(?)';
    case 'int': {
      const big = (v as BigIntValue).big;
      return typeof v.value === 'number' ? String(v.value) : big !== undefined ? big.toString() : '?';
    }
    case 'float':
      return v.value === null ? '?' : pyFloat(v.value);
    case 'bool':
      return v.value === null ? '?' : v.value ? 'True' : 'False';
    case 'str':
      return `'${v.value}'`;
    case 'none':
      return 'None';
    case 'dtype':
      return `torch.${v.name}`;
    case 'tuple': {
      const items = v.items.map(printValue);
      if (v.isSize) return `torch.Size([${items.join(', ')}])`;
      if (v.names) return `torch.return_types(\n${v.names.map((n, i) => `${n}=${items[i]}`).join(',\n')})`;
      return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
    }
    case 'list':
      return `[${v.items.map(printValue).join(', ')}]`;
    default:
      return `<${v.kind}>`;
  }
}
