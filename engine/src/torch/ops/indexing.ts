// Indexing entries: `x[key]` (Tensor.__getitem__), gather, index_select, masked_fill,
// tril/triu. Keys arrive in the interpreter's conventions: an int is a bigint, None null,
// a slice `{ kind: 'slice', start, stop, step }` (bigints or null), Ellipsis
// `{ kind: 'ellipsis' }`, a tensor an index tensor or mask, a tuple an array of those.
import * as ix from '../../tensor/indexing';
import { indexError, runtimeError, valueError } from '../../tensor/errors';
import { isTensor } from '../../tensor/tensor';
import { broadcastAll, MetaUnknown, normDim, type Dim, type MShape } from '../metaShapes';
import { mt, op, py, shapeOf } from '../define';
import type { OpEntry } from '../types';
import { isMetaTensor, pyTypeName, typeError } from '../values';

interface PySlice {
  kind: 'slice';
  start: unknown;
  stop: unknown;
  step: unknown;
}

function isSliceValue(v: unknown): v is PySlice {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'slice';
}

function isEllipsis(v: unknown): boolean {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'ellipsis';
}

function sliceBound(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw typeError('slice indices must be integers or None or have an __index__ method');
}

function keyItems(key: unknown): unknown[] {
  return Array.isArray(key) ? key : [key];
}

function badIndex(v: unknown): Error {
  return indexError(
    `only integers, slices (\`:\`), ellipsis (\`...\`), None and long or byte Variables are valid indices (got ${pyTypeName(v)})`,
  );
}

/** Python's slice length for a numeric size; null for a symbolic size we cannot compute. */
function sliceLength(s: PySlice, size: Dim): Dim {
  const step = sliceBound(s.step) ?? 1;
  if (step === 0) throw valueError('slice step cannot be zero');
  if (step < 0) throw valueError('step must be greater than zero');
  const start = sliceBound(s.start);
  const stop = sliceBound(s.stop);
  if (typeof size !== 'number') {
    if (start === null && stop === null && step === 1) return size;
    throw new MetaUnknown('slice of a symbolic dim');
  }
  const clamp = (v: number | null, dflt: number): number => (v === null ? dflt : Math.min(Math.max(v < 0 ? v + size : v, 0), size));
  const lo = clamp(start, 0);
  const hi = Math.max(clamp(stop, size), lo);
  return Math.ceil((hi - lo) / step);
}

/** The shape rule of `x[key]`, with torch's basic/advanced placement. */
function indexShape(shape: MShape, key: unknown): Dim[] {
  const items = keyItems(key);
  let consumed = 0;
  for (const item of items) {
    if (isMetaTensor(item)) consumed += item.dtype === 'bool' ? item.shape.length : 1;
    else if (typeof item === 'bigint' || isSliceValue(item)) consumed += 1;
  }
  if (consumed > shape.length) throw indexError(`too many indices for tensor of dimension ${shape.length}`);
  const out: Dim[] = [];
  const advShapes: MShape[] = [];
  let advAt = -1;
  let advSplit = false;
  let lastAdvanced = false;
  let dim = 0;
  let ellipsisSeen = false;
  for (const item of items) {
    let advanced = false;
    if (isEllipsis(item)) {
      if (!ellipsisSeen) {
        const n = shape.length - consumed;
        out.push(...shape.slice(dim, dim + n));
        dim += n;
      }
      ellipsisSeen = true;
    } else if (item === null) {
      out.push(1);
    } else if (typeof item === 'bigint') {
      const size = shape[dim];
      const i = Number(item);
      if (typeof size === 'number' && (i >= size || i < -size)) {
        throw indexError(`index ${i} is out of bounds for dimension ${dim} with size ${size}`);
      }
      dim++;
    } else if (isSliceValue(item)) {
      out.push(sliceLength(item, shape[dim]));
      dim++;
    } else if (isMetaTensor(item)) {
      if (item.dtype === 'float32' || item.dtype === 'float64') throw indexError('tensors used as indices must be long, byte or bool tensors');
      if (item.dtype === 'bool') throw new MetaUnknown('a boolean mask selects a data-dependent count');
      if (item.shape.length === 0) {
        dim++;
        continue;
      }
      advanced = true;
      if (advAt < 0) advAt = out.length;
      else if (!lastAdvanced) advSplit = true;
      advShapes.push(item.shape as unknown as MShape);
      dim++;
    } else {
      throw badIndex(item);
    }
    lastAdvanced = advanced;
  }
  out.push(...shape.slice(dim));
  if (advShapes.length === 0) return out;
  let adv: Dim[];
  try {
    adv = broadcastAll(advShapes);
  } catch {
    throw indexError(
      `shape mismatch: indexing tensors could not be broadcast together with shapes ${advShapes.map((s) => `[${s.join(', ')}]`).join(', ')}`,
    );
  }
  // numpy's rule: adjacent advanced indices stay in place, separated ones go to the front.
  const at = advSplit ? 0 : advAt;
  return [...out.slice(0, at), ...adv, ...out.slice(at)];
}

function toIndexItems(key: unknown): ix.IndexItem[] {
  return keyItems(key).map((item): ix.IndexItem => {
    if (item === null || typeof item === 'bigint' || typeof item === 'boolean' || isTensor(item)) return item;
    if (isEllipsis(item)) return ix.ELLIPSIS;
    if (isSliceValue(item)) return ix.slice(sliceBound(item.start), sliceBound(item.stop), sliceBound(item.step));
    throw badIndex(item);
  });
}

const getitem = op({
  names: ['Tensor.__getitem__'],
  sig: 'input, key',
  family: 'indexing',
  meta(a) {
    const x = a.meta('input');
    if (x.shape.length === 0 && keyItems(a.value('key')).some((k) => typeof k === 'bigint')) {
      throw indexError('invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number');
    }
    return mt(indexShape(x.shape as unknown as MShape, a.value('key')), x.dtype);
  },
  kernel: (a) => ix.index(a.tensor('input'), toIndexItems(a.value('key'))),
});

const gather = op({
  names: ['torch.gather', 'Tensor.gather'],
  sig: 'input, dim, index, *, sparse_grad=False',
  family: 'indexing',
  meta(a) {
    const x = a.meta('input');
    const idx = a.meta('index');
    normDim(a.int('dim'), x.shape.length);
    if (idx.dtype !== 'int64') throw runtimeError('gather(): Expected dtype int64 for index');
    if (Math.max(idx.shape.length, 1) !== Math.max(x.shape.length, 1)) {
      throw runtimeError('Index tensor must have the same number of dimensions as input tensor');
    }
    return mt(idx.shape, x.dtype);
  },
  kernel: (a) => ix.gather(a.tensor('input'), a.int('dim'), a.tensor('index')),
});

const indexSelect = op({
  names: ['torch.index_select', 'Tensor.index_select'],
  sig: 'input, dim, index',
  family: 'indexing',
  meta(a) {
    const x = a.meta('input');
    const idx = a.meta('index');
    const d = normDim(a.int('dim'), x.shape.length);
    if (idx.dtype !== 'int64') throw runtimeError('index_select(): Expected dtype int32 or int64 for index');
    if (idx.shape.length > 1) throw indexError('index_select(): Index is supposed to be a vector');
    const n: Dim = idx.shape.length === 0 ? 1 : (idx.shape[0] as Dim);
    return mt(x.shape.length === 0 ? [] : (x.shape as unknown as Dim[]).map((s, i) => (i === d ? n : s)), x.dtype);
  },
  kernel: (a) => ix.indexSelect(a.tensor('input'), a.int('dim'), a.tensor('index')),
});

const maskedFill = op({
  names: ['torch.masked_fill', 'Tensor.masked_fill'],
  sig: 'input, mask, value',
  family: 'indexing',
  check(a) {
    const v = a.value('value');
    if ((isTensor(v) || isMetaTensor(v)) && shapeOf(v).length !== 0) {
      throw runtimeError(`masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ${shapeOf(v).length} dimension(s).`);
    }
  },
  meta(a) {
    const x = a.meta('input');
    const m = a.meta('mask');
    // torch broadcasts the mask first, so its size is "tensor a" in the message.
    const shape = broadcastAll([m.shape as unknown as MShape, x.shape as unknown as MShape]);
    if (shape.length !== x.shape.length) throw new MetaUnknown('masked_fill with a mask of higher rank');
    return mt(x.shape, x.dtype);
  },
  kernel: (a) => ix.maskedFill(a.tensor('input'), a.tensor('mask'), a.value('value') as never),
});

function triangle(kind: 'tril' | 'triu'): OpEntry {
  return op({
    names: [`torch.${kind}`, `Tensor.${kind}`],
    sig: 'input, diagonal=0',
    family: 'indexing',
    check(a) {
      const n = shapeOf(a.value('input')).length;
      if (n < 2) normDim(-2, n);
    },
    meta: (a) => mt(a.meta('input').shape, a.meta('input').dtype),
    kernel: (a) => (kind === 'tril' ? ix.tril : ix.triu)(a.tensor('input'), a.int('diagonal')),
  });
}

/** `x[key] = value`: writes through x's storage, so every view of it sees the change. */
const setitem = op({
  names: ['Tensor.__setitem__'],
  sig: 'input, key, value',
  family: 'indexing',
  meta(a) {
    const x = a.meta('input');
    let target: Dim[];
    try {
      target = indexShape(x.shape as unknown as MShape, a.value('key'));
    } catch (error) {
      // A mask assignment writes a data-dependent count of elements; only a scalar is provable.
      if (error instanceof MetaUnknown && !isMetaTensor(a.value('value'))) return py(null);
      throw error;
    }
    const v = a.value('value');
    if (isMetaTensor(v)) {
      const b = broadcastAll([v.shape as unknown as MShape, target]);
      if (b.length !== target.length) throw new MetaUnknown('value of higher rank than the indexed region');
    }
    return py(null);
  },
  kernel(a) {
    ix.indexPut(a.tensor('input'), toIndexItems(a.value('key')), a.value('value') as never);
    return null;
  },
});

export const INDEXING: OpEntry[] = [getitem, setitem, gather, indexSelect, maskedFill, triangle('tril'), triangle('triu')];
