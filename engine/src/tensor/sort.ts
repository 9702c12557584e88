// Sorting along a dim: sort, argsort, topk. nan sorts above +inf (last ascending, first
// descending), as in torch. Ties keep index order (torch's sort does too on CPU; its topk
// may pick a different index among equal values — the values always agree).
import { allocStorage } from './dtype';
import { runtimeError } from './errors';
import { normalizeDim } from './shapes';
import { contiguous, movedim } from './shapeOps';
import { fromStorage, readData, type Tensor } from './tensor';
import type { ValuesIndices } from './reduce';

/** Ascending order with nan largest. */
function ascending(a: number, b: number): number {
  const an = a !== a;
  const bn = b !== b;
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortRows(x: Tensor, dim: number, descending: boolean, k: number | null): ValuesIndices {
  const d = normalizeDim(dim, x.ndim);
  const last = Math.max(x.ndim - 1, 0);
  const moved = x.ndim === 0 ? x : contiguous(movedim(x, d, last));
  const data = readData(moved);
  const inner = x.ndim === 0 ? 1 : x.shape[d];
  const take = k ?? inner;
  const rows = inner === 0 ? 0 : data.length / inner;
  const values = allocStorage(x.dtype, rows * take);
  const indices = allocStorage('int64', rows * take);
  const order = Array.from({ length: inner }, (_, i) => i);
  for (let r = 0; r < rows; r++) {
    const base = r * inner;
    for (let i = 0; i < inner; i++) order[i] = i;
    // Array.prototype.sort is stable, so ties keep their index order in both directions.
    order.sort((i, j) => (descending ? ascending(data[base + j], data[base + i]) : ascending(data[base + i], data[base + j])));
    for (let i = 0; i < take; i++) {
      values[r * take + i] = data[base + order[i]];
      indices[r * take + i] = order[i];
    }
  }
  if (x.ndim === 0) return { values: fromStorage(values, x.dtype, []), indices: fromStorage(indices, 'int64', []) };
  const shape = [...moved.shape.slice(0, -1), take];
  const back = (t: Tensor) => (d === last ? t : contiguous(movedim(t, last, d)));
  return { values: back(fromStorage(values, x.dtype, shape)), indices: back(fromStorage(indices, 'int64', shape)) };
}

/** torch.sort(x, dim=-1, descending=False) -> (values, indices). */
export function sort(x: Tensor, dim = -1, descending = false): ValuesIndices {
  return sortRows(x, dim, descending, null);
}

/** torch.argsort(x, dim=-1, descending=False). */
export function argsort(x: Tensor, dim = -1, descending = false): Tensor {
  return sortRows(x, dim, descending, null).indices;
}

/** torch.topk(x, k, dim=-1, largest=True, sorted=True) -> (values, indices). */
export function topk(x: Tensor, k: number, dim = -1, largest = true): ValuesIndices {
  // torch's order: the dim, then k, then the dtype dispatch, which a 0-d input never reaches.
  const d = normalizeDim(dim, x.ndim);
  const size = x.ndim === 0 ? 1 : x.shape[d];
  if (!Number.isInteger(k) || k < 0 || k > size) throw runtimeError('selected index k out of range');
  if (x.dtype === 'bool' && x.ndim > 0) throw runtimeError(`"topk_cpu" not implemented for 'Bool'`);
  return sortRows(x, x.ndim === 0 ? 0 : d, largest, k);
}
