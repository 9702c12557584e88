// What a `for` loop, a comprehension or unpacking sees when it iterates a value: a list of
// items when the interpreter knows them all, else null.
import { UNKNOWN, intValue, type Value } from './values';

export function iterate(v: Value, limit: number): Value[] | null {
  switch (v.kind) {
    case 'tuple':
    case 'list':
      return v.items;
    case 'dict':
      return [...v.entries.keys()].map((k) => ({ kind: 'str', value: k }));
    case 'str':
      return v.value.length <= limit ? [...v.value].map((ch) => ({ kind: 'str', value: ch })) : null;
    case 'nn':
      return v.type === 'Sequential' || v.type === 'ModuleList' ? v.children : null;
    case 'tensor': {
      // Iterating a tensor yields its rows; with a known first dim the count is known.
      const first = v.shape?.[0];
      if (!v.shape || typeof first !== 'number' || first > limit) return null;
      return Array.from({ length: first }, () => ({ ...v, shape: v.shape!.slice(1) }));
    }
    case 'range':
      if (v.start === null || v.stop === null || v.step === null) return null;
      return rangeItems(v.start, v.stop, v.step, limit);
    default:
      return null;
  }
}

/** `range(a, b, c)` as ints when concrete and small; otherwise null. */
export function rangeItems(start: number, stop: number, step: number, limit: number): Value[] | null {
  if (step === 0) return null;
  const n = Math.max(0, Math.ceil((stop - start) / step));
  if (n > limit) return null;
  return Array.from({ length: n }, (_, i) => intValue(start + i * step));
}

export { UNKNOWN };
