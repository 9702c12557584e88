// Reductions with dim / keepdim, including max/min that return (values, indices) with a dim.
import { UNKNOWN, tuple, type DType, type Value } from '../values';
import { broadcastShapes, reduceShape } from './shapeRules';
import { defineOps, isFloat, promote, type OpCall } from './registry';

function reduction(result: 'same' | 'float' | 'bool' | 'long' | 'sum') {
  return (c: OpCall): Value => {
    const t = c.tensor('input');
    if (!t) return UNKNOWN;
    const dims = c.dims('dim');
    const keepdim = c.bool('keepdim') ?? false;
    const dtypeArg = c.get('dtype');
    let dtype: DType | null = t.dtype;
    if (result === 'float') dtype = t.dtype === null ? null : isFloat(t.dtype) ? t.dtype : 'float32';
    if (result === 'bool') dtype = 'bool';
    if (result === 'long') dtype = 'int64';
    if (result === 'sum' && (t.dtype === 'bool' || t.dtype === 'int32' || t.dtype === 'uint8' || t.dtype === 'int8')) dtype = 'int64';
    if (dtypeArg.kind === 'dtype') dtype = dtypeArg.name;
    if (dims === undefined || t.shape === null) return c.out(null, dtype);
    return c.out(reduceShape(t.shape, dims, keepdim, c.op), dtype);
  };
}

/** max/min: no dim -> a 0-d tensor; a dim -> (values, indices); a tensor -> elementwise. */
function maxMin(c: OpCall): Value {
  const t = c.tensor('input');
  if (!t) return UNKNOWN;
  const other = c.get('dim');
  if (other.kind === 'tensor') {
    return c.out(broadcastShapes(t.shape, other.shape), promote(t, other), { elementwise: true });
  }
  if (other.kind === 'none') return c.out([], t.dtype);
  const dims = c.dims('dim');
  const keepdim = c.bool('keepdim') ?? false;
  const shape = dims === undefined || t.shape === null ? null : reduceShape(t.shape, dims, keepdim, c.op);
  return tuple([c.out(shape, t.dtype, { output: 'values' }), c.out(shape, 'int64', { output: 'indices' })], { names: ['values', 'indices'] });
}

function names(n: string): string[] {
  return [`torch.${n}`, `Tensor.${n}`];
}

defineOps([
  { names: names('sum'), sig: 'input, dim=None, keepdim=False, *, dtype=None', meta: reduction('sum') },
  { names: names('nansum'), sig: 'input, dim=None, keepdim=False, *, dtype=None', meta: reduction('sum') },
  { names: names('mean'), sig: 'input, dim=None, keepdim=False, *, dtype=None', meta: reduction('same') },
  { names: names('nanmean'), sig: 'input, dim=None, keepdim=False, *, dtype=None', meta: reduction('same') },
  { names: names('prod'), sig: 'input, dim=None, keepdim=False, *, dtype=None', meta: reduction('sum') },
  { names: names('amax'), sig: 'input, dim=(), keepdim=False', meta: reduction('same') },
  { names: names('amin'), sig: 'input, dim=(), keepdim=False', meta: reduction('same') },
  { names: names('logsumexp'), sig: 'input, dim, keepdim=False', meta: reduction('float') },
  { names: names('std'), sig: 'input, dim=None, unbiased=None, keepdim=False, *, correction=None', meta: reduction('same') },
  { names: names('var'), sig: 'input, dim=None, unbiased=None, keepdim=False, *, correction=None', meta: reduction('same') },
  { names: names('norm'), sig: 'input, p=2, dim=None, keepdim=False, dtype=None', meta: reduction('float') },
  { names: names('all'), sig: 'input, dim=None, keepdim=False', meta: reduction('bool') },
  { names: names('any'), sig: 'input, dim=None, keepdim=False', meta: reduction('bool') },
  { names: names('argmax'), sig: 'input, dim=None, keepdim=False', meta: reduction('long') },
  { names: names('argmin'), sig: 'input, dim=None, keepdim=False', meta: reduction('long') },
  { names: names('count_nonzero'), sig: 'input, dim=None', meta: reduction('long') },
  { names: names('max'), sig: 'input, dim=None, keepdim=False', meta: maxMin },
  { names: names('min'), sig: 'input, dim=None, keepdim=False', meta: maxMin },
  { names: names('median'), sig: 'input, dim=None, keepdim=False', meta: maxMin },
]);
