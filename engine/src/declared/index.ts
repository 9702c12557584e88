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
import { parseTorchtyping } from './torchtyping';
import type { DeclaredTensor } from './types';

/** Reads a parameter or return annotation in either typing library's syntax. */
export function parseTensorAnnotation(annotation: string): DeclaredTensor | null {
  return parseJaxtyping(annotation) ?? parseTorchtyping(annotation);
}
