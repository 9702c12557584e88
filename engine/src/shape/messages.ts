// Message helpers shared by the shape rules: torch's list and matrix notation, and the
// "(unless a == b)" note that marks an error as holding only because two symbols differ.
import { type Dim, type Shape, formatDim } from './dim';

export const list = (s: readonly Dim[]) => `[${s.map(formatDim).join(', ')}]`;
export const mat = (s: readonly Dim[]) => s.map(formatDim).join('x');
export const symbolicOf = (...dims: Dim[]) => dims.some((d) => typeof d !== 'number');
export const unless = (a: Dim, b: Dim) => (symbolicOf(a, b) ? ` (unless ${formatDim(a)} == ${formatDim(b)})` : '');
/** A dim that is 1 for sure (a literal 1). Symbols are generic sizes, not 1. */
export const isOne = (d: Dim) => d === 1;

export type { Shape };
