// The value conventions between the interpreter and the table, and typed readers for bound
// arguments. A Python int is a bigint, a float a number, bool a boolean, None null, a tuple
// or list (torch.Size too) an array, a dtype `{ kind: 'dtype', name }`, a tensor an engine
// Tensor (concrete path) or a MetaTensor (meta path). Readers throw the TypeError Python
// would raise when an argument has the wrong type, so a misuse is reported, never guessed.
import type { Dim } from '../shape';
import { isTensor, type Tensor } from '../tensor/tensor';
import type { DType, Scalar } from '../tensor/dtype';
import { TorchError } from '../tensor/errors';
import type { DTypeName, MetaTensor } from './types';

export interface DTypeValue {
  kind: 'dtype';
  name: DTypeName;
}

export function dtypeValue(name: DTypeName): DTypeValue {
  return { kind: 'dtype', name };
}

export function isDTypeValue(v: unknown): v is DTypeValue {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'dtype';
}

export function isMetaTensor(v: unknown): v is MetaTensor {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'meta';
}

export function isPyScalar(v: unknown): v is Scalar {
  return typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean';
}

export function pyTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'float';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'str';
  if (Array.isArray(v)) return 'tuple';
  if (isTensor(v) || isMetaTensor(v)) return 'Tensor';
  if (isDTypeValue(v)) return 'torch.dtype';
  return 'object';
}

export function typeError(message: string): TorchError {
  return new TorchError('TypeError', message);
}

/** Reads the bound arguments of one call; `op` names the function in error messages. */
export class Args {
  constructor(
    readonly op: string,
    readonly raw: Record<string, unknown>,
  ) {}

  has(name: string): boolean {
    return this.raw[name] !== undefined && this.raw[name] !== null;
  }

  value(name: string): unknown {
    return this.raw[name];
  }

  private bad(name: string, expected: string): TorchError {
    return typeError(`${this.op}(): argument '${name}' must be ${expected}, not ${pyTypeName(this.raw[name])}`);
  }

  tensor(name: string): Tensor {
    const v = this.raw[name];
    if (!isTensor(v)) throw this.bad(name, 'Tensor');
    return v;
  }

  meta(name: string): MetaTensor {
    const v = this.raw[name];
    if (!isMetaTensor(v)) throw this.bad(name, 'Tensor');
    return v;
  }

  /** A tensor or a Python number (operands of arithmetic, where's branches, clamp bounds). */
  operand(name: string): unknown {
    const v = this.raw[name];
    if (isPyScalar(v) || isTensor(v) || isMetaTensor(v)) return v;
    throw this.bad(name, 'Tensor or Number');
  }

  optionalOperand(name: string): unknown {
    return this.has(name) ? this.operand(name) : null;
  }

  tensors(name: string): unknown[] {
    const v = this.raw[name];
    if (!Array.isArray(v) || v.some((t) => !isTensor(t) && !isMetaTensor(t))) {
      throw this.bad(name, 'tuple of Tensors');
    }
    return v;
  }

  /** A Python int (bool counts, as in Python). */
  int(name: string): number {
    const v = this.raw[name];
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'boolean') return v ? 1 : 0;
    throw this.bad(name, 'int');
  }

  optionalInt(name: string): number | null {
    return this.has(name) ? this.int(name) : null;
  }

  number(name: string): number {
    const v = this.raw[name];
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'boolean') return v ? 1 : 0;
    throw this.bad(name, 'Number');
  }

  optionalNumber(name: string): number | null {
    return this.has(name) ? this.number(name) : null;
  }

  /** A Python scalar kept as is, so promotion can tell int from float. */
  scalar(name: string): Scalar {
    const v = this.raw[name];
    if (isPyScalar(v)) return v;
    throw this.bad(name, 'Number');
  }

  bool(name: string): boolean {
    const v = this.raw[name];
    if (typeof v === 'boolean') return v;
    if (typeof v === 'bigint') return v !== 0n;
    throw this.bad(name, 'bool');
  }

  str(name: string): string {
    const v = this.raw[name];
    if (typeof v !== 'string') throw this.bad(name, 'str');
    return v;
  }

  dtype(name: string): DType | undefined {
    const v = this.raw[name];
    if (v === null || v === undefined) return undefined;
    if (!isDTypeValue(v)) throw this.bad(name, 'torch.dtype');
    return v.name;
  }

  /** An int or a sequence of ints: a size, a permutation, a dim list. */
  ints(name: string): number[] {
    const v = this.raw[name];
    if (typeof v === 'bigint') return [Number(v)];
    if (Array.isArray(v) && v.every((x) => typeof x === 'bigint')) return v.map((x) => Number(x));
    throw this.bad(name, 'tuple of ints');
  }

  /** `dim` of a reduction: an int, a tuple of ints, or None (null). */
  dims(name: string): number | number[] | null {
    const v = this.raw[name];
    if (v === null || v === undefined) return null;
    if (typeof v === 'bigint') return Number(v);
    if (Array.isArray(v) && v.every((x) => typeof x === 'bigint')) return v.map((x) => Number(x));
    throw this.bad(name, 'tuple of ints');
  }

  /** A size for the meta path: ints or symbolic dims. */
  sizes(name: string): Dim[] {
    const v = this.raw[name];
    const items = Array.isArray(v) ? v : [v];
    return items.map((x) => {
      if (typeof x === 'bigint') return Number(x);
      if (isSymbolicDim(x)) return x as Dim;
      throw this.bad(name, 'tuple of ints');
    });
  }
}

/** A symbolic dim as the shape module builds it (engine/src/shape/dim.ts). */
function isSymbolicDim(x: unknown): boolean {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as { kind?: unknown; terms?: unknown; key?: unknown };
  return (o.kind === 'sym' && Array.isArray(o.terms) && typeof o.key === 'string') || o.kind === 'unknown';
}
