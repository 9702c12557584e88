// What a declaration says about a tensor. Annotations (jaxtyping, torchtyping) can say more
// than a Shape can hold: a variadic group (`*batch`, `...`), an anonymous dim (`_`), or a
// broadcastable dim (`#n`). The interpreter binds those against actual shapes; `toShape`
// gives a plain Shape when the declaration has none of them.
import { unknownDim } from '../shape';
import type { Dim, Shape } from '../shape';
import type { DimExpr } from './dimExpr';
import { dimExprToDim } from './dimExpr';

export type DeclaredDim =
  /** A fixed or symbolic size; `broadcastable` (jaxtyping `#n`) also admits size 1. */
  | { kind: 'dim'; expr: DimExpr; dim: Dim; broadcastable: boolean }
  /** Any size, not tied to other dims (jaxtyping `_` or `_name`, torchtyping `-1`/None). */
  | { kind: 'anonymous' }
  /**
   * Any number of dims. `name` is null for `...`; a named group (`*batch`) must be the same
   * dims wherever the name appears in one function signature.
   */
  | { kind: 'variadic'; name: string | null; broadcastable: boolean };

/** A dtype family from a declaration; `exact` is set when one torch dtype is meant. */
export interface DtypeHint {
  family: 'float' | 'int' | 'bool' | 'complex' | 'number' | 'any';
  exact?: 'float16' | 'bfloat16' | 'float32' | 'float64' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint8' | 'bool';
}

export interface DeclaredTensor {
  source: 'jaxtyping' | 'torchtyping';
  /** null when the declaration says nothing about the shape (`Float[Tensor, "..."]` says any). */
  dims: DeclaredDim[] | null;
  dtype: DtypeHint;
  /** The array type written in the annotation, e.g. `Tensor`, `torch.Tensor`. */
  arrayType?: string;
  /** Declared as `Optional[...]` / `... | None`: the value may also be None. */
  optional?: boolean;
}

export function knownDim(expr: DimExpr, broadcastable = false): DeclaredDim {
  return { kind: 'dim', expr, dim: dimExprToDim(expr), broadcastable };
}

/**
 * The declaration as a plain Shape, or null when it has a variadic group. Anonymous dims
 * become unknown dims; broadcastable dims become null too, since `#n` may be 1 or n.
 */
export function toShape(dims: DeclaredDim[] | null): Shape | null {
  if (dims === null) return null;
  const out: Dim[] = [];
  for (const d of dims) {
    if (d.kind === 'variadic') return null;
    if (d.kind === 'anonymous') out.push(unknownDim());
    else if (d.broadcastable) return null;
    else out.push(d.dim);
  }
  return out;
}
