// Shape ops (view/reshape/flatten/permute/transpose/squeeze/expand/cat/stack/split), the
// matmul family and shape queries (size, numel, dim).
import { dimKnownDifferent, formatDim, formatShape, isSymDim, shapeNumel, unknownDim, type Dim, type Shape } from '../../../shape/dim';
import { UNKNOWN, intValue, tuple, type TensorValue, type Value } from '../values';
import { rangeOf } from '../context';
import { OpError, catShape, matmulShape, normDim, product, reshapeShape, stackShape } from './shapeRules';
import { defineOps, promote, type OpCall } from './registry';

function reshape(c: OpCall): Value {
  const t = c.tensor('input');
  if (!t) return UNKNOWN;
  const target = c.sizes(c.get('shape'));
  if (target === null) return UNKNOWN;
  if (t.shape === null) return c.out(target.map((d) => (d === -1 ? unknownDim() : d)), t.dtype);
  return c.out(reshapeShape(t.shape, target, c.op), t.dtype);
}

function withShape(c: OpCall, fn: (t: TensorValue, shape: Shape) => Shape | null): Value {
  const t = c.tensor('input');
  if (!t) return UNKNOWN;
  if (t.shape === null) return c.out(null, t.dtype);
  return c.out(fn(t, t.shape), t.dtype);
}

function flatten(c: OpCall): Value {
  return withShape(c, (_t, s) => {
    if (s.length === 0) return [1];
    const start = c.int('start_dim');
    const end = c.int('end_dim');
    if (start === undefined || end === undefined) return null;
    const a = normDim(start, s.length, c.op);
    const b = normDim(end, s.length, c.op);
    if (a > b) return null;
    return [...s.slice(0, a), product(s.slice(a, b + 1)), ...s.slice(b + 1)];
  });
}

function permute(c: OpCall): Value {
  return withShape(c, (_t, s) => {
    const dims = c.dims('dims');
    if (!dims) return null;
    if (dims.length !== s.length) {
      throw new OpError('dim', 'RuntimeError', `${c.op}: number of dims don't match in permute: ${formatShape(s)} has ${s.length}, got ${dims.length}`);
    }
    return dims.map((d) => s[normDim(d, s.length, c.op)]);
  });
}

function transpose(c: OpCall): Value {
  return withShape(c, (_t, s) => {
    const a = c.int('dim0');
    const b = c.int('dim1');
    if (a === undefined || b === undefined) return null;
    if (s.length === 0) return s;
    const i = normDim(a, s.length, c.op);
    const j = normDim(b, s.length, c.op);
    const out = [...s];
    [out[i], out[j]] = [out[j], out[i]];
    return out;
  });
}

function squeeze(c: OpCall): Value {
  return withShape(c, (_t, s) => {
    const dims = c.dims('dim');
    if (dims === undefined) return null;
    if (dims === null) {
      // Without a dim every size-1 dim goes; a symbolic dim may be 1, so the rank is unknown.
      const symbolic = s.filter((d) => isSymDim(d));
      if (symbolic.length > 0) {
        c.warn('squeeze', `squeeze() without a dim on ${formatShape(s)} also drops ${symbolic.map((d) => formatDim(d)).join(', ')} whenever ${symbolic.length === 1 ? 'it is' : 'one of them is'} 1 (e.g. a batch of one); pass the dim to squeeze`);
      }
      if (s.some((d) => typeof d !== 'number')) return null;
      return s.filter((d) => d !== 1);
    }
    const norm = dims.map((d) => normDim(d, s.length, c.op));
    const out: Dim[] = [];
    for (let i = 0; i < s.length; i++) {
      if (!norm.includes(i)) out.push(s[i]);
      else if (typeof s[i] !== 'number') return null;
      else if (s[i] !== 1) out.push(s[i]);
    }
    return out;
  });
}

function unsqueeze(c: OpCall): Value {
  return withShape(c, (_t, s) => {
    const d = c.int('dim');
    if (d === undefined) return null;
    const i = normDim(d, s.length + 1, c.op);
    return [...s.slice(0, i), 1, ...s.slice(i)];
  });
}

function expand(c: OpCall, target: Shape | null): Value {
  return withShape(c, (_t, s) => {
    if (target === null) return null;
    if (target.length < s.length) {
      throw new OpError('broadcast', 'RuntimeError', `${c.op}: the number of sizes provided (${target.length}) must be greater or equal to the number of dimensions in the tensor (${s.length})`);
    }
    const off = target.length - s.length;
    return target.map((d, i) => {
      if (i < off) return d;
      const cur = s[i - off];
      if (d === -1) return cur;
      if (cur === 1) return d;
      if (dimKnownDifferent(cur, d)) {
        throw new OpError('broadcast', 'RuntimeError', `${c.op}: the expanded size ${formatDim(d)} must match the existing size ${formatDim(cur)} at dim ${i} of ${formatShape(s)}`);
      }
      return d;
    });
  });
}

function cat(kind: 'cat' | 'stack') {
  return (c: OpCall): Value => {
    const seq = c.get('tensors');
    if (seq.kind !== 'tuple' && seq.kind !== 'list') return UNKNOWN;
    if (seq.items.length === 0 || !seq.items.every((v) => v.kind === 'tensor')) return UNKNOWN;
    const ts = seq.items as TensorValue[];
    const dim = c.int('dim');
    const dtype = ts.reduce<TensorValue['dtype']>((acc, t, i) => (i === 0 ? t.dtype : promote({ ...t, dtype: acc }, t)), null);
    if (dim === undefined || ts.some((t) => t.shape === null)) return c.out(null, dtype);
    const shapes = ts.map((t) => t.shape as Shape);
    return c.out(kind === 'cat' ? catShape(shapes, dim, c.op) : stackShape(shapes, dim, c.op), dtype);
  };
}

function matmul(c: OpCall): Value {
  const a = c.tensor('input');
  const b = c.tensor('other');
  if (!a || !b) return UNKNOWN;
  const dtype = promote(a, b);
  if (a.shape === null || b.shape === null) return c.out(null, dtype);
  if (c.op === 'torch.bmm' && (a.shape.length !== 3 || b.shape.length !== 3)) {
    throw new OpError('matmul', 'RuntimeError', `torch.bmm: batch1 and batch2 must be 3D tensors, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
  if (c.op === 'torch.mm' && (a.shape.length !== 2 || b.shape.length !== 2)) {
    throw new OpError('matmul', 'RuntimeError', `torch.mm: both arguments must be matrices, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
  return c.out(matmulShape(a.shape, b.shape, c.op), dtype);
}

function splitLike(c: OpCall, kind: 'split' | 'chunk' | 'unbind'): Value {
  const t = c.tensor('input');
  if (!t || t.shape === null) return UNKNOWN;
  const dim = c.int('dim');
  if (dim === undefined) return UNKNOWN;
  const d = normDim(dim, t.shape.length, c.op);
  const size = t.shape[d];
  if (kind === 'unbind') {
    if (typeof size !== 'number' || size > 256) return UNKNOWN;
    const rest = t.shape.filter((_, i) => i !== d);
    return tuple(Array.from({ length: size }, (_, i) => c.out(rest, t.dtype, { index: i })));
  }
  const arg = c.get(kind === 'split' ? 'split_size_or_sections' : 'chunks');
  const n = c.int(kind === 'split' ? 'split_size_or_sections' : 'chunks');
  let pieces: Dim[] | null = null;
  if (kind === 'split' && (arg.kind === 'list' || arg.kind === 'tuple')) pieces = c.sizes(arg);
  else if (n !== undefined && typeof size === 'number' && n > 0) {
    const step = kind === 'split' ? n : Math.ceil(size / n);
    pieces = [];
    for (let at = 0; at < size; at += step) pieces.push(Math.min(step, size - at));
  } else if (n !== undefined && kind === 'chunk' && n > 0 && n <= 64) {
    // A symbolic size splits into n chunks of unknown size (exact when divisible).
    pieces = Array.from({ length: n }, () => unknownDim());
  }
  if (pieces === null || pieces.length > 256) return UNKNOWN;
  return tuple(pieces.map((p, i) => c.out(t.shape!.map((x, j) => (j === d ? p : x)), t.dtype, { index: i })));
}

function sizeOf(c: OpCall): Value {
  const t = c.tensor('input');
  if (!t || t.shape === null) return UNKNOWN;
  const d = c.get('dim');
  if (d.kind === 'none') return tuple(t.shape.map(intValue), { isSize: true });
  const i = c.int('dim');
  if (i === undefined) return UNKNOWN;
  return intValue(t.shape[normDim(i, t.shape.length, c.op)]);
}

const TRANSPOSING = new Set(['torch.transpose', 'torch.permute', 'Tensor.T', 'Tensor.mT', 'torch.t', 'Tensor.transpose', 'Tensor.permute']);

/**
 * `view` straight after transpose/permute changes the rank: torch raises "view size is not
 * compatible with input tensor's size and stride" whenever the merged or split dims are the
 * swapped ones and neither is 1. `reshape` is the same where `view` works, and copies where
 * it cannot, so the fix is certain.
 */
function checkViewAfterTranspose(c: OpCall, result: Value): void {
  const t = c.tensor('input');
  if (!t || result.kind !== 'tensor' || !TRANSPOSING.has(t.node.op) || t.shape === null || result.shape === null) return;
  if (result.shape.length === t.shape.length) return;
  if (t.node.op === 'torch.transpose') {
    // Swapping a size-1 dim leaves the memory layout contiguous.
    const src = t.node.inputs[0]?.shape as readonly unknown[] | null | undefined;
    const d0 = t.node.params.dim0;
    const d1 = t.node.params.dim1;
    if (!src || typeof d0 !== 'number' || typeof d1 !== 'number') return;
    const at = (d: number) => src[d < 0 ? d + src.length : d];
    if (at(d0) === 1 || at(d1) === 1) return;
  }
  const call = c.syntax;
  const fn = call?.childForFieldName('function');
  const attr = fn?.type === 'attribute' ? fn.childForFieldName('attribute') : null;
  c.warn('contiguity', `\`.view\` on the result of \`${t.node.text.length > 50 ? `${t.node.text.slice(0, 47)}...` : t.node.text}\` (non-contiguous after ${t.node.op.split('.').pop()}) fails with "view size is not compatible with input tensor's size and stride" unless the swapped dims are 1; use .reshape(...) or call .contiguous() first`,
    attr ? { title: 'Use .reshape instead of .view', range: rangeOf(attr), newText: 'reshape' } : undefined);
}

defineOps([
  { names: ['torch.reshape', 'Tensor.reshape'], sig: 'input, *shape', meta: reshape },
  { names: ['Tensor.view'], sig: 'input, *shape', meta: (c) => {
    const s = c.get('shape');
    if (s.kind === 'tuple' && s.items.length === 1 && s.items[0].kind === 'dtype') return UNKNOWN;
    const result = reshape(c);
    checkViewAfterTranspose(c, result);
    return result;
  } },
  { names: ['torch.flatten', 'Tensor.flatten'], sig: 'input, start_dim=0, end_dim=-1', meta: flatten },
  { names: ['torch.unflatten', 'Tensor.unflatten'], sig: 'input, dim, sizes', meta: (c) => withShape(c, (_t, s) => {
    const d = c.int('dim');
    const sizes = c.sizes(c.get('sizes'));
    if (d === undefined || sizes === null) return null;
    const i = normDim(d, s.length, c.op);
    const inner = reshapeShape([s[i]], sizes, c.op);
    return [...s.slice(0, i), ...inner, ...s.slice(i + 1)];
  }) },
  { names: ['torch.permute', 'Tensor.permute'], sig: 'input, *dims', meta: permute },
  { names: ['torch.transpose', 'Tensor.transpose', 'torch.swapaxes', 'Tensor.swapaxes', 'Tensor.transpose_'], sig: 'input, dim0, dim1', meta: transpose },
  { names: ['torch.t', 'Tensor.t'], sig: 'input', meta: (c) => withShape(c, (_t, s) => (s.length < 2 ? s : [s[1], s[0]])) },
  { names: ['Tensor.T'], sig: 'input', meta: (c) => withShape(c, (_t, s) => [...s].reverse()) },
  { names: ['Tensor.mT'], sig: 'input', meta: (c) => withShape(c, (_t, s) => (s.length < 2 ? null : [...s.slice(0, -2), s[s.length - 1], s[s.length - 2]])) },
  { names: ['torch.squeeze', 'Tensor.squeeze'], sig: 'input, dim=None', meta: squeeze },
  { names: ['torch.unsqueeze', 'Tensor.unsqueeze', 'Tensor.unsqueeze_'], sig: 'input, dim', meta: unsqueeze },
  { names: ['Tensor.expand'], sig: 'input, *size', meta: (c) => expand(c, c.sizes(c.get('size'))) },
  { names: ['Tensor.expand_as'], sig: 'input, other', meta: (c) => expand(c, c.tensor('other')?.shape ?? null) },
  { names: ['Tensor.view_as', 'Tensor.reshape_as'], sig: 'input, other', meta: (c) => {
    const o = c.tensor('other');
    const t = c.tensor('input');
    if (!o || !t) return UNKNOWN;
    if (o.shape === null || t.shape === null) return c.out(o.shape, t.dtype);
    return c.out(reshapeShape(t.shape, o.shape, c.op), t.dtype);
  } },
  { names: ['Tensor.repeat', 'torch.tile', 'Tensor.tile'], sig: 'input, *sizes', meta: (c) => withShape(c, (_t, s) => {
    const reps = c.sizes(c.get('sizes'));
    if (reps === null) return null;
    if (c.op === 'Tensor.repeat' && reps.length < s.length) {
      throw new OpError('dim', 'RuntimeError', `Tensor.repeat: number of dimensions of repeat dims (${reps.length}) can not be smaller than number of dimensions of tensor (${s.length})`);
    }
    const n = Math.max(reps.length, s.length);
    const sp = [...Array(n - s.length).fill(1), ...s];
    const rp = [...Array(n - reps.length).fill(1), ...reps];
    return sp.map((d, i) => product([d, rp[i]]));
  }) },
  { names: ['torch.cat', 'torch.concat', 'torch.concatenate'], sig: 'tensors, dim=0', meta: cat('cat') },
  { names: ['torch.stack'], sig: 'tensors, dim=0', meta: cat('stack') },
  { names: ['torch.split', 'Tensor.split'], sig: 'input, split_size_or_sections, dim=0', meta: (c) => splitLike(c, 'split') },
  { names: ['torch.chunk', 'Tensor.chunk'], sig: 'input, chunks, dim=0', meta: (c) => splitLike(c, 'chunk') },
  { names: ['torch.unbind', 'Tensor.unbind'], sig: 'input, dim=0', meta: (c) => splitLike(c, 'unbind') },
  { names: ['torch.matmul', 'Tensor.matmul', 'Tensor.__matmul__'], sig: 'input, other', meta: matmul },
  { names: ['torch.mm', 'Tensor.mm'], sig: 'input, other', meta: matmul },
  { names: ['torch.bmm', 'Tensor.bmm'], sig: 'input, other', meta: matmul },
  { names: ['torch.outer', 'Tensor.outer', 'torch.ger'], sig: 'input, other', meta: (c) => {
    const a = c.tensor('input');
    const b = c.tensor('other');
    if (!a || !b) return UNKNOWN;
    return c.out(a.shape && b.shape && a.shape.length === 1 && b.shape.length === 1 ? [a.shape[0], b.shape[0]] : null, promote(a, b));
  } },
  { names: ['torch.dot', 'Tensor.dot'], sig: 'input, other', meta: (c) => {
    const a = c.tensor('input');
    const b = c.tensor('other');
    if (!a || !b) return UNKNOWN;
    if (a.shape && b.shape && a.shape.length === 1 && b.shape.length === 1 && dimKnownDifferent(a.shape[0], b.shape[0])) {
      throw new OpError('matmul', 'RuntimeError', `torch.dot: inconsistent tensor size: ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
    }
    return c.out([], promote(a, b));
  } },
  { names: ['Tensor.size'], sig: 'input, dim=None', meta: sizeOf },
  { names: ['Tensor.numel', 'torch.numel'], sig: 'input', meta: (c) => {
    const t = c.tensor('input');
    return t && t.shape ? intValue(shapeNumel(t.shape)) : UNKNOWN;
  } },
  { names: ['Tensor.dim', 'Tensor.ndimension'], sig: 'input', meta: (c) => {
    const t = c.tensor('input');
    return t && t.shape ? intValue(t.shape.length) : UNKNOWN;
  } },
]);
