// Building blocks for table entries: one `op()` call per torch function, meta helpers, and
// dtype rules that reuse the tensor module's promotion code (so the dtype the analysis
// predicts is computed by the same function that picks the kernel's output dtype).
import { Tensor, isTensor } from '../tensor/tensor';
import type { DType } from '../tensor/dtype';
import { floatResultType, resultType } from '../tensor/promotion';
import { sig } from './bind';
import type { MShape } from './metaShapes';
import type { DTypeName, MetaResult, MetaTensor, OpEntry } from './types';
import { Args, isMetaTensor, isPyScalar } from './values';

export type Family = 'creation' | 'elementwise' | 'reduction' | 'nn' | 'shape' | 'indexing' | 'matmul' | 'property';

export interface OpDef {
  names: string[];
  /** Python-like signature: 'input, dim=None, keepdim=False, *, dtype=None'. */
  sig: string;
  family: Family;
  /** Raises what torch raises before computing anything; shared by meta and kernel. */
  check?(a: Args): void;
  meta(a: Args): MetaResult;
  kernel(a: Args): unknown;
}

export function op(def: OpDef): OpEntry {
  const display = def.names[0].slice(def.names[0].lastIndexOf('.') + 1);
  return {
    names: def.names,
    params: sig(def.sig),
    family: def.family,
    meta(raw) {
      const a = new Args(display, raw);
      def.check?.(a);
      return def.meta(a);
    },
    kernel(raw) {
      const a = new Args(display, raw);
      def.check?.(a);
      return def.kernel(a);
    },
  };
}

export function mt(shape: MShape, dtype: DTypeName): MetaTensor {
  return { kind: 'meta', shape: [...shape] as MetaTensor['shape'], dtype };
}

export function shapeOf(v: unknown): MShape {
  if (isMetaTensor(v)) return v.shape as unknown as MShape;
  if (isTensor(v)) return v.shape;
  return [];
}

export function dtypeOf(v: unknown): DType {
  if (isMetaTensor(v) || isTensor(v)) return v.dtype;
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'bigint') return 'int64';
  return 'float32';
}

// resultType distinguishes tensors with dims from 0-dim ones and Python scalars; a storage-
// less stand-in with the meta tensor's dtype and rank class lets the meta path call it.
const EMPTY = new Float32Array(0);
function proxy(v: unknown): Tensor | number | bigint | boolean {
  if (isMetaTensor(v)) {
    const nd = v.shape.length;
    return new Tensor(EMPTY, v.dtype, nd === 0 ? [] : [1], nd === 0 ? [] : [1], 0);
  }
  if (isTensor(v) || isPyScalar(v)) return v;
  return 0;
}

/** torch.result_type over tensors, meta tensors and Python scalars. */
export function promote(...operands: unknown[]): DType {
  return resultType(...operands.map(proxy));
}

export { floatResultType };

export function tuple(items: MetaResult[], names?: string[]): MetaResult {
  return names ? { kind: 'tuple', items, names } : { kind: 'tuple', items };
}

export function py(value: unknown): MetaResult {
  return { kind: 'python', value };
}

export function isFloat(d: DType): boolean {
  return d === 'float32' || d === 'float64';
}
