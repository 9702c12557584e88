// Declared shapes read from text: annotations, docstrings, comments and asserts. Pure
// functions over strings; the interpreter passes the text and binds what comes back.
export * from './types';
export { parseDimExpr, parseDim, dimExprToDim, dimExprNames } from './dimExpr';
export type { DimExpr } from './dimExpr';
export { parseJaxtyping, parseJaxtypingShape, jaxtypingDtype } from './jaxtyping';
export { parseTorchtyping } from './torchtyping';
export { parseDocstringShapes, shapeTextIn } from './docstring';
export type { DocstringShapes } from './docstring';
export { parseShapeComment, parseShapeComments } from './comment';
export type { ShapeComment } from './comment';
export { bindDeclared, instantiateDeclared, emptyBindings } from './bind';
export type { DeclBindings, BindResult } from './bind';
export { parseShapeAssert, parseDimAssert, parseAssertShapeRhs, assertShapeItems } from './assertShape';
export type { ShapeAssert, DimAssert } from './assertShape';

import { parseJaxtyping } from './jaxtyping';
import { splitTopLevel, subscriptForm } from './text';
import { parseTorchtyping } from './torchtyping';
import type { DeclaredTensor } from './types';

/** `Optional[X]`, `Union[X, None]`, `X | None`: the X, or null when the text is not that form. */
function unwrapOptional(annotation: string): string | null {
  const form = subscriptForm(annotation);
  if (form !== null && /^(typing\.)?Optional$/.test(form.head)) return form.args;
  if (form !== null && /^(typing\.)?Union$/.test(form.head)) {
    const parts = splitTopLevel(form.args)?.map((p) => p.trim());
    if (parts?.length === 2 && parts.includes('None')) return parts.find((p) => p !== 'None')!;
    return null;
  }
  const parts = splitTopLevel(annotation, '|')?.map((p) => p.trim());
  if (parts?.length === 2 && parts.includes('None')) return parts.find((p) => p !== 'None')!;
  return null;
}

/** Reads a parameter or return annotation in either typing library's syntax. */
export function parseTensorAnnotation(annotation: string): DeclaredTensor | null {
  const direct = parseJaxtyping(annotation) ?? parseTorchtyping(annotation);
  if (direct !== null) return direct;
  const inner = unwrapOptional(annotation.trim());
  if (inner === null) return null;
  const decl = parseJaxtyping(inner) ?? parseTorchtyping(inner);
  return decl === null ? null : { ...decl, optional: true };
}
