// Reductions the shared torch table does not have yet (count_nonzero, median);
// every other reduction's analysis runs on the table through tableMeta.ts.
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

// Only the reductions the shared torch table (engine/src/torch) lacks; the table drives the rest.
defineOps([
  { names: names('count_nonzero'), sig: 'input, dim=None', meta: reduction('long') },
  { names: names('median'), sig: 'input, dim=None, keepdim=False', meta: maxMin },
]);
