// Indexing entries: `x[key]` (Tensor.__getitem__), gather, index_select, masked_fill,
// tril/triu. Keys arrive in the interpreter's conventions: an int is a bigint, None null,
// a slice `{ kind: 'slice', start, stop, step }` (bigints or null), Ellipsis
// `{ kind: 'ellipsis' }`, a tensor an index tensor or mask, a tuple an array of those.
import * as ix from '../../tensor/indexing';
import { indexError, runtimeError, valueError } from '../../tensor/errors';
import { isTensor } from '../../tensor/tensor';
import * as S from '../../shape';
import { broadcastAll, fmtShape, MetaUnknown, normDim, numel, type Dim, type MShape } from '../metaShapes';
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

/**
 * The shape rule of `x[key]`: torch's own checks on the key (index types, int bounds on
 * numeric dims, broadcastable index tensors), then the shape module's placement rule.
 */
function indexShape(shape: MShape, key: unknown): Dim[] {
  const items: S.IndexItem[] = [];
  const advanced: MShape[] = [];
  let dim = 0;
  const consumed = keyItems(key).reduce<number>((n, item) => {
    if (isMetaTensor(item)) return n + (item.dtype === 'bool' ? item.shape.length : 1);
    return n + (typeof item === 'bigint' || isSliceValue(item) ? 1 : 0);
  }, 0);
  for (const item of keyItems(key)) {
    if (isEllipsis(item)) {
      // torch 1.13 lets every Ellipsis skip the unindexed dims again; the shape module's rule
      // decides when a later one leaves too few dims for what follows it.
      items.push({ kind: 'ellipsis' });
      dim += Math.max(shape.length - consumed, 0);
    } else if (item === null) {
      items.push({ kind: 'none' });
    } else if (typeof item === 'bigint') {
      const size = shape[dim];
      const i = Number(item);
      if (typeof size === 'number' && (i >= size || i < -size)) {
        throw indexError(`index ${i} is out of bounds for dimension ${dim} with size ${size}`);
      }
      items.push({ kind: 'int' });
      dim++;
    } else if (isSliceValue(item)) {
      const step = sliceBound(item.step) ?? 1;
      if (step === 0) throw valueError('slice step cannot be zero');
      items.push({ kind: 'slice', start: sliceBound(item.start), stop: sliceBound(item.stop), step });
      dim++;
    } else if (isMetaTensor(item)) {
      if (item.dtype === 'float32' || item.dtype === 'float64') throw indexError('tensors used as indices must be long, byte or bool tensors');
      if (item.dtype === 'int64' && item.shape.length === 0) {
        items.push({ kind: 'int' });
        dim++;
        continue;
      }
      const itemShape = item.shape as unknown as MShape;
      if (item.dtype === 'int64') advanced.push(itemShape);
      items.push({ kind: 'tensor', shape: itemShape, dtype: item.dtype === 'bool' ? 'bool' : 'int64' });
      dim += item.dtype === 'bool' ? itemShape.length : 1;
    } else {
      throw badIndex(item);
    }
  }
  try {
    broadcastAll(advanced);
  } catch {
    throw indexError(`shape mismatch: indexing tensors could not be broadcast together with shapes ${advanced.map(fmtShape).join(', ')}`);
  }
  return [...S.indexShape(shape, items)];
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
    // torch checks nothing more for an empty index (a literal 0 dim), not even its dtype.
    if (idx.shape.some((s) => s === 0)) return mt(idx.shape, x.dtype);
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
      const shape = shapeOf(a.value('input'));
      // Only a tensor with elements is checked (tril of a (0,) tensor is fine), so an
      // unknown size proves nothing.
      const n = numel(shape);
      if (shape.length < 2 && n !== null && n > 0) normDim(-2, shape.length);
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
