// How the interpreter prints dtypes and values for hover and run output.
import type { DType } from './values';

export function formatDType(d: DType | null): string | null {
  return d === null ? null : `torch.${d}`;
}
