// Shape-op entries: view/reshape, flatten/unflatten, permute/transpose/t, unsqueeze/squeeze,
// expand, repeat/tile, cat/stack, split/chunk, and the dtype conversions.
import * as so from '../../tensor/shapeOps';
import { normalizeDimNoScalar } from '../../tensor/shapes';
import { runtimeError } from '../../tensor/errors';
import { clone, contiguous, isTensor, toDType } from '../../tensor/tensor';
import type { DType } from '../../tensor/dtype';
import * as S from '../../shape';
import { promote, mt, op, shapeOf, tuple } from '../define';
import {
  broadcastAll, catShape, expandShape, inferView, MetaUnknown, mulDim, normDim, permuteShape, stackShape, transposeShape,
  type Dim, type MShape,
} from '../metaShapes';
import { checkViewable, expandLayout, permuteLayout, withLayout } from '../layout';
import type { MetaTensor, OpEntry } from '../types';
import { isDTypeValue, isMetaTensor, pyTypeName, typeError, type Args } from '../values';

function metaIn(a: Args, name = 'input'): { x: MetaTensor; shape: MShape } {
  const x = a.meta(name);
  return { x, shape: x.shape as unknown as MShape };
}

const same = (x: MetaTensor, shape: readonly Dim[]): MetaTensor => mt(shape, x.dtype);

/** torch checks view compatibility on strides; a meta tensor has none, so only sizes are checked. */
const view = op({
  names: ['Tensor.view'],
  sig: 'input, *shape',
  family: 'shape',
  meta: (a) => {
    const { x, shape } = metaIn(a);
    const target = inferView(shape, a.sizes('shape'));
    checkViewable(x, target);
    return same(x, target);
  },
  kernel: (a) => so.view(a.tensor('input'), a.ints('shape')),
});

const reshape = op({
  names: ['torch.reshape', 'Tensor.reshape'],
  sig: 'input, *shape',
  family: 'shape',
  meta: (a) => {
    const { x, shape } = metaIn(a);
    return same(x, inferView(shape, a.sizes('shape')));
  },
  kernel: (a) => so.reshape(a.tensor('input'), a.ints('shape')),
});

function flattenShape(shape: MShape, start: number, end: number): Dim[] {
  if (shape.length === 0) {
    normDim(start, 0);
    normDim(end, 0);
    return [1];
  }
  const s = normDim(start, shape.length);
  const e = normDim(end, shape.length);
  if (s > e) throw runtimeError('flatten() has invalid args: start_dim cannot come after end_dim');
  const merged = shape.slice(s, e + 1).reduce<Dim>((acc, d) => mulDim(acc, d), 1);
  return [...shape.slice(0, s), merged, ...shape.slice(e + 1)];
}

const flatten = op({
  names: ['torch.flatten', 'Tensor.flatten'],
  sig: 'input, start_dim=0, end_dim=-1',
  family: 'shape',
  meta: (a) => {
    const { x, shape } = metaIn(a);
    return same(x, flattenShape(shape, a.int('start_dim'), a.int('end_dim')));
  },
  kernel: (a) => so.flatten(a.tensor('input'), a.int('start_dim'), a.int('end_dim')),
});

const unflatten = op({
  names: ['torch.unflatten', 'Tensor.unflatten'],
  sig: 'input, dim, sizes',
  family: 'shape',
  meta(a) {
    const { x, shape } = metaIn(a);
    const d = normalizeDimNoScalar(a.int('dim'), shape.length);
    const sizes = a.sizes('sizes');
    const size = shape[d];
    if (typeof size !== 'number' || sizes.some((s) => typeof s !== 'number')) return same(x, S.unflattenShape('unflatten', shape, d, sizes));
    const nums = sizes as number[];
    const known = nums.filter((s) => s !== -1).reduce((p, s) => p * s, 1);
    const out = nums.includes(-1) && known !== 0 && size % known === 0 ? nums.map((s) => (s === -1 ? size / known : s)) : nums;
    if (out.reduce((p, s) => p * s, 1) !== size) {
      throw runtimeError(
        `unflatten: Provided sizes [${nums.join(', ')}] don't multiply up to the size of dim ${a.int('dim')} (${size}) in the input tensor`,
      );
    }
    return same(x, [...shape.slice(0, d), ...out, ...shape.slice(d + 1)]);
  },
  kernel: (a) => so.unflatten(a.tensor('input'), a.int('dim'), a.ints('sizes')),
});

const permute = op({
  names: ['torch.permute', 'Tensor.permute'],
  sig: 'input, *dims',
  family: 'shape',
  meta: (a) => {
    const { x, shape } = metaIn(a);
    const out = permuteShape(shape, a.ints('dims'));
    return withLayout(same(x, out), permuteLayout(x, a.ints('dims').map((d) => normDim(d, shape.length))));
  },
  kernel: (a) => so.permute(a.tensor('input'), a.ints('dims')),
});

const transpose = op({
  names: ['torch.transpose', 'Tensor.transpose', 'torch.swapaxes', 'Tensor.swapaxes', 'torch.swapdims', 'Tensor.swapdims'],
  sig: 'input, dim0, dim1',
  family: 'shape',
  meta: (a) => {
    const { x, shape } = metaIn(a);
    const out = same(x, transposeShape(shape, a.int('dim0'), a.int('dim1')));
    if (shape.length === 0) return out;
    const order = shape.map((_, i) => i);
    const [p, q] = [normDim(a.int('dim0'), shape.length), normDim(a.int('dim1'), shape.length)];
    [order[p], order[q]] = [order[q], order[p]];
    return withLayout(out, permuteLayout(x, order));
  },
  kernel: (a) => so.transpose(a.tensor('input'), a.int('dim0'), a.int('dim1')),
});

const t = op({
  names: ['torch.t', 'Tensor.t'],
  sig: 'input',
  family: 'shape',
  check(a) {
    const n = shapeOf(a.value('input')).length;
    if (n > 2) throw runtimeError(`t() expects a tensor with <= 2 dimensions, but self is ${n}D`);
  },
  meta: (a) => {
    const { x, shape } = metaIn(a);
    return withLayout(same(x, [...shape].reverse()), permuteLayout(x, shape.map((_, i) => shape.length - 1 - i)));
  },
  kernel: (a) => so.t(a.tensor('input')),
});

const unsqueeze = op({
  names: ['torch.unsqueeze', 'Tensor.unsqueeze'],
  sig: 'input, dim',
  family: 'shape',
  meta(a) {
    const { x, shape } = metaIn(a);
    const d = normDim(a.int('dim'), shape.length + 1);
    const out = [...shape];
    out.splice(d, 0, 1);
    return same(x, out);
  },
  kernel: (a) => so.unsqueeze(a.tensor('input'), a.int('dim')),
});

const squeeze = op({
  names: ['torch.squeeze', 'Tensor.squeeze'],
  sig: 'input, dim=None',
  family: 'shape',
  meta(a) {
    const { x, shape } = metaIn(a);
    const dim = a.optionalInt('dim');
    if (dim === null) return same(x, shape.filter((d) => d !== 1));
    const d = shape.length === 0 ? (normDim(dim, 0), -1) : normDim(dim, shape.length);
    return same(x, shape.filter((s, i) => i !== d || s !== 1));
  },
  kernel: (a) => so.squeeze(a.tensor('input'), a.optionalInt('dim')),
});

const expand = op({
  names: ['Tensor.expand', 'torch.broadcast_to', 'Tensor.broadcast_to'],
  sig: 'input, *size',
  family: 'shape',
  meta: (a) => {
    const { x, shape } = metaIn(a);
    const out = expandShape(shape, a.sizes('size'));
    return withLayout(same(x, out), expandLayout(x, out));
  },
  kernel: (a) => so.expand(a.tensor('input'), a.ints('size')),
});

const expandAs = op({
  names: ['Tensor.expand_as'],
  sig: 'input, other',
  family: 'shape',
  meta: (a) => {
    const { x, shape } = metaIn(a);
    const out = expandShape(shape, shapeOf(a.meta('other')));
    return withLayout(same(x, out), expandLayout(x, out));
  },
  kernel: (a) => so.expandAs(a.tensor('input'), a.tensor('other')),
});

function repeatShape(shape: MShape, reps: readonly number[]): Dim[] {
  if (reps.length < shape.length) {
    throw runtimeError('Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor');
  }
  const padded: Dim[] = [...new Array<Dim>(reps.length - shape.length).fill(1), ...shape];
  return padded.map((d, i) => mulDim(d, reps[i]));
}

const repeat = op({
  names: ['Tensor.repeat'],
  sig: 'input, *repeats',
  family: 'shape',
  meta: (a) => {
    const { x, shape } = metaIn(a);
    return same(x, repeatShape(shape, a.ints('repeats')));
  },
  kernel: (a) => so.repeat(a.tensor('input'), a.ints('repeats')),
});

const tile = op({
  names: ['torch.tile', 'Tensor.tile'],
  sig: 'input, *dims',
  family: 'shape',
  meta(a) {
    const { x, shape } = metaIn(a);
    const dims = a.ints('dims');
    const full = dims.length < shape.length ? [...new Array<number>(shape.length - dims.length).fill(1), ...dims] : dims;
    return same(x, repeatShape(shape, full));
  },
  kernel: (a) => so.tile(a.tensor('input'), a.ints('dims')),
});

function metaList(a: Args): MetaTensor[] {
  return a.tensors('tensors') as MetaTensor[];
}

const cat = op({
  names: ['torch.cat', 'torch.concat', 'torch.concatenate'],
  sig: 'tensors, dim|axis=0',
  family: 'shape',
  meta(a) {
    const ts = metaList(a);
    const shape = catShape(ts.map((m) => m.shape as unknown as MShape), a.int('dim'));
    return mt(shape, ts.length === 0 ? 'float32' : promote(...ts));
  },
  kernel: (a) => so.cat(a.tensors('tensors') as never, a.int('dim')),
});

const stack = op({
  names: ['torch.stack'],
  sig: 'tensors, dim=0',
  family: 'shape',
  meta(a) {
    const ts = metaList(a);
    const shape = stackShape(ts.map((m) => m.shape as unknown as MShape), a.int('dim'));
    return mt(shape, promote(...ts));
  },
  kernel: (a) => so.stack(a.tensors('tensors') as never, a.int('dim')),
});

function splitSizes(size: Dim, spec: number | number[], dimIndex: number): number[] {
  if (typeof size !== 'number') throw new MetaUnknown('split of a symbolic dim needs the shape module');
  if (Array.isArray(spec)) {
    const total = spec.reduce((p, s) => p + s, 0);
    if (total !== size) {
      throw runtimeError(
        `split_with_sizes expects split_sizes to sum exactly to ${size} (input tensor's size at dimension ${dimIndex}), but got split_sizes=[${spec.join(', ')}]`,
      );
    }
    return spec;
  }
  if (spec <= 0 && size > 0) throw runtimeError(`split_size can only be 0 if dimension size is 0, but got dimension size of ${size}`);
  if (spec > 0 && size / spec > so.MAX_PIECES) throw new MetaUnknown(`more than ${so.MAX_PIECES} pieces`);
  const out: number[] = [];
  for (let at = 0; at < size; at += spec) out.push(Math.min(spec, size - at));
  return out.length === 0 ? [0] : out;
}

/** Symbolic split/chunk: the shape module gives the parts when their count is provable. */
function symbolicParts(x: MetaTensor, parts: readonly MShape[]) {
  if (parts.length === 0) throw new MetaUnknown('the number of parts depends on a symbolic size');
  return tuple(parts.map((p) => same(x, p)));
}

const split = op({
  names: ['torch.split', 'Tensor.split'],
  sig: 'tensor|input, split_size_or_sections|split_size, dim=0',
  family: 'shape',
  meta(a) {
    const { x, shape } = metaIn(a, 'tensor');
    if (shape.length === 0) throw runtimeError('split expects at least a 1-dimensional tensor');
    const d = normDim(a.int('dim'), shape.length);
    const raw = a.value('split_size_or_sections');
    const spec = Array.isArray(raw) ? a.ints('split_size_or_sections') : a.int('split_size_or_sections');
    if (typeof shape[d] !== 'number') return symbolicParts(x, S.splitShapes('split', shape, spec, d));
    return tuple(splitSizes(shape[d], spec, d).map((s) => same(x, shape.map((v, i) => (i === d ? s : v)))));
  },
  kernel(a) {
    const raw = a.value('split_size_or_sections');
    const spec = Array.isArray(raw) ? a.ints('split_size_or_sections') : a.int('split_size_or_sections');
    return so.split(a.tensor('tensor'), spec, a.int('dim'));
  },
});

const chunk = op({
  names: ['torch.chunk', 'Tensor.chunk'],
  sig: 'input, chunks, dim=0',
  family: 'shape',
  check(a) {
    if (shapeOf(a.value('input')).length === 0) throw runtimeError('chunk expects at least a 1-dimensional tensor');
    const c = a.int('chunks');
    if (c <= 0) throw runtimeError(`chunk expects \`chunks\` to be greater than 0, got: ${c}`);
  },
  meta(a) {
    const { x, shape } = metaIn(a);
    const d = normDim(a.int('dim'), shape.length);
    const size = shape[d];
    if (typeof size !== 'number') return symbolicParts(x, S.chunkShapes('chunk', shape, a.int('chunks'), d));
    const chunks = a.int('chunks');
    if ((size === 0 ? chunks : Math.min(size, chunks)) > so.MAX_PIECES) throw new MetaUnknown(`more than ${so.MAX_PIECES} pieces`);
    // torch special-cases an empty dim: `chunks` empty pieces.
    if (size === 0) return tuple(Array.from({ length: chunks }, () => same(x, shape)));
    const each = Math.ceil(size / chunks);
    return tuple(splitSizes(size, Math.max(each, 1), d).map((s) => same(x, shape.map((v, i) => (i === d ? s : v)))));
  },
  kernel: (a) => so.chunk(a.tensor('input'), a.int('chunks'), a.int('dim')),
});

function conversion(names: string[], target: DType | null): OpEntry {
  return op({
    names,
    sig: target === null ? 'input, dtype=None' : 'input',
    family: 'shape',
    meta(a) {
      const x = a.meta('input');
      return mt(x.shape, target ?? a.dtype('dtype') ?? x.dtype);
    },
    kernel(a) {
      const x = a.tensor('input');
      return toDType(x, target ?? a.dtype('dtype') ?? x.dtype);
    },
  });
}

/**
 * `x.to(...)` takes a dtype, a device string, another tensor (its dtype), or keywords; the
 * engine has one device, so devices leave the tensor as it is.
 */
function toTarget(a: Args): DType | undefined {
  const explicit = a.dtype('dtype');
  if (explicit) return explicit;
  for (const v of a.value('args') as unknown[]) {
    if (isDTypeValue(v)) return v.name;
    if (isMetaTensor(v) || isTensor(v)) return v.dtype;
    if (typeof v !== 'string' && typeof v !== 'boolean') throw typeError(`to() received an invalid combination of arguments - got (${pyTypeName(v)})`);
  }
  return undefined;
}

const to = op({
  names: ['Tensor.to'],
  sig: 'input, *args=(), dtype=None, device=None, non_blocking=False, copy=False',
  family: 'shape',
  meta: (a) => mt(a.meta('input').shape, toTarget(a) ?? a.meta('input').dtype),
  kernel: (a) => toDType(a.tensor('input'), toTarget(a) ?? a.tensor('input').dtype),
});

const identityLike = (names: string[], fn: (a: Args) => unknown): OpEntry =>
  op({
    names,
    sig: 'input',
    family: 'shape',
    meta: (a) => mt(a.meta('input').shape, a.meta('input').dtype),
    kernel: fn,
  });

const narrow = op({
  names: ['torch.narrow', 'Tensor.narrow'],
  sig: 'input, dim, start, length',
  family: 'shape',
  check(a) {
    const shape = shapeOf(a.value('input'));
    if (shape.length === 0) throw runtimeError('narrow() cannot be applied to a 0-dim tensor.');
    const size = shape[normDim(a.int('dim'), shape.length)];
    // The bounds are checked only against a known size; a symbolic one proves nothing.
    if (typeof size !== 'number') return;
    const start = so.narrowStart(a.int('start'), size);
    const length = a.int('length');
    if (length < 0 || start > size - length) throw runtimeError(`start (${start}) + length (${length}) exceeds dimension size (${size}).`);
  },
  // A narrowed block is not contiguous in general; the layout model has no place for it, so
  // it is dropped, which keeps later view checks silent rather than wrong.
  meta(a) {
    const { x, shape } = metaIn(a);
    const d = normDim(a.int('dim'), shape.length);
    return same(x, shape.map((v, i) => (i === d ? a.int('length') : v)));
  },
  kernel: (a) => so.narrow(a.tensor('input'), a.int('dim'), a.int('start'), a.int('length')),
});

const flip = (names: string[], signature: string): OpEntry =>
  op({
    names,
    sig: signature,
    family: 'shape',
    check(a) {
      const n = shapeOf(a.value('input')).length;
      const seen = new Set<number>();
      for (const d of a.ints('dims').map((v) => normDim(v, n))) {
        if (seen.has(d)) throw runtimeError(`dim ${d} appears multiple times in the list of dims`);
        seen.add(d);
      }
    },
    meta: (a) => same(a.meta('input'), shapeOf(a.meta('input'))),
    kernel: (a) => so.flip(a.tensor('input'), a.ints('dims')),
  });

const movedim = op({
  names: ['torch.movedim', 'Tensor.movedim', 'torch.moveaxis', 'Tensor.moveaxis'],
  sig: 'input, source, destination',
  family: 'shape',
  meta(a) {
    const { x, shape } = metaIn(a);
    const order = so.movedimOrder(shape.length, a.ints('source'), a.ints('destination'));
    return withLayout(same(x, order.map((d) => shape[d])), permuteLayout(x, order));
  },
  kernel: (a) => so.movedim(a.tensor('input'), a.ints('source'), a.ints('destination')),
});

const broadcastTensors = op({
  names: ['torch.broadcast_tensors'],
  sig: '*tensors',
  family: 'shape',
  meta(a) {
    const ts = metaList(a);
    const shape = broadcastAll(ts.map((m) => m.shape as unknown as MShape));
    return tuple(ts.map((m) => withLayout(same(m, shape), expandLayout(m, shape))));
  },
  kernel: (a) => so.broadcastTensors(a.tensors('tensors') as never),
});

export const SHAPE_OPS: OpEntry[] = [
  narrow,
  flip(['Tensor.flip'], 'input, *dims'),
  flip(['torch.flip'], 'input, dims'),
  movedim,
  broadcastTensors,
  view,
  reshape,
  flatten,
  unflatten,
  permute,
  transpose,
  t,
  unsqueeze,
  squeeze,
  expand,
  expandAs,
  repeat,
  tile,
  cat,
  stack,
  split,
  chunk,
  conversion(['Tensor.float'], 'float32'),
  conversion(['Tensor.double'], 'float64'),
  conversion(['Tensor.long'], 'int64'),
  conversion(['Tensor.bool'], 'bool'),
  conversion(['Tensor.type'], null),
  to,
  identityLike(['Tensor.contiguous'], (a) => contiguous(a.tensor('input'))),
  identityLike(['torch.clone', 'Tensor.clone'], (a) => clone(a.tensor('input'))),
  identityLike(['Tensor.detach', 'torch.detach'], (a) => a.tensor('input')),
  op({
    names: ['Tensor.cpu', 'Tensor.cuda', 'Tensor.requires_grad_'],
    sig: 'input, *args=()',
    family: 'shape',
    meta: (a) => a.meta('input'),
    kernel: (a) => a.tensor('input'),
  }),
];
