// Shape rules for einops.rearrange / reduce / repeat / parse_shape on symbolic shapes.
// Each throws EinopsError (or the error type einops raises) exactly where einops would.
import type { Dim, Shape } from '../shape';
import { knownDifferent, showShapeTuple } from './dimMath';
import { EinopsRecipeError, einopsError, wrapRecipeError } from './errors';
import type { AxesLengths } from './axes';
import { toAxesMap } from './axes';
import { parseSide, PatternSyntaxError } from './pattern';
import type { Recipe, RecipeOp, Reduction } from './recipe';
import { outputShape, prepareRecipe, resolveLengths } from './recipe';

export interface PlannedShape {
  recipe: Recipe;
  /** Length of every elementary axis (see Recipe.axes). */
  lengths: Dim[];
  shape: Shape;
}

/** Builds and resolves the recipe; the shared first step of the shape rules and the kernels. */
export function planShape(op: RecipeOp, pattern: string, shape: Shape, axes: AxesLengths = {}): PlannedShape {
  const lengthsByName = toAxesMap(axes);
  try {
    const recipe = prepareRecipe(pattern, op, [...lengthsByName.keys()], shape.length);
    const lengths = resolveLengths(recipe, shape, lengthsByName);
    return { recipe, lengths, shape: outputShape(recipe, lengths) };
  } catch (error) {
    if (error instanceof EinopsRecipeError) throw wrapRecipeError(error, op, pattern, shape, lengthsByName);
    throw error;
  }
}

/** `einops.rearrange(x, pattern, **axes)` on a shape. */
export function rearrangeShape(pattern: string, shape: Shape, axes: AxesLengths = {}): Shape {
  return planShape('rearrange', pattern, shape, axes).shape;
}

/**
 * `einops.reduce(x, pattern, reduction, **axes)` on a shape. `reduction` is the name einops
 * gets ('sum', 'mean', ...), or 'callable' for a function. Give `dtype` when known: einops
 * refuses 'mean' on integer and bool tensors.
 */
export function reduceShape(
  pattern: string,
  shape: Shape,
  reduction: Reduction | 'callable' | string,
  axes: AxesLengths = {},
  dtype?: string,
): Shape {
  const planned = planShape(reduction as Reduction, pattern, shape, axes);
  if (reduction === 'mean' && dtype !== undefined && /^(u?int|bool)/.test(dtype)) {
    throw einopsError('reduce', [shape], 'reduce_mean is not available for non-floating tensors', 'NotImplementedError');
  }
  return planned.shape;
}

/** `einops.repeat(x, pattern, **axes)` on a shape. */
export function repeatShape(pattern: string, shape: Shape, axes: AxesLengths = {}): Shape {
  return planShape('repeat', pattern, shape, axes).shape;
}

/**
 * `einops.parse_shape(x, pattern)`: axis name -> length. `_` skips a dim; `...` covers any
 * number of dims. Raises RuntimeError where einops does (it is not an EinopsError there).
 */
export function parseShapeOf(pattern: string, shape: Shape): Map<string, Dim> {
  let side;
  try {
    side = parseSide(pattern, { allowUnderscore: true });
  } catch (error) {
    if (error instanceof PatternSyntaxError) throw einopsError('parse_shape', [shape], error.message, 'EinopsError');
    throw error;
  }
  const shown = `${pattern} ${showShapeTuple(shape)}`;
  if (side.slots.some((s) => s.kind === 'group' && s.axes.length > 1)) {
    throw einopsError('parse_shape', [shape], `Can't parse shape with composite axes: ${shown}`, 'RuntimeError');
  }
  const slots = side.slots;
  if (shape.length !== slots.length) {
    if (!side.hasEllipsis) {
      throw einopsError('parse_shape', [shape], `Can't parse shape with different number of dimensions: ${shown}`, 'RuntimeError');
    }
    if (shape.length < slots.length - 1) {
      throw einopsError('parse_shape', [shape], `Can't parse shape with this number of dimensions: ${shown}`, 'RuntimeError');
    }
  }
  const result = new Map<string, Dim>();
  let dim = 0;
  for (const slot of slots) {
    if (slot.kind === 'ellipsis') {
      dim += shape.length - (slots.length - 1);
      continue;
    }
    const length = shape[dim++];
    const axis = slot.axes[0];
    if (axis === undefined) {
      if (knownDifferent(length, 1)) {
        throw einopsError('parse_shape', [shape], `Length of axis is not 1: ${shown}`, 'RuntimeError');
      }
    } else if (axis.kind === 'named') {
      if (axis.name !== '_') result.set(axis.name, length);
    } else if (axis.kind === 'anon' && knownDifferent(length, axis.value)) {
      throw einopsError('parse_shape', [shape], `Length of anonymous axis does not match: ${shown}`, 'RuntimeError');
    }
  }
  return result;
}
