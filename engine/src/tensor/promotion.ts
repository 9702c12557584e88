// torch.result_type: the dtype of an operation over tensors and Python scalars. Three
// priority classes take part: tensors with dims, 0-dim tensors, and Python scalars
// ("wrapped numbers", whose float default is float32). A lower class only wins when it is of
// a higher category (bool < integral < floating): int64 tensor + 2.5 -> float32, but
// float32 tensor + float64 0-dim tensor stays float32.
import { DEFAULT_FLOAT, type DType, isFloating, promoteTypes, type Scalar, scalarDType } from './dtype';
import { isTensor, type Tensor } from './tensor';

export type Operand = Tensor | Scalar;

function promoteOrSet(acc: DType | null, dtype: DType): DType {
  return acc === null ? dtype : promoteTypes(acc, dtype);
}

function combineCategories(higher: DType | null, lower: DType | null): DType | null {
  if (higher === null) return lower;
  if (lower === null) return higher;
  if (isFloating(higher)) return higher;
  if (higher === 'bool' || isFloating(lower)) return promoteTypes(higher, lower);
  return higher;
}

export function resultType(...operands: Operand[]): DType {
  let dimResult: DType | null = null;
  let zeroResult: DType | null = null;
  let wrappedResult: DType | null = null;
  for (const op of operands) {
    if (isTensor(op)) {
      if (op.ndim > 0) dimResult = promoteOrSet(dimResult, op.dtype);
      else zeroResult = promoteOrSet(zeroResult, op.dtype);
    } else {
      wrappedResult = promoteOrSet(wrappedResult, scalarDType(op));
    }
  }
  return combineCategories(dimResult, combineCategories(zeroResult, wrappedResult)) ?? DEFAULT_FLOAT;
}

/** The dtype of a float-only op (exp, sqrt, `/`): integral and bool inputs compute in float32. */
export function floatResultType(dtype: DType): DType {
  return isFloating(dtype) ? dtype : DEFAULT_FLOAT;
}
