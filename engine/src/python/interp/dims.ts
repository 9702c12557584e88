// Symbolic dims as the interpreter sees them. A dim is a plain number, a normalized
// polynomial over named symbols (`batch`, `h*w`, `n+1`), or an unknown size. Unknown sizes
// never produce an error: "provable or silent". Distinct symbols are treated as distinct
// sizes, so a mismatch between `batch` and `n` is reported "unless batch == n".

export interface Term {
  coef: number;
  /** Sorted symbol names; empty for the constant term. */
  vars: string[];
}

export interface SymDim {
  kind: 'sym';
  terms: Term[];
  key: string;
}

export interface UnknownDim {
  kind: 'unknown';
}

export type Dim = number | SymDim | UnknownDim;
export type Shape = Dim[];

export const UNKNOWN_DIM: UnknownDim = { kind: 'unknown' };

export function isUnknownDim(d: Dim): d is UnknownDim {
  return typeof d === 'object' && d.kind === 'unknown';
}

export function isSymDim(d: Dim): d is SymDim {
  return typeof d === 'object' && d.kind === 'sym';
}

function normalize(terms: Term[]): Dim {
  const merged = new Map<string, Term>();
  for (const t of terms) {
    const vars = [...t.vars].sort();
    const k = vars.join('*');
    const prev = merged.get(k);
    if (prev) prev.coef += t.coef;
    else merged.set(k, { coef: t.coef, vars });
  }
  const kept = [...merged.values()].filter((t) => t.coef !== 0);
  if (kept.length === 0) return 0;
  if (kept.length === 1 && kept[0].vars.length === 0) return kept[0].coef;
  kept.sort((a, b) => (a.vars.length === 0 ? 1 : b.vars.length === 0 ? -1 : a.vars.join('*').localeCompare(b.vars.join('*'))));
  return { kind: 'sym', terms: kept, key: formatTerms(kept) };
}

function formatTerms(terms: Term[]): string {
  let out = '';
  terms.forEach((t, i) => {
    const body = t.vars.length === 0 ? String(Math.abs(t.coef)) : (Math.abs(t.coef) === 1 ? '' : `${Math.abs(t.coef)}*`) + t.vars.join('*');
    if (i === 0) out = (t.coef < 0 ? '-' : '') + body;
    else out += (t.coef < 0 ? '-' : '+') + body;
  });
  return out;
}

function termsOf(d: number | SymDim): Term[] {
  return typeof d === 'number' ? [{ coef: d, vars: [] }] : d.terms;
}

export function sym(name: string): Dim {
  return { kind: 'sym', terms: [{ coef: 1, vars: [name] }], key: name };
}

export function dimAdd(a: Dim, b: Dim): Dim {
  if (isUnknownDim(a) || isUnknownDim(b)) return UNKNOWN_DIM;
  return normalize([...termsOf(a), ...termsOf(b)]);
}

export function dimSub(a: Dim, b: Dim): Dim {
  if (isUnknownDim(a) || isUnknownDim(b)) return UNKNOWN_DIM;
  return normalize([...termsOf(a), ...termsOf(b).map((t) => ({ coef: -t.coef, vars: t.vars }))]);
}

export function dimMul(a: Dim, b: Dim): Dim {
  if (a === 0 || b === 0) return 0;
  if (isUnknownDim(a) || isUnknownDim(b)) return UNKNOWN_DIM;
  const out: Term[] = [];
  for (const x of termsOf(a)) for (const y of termsOf(b)) out.push({ coef: x.coef * y.coef, vars: [...x.vars, ...y.vars] });
  return normalize(out);
}

/** Exact division only: `h*w / w` is `h`; anything inexact is unknown. */
export function dimDiv(a: Dim, b: Dim): Dim {
  if (isUnknownDim(a) || isUnknownDim(b)) return UNKNOWN_DIM;
  if (typeof a === 'number' && typeof b === 'number') return b !== 0 && a % b === 0 ? a / b : UNKNOWN_DIM;
  if (typeof b === 'number') {
    if (b === 0) return UNKNOWN_DIM;
    const terms = termsOf(a);
    return terms.every((t) => t.coef % b === 0) ? normalize(terms.map((t) => ({ coef: t.coef / b, vars: t.vars }))) : UNKNOWN_DIM;
  }
  const bt = termsOf(b);
  if (bt.length !== 1) return dimEqual(a, b) === true ? 1 : UNKNOWN_DIM;
  const divisor = bt[0];
  const out: Term[] = [];
  for (const t of termsOf(a)) {
    const vars = [...t.vars];
    for (const v of divisor.vars) {
      const i = vars.indexOf(v);
      if (i < 0) return UNKNOWN_DIM;
      vars.splice(i, 1);
    }
    if (t.coef % divisor.coef !== 0) return UNKNOWN_DIM;
    out.push({ coef: t.coef / divisor.coef, vars });
  }
  return normalize(out);
}

/** true / false when provable under "distinct symbols are distinct sizes"; null when unknown. */
export function dimEqual(a: Dim, b: Dim): boolean | null {
  if (isUnknownDim(a) || isUnknownDim(b)) return null;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (typeof a === 'number' || typeof b === 'number') {
    // A symbol against a constant: `n` may well be 3, so this is not provable unless the
    // difference is a nonzero constant (`n+1` vs `n` is never equal).
    const diff = dimSub(a, b);
    if (typeof diff === 'number') return diff === 0;
    return null;
  }
  if (a.key === b.key) return true;
  const diff = dimSub(a, b);
  if (typeof diff === 'number') return diff === 0;
  return false;
}

/** Whether a dim is provably not 1 (a constant other than 1). Symbols may be 1. */
export function dimIsOne(d: Dim): boolean | null {
  if (typeof d === 'number') return d === 1;
  return null;
}

export function formatDim(d: Dim): string {
  if (typeof d === 'number') return String(d);
  if (d.kind === 'unknown') return '?';
  return d.key;
}

export function formatShape(shape: Shape | null): string {
  if (shape === null) return '(?)';
  if (shape.length === 1) return `(${formatDim(shape[0])},)`;
  return `(${shape.map(formatDim).join(', ')})`;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => dimEqual(d, b[i]) === true);
}

/** Symbols appearing in a dim, for sample binding. */
export function dimSymbols(d: Dim): string[] {
  if (!isSymDim(d)) return [];
  return [...new Set(d.terms.flatMap((t) => t.vars))];
}

/** Evaluates a dim under a binding of symbols to sizes; null when a symbol is unbound. */
export function evalDim(d: Dim, binding: Record<string, number>): number | null {
  if (typeof d === 'number') return d;
  if (d.kind === 'unknown') return null;
  let total = 0;
  for (const t of d.terms) {
    let v = t.coef;
    for (const s of t.vars) {
      if (binding[s] === undefined) return null;
      v *= binding[s];
    }
    total += v;
  }
  return total;
}

export function numel(shape: Shape): Dim {
  return shape.reduce<Dim>((acc, d) => dimMul(acc, d), 1);
}

/** Joins two dims after control flow: equal dims stay, anything else is unknown. */
export function joinDim(a: Dim, b: Dim): Dim {
  return dimEqual(a, b) === true ? a : UNKNOWN_DIM;
}
