// Declared shapes as the interpreter consumes them: the shared readers in engine/src/declared
// do the parsing; this adapter narrows their richer results (variadic groups, dtype families)
// to what a value can carry, a plain shape or none plus one exact dtype.
import {
  parseDocstringShapes, parseShapeComment as readShapeComment, parseTensorAnnotation, toShape, type DocstringShapes,
} from '../../declared/index';
import type { Shape } from '../../shape/dim';
import type { DType } from './values';

export interface Declared {
  /** null: a tensor of unknown shape (e.g. jaxtyping `"..."` or `*batch`). */
  shape: Shape | null;
  dtype: DType | null;
}

const VALUE_DTYPES = new Set<string>(['float32', 'float64', 'float16', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool']);

/**
 * Parses are pure functions of the text, and the same docstrings and annotations come back on
 * every keystroke, so their results are kept across analyses. Nothing downstream mutates a
 * declared shape (values share their shapes freely), so sharing a result is safe. Past the
 * bound a cache starts over.
 */
const MAX_CACHED = 1024;
const annotationCache = new Map<string, Declared | null>();
const docstringCache = new Map<string, DocstringShapes>();

function remember<T>(cache: Map<string, T>, key: string, compute: (key: string) => T): T {
  const hit = cache.get(key);
  if (hit !== undefined || cache.has(key)) return hit as T;
  // A node's text is a slice that keeps the whole source text of its analysis alive, and so
  // would any slice of it in the result: both are made from a copy of the text's own
  // (JSON.parse makes a fresh string).
  const own = JSON.parse(JSON.stringify(key)) as string;
  const value = compute(own);
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(own, value);
  return value;
}

/** jaxtyping `Float[Tensor, "batch n"]` or torchtyping `TensorType["batch", "n"]`; null for any other annotation. */
export function parseAnnotation(text: string): Declared | null {
  return remember(annotationCache, text, readAnnotation);
}

function readAnnotation(text: string): Declared | null {
  const t = parseTensorAnnotation(text);
  if (t === null) return null;
  // A family (`Float`, `Int`) names no single dtype, so only an exact one reaches the value.
  const exact = t.dtype.exact ?? (t.dtype.family === 'bool' ? 'bool' : undefined);
  return { shape: toShape(t.dims), dtype: exact !== undefined && VALUE_DTYPES.has(exact) ? (exact as DType) : null };
}

/** Parameter and return shapes a docstring states. */
export function parseDocstring(doc: string): DocstringShapes {
  return remember(docstringCache, doc, parseDocstringShapes);
}

/** The shape a trailing comment states (`# (batch, 1)`, `# shape: (b, n)`), or null. */
export function parseShapeComment(comment: string): Shape | null {
  return readShapeComment(comment)?.shape ?? null;
}
