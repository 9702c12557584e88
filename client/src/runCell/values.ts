// Turns a run entry's JSON value into numbers for the pictures. JSON cannot carry inf/nan, so
// the server may send them as strings; anything else unreadable stays undefined (not drawn).

export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v !== 'string') return undefined;
  const s = v.trim().toLowerCase();
  if (s === 'inf' || s === '+inf' || s === 'infinity' || s === '+infinity') return Infinity;
  if (s === '-inf' || s === '-infinity') return -Infinity;
  if (s === 'nan' || s === '-nan') return NaN;
  const n = Number(s);
  return s !== '' && !Number.isNaN(n) ? n : undefined;
}

/** A 1-D array of numbers, or undefined if any element is not a number-like value. */
export function toVector(v: unknown): number[] | undefined {
  if (!Array.isArray(v) || v.length === 0) return undefined;
  const out: number[] = [];
  for (const x of v) {
    const n = toNumber(x);
    if (n === undefined) return undefined;
    out.push(n);
  }
  return out;
}

/** A rectangular 2-D array of numbers, or undefined. */
export function toMatrix(v: unknown): number[][] | undefined {
  if (!Array.isArray(v) || v.length === 0) return undefined;
  const rows: number[][] = [];
  for (const r of v) {
    const row = toVector(r);
    if (!row || (rows.length > 0 && row.length !== rows[0].length)) return undefined;
    rows.push(row);
  }
  return rows;
}

export interface FiniteRange {
  min: number;
  max: number;
}

/** Min and max over the finite values; undefined when none is finite. */
export function finiteRange(values: Iterable<number>): FiniteRange | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : undefined;
}

/** Short label for tooltips: 4 significant digits, torch's spelling of non-finite values. */
export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  if (Number.isInteger(v) && Math.abs(v) < 1e6) return String(v);
  return Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(3) : String(Number(v.toPrecision(4)));
}
