// Symbolic dims. A dim is a plain number, a normalized polynomial over named symbols
// (`batch`, `h*w`, `n+1`, `2*c`), or an unknown size. Unknown sizes never produce an error:
// "provable or silent". Distinct symbols are treated as distinct sizes.

export interface Term {
  coef: number;
  /** Sorted symbol names; empty for the constant term. */
  vars: string[];
}

export interface SymDim {
  kind: 'sym';
  terms: Term[];
  /** Canonical text; equal expressions have equal keys. */
  key: string;
}

export interface UnknownDim {
  kind: 'unknown';
  /** Distinguishes unknowns for display only; two unknowns are never provably equal. */
  label?: string;
}

export type Dim = number | SymDim | UnknownDim;
export type Shape = readonly Dim[];

const UNKNOWN: UnknownDim = { kind: 'unknown' };

export function unknownDim(label?: string): Dim {
  return label ? { kind: 'unknown', label } : UNKNOWN;
}

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
  // Code-unit order (not locale order), constant term last, so keys are the same everywhere.
  const order = (t: Term) => (t.vars.length === 0 ? '\uffff' : t.vars.join('*'));
  kept.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
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
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (isUnknownDim(a) || isUnknownDim(b)) return UNKNOWN;
  return normalize([...termsOf(a), ...termsOf(b)]);
}

export function dimSub(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (isUnknownDim(a) || isUnknownDim(b)) return UNKNOWN;
  return normalize([...termsOf(a), ...termsOf(b).map((t) => ({ coef: -t.coef, vars: t.vars }))]);
}

export function dimMul(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number') return a * b;
  if (a === 0 || b === 0) return 0;
  if (isUnknownDim(a) || isUnknownDim(b)) return UNKNOWN;
  const out: Term[] = [];
  for (const x of termsOf(a)) for (const y of termsOf(b)) out.push({ coef: x.coef * y.coef, vars: [...x.vars, ...y.vars] });
  return normalize(out);
}

/** Exact division (`h*w // w` is `h`); numbers floor-divide; inexact symbolic division is unknown. */
export function dimFloorDiv(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number') return b === 0 ? UNKNOWN : Math.floor(a / b);
  return dimExactDiv(a, b) ?? UNKNOWN;
}

/** a / b when b divides a exactly (symbolically), else undefined. */
export function dimExactDiv(a: Dim, b: Dim): Dim | undefined {
  if (isUnknownDim(a) || isUnknownDim(b)) return undefined;
  if (typeof a === 'number' && typeof b === 'number') return b !== 0 && a % b === 0 ? a / b : undefined;
  if (typeof b === 'number') {
    if (b === 0) return undefined;
    const terms = termsOf(a);
    return terms.every((t) => t.coef % b === 0) ? normalize(terms.map((t) => ({ coef: t.coef / b, vars: t.vars }))) : undefined;
  }
  const bt = termsOf(b);
  if (bt.length !== 1) {
    // A sum divides exactly when a is a single-term multiple of it: (h*n+h) / (n+1) = h.
    const lead = (ts: Term[]) => ts.reduce((best, t) => (t.vars.length > best.vars.length ? t : best));
    const q = dimExactDiv(normalize([lead(termsOf(a))]), normalize([lead(bt)]));
    return q !== undefined && dimEquals(dimMul(q, b), a) ? q : undefined;
  }
  const divisor = bt[0];
  const out: Term[] = [];
  for (const t of termsOf(a)) {
    const vars = [...t.vars];
    for (const v of divisor.vars) {
      const i = vars.indexOf(v);
      if (i < 0) return undefined;
      vars.splice(i, 1);
    }
    if (t.coef % divisor.coef !== 0) return undefined;
    out.push({ coef: t.coef / divisor.coef, vars });
  }
  return normalize(out);
}

/** Structural equality after normalization. Unknown dims are never equal to anything. */
export function dimEquals(a: Dim, b: Dim): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (isUnknownDim(a) || isUnknownDim(b)) return false;
  if (typeof a === 'number' || typeof b === 'number') return false;
  return a.key === b.key;
}

/**
 * Provably different under "distinct symbols are distinct sizes": two different numbers, two
 * different symbolic expressions, or a symbol and a number whose difference is a nonzero
 * constant. A symbol against a number (`n` vs 3) is not provable: n may be 3. Unknown: never.
 */
export function dimKnownDifferent(a: Dim, b: Dim): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a !== b;
  if (isUnknownDim(a) || isUnknownDim(b)) return false;
  const diff = dimSub(a, b);
  if (typeof diff === 'number') return diff !== 0;
  if (typeof a === 'number' || typeof b === 'number') return false;
  return a.key !== b.key;
}

/** A dim that may be 1 at run time (so broadcasting or squeeze could silently apply). */
export function dimCanBeOne(d: Dim): boolean {
  if (typeof d === 'number') return d === 1;
  if (isUnknownDim(d)) return true;
  // A lone symbol (batch) can be 1; n+1 or 2*c cannot.
  return d.terms.length === 1 && d.terms[0].coef === 1 && d.terms[0].vars.length >= 1;
}

export function isSymbolic(d: Dim): boolean {
  return typeof d !== 'number';
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
  return a.length === b.length && a.every((d, i) => dimEquals(d, b[i]));
}

export function isConcrete(s: Shape): s is readonly number[] {
  return s.every((d) => typeof d === 'number');
}

export function dimSymbols(d: Dim): string[] {
  if (!isSymDim(d)) return [];
  return [...new Set(d.terms.flatMap((t) => t.vars))];
}

export function evalDim(d: Dim, binding: Record<string, number>): number | undefined {
  if (typeof d === 'number') return d;
  if (d.kind === 'unknown') return undefined;
  let total = 0;
  for (const t of d.terms) {
    let v = t.coef;
    for (const s of t.vars) {
      if (binding[s] === undefined) return undefined;
      v *= binding[s];
    }
    total += v;
  }
  return total;
}

export function shapeNumel(shape: Shape): Dim {
  let acc: Dim = 1;
  for (const d of shape) acc = dimMul(acc, d);
  return acc;
}

/** Joins two dims after control flow: equal dims stay, anything else is unknown. */
export function joinDim(a: Dim, b: Dim): Dim {
  return dimEquals(a, b) ? a : UNKNOWN;
}

const SAMPLE_SIZES = [3, 5, 7, 11, 13, 4, 6, 9, 10, 12, 14, 15, 17, 19];

/** Gives every named symbol a distinct small sample size, so mixing up two dims shows. */
export function bindSamples(shapes: readonly Shape[], overrides: Record<string, number> = {}): Record<string, number> {
  const binding: Record<string, number> = { ...overrides };
  const used = new Set(Object.values(binding));
  let next = 0;
  for (const shape of shapes) {
    for (const d of shape) {
      for (const s of dimSymbols(d)) {
        if (binding[s] !== undefined) continue;
        while (next < SAMPLE_SIZES.length && used.has(SAMPLE_SIZES[next])) next++;
        const size = next < SAMPLE_SIZES.length ? SAMPLE_SIZES[next++] : 20 + next++;
        binding[s] = size;
        used.add(size);
      }
    }
  }
  return binding;
}

export function concretize(shape: Shape, binding: Record<string, number>): number[] | undefined {
  const out: number[] = [];
  for (const d of shape) {
    const v = evalDim(d, binding);
    if (v === undefined || !Number.isInteger(v) || v < 0) return undefined;
    out.push(v);
  }
  return out;
}

/**
 * Parses shape text: "batch n", "(batch, n)", "[B, N]", "h*w n+1 3". Returns undefined when an
 * item does not look like a dim.
 */
export function parseShapeText(text: string): Shape | undefined {
  const body = text.trim().replace(/^[([]\s*/, '').replace(/\s*[)\]]$/, '');
  if (body === '') return [];
  const items = body.includes(',') ? body.split(',').map((s) => s.trim()).filter((s) => s !== '') : body.split(/\s+/);
  const out: Dim[] = [];
  for (const item of items) {
    const d = parseDimText(item);
    if (d === undefined) return undefined;
    out.push(d);
  }
  return out;
}

function parseDimText(item: string): Dim | undefined {
  const compact = item.replace(/\s+/g, '');
  if (!/^[A-Za-z_0-9*+\-]+$/.test(compact)) return undefined;
  let total: Dim = 0;
  for (const [i, part] of compact.split(/(?=[+-])/).entries()) {
    const sign = part.startsWith('-') ? -1 : 1;
    const body = part.replace(/^[+-]/, '');
    if (body === '' && i > 0) return undefined;
    let product: Dim = sign;
    for (const factor of body.split('*')) {
      if (/^\d+$/.test(factor)) product = dimMul(product, Number(factor));
      else if (/^[A-Za-z_]\w*$/.test(factor)) product = dimMul(product, sym(factor));
      else return undefined;
    }
    total = dimAdd(total, product);
  }
  return total;
}

/** Alias kept for callers that name exact division this way. */
export const dimDivExact = dimExactDiv;
