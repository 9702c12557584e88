// Shape rules for the table's `meta` functions: a thin layer over the symbolic shape module
// (engine/src/shape), which throws ShapeError (with `torchType`) exactly when torch would
// raise and returns unknown dims where it cannot prove a size. This file adds what the
// table needs around it: reduction dim lists, numel checks, and MetaUnknown for results
// that depend on tensor data.
import * as S from '../shape';
import { runtimeError } from '../tensor/errors';

export type Dim = S.Dim;
export type MShape = S.Shape;

/** Thrown when the result depends on data (not on shapes): the caller treats it as unknown. */
export class MetaUnknown extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'MetaUnknown';
  }
}

export function dimKey(d: Dim): string {
  return typeof d === 'number' ? String(d) : S.isUnknownDim(d) ? '?' : d.key;
}

/** Provably the same size. */
export const sameDim = (a: Dim, b: Dim): boolean => S.dimEquals(a, b);

/** Provably different sizes (distinct symbols are different; a symbol may equal a number). */
export const differ = (a: Dim, b: Dim): boolean => S.dimKnownDifferent(a, b);

export const fmtDim = (d: Dim): string => S.formatDim(d);

export function fmtShape(shape: MShape): string {
  return `[${shape.map(S.formatDim).join(', ')}]`;
}

export function numel(shape: MShape): number | null {
  const n = S.shapeNumel(shape);
  return typeof n === 'number' ? n : null;
}

export function normDim(dim: number, ndim: number): number {
  return S.normalizeDim('dim', dim, ndim);
}

/** A reduction's dims: null or [] means all; duplicates raise. */
export function normDims(dims: number | readonly number[] | null, ndim: number): number[] {
  if (dims === null) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof dims === 'number' ? [dims] : [...dims];
  if (list.length === 0) return Array.from({ length: ndim }, (_, i) => i);
  const seen = new Set<number>();
  for (const d of list) {
    const nd = normDim(d, ndim);
    if (seen.has(nd)) throw runtimeError(`dim ${nd} appears multiple times in the list of dims`);
    seen.add(nd);
  }
  return ndim === 0 ? [] : [...seen].sort((a, b) => a - b);
}

export const broadcast = (a: MShape, b: MShape): Dim[] => [...S.broadcastShapes('broadcast', a, b)];
export const broadcastAll = (shapes: readonly MShape[]): Dim[] => [...S.broadcastAll('broadcast', shapes)];
export const reduce = (shape: MShape, dims: readonly number[], keepdim: boolean): Dim[] =>
  [...S.reduceShape('reduce', shape, dims, keepdim)];
export const inferView = (shape: MShape, target: readonly Dim[]): Dim[] => [...S.reshapeShape('view', shape, target)];
export const matmulShape = (a: MShape, b: MShape): Dim[] => [...S.matmulShape('matmul', a, b)];
export const catShape = (shapes: readonly MShape[], dim: number): Dim[] => [...S.catShape('cat', shapes, dim)];
export const stackShape = (shapes: readonly MShape[], dim: number): Dim[] => [...S.stackShape('stack', shapes, dim)];
export const permuteShape = (shape: MShape, dims: readonly number[]): Dim[] => [...S.permuteShape('permute', shape, dims)];
export const transposeShape = (shape: MShape, a: number, b: number): Dim[] => [...S.transposeShape('transpose', shape, a, b)];
export const expandShape = (shape: MShape, sizes: readonly Dim[]): Dim[] => [...S.expandShape('expand', shape, sizes)];
export const mulDim = (a: Dim, b: Dim): Dim => S.dimMul(a, b);
export const unknownDim = (): Dim => S.unknownDim();
