// Python arithmetic on ints (possibly symbolic sizes), floats, sequences and strings.
import { dimAdd, dimExactDiv, dimMul, dimSub, unknownDim, type Dim } from '../../shape/dim';
import { UNKNOWN, concreteNumber, intValue, type Value } from './values';

export function arith(op: string, a: Value, b: Value): Value | null {
  if ((a.kind === 'int' || a.kind === 'bool') && (b.kind === 'int' || b.kind === 'bool')) {
    const x: Dim = a.kind === 'int' ? a.value : a.value === null ? unknownDim() : Number(a.value);
    const y: Dim = b.kind === 'int' ? b.value : b.value === null ? unknownDim() : Number(b.value);
    if (op === '+') return intValue(dimAdd(x, y));
    if (op === '-') return intValue(dimSub(x, y));
    if (op === '*') return intValue(dimMul(x, y));
    if (op === '//') {
      if (typeof x === 'number' && typeof y === 'number') return y === 0 ? { kind: 'unknown' } : intValue(Math.floor(x / y));
      return intValue((dimExactDiv(x, y) ?? unknownDim()));
    }
    if (typeof x === 'number' && typeof y === 'number') {
      if (op === '%') return y === 0 ? UNKNOWN : intValue(((x % y) + y) % y);
      if (op === '**') return y >= 0 && Number.isSafeInteger(x ** y) ? intValue(x ** y) : { kind: 'int', value: unknownDim() };
      if (op === '/') return { kind: 'float', value: y === 0 ? null : x / y };
    }
    return op === '/' ? { kind: 'float', value: null } : intValue(unknownDim());
  }
  const x = concreteNumber(a);
  const y = concreteNumber(b);
  const numeric = (v: Value) => v.kind === 'int' || v.kind === 'float' || v.kind === 'bool';
  if (numeric(a) && numeric(b)) {
    if (x === null || y === null) return { kind: 'float', value: null };
    const r = op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : op === '/' ? (y === 0 ? NaN : x / y) : op === '**' ? x ** y : op === '//' ? Math.floor(x / y) : op === '%' ? x - y * Math.floor(x / y) : NaN;
    return { kind: 'float', value: Number.isNaN(r) && op !== '**' ? null : r };
  }
  if ((a.kind === 'list' || a.kind === 'tuple') && a.kind === b.kind && op === '+') return { kind: a.kind, items: [...a.items, ...b.items] };
  if ((a.kind === 'list' || a.kind === 'tuple') && b.kind === 'int' && op === '*' && typeof b.value === 'number' && b.value * a.items.length <= 4096) {
    return { kind: a.kind, items: Array.from({ length: b.value }, () => a.items).flat() };
  }
  if (a.kind === 'str' && b.kind === 'str' && op === '+') return { kind: 'str', value: a.value + b.value };
  return null;
}
