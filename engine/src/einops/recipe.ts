// The one recipe behind rearrange, reduce and repeat, as einops builds it: the input dims
// are split into elementary axes, permuted (reduced axes last), reduced, new axes inserted
// and broadcast, and the result grouped into the output dims. The shape rules and the value
// kernels both read this recipe, so the shape the analysis predicts and the tensor `run`
// computes cannot disagree.
import type { Dim, Shape } from '../shape';
import { dimProduct, divideExactly, knownDifferent, showDim } from './dimMath';
import { EinopsRecipeError, involvesSymbols, unlessEqual } from './errors';
import type { Axis, PatternSide } from './pattern';
import { axisKey, axisNameProblem, parseSide, PatternSyntaxError, splitArrow } from './pattern';

export const REDUCTIONS = ['min', 'max', 'sum', 'mean', 'prod', 'any', 'all'] as const;
export type Reduction = (typeof REDUCTIONS)[number];
/** 'callable' stands for a reduction function (`reduce(x, p, torch.logsumexp)`): same shapes. */
export type RecipeOp = 'rearrange' | 'repeat' | Reduction | 'callable';

export function isReduction(name: string): name is Reduction {
  return (REDUCTIONS as readonly string[]).includes(name);
}

export interface ElementaryAxis {
  key: string;
  /** How the axis is shown in messages: its name, its anonymous length, or `…0`. */
  label: string;
  /** Length fixed by the pattern itself (anonymous axes such as `2`). */
  fixed?: number;
}

export interface Recipe {
  op: RecipeOp;
  pattern: string;
  /** Left elementary axes in input order, then the axes only the right side has. */
  axes: ElementaryAxis[];
  /** How many of `axes` come from the left side. */
  leftCount: number;
  /** For each input dim, the elementary axes it is composed of. */
  inputGroups: number[][];
  /** For each output dim, the elementary axes it is composed of. */
  outputGroups: number[][];
  /** Left axes that survive, in the order they appear on the right. */
  kept: number[];
  /** Left axes that are reduced away, in input order. */
  reduced: number[];
  /** Right-only axes (repeat), in output order. */
  added: number[];
  /** Axes whose lengths are given as keyword arguments. */
  given: Map<string, number>;
}

/** Python's repr of a set of axis names, as einops prints it: {'h', 'w'}. */
export function pySet(labels: string[]): string {
  return `{${labels.map((l) => (/^[0-9]+-axis$/.test(l) ? l : `'${l}'`)).join(', ')}}`;
}

function labelOf(axis: Axis): string {
  if (axis.kind === 'named') return axis.name;
  if (axis.kind === 'anon') return `${axis.value}-axis`;
  return '…';
}

function parseBoth(pattern: string): [PatternSide, PatternSide] {
  try {
    const [leftText, rightText] = splitArrow(pattern);
    return [parseSide(leftText), parseSide(rightText)];
  } catch (error) {
    if (error instanceof PatternSyntaxError) throw new EinopsRecipeError(error.message);
    throw error;
  }
}

function labelsOf(side: PatternSide): Map<string, string> {
  const out = new Map<string, string>();
  for (const slot of side.slots) {
    if (slot.kind === 'ellipsis') out.set('...', '…');
    else for (const axis of slot.axes) out.set(axisKey(axis), labelOf(axis));
  }
  return out;
}

function difference(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...a].filter(([key]) => !b.has(key)).map(([, label]) => label);
}

/** The checks einops makes before it looks at the tensor, in einops' order. */
function checkSides(op: RecipeOp, pattern: string, left: PatternSide, right: PatternSide, axisNames: string[]): void {
  if (!left.hasEllipsis && right.hasEllipsis) {
    throw new EinopsRecipeError(`Ellipsis found in right side, but not left side of a pattern ${pattern}`);
  }
  if (left.hasEllipsis && left.ellipsisInParens) {
    throw new EinopsRecipeError(`Ellipsis inside parenthesis in the left side is not allowed: ${pattern}`);
  }
  const leftIds = labelsOf(left);
  const rightIds = labelsOf(right);
  if (op === 'rearrange') {
    if (left.anonAxes.length > 0 || right.anonAxes.length > 0) {
      throw new EinopsRecipeError('Non-unitary anonymous axes are not supported in rearrange (exception is length 1)');
    }
    const diff = [...difference(leftIds, rightIds), ...difference(rightIds, leftIds)];
    if (diff.length > 0) {
      throw new EinopsRecipeError(`Identifiers only on one side of expression (should be on both): ${pySet(diff)}`);
    }
  } else if (op === 'repeat') {
    const diff = difference(leftIds, rightIds);
    if (diff.length > 0) throw new EinopsRecipeError(`Unexpected identifiers on the left side of repeat: ${pySet(diff)}`);
    const withoutSize = right.names.filter((n) => !leftIds.has(n) && !axisNames.includes(n));
    if (withoutSize.length > 0) {
      throw new EinopsRecipeError(`Specify sizes for new axes in repeat: ${pySet(withoutSize)}`);
    }
  } else if (isReduction(op) || op === 'callable') {
    const diff = difference(rightIds, leftIds);
    if (diff.length > 0) {
      throw new EinopsRecipeError(`Unexpected identifiers on the right side of reduce ${op}: ${pySet(diff)}`);
    }
  } else {
    throw new EinopsRecipeError(`Unknown reduction ${String(op)}. Expect one of ('min', 'max', 'sum', 'mean', 'prod', 'any', 'all').`);
  }
}

// Recipes depend only on their arguments and are never mutated, so they are cached the way
// einops caches them (analysis re-evaluates the same calls on every keystroke).
const cache = new Map<string, Recipe>();
const CACHE_LIMIT = 512;

/**
 * Builds the recipe for a pattern applied to a tensor of rank `ndim`, with lengths given for
 * `axisNames`. Throws EinopsRecipeError exactly where einops raises.
 */
export function prepareRecipe(pattern: string, op: RecipeOp, axisNames: string[], ndim: number): Recipe {
  const key = `${op}\u0000${pattern}\u0000${axisNames.join(',')}\u0000${ndim}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const recipe = buildRecipe(pattern, op, axisNames, ndim);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, recipe);
  return recipe;
}

function buildRecipe(pattern: string, op: RecipeOp, axisNames: string[], ndim: number): Recipe {
  const [left, right] = parseBoth(pattern);
  checkSides(op, pattern, left, right, axisNames);

  // Expand the ellipsis into as many elementary axes as it covers.
  let ellipsisKeys: string[] = [];
  if (left.hasEllipsis) {
    const others = left.slots.length - 1;
    if (ndim < others) {
      throw new EinopsRecipeError(`Wrong shape: expected >=${others} dims. Received ${ndim}-dim tensor.`);
    }
    ellipsisKeys = Array.from({ length: ndim - others }, (_, i) => `…${i}`);
  } else if (ndim !== left.slots.length) {
    throw new EinopsRecipeError(`Wrong shape: expected ${left.slots.length} dims. Received ${ndim}-dim tensor.`);
  }

  const axes: ElementaryAxis[] = [];
  const index = new Map<string, number>();
  const addAxis = (key: string, label: string, fixed?: number): number => {
    const existing = index.get(key);
    if (existing !== undefined) return existing;
    index.set(key, axes.length);
    axes.push(fixed === undefined ? { key, label } : { key, label, fixed });
    return axes.length - 1;
  };
  const groupsOf = (side: PatternSide, register: boolean): number[][] => {
    const groups: number[][] = [];
    for (const slot of side.slots) {
      if (slot.kind === 'ellipsis') {
        for (const key of ellipsisKeys) groups.push([register ? addAxis(key, key) : index.get(key)!]);
        continue;
      }
      const group: number[] = [];
      for (const axis of slot.axes) {
        if (axis.kind === 'ellipsis') {
          for (const key of ellipsisKeys) group.push(index.get(key)!);
        } else {
          const key = axisKey(axis);
          group.push(register || !index.has(key)
            ? addAxis(key, labelOf(axis), axis.kind === 'anon' ? axis.value : undefined)
            : index.get(key)!);
        }
      }
      groups.push(group);
    }
    return groups;
  };

  const inputGroups = groupsOf(left, true);
  const leftCount = axes.length;
  const outputGroups = groupsOf(right, false);

  const given = new Map<string, number>();
  for (const name of axisNames) {
    if (axisNameProblem(name) !== null) throw new EinopsRecipeError(`Invalid name for an axis ${name}`);
    const at = index.get(name);
    if (at === undefined) throw new EinopsRecipeError(`Axis ${name} is not used in transform`);
    given.set(name, at);
  }

  // Each input dim can determine at most one axis whose length is not otherwise known.
  for (const group of inputGroups) {
    const unknown = group.filter((a) => axes[a].fixed === undefined && !given.has(axes[a].key));
    if (unknown.length > 1) {
      throw new EinopsRecipeError(`Could not infer sizes for ${pySet(unknown.map((a) => axes[a].label))}`);
    }
  }

  const onRight = new Set(outputGroups.flat());
  const outputOrder = outputGroups.flat();
  const kept = outputOrder.filter((a) => a < leftCount);
  const reduced = Array.from({ length: leftCount }, (_, a) => a).filter((a) => !onRight.has(a));
  const added = outputOrder.filter((a) => a >= leftCount);
  return { op, pattern, axes, leftCount, inputGroups, outputGroups, kept, reduced, added, given };
}

/** Lengths of every elementary axis for an input shape; throws where einops would. */
export function resolveLengths(recipe: Recipe, shape: Shape, axesLengths: ReadonlyMap<string, Dim>): Dim[] {
  const lengths: Array<Dim | undefined> = recipe.axes.map((a) => a.fixed);
  for (const [name, at] of recipe.given) lengths[at] = axesLengths.get(name);
  recipe.inputGroups.forEach((group, dim) => {
    const length = shape[dim];
    const unknown = group.filter((a) => lengths[a] === undefined);
    const knownProduct = dimProduct(group.filter((a) => lengths[a] !== undefined).map((a) => lengths[a]!));
    if (unknown.length === 0) {
      if (knownDifferent(length, knownProduct)) {
        throw new EinopsRecipeError(
          `Shape mismatch, ${showDim(length)} != ${showDim(knownProduct)}${unlessEqual(length, knownProduct)}`,
          involvesSymbols(length, knownProduct),
        );
      }
      return;
    }
    const quotient = divideExactly(length, knownProduct);
    if (quotient === 'indivisible') {
      throw new EinopsRecipeError(
        `Shape mismatch, can't divide axis of length ${showDim(length)} in chunks of ${showDim(knownProduct)}`,
      );
    }
    lengths[unknown[0]] = quotient;
  });
  return lengths.map((l) => l!);
}

/** The output shape for resolved lengths. */
export function outputShape(recipe: Recipe, lengths: Dim[]): Shape {
  return recipe.outputGroups.map((group) => dimProduct(group.map((a) => lengths[a])));
}

/** True when an input dim is split or merged, so the input must be reshaped first. */
export function needsInitialReshape(recipe: Recipe): boolean {
  return recipe.inputGroups.some((g) => g.length !== 1);
}

