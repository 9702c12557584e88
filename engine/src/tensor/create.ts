// Tensor creation: torch.tensor from nested lists, zeros/ones/full/empty/eye/arange/linspace
// and the *_like forms. dtype inference follows torch.tensor: any float -> float32 (the
// default dtype), else any int -> int64, else bool; an empty list is float32.
import { allocStorage, castNumber, DEFAULT_FLOAT, type DType, promoteTypes, type Scalar, scalarDType, scalarToNumber } from './dtype';
import { runtimeError, typeError, valueError } from './errors';
import { fromStorage, numelOf, readData, type Tensor, isTensor } from './tensor';

/** A Python list literal: nested arrays of Python scalars (or one-element tensors). */
export type NestedInput = Scalar | Tensor | NestedInput[];

function checkSize(size: number): void {
  if (!Number.isInteger(size) || size < 0) {
    throw runtimeError(`Trying to create tensor with negative dimension ${size}: [${size}]`);
  }
}

function checkShape(shape: readonly number[]): void {
  for (const s of shape) {
    if (!Number.isInteger(s) || s < 0) {
      throw runtimeError(`Trying to create tensor with negative dimension ${s}: [${shape.join(', ')}]`);
    }
  }
}

/** torch.tensor(data, dtype=None). */
export function tensorFromNested(data: NestedInput, dtype?: DType): Tensor {
  const shape: number[] = [];
  let probe: NestedInput = data;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    if (probe.length === 0) break;
    probe = probe[0];
  }
  if (isTensor(probe)) {
    // torch.tensor([t1, t2]) with tensors: their shapes become trailing dims.
    shape.push(...probe.shape);
  }
  const values: number[] = [];
  let inferred: DType | null = null;
  const walk = (node: NestedInput, depth: number): void => {
    if (Array.isArray(node)) {
      if (depth >= shape.length) throw typeError("'list' object cannot be interpreted as an integer");
      if (node.length !== shape[depth]) {
        throw valueError(`expected sequence of length ${shape[depth]} at dim ${depth} (got ${node.length})`);
      }
      for (const child of node) walk(child, depth + 1);
      return;
    }
    if (isTensor(node)) {
      const rest = shape.slice(depth);
      if (node.shape.length !== rest.length || node.shape.some((s, i) => s !== rest[i])) {
        throw valueError(`expected sequence of length ${shape[depth] ?? 0} at dim ${depth} (got ${node.shape[0] ?? 0})`);
      }
      inferred = inferred === null ? node.dtype : promoteTypes(inferred, node.dtype);
      for (const v of readData(node)) values.push(v);
      return;
    }
    if (depth !== shape.length) throw typeError('not a sequence');
    if (typeof node !== 'number' && typeof node !== 'bigint' && typeof node !== 'boolean') {
      throw runtimeError(`Could not infer dtype of ${node === null ? 'NoneType' : typeof node}`);
    }
    const d = scalarDType(node);
    inferred = inferred === null ? d : promoteTypes(inferred, d);
    values.push(scalarToNumber(node));
  };
  walk(data, 0);
  const finalType: DType = dtype ?? inferred ?? DEFAULT_FLOAT;
  const out = allocStorage(finalType, values.length);
  for (let i = 0; i < values.length; i++) out[i] = castNumber(values[i], finalType);
  return fromStorage(out, finalType, shape);
}

export function full(shape: readonly number[], fill: Scalar, dtype?: DType): Tensor {
  checkShape(shape);
  const d = dtype ?? scalarDType(fill);
  const out = allocStorage(d, numelOf(shape));
  out.fill(castNumber(scalarToNumber(fill), d));
  return fromStorage(out, d, shape);
}

export function zeros(shape: readonly number[], dtype: DType = DEFAULT_FLOAT): Tensor {
  checkShape(shape);
  return fromStorage(allocStorage(dtype, numelOf(shape)), dtype, shape);
}

export function ones(shape: readonly number[], dtype: DType = DEFAULT_FLOAT): Tensor {
  return full(shape, 1, dtype);
}

/** torch.empty: uninitialized in torch; zeros here so previews are deterministic. */
export function empty(shape: readonly number[], dtype: DType = DEFAULT_FLOAT): Tensor {
  return zeros(shape, dtype);
}

export function zerosLike(t: Tensor, dtype?: DType): Tensor {
  return zeros(t.shape, dtype ?? t.dtype);
}

export function onesLike(t: Tensor, dtype?: DType): Tensor {
  return ones(t.shape, dtype ?? t.dtype);
}

export function emptyLike(t: Tensor, dtype?: DType): Tensor {
  return zeros(t.shape, dtype ?? t.dtype);
}

export function fullLike(t: Tensor, fill: Scalar, dtype?: DType): Tensor {
  return full(t.shape, fill, dtype ?? t.dtype);
}

export function eye(n: number, m: number = n, dtype: DType = DEFAULT_FLOAT): Tensor {
  if (n < 0) throw runtimeError(`n must be greater or equal to 0, got ${n}`);
  if (m < 0) throw runtimeError(`m must be greater or equal to 0, got ${m}`);
  const out = allocStorage(dtype, n * m);
  for (let i = 0; i < Math.min(n, m); i++) out[i * m + i] = 1;
  return fromStorage(out, dtype, [n, m]);
}

/**
 * torch.arange(start, end, step): int64 when every bound is a Python int, else float32.
 * Called as arange(end) when `end` is omitted, like torch.arange(5).
 */
export function arange(start: Scalar, end?: Scalar, step: Scalar = 1n, dtype?: DType): Tensor {
  if (end === undefined) {
    end = start;
    start = 0n;
  }
  const allInts = [start, end, step].every((v) => typeof v !== 'number');
  const d = dtype ?? (allInts ? 'int64' : DEFAULT_FLOAT);
  const s = scalarToNumber(start);
  const e = scalarToNumber(end);
  const st = scalarToNumber(step);
  if (st === 0) throw runtimeError('step must be nonzero');
  if (!Number.isFinite(s) || !Number.isFinite(e)) throw runtimeError('unsupported range: ' + `${s} -> ${e}`);
  if ((st > 0 && e < s) || (st < 0 && e > s)) {
    throw runtimeError('upper bound and larger bound inconsistent with step sign');
  }
  const n = Math.ceil((e - s) / st);
  checkSize(n);
  const out = allocStorage(d, n);
  for (let i = 0; i < n; i++) out[i] = castNumber(s + i * st, d);
  return fromStorage(out, d, [n]);
}

/** torch.linspace: symmetric evaluation from both ends, as torch's CPU kernel does. */
export function linspace(start: Scalar, end: Scalar, steps: number, dtype: DType = DEFAULT_FLOAT): Tensor {
  if (steps < 0) throw runtimeError('number of steps must be non-negative');
  const s = scalarToNumber(start);
  const e = scalarToNumber(end);
  const out = allocStorage(dtype, steps);
  if (steps === 1) out[0] = castNumber(s, dtype);
  else if (steps > 1) {
    // torch computes the step in the output precision, then each value without rounding
    // in between, so linspace(-1, 1, 7)[3] is -2.98e-08 in float32, as in torch.
    const step = castNumber((e - s) / (steps - 1), dtype === 'int64' ? 'float64' : dtype);
    const half = Math.floor(steps / 2);
    for (let i = 0; i < steps; i++) {
      out[i] = castNumber(i < half ? s + step * i : e - step * (steps - 1 - i), dtype);
    }
  }
  return fromStorage(out, dtype, [steps]);
}
