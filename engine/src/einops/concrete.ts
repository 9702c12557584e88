// einops on concrete engine tensors. Every function first runs the same shape rule the
// analysis uses (so the errors and the result shape are the rule's), then executes the
// recipe with the tensor module's kernels: reshape -> permute -> reduce -> expand -> reshape,
// the sequence einops' torch backend runs.
import type { Dim, Shape } from '../shape';
import { isFloating } from '../tensor/dtype';
import { cat, expand, narrow, permute, reshape, stack } from '../tensor/shapeOps';
import { einsum as torchEinsum } from '../tensor/matmul';
import * as reduceKernels from '../tensor/reduce';
import type { Tensor } from '../tensor/tensor';
import type { AxesLengths } from './axes';
import { compileEinsumPattern, einsumPlanShape } from './einsum';
import { einopsError } from './errors';
import { packShapes, unpackShapes } from './pack';
import type { Reduction } from './recipe';
import { needsInitialReshape } from './recipe';
import { parseShapeOf, planShape } from './shapeRules';
import type { PlannedShape } from './shapeRules';

type TensorInput = Tensor | readonly Tensor[];

function numbers(dims: readonly Dim[], what: string): number[] {
  return dims.map((d) => {
    if (typeof d !== 'number') throw new Error(`einops: ${what} is not concrete`);
    return d;
  });
}

/** einops accepts a list of same-shaped tensors and stacks it along a new first axis. */
function asTensor(input: TensorInput): Tensor {
  if (!Array.isArray(input)) return input as Tensor;
  const list = input as readonly Tensor[];
  if (list.length === 0) {
    throw einopsError('rearrange', [], "Rearrange/Reduce/Repeat can't be applied to an empty list", 'TypeError');
  }
  return stack(list, 0);
}

function reduceAxes(x: Tensor, reduction: Reduction, dims: number[], shape: Shape): Tensor {
  switch (reduction) {
    case 'sum':
      return reduceKernels.sum(x, dims);
    case 'mean':
      if (!isFloating(x.dtype)) {
        throw einopsError('reduce', [shape], 'reduce_mean is not available for non-floating tensors', 'NotImplementedError');
      }
      return reduceKernels.mean(x, dims);
    case 'max':
      return reduceKernels.amax(x, dims);
    case 'min':
      return reduceKernels.amin(x, dims);
    default: {
      // torch reduces prod/any/all one dim at a time; einops' torch backend does the same,
      // last dim first, so the rounding order matches.
      let out = x;
      for (const d of [...dims].sort((a, b) => b - a)) {
        out = reduction === 'prod' ? reduceKernels.prod(out, d) : reduction === 'any' ? reduceKernels.any(out, d) : reduceKernels.all(out, d);
      }
      return out;
    }
  }
}

function applyPlan(x: Tensor, planned: PlannedShape, reduction: Reduction | null): Tensor {
  const { recipe } = planned;
  const lengths = numbers(planned.lengths, 'an axis length');
  let out = x;
  if (needsInitialReshape(recipe)) out = reshape(out, lengths.slice(0, recipe.leftCount));
  const order = [...recipe.kept, ...recipe.reduced];
  if (order.some((a, i) => a !== i)) out = permute(out, order);
  if (recipe.reduced.length > 0 && reduction !== null) {
    const dims = recipe.reduced.map((_, i) => recipe.kept.length + i);
    out = reduceAxes(out, reduction, dims, [...x.shape]);
  }
  const elementaryOut = recipe.outputGroups.flat();
  if (recipe.added.length > 0) {
    out = reshape(out, elementaryOut.map((a) => (a < recipe.leftCount ? lengths[a] : 1)));
    out = expand(out, elementaryOut.map((a) => lengths[a]));
  }
  if (recipe.outputGroups.some((g) => g.length !== 1)) out = reshape(out, numbers(planned.shape, 'the output shape'));
  return out;
}

/** `einops.rearrange(tensor, pattern, **axes)`. */
export function rearrange(input: TensorInput, pattern: string, axes: AxesLengths = {}): Tensor {
  const x = asTensor(input);
  return applyPlan(x, planShape('rearrange', pattern, [...x.shape], axes), null);
}

/** `einops.reduce(tensor, pattern, reduction, **axes)`. */
export function reduce(input: TensorInput, pattern: string, reduction: Reduction | string, axes: AxesLengths = {}): Tensor {
  const x = asTensor(input);
  const planned = planShape(reduction as Reduction, pattern, [...x.shape], axes);
  if (reduction === 'callable') throw new Error('einops.reduce with a callable reduction is not supported by the engine');
  return applyPlan(x, planned, reduction as Reduction);
}

/** `einops.repeat(tensor, pattern, **axes)`. */
export function repeat(input: TensorInput, pattern: string, axes: AxesLengths = {}): Tensor {
  const x = asTensor(input);
  return applyPlan(x, planShape('repeat', pattern, [...x.shape], axes), null);
}

/** `einops.einsum(*tensors, pattern)`: tensors first, pattern last. */
export function einsum(...args: [...Tensor[], string]): Tensor {
  const pattern = args[args.length - 1] as string;
  const tensors = args.slice(0, -1) as Tensor[];
  const shapes = tensors.map((t) => [...t.shape]);
  const plan = compileEinsumPattern(pattern, shapes);
  einsumPlanShape(plan, shapes);
  return torchEinsum(plan.equation, ...tensors);
}

/** `einops.pack(tensors, pattern)` -> [packed, packed_shapes]. */
export function pack(tensors: readonly Tensor[], pattern: string): { packed: Tensor; packedShapes: number[][] } {
  const shapes = tensors.map((t) => [...t.shape]);
  const { packedShapes } = packShapes(shapes, pattern);
  const before = pattern.split(/\s+/).filter((a) => a !== '').indexOf('*');
  const flattened = tensors.map((t, i) => {
    const s = t.shape;
    const end = s.length - (s.length - before - packedShapes[i].length);
    const inner = packedShapes[i].reduce<number>((acc, d) => acc * (d as number), 1);
    return reshape(t, [...s.slice(0, before), inner, ...s.slice(end)]);
  });
  return { packed: cat(flattened, before), packedShapes: packedShapes.map((ps) => numbers(ps, 'a packed shape')) };
}

/** `einops.unpack(tensor, packed_shapes, pattern)`. */
export function unpack(x: Tensor, packedShapes: readonly (readonly number[])[], pattern: string): Tensor[] {
  const shapes = unpackShapes([...x.shape], packedShapes.map((ps) => [...ps]), pattern);
  const before = pattern.split(/\s+/).filter((a) => a !== '').indexOf('*');
  let start = 0;
  return shapes.map((shape) => {
    const length = shape.slice(before, shape.length - (x.ndim - before - 1)).reduce<number>((acc, d) => acc * (d as number), 1);
    const piece = narrow(x, before, start, length);
    start += length;
    return reshape(piece, numbers(shape, 'an unpacked shape'));
  });
}

/** `einops.parse_shape(tensor, pattern)`. */
export function parseShape(x: Tensor, pattern: string): Map<string, number> {
  const parsed = parseShapeOf(pattern, [...x.shape]);
  return new Map([...parsed].map(([k, v]) => [k, v as number]));
}
