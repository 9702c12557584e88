// Declared shapes read from annotations, docstrings and trailing comments, as the
// interpreter needs them: parameter shapes for analysing a function on its own, and a
// shape for a value the analysis could not compute.
import { UNKNOWN_DIM, dimAdd, dimMul, dimSub, sym, type Dim, type Shape } from './dims';
import type { DType } from './values';

export interface Declared {
  /** null: a tensor of unknown shape (e.g. jaxtyping `"..."` or `*batch`). */
  shape: Shape | null;
  dtype: DType | null;
}

/** One dim expression: `batch`, `3`, `h*w`, `n+1`, `_`, `?`. null when it is none of those. */
export function parseDimText(text: string): Dim | null {
  const t = text.trim().replace(/^\((.*)\)$/, '$1');
  if (t === '' ) return null;
  if (t === '_' || t === '?' || /^_\w*$/.test(t)) return UNKNOWN_DIM;
  if (/^\d+$/.test(t)) return Number(t);
  if (/^[A-Za-z_][\w.]*$/.test(t)) return sym(t);
  const plus = splitOp(t, '+') ?? splitOp(t, '-');
  if (plus) {
    const [a, op, b] = plus;
    const da = parseDimText(a);
    const db = parseDimText(b);
    if (da === null || db === null) return null;
    return op === '+' ? dimAdd(da, db) : dimSub(da, db);
  }
  const times = splitOp(t, '*');
  if (times) {
    const da = parseDimText(times[0]);
    const db = parseDimText(times[2]);
    return da === null || db === null ? null : dimMul(da, db);
  }
  return null;
}

function splitOp(t: string, op: string): [string, string, string] | null {
  let depth = 0;
  for (let i = t.length - 1; i > 0; i--) {
    const ch = t[i];
    if (ch === ')') depth++;
    else if (ch === '(') depth--;
    else if (depth === 0 && ch === op) return [t.slice(0, i), op, t.slice(i + 1)];
  }
  return null;
}

/** `(batch, n)`, `(batch, )`, `[b, n]`, `()` -> a Shape; null when an item is not a dim. */
export function parseShapeTuple(text: string): Shape | null {
  const m = /^\s*[([]\s*(.*?)\s*[)\]]\s*$/s.exec(text);
  if (!m) return null;
  if (m[1] === '') return [];
  const items = m[1].split(',').map((s) => s.trim());
  if (items[items.length - 1] === '') items.pop();
  const out: Shape = [];
  for (const it of items) {
    const d = parseDimText(it);
    if (d === null) return null;
    out.push(d);
  }
  return out;
}

const JAX_DTYPES: Record<string, DType | null> = {
  Float: null, Float32: 'float32', Float64: 'float64', Int: null, Int64: 'int64', Long: 'int64', Bool: 'bool', Shaped: null, Num: null, Real: null,
};

type DeclaredLib = typeof import('../../declared/index');
let declaredLib: DeclaredLib | null | undefined;

/** The declared-shapes module (richer forms), loaded on first use; this file's parsers are the fallback. */
function lib(): DeclaredLib | null {
  if (declaredLib === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      declaredLib = require('../../declared/index') as DeclaredLib;
    } catch {
      declaredLib = null;
    }
  }
  return declaredLib;
}

const EXACT_DTYPES = new Set<string>(['float32', 'float64', 'float16', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool']);

/** jaxtyping `Float[Tensor, "batch n"]` or torchtyping `TensorType["batch", "n"]`. */
export function parseAnnotation(text: string): Declared | null {
  const l = lib();
  if (l) {
    try {
      const t = l.parseTensorAnnotation(text);
      if (t) {
        const shape = l.toShape(t.dims);
        const exact = t.dtype.exact ?? (t.dtype.family === 'bool' ? 'bool' : undefined);
        return { shape: shape ? [...shape] as Shape : null, dtype: exact && EXACT_DTYPES.has(exact) ? exact as DType : null };
      }
      return parseAnnotationFallback(text);
    } catch {
      return parseAnnotationFallback(text);
    }
  }
  return parseAnnotationFallback(text);
}

function parseAnnotationFallback(text: string): Declared | null {
  const t = text.trim().replace(/^["']|["']$/g, '');
  const jax = /^(?:jaxtyping\.|jt\.)?(\w+)\[\s*([\w.]+)\s*,\s*(["'])(.*)\3\s*\]$/.exec(t);
  if (jax && jax[1] in JAX_DTYPES) {
    const dtype = JAX_DTYPES[jax[1]];
    const family = jax[1].startsWith('Int') || jax[1] === 'Long' ? 'int64' : jax[1].startsWith('Float') ? 'float32' : null;
    const tokens = jax[4].trim().split(/\s+/).filter(Boolean);
    if (tokens.some((tok) => tok === '...' || tok.startsWith('*') || tok.startsWith('#'))) return { shape: null, dtype: dtype ?? null };
    const shape: Shape = [];
    for (const tok of tokens) {
      const d = parseDimText(tok.includes('=') ? tok.split('=')[0] : tok);
      if (d === null) return { shape: null, dtype: dtype ?? null };
      shape.push(d);
    }
    return { shape, dtype: dtype ?? (family === 'int64' && jax[1] === 'Int' ? null : null) };
  }
  const tt = /^(?:torchtyping\.)?TensorType\[(.*)\]$/.exec(t);
  if (tt) {
    const shape: Shape = [];
    let dtype: DType | null = null;
    for (const raw of tt[1].split(',').map((s) => s.trim()).filter(Boolean)) {
      const str = /^(["'])(.*)\1$/.exec(raw);
      if (str) {
        const d = parseDimText(str[2].split(':').pop()!);
        if (d === null) return { shape: null, dtype };
        shape.push(d);
      } else if (/^-?\d+$/.test(raw)) {
        shape.push(Number(raw) < 0 ? UNKNOWN_DIM : Number(raw));
      } else if (raw === 'float' || raw === 'torch.float32') dtype = 'float32';
      else if (raw === 'int' || raw === 'torch.long' || raw === 'torch.int64') dtype = 'int64';
      else if (raw === 'bool' || raw === 'torch.bool') dtype = 'bool';
      else if (raw === '...') return { shape: null, dtype };
      else return { shape: null, dtype };
    }
    return { shape, dtype };
  }
  return null;
}

/** Docstring forms: `name: shape (b, n)`, `name : Tensor of shape (B, N)`, `name (Tensor): shape (B, N)`. */
export function parseDocstring(doc: string): { params: Map<string, Shape>; returns?: Shape } {
  const l = lib();
  if (l) {
    try {
      const d = l.parseDocstringShapes(doc);
      const params = new Map<string, Shape>([...d.params].map(([k, v]) => [k, [...v] as Shape]));
      const fallback = parseDocstringFallback(doc);
      // Keep whatever either parser understood; the module's reading wins where both did.
      for (const [k, v] of fallback.params) if (!params.has(k)) params.set(k, v);
      const returns = d.returns ? ([...d.returns] as Shape) : fallback.returns;
      return returns ? { params, returns } : { params };
    } catch {
      return parseDocstringFallback(doc);
    }
  }
  return parseDocstringFallback(doc);
}

function parseDocstringFallback(doc: string): { params: Map<string, Shape>; returns?: Shape } {
  const params = new Map<string, Shape>();
  let returns: Shape | undefined;
  for (const line of doc.split(/\r?\n/)) {
    const m = /^\s*(?::param\s+)?(\*{0,2}[A-Za-z_]\w*)\s*(?:\([^)]*\))?\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const shapeText = /\bshaped?\b\s*[:=]?\s*([([][^)\]]*[)\]])/i.exec(m[2])?.[1] ?? /^([([][^)\]]*[)\]])\s*(?:tensor|array|matrix)?\.?\s*$/i.exec(m[2].trim())?.[1];
    if (!shapeText) continue;
    const shape = parseShapeTuple(shapeText);
    if (!shape) continue;
    const name = m[1].replace(/^\*+/, '');
    if (/^returns?$/i.test(name) || /^outputs?$/i.test(name)) returns ??= shape;
    else if (!params.has(name)) params.set(name, shape);
  }
  return returns ? { params, returns } : { params };
}

/** A trailing comment that states a shape: `# (batch, 1)`, `# shape: (b, n)`, `# -> (b, n)`. */
export function parseShapeComment(comment: string): Shape | null {
  const m = /^#\s*(?:shape\s*[:=]?\s*|->\s*|→\s*)?([([][^)\]]*[)\]])\s*$/i.exec(comment.trim());
  return m ? parseShapeTuple(m[1]) : null;
}
