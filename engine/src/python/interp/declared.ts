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

/** jaxtyping `Float[Tensor, "batch n"]` or torchtyping `TensorType["batch", "n"]`; null for any other annotation. */
export function parseAnnotation(text: string): Declared | null {
  const t = parseTensorAnnotation(text);
  if (t === null) return null;
  // A family (`Float`, `Int`) names no single dtype, so only an exact one reaches the value.
  const exact = t.dtype.exact ?? (t.dtype.family === 'bool' ? 'bool' : undefined);
  return { shape: toShape(t.dims), dtype: exact !== undefined && VALUE_DTYPES.has(exact) ? (exact as DType) : null };
}

/** Parameter and return shapes a docstring states. */
export function parseDocstring(doc: string): DocstringShapes {
  return parseDocstringShapes(doc);
}

/** The shape a trailing comment states (`# (batch, 1)`, `# shape: (b, n)`), or null. */
export function parseShapeComment(comment: string): Shape | null {
  return readShapeComment(comment)?.shape ?? null;
}
