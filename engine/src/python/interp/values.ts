// The abstract values the interpreter computes. Anything it does not understand is
// `UNKNOWN`, and every rule that would depend on an unknown value stays silent.
import type { OpNode } from '../../facts/opGraph';
import type { SyntaxNode } from '../syntax';
import type { Dim, Shape } from '../../shape/dim';
import { PyError } from './context';

export type DType = 'float32' | 'float64' | 'float16' | 'bfloat16' | 'int64' | 'int32' | 'int8' | 'uint8' | 'bool';

export interface TensorValue {
  kind: 'tensor';
  /** null when even the rank is unknown. */
  shape: Shape | null;
  dtype: DType | null;
  node: OpNode;
  /** A concrete engine tensor computed on sample sizes, when available. */
  sample?: unknown;
}

export interface UnknownValue {
  kind: 'unknown';
}

/** A Python int; symbolic when it came from a shape (`b, n = x.shape`). */
export interface IntValue {
  kind: 'int';
  value: Dim;
}

export interface FloatValue {
  kind: 'float';
  value: number | null;
}

export interface BoolValue {
  kind: 'bool';
  value: boolean | null;
}

export interface StrValue {
  kind: 'str';
  value: string;
}

export interface NoneValue {
  kind: 'none';
}

export interface SeqValue {
  kind: 'tuple' | 'list';
  items: Value[];
  /** Field names of a named tuple (`torch.return_types.max`: values, indices). */
  names?: string[];
  /** True for `x.shape` / `x.size()`. */
  isSize?: boolean;
}

export interface DictValue {
  kind: 'dict';
  entries: Map<string, Value>;
}

export interface FunctionValue {
  kind: 'function';
  name: string;
  def: SyntaxNode;
  /** Scope the function closes over. */
  closure: unknown;
  isLambda: boolean;
  /** Defined in an imported workspace module, not in the analysed file. */
  foreign?: boolean;
}

export interface ClassValue {
  kind: 'class';
  name: string;
  def: SyntaxNode;
  attrs: Map<string, Value>;
  bases: Value[];
  isModule: boolean;
}

export interface InstanceValue {
  kind: 'instance';
  cls: ClassValue;
  attrs: Map<string, Value>;
}

/** A Python module or a qualified name inside one (`torch`, `torch.nn.functional`, `torch.exp`). */
export interface RefValue {
  kind: 'ref';
  qualname: string;
}

/** A method looked up on a value, e.g. `x.sum` (qualname `Tensor.sum`). */
export interface BoundMethodValue {
  kind: 'method';
  self: Value;
  qualname: string;
  /** A user-defined method (on an instance of a user class). */
  fn?: FunctionValue;
}

/** An instance of a built-in `torch.nn` layer. */
export interface NnModuleValue {
  kind: 'nn';
  type: string;
  config: Record<string, Value>;
  children: Value[];
  attrs: Map<string, Value>;
  node: SyntaxNode | null;
}

export interface DTypeValue {
  kind: 'dtype';
  name: DType;
}

export interface SliceValue {
  kind: 'slice';
  start: Value;
  stop: Value;
  step: Value;
}

/** `range(...)`; bounds are null when not concrete. */
export interface RangeValue {
  kind: 'range';
  start: number | null;
  stop: number | null;
  step: number | null;
}

export interface EllipsisValue {
  kind: 'ellipsis';
}

export type Value =
  | TensorValue
  | UnknownValue
  | IntValue
  | FloatValue
  | BoolValue
  | StrValue
  | NoneValue
  | SeqValue
  | DictValue
  | FunctionValue
  | ClassValue
  | InstanceValue
  | RefValue
  | BoundMethodValue
  | NnModuleValue
  | DTypeValue
  | SliceValue
  | RangeValue
  | EllipsisValue;

export const UNKNOWN: UnknownValue = { kind: 'unknown' };
export const NONE: NoneValue = { kind: 'none' };

export function intValue(v: Dim): IntValue {
  return { kind: 'int', value: v };
}

export function tuple(items: Value[], extra: Partial<SeqValue> = {}): SeqValue {
  return { kind: 'tuple', items, ...extra };
}

export function isTensor(v: Value): v is TensorValue {
  return v.kind === 'tensor';
}

/** A concrete Python int, when the value is one. */
export function concreteInt(v: Value): number | null {
  if (v.kind === 'int' && typeof v.value === 'number') return v.value;
  if (v.kind === 'bool' && v.value !== null) return v.value ? 1 : 0;
  return null;
}

/** A Python number (int or float) as a JS number, when concrete. */
export function concreteNumber(v: Value): number | null {
  if (v.kind === 'float') return v.value;
  return concreteInt(v);
}

/** Truthiness when provable; null when unknown. */
/**
 * Python truthiness; null when unknown. With `run`, a tensor is its one element's truth (a
 * sample is the real value only then), and torch's error for any other size.
 */
export function truthy(v: Value, run = false): boolean | null {
  if (run && v.kind === 'tensor' && v.sample) return tensorTruth(v.sample as { numel: number; data: ArrayLike<number>; offset: number });
  switch (v.kind) {
    case 'bool':
      return v.value;
    case 'int':
      return typeof v.value === 'number' ? v.value !== 0 : null;
    case 'float':
      return v.value === null ? null : v.value !== 0;
    case 'str':
      return v.value.length > 0;
    case 'none':
      return false;
    case 'tuple':
    case 'list':
      return v.items.length > 0;
    case 'dict':
      return v.entries.size > 0;
    case 'function':
    case 'class':
    case 'ref':
    case 'nn':
    case 'dtype':
      return true;
    default:
      return null;
  }
}

export function typeName(v: Value): string {
  switch (v.kind) {
    case 'int':
      return 'int';
    case 'float':
      return 'float';
    case 'bool':
      return 'bool';
    case 'str':
      return 'str';
    case 'none':
      return 'NoneType';
    case 'tensor':
      return 'Tensor';
    case 'tuple':
      return v.isSize ? 'torch.Size' : 'tuple';
    case 'list':
      return 'list';
    case 'dict':
      return 'dict';
    case 'function':
      return 'function';
    case 'class':
      return 'type';
    case 'instance':
      return v.cls.name;
    case 'nn':
      return v.type;
    default:
      return v.kind;
  }
}

function tensorTruth(t: { numel: number; data: ArrayLike<number>; offset: number }): boolean {
  if (t.numel === 0) throw new PyError('RuntimeError', 'Boolean value of Tensor with no values is ambiguous');
  if (t.numel > 1) throw new PyError('RuntimeError', 'Boolean value of Tensor with more than one value is ambiguous');
  return t.data[t.offset] !== 0;
}
