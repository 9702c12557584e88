// The torch API table contract: one entry per torch / Tensor-method / F / nn.functional
// function. The interpreter parses Python call arguments against `params`, then calls
// `meta` on symbolic tensors (shape + dtype) and `kernel` on concrete tensors.
import type { Shape } from '../shape';

export type DTypeName = 'float32' | 'float64' | 'int64' | 'bool';

export type ParamKind =
  | 'tensor' // one tensor (a Python number is accepted where torch accepts one)
  | 'tensors' // a list/tuple of tensors
  | 'int'
  | 'ints' // an int or a tuple/list of ints, or *varargs ints (sizes)
  | 'dim' // an int dim
  | 'dims' // an int or tuple of ints, or None
  | 'number' // int or float
  | 'bool'
  | 'dtype'
  | 'str'
  | 'any';

export interface ParamSpec {
  name: string;
  kind: ParamKind;
  /** Absent means required. `null` means the Python default is None. */
  default?: unknown;
  /** Collects the remaining positional arguments (e.g. `view(*shape)`, `permute(*dims)`). */
  varargs?: boolean;
  keywordOnly?: boolean;
  /** Other keyword spellings torch accepts (`axis` for `dim`). */
  aliases?: string[];
}

/** A tensor as the analysis sees it: symbolic shape and dtype, no data. */
export interface MetaTensor {
  kind: 'meta';
  shape: Shape;
  dtype: DTypeName;
  /**
   * Memory layout of a view the table made (transpose, permute, expand): the memory rank of
   * each dim, 0 outermost, -1 for a broadcast (stride-0) dim. Absent means contiguous, or
   * not known to be otherwise, so `view` is only rejected when provably incompatible.
   */
  layout?: number[];
}

/** What `meta` returns: one tensor, several (max with dim: values, indices), or a Python value. */
export type MetaResult =
  | MetaTensor
  | { kind: 'tuple'; items: MetaResult[]; names?: string[] }
  | { kind: 'python'; value: unknown }
  /** A Python value the analysis cannot know without data (`x.item()`, `x.tolist()`). */
  | { kind: 'unknown'; pyType: string };

export interface OpEntry {
  /** Qualified names: 'torch.sum', 'Tensor.sum', 'torch.nn.functional.softmax', ... */
  names: string[];
  /** For Tensor methods the first param is `self`. */
  params: ParamSpec[];
  /** Which part of the torch API the entry belongs to (reports group results by it). */
  family?: string;
  /** Symbolic evaluation. Throws ShapeError when torch would raise. */
  meta(args: Record<string, unknown>): MetaResult;
  /** Concrete evaluation on engine tensors. Throws TorchError when torch would raise. */
  kernel(args: Record<string, unknown>): unknown;
}
