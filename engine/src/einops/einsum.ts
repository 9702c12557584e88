// einops.einsum: tensors first, pattern last, axes as space-separated names
// ("batch h w, h w channel -> batch channel"). einops validates the pattern and rewrites it
// into torch's one-letter form; torch.einsum then checks ranks and sizes. Both layers'
// errors are reproduced here, each with the exception type that layer raises.
import type { Dim, Shape } from '../shape';
import { broadcastDim, showDim } from './dimMath';
import { einopsError, involvesSymbols, unlessEqual } from './errors';
import { parseSide, PatternSyntaxError } from './pattern';
import type { PatternSide } from './pattern';

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

export interface EinsumPlan {
  /** The equation in torch's form, e.g. "ab,bc->ac". */
  equation: string;
  /** Per operand, its axis names in order ('...' for the ellipsis). */
  inputs: string[][];
  output: string[];
  /** Named axes in the order they were given letters. */
  letters: Map<string, string>;
}

function fail(shapes: Shape[], reason: string, type: string, symbolic = false): never {
  throw einopsError('einsum', shapes, reason, type, symbolic);
}

function axesOf(side: PatternSide, shapes: Shape[]): string[] {
  const out: string[] = [];
  for (const slot of side.slots) {
    if (slot.kind === 'ellipsis') {
      out.push('...');
      continue;
    }
    if (slot.axes.length === 0) fail(shapes, 'Singleton () axes are not yet supported in einsum.', 'NotImplementedError');
    if (slot.axes.length > 1) fail(shapes, 'Shape rearrangement is not yet supported in einsum.', 'NotImplementedError');
    const axis = slot.axes[0];
    if (axis.kind === 'anon') fail(shapes, 'Anonymous axes are not yet supported in einsum.', 'NotImplementedError');
    if (axis.kind === 'ellipsis') fail(shapes, 'Shape rearrangement is not yet supported in einsum.', 'NotImplementedError');
    out.push(axis.name);
  }
  return out;
}

/** Validates an einops.einsum pattern and compiles it to torch's equation. */
export function compileEinsumPattern(pattern: string, shapes: Shape[] = []): EinsumPlan {
  if (!pattern.includes('->')) fail(shapes, "Einsum pattern must contain '->'.", 'ValueError');
  const arrow = pattern.indexOf('->');
  const leftText = pattern.slice(0, arrow);
  const rightText = pattern.slice(arrow + 2);
  if (rightText.includes('->')) fail(shapes, `too many values to unpack (expected 2)`, 'ValueError');
  let lefts: PatternSide[];
  let right: PatternSide;
  try {
    lefts = leftText.split(',').map((t) => parseSide(t, { allowUnderscore: true, allowDuplicates: true }));
    right = parseSide(rightText, { allowUnderscore: true });
  } catch (error) {
    if (error instanceof PatternSyntaxError) fail(shapes, error.message, 'EinopsError');
    throw error;
  }
  const letters = new Map<string, string>();
  const inputs = lefts.map((side) => axesOf(side, shapes));
  for (const axes of inputs) {
    for (const name of axes) {
      if (name === '...' || letters.has(name)) continue;
      if (letters.size >= LETTERS.length) fail(shapes, 'Too many axes in einsum.', 'RuntimeError');
      letters.set(name, LETTERS[letters.size]);
    }
  }
  const output = axesOf(right, shapes);
  for (const name of output) {
    if (name !== '...' && !letters.has(name)) fail(shapes, `Unknown axis ${name} on right side of einsum ${pattern}.`, 'EinopsError');
  }
  const spell = (axes: string[]): string => axes.map((n) => (n === '...' ? '...' : letters.get(n)!)).join('');
  const equation = `${inputs.map(spell).join(',')}->${spell(output)}`;
  return { equation, inputs, output, letters };
}

/** Checks operands against a compiled plan the way torch.einsum does; returns the output shape. */
export function einsumPlanShape(plan: EinsumPlan, shapes: Shape[]): Shape {
  const torchFail = (reason: string, symbolic = false): never => fail(shapes, `einsum(): ${reason}`, 'RuntimeError', symbolic);
  if (shapes.length > plan.inputs.length) torchFail('more operands were provided than specified in the equation');
  if (shapes.length < plan.inputs.length) torchFail('fewer operands were provided than specified in the equation');
  const sizes = new Map<string, Dim>();
  let ellipsis: Dim[] | null = null;
  plan.inputs.forEach((axes, operand) => {
    const shape = shapes[operand];
    const named = axes.filter((a) => a !== '...');
    const hasEllipsis = named.length !== axes.length;
    if (!hasEllipsis && named.length !== shape.length) {
      torchFail(`the number of subscripts in the equation (${named.length}) does not match the number of dimensions (${shape.length}) for operand ${operand} and no ellipsis was given`);
    }
    if (hasEllipsis && named.length > shape.length) {
      torchFail(`the number of subscripts in the equation (${named.length}) is more than the number of dimensions (${shape.length}) for operand ${operand}`);
    }
    const at = axes.indexOf('...');
    const covered = hasEllipsis ? shape.slice(at, at + shape.length - named.length) : [];
    const dims = hasEllipsis ? [...shape.slice(0, at), ...shape.slice(at + covered.length)] : shape;
    const seenHere = new Map<string, Dim>();
    named.forEach((name, i) => {
      const size = dims[i];
      const letter = plan.letters.get(name)!;
      const repeated = seenHere.get(name);
      if (repeated !== undefined) {
        const same = broadcastDim(repeated, size);
        if (same === 'mismatch' || (typeof repeated === 'number' && typeof size === 'number' && repeated !== size)) {
          torchFail(`subscript ${letter} is repeated for operand ${operand} but the sizes don't match, ${showDim(size)} != ${showDim(repeated)}${unlessEqual(size, repeated)}`,
            involvesSymbols(size, repeated));
        }
        return;
      }
      seenHere.set(name, size);
      const previous = sizes.get(name);
      if (previous === undefined) {
        sizes.set(name, size);
        return;
      }
      const joined = broadcastDim(previous, size);
      if (joined === 'mismatch') {
        torchFail(`subscript ${letter} has size ${showDim(size)} for operand ${operand} which does not broadcast with previously seen size ${showDim(previous)}${unlessEqual(size, previous)}`,
          involvesSymbols(size, previous));
      }
      sizes.set(name, joined as Dim);
    });
    if (hasEllipsis) ellipsis = broadcastEllipsis(ellipsis, covered, operand, torchFail);
  });
  const out: Dim[] = [];
  const seenOut = new Set<string>();
  for (const name of plan.output) {
    if (name === '...') {
      out.push(...(ellipsis ?? []));
      continue;
    }
    if (seenOut.has(name)) torchFail(`output subscript ${plan.letters.get(name)} appears more than once in the output`);
    seenOut.add(name);
    out.push(sizes.get(name)!);
  }
  return out;
}

function broadcastEllipsis(previous: Dim[] | null, covered: Shape, operand: number, torchFail: (r: string, symbolic?: boolean) => never): Dim[] {
  if (previous === null) return [...covered];
  const rank = Math.max(previous.length, covered.length);
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    const a = previous[previous.length - rank + i] ?? 1;
    const b = covered[covered.length - rank + i] ?? 1;
    const joined = broadcastDim(a, b);
    if (joined === 'mismatch') {
      torchFail(`dimension ${i} covered by ellipsis in operand ${operand}has size ${showDim(b)} which does not broadcast with previously seen ellipsis with size ${showDim(a)} for the respective dimension${unlessEqual(b, a)}`,
        involvesSymbols(a, b));
    }
    out.push(joined as Dim);
  }
  return out;
}

/** `einops.einsum(*tensors, pattern)` on shapes. */
export function einsumShape(pattern: string, shapes: Shape[]): Shape {
  if (shapes.length === 0) {
    fail(shapes, '`einops.einsum` takes at minimum two arguments: the tensors (at least one), followed by the pattern.', 'ValueError');
  }
  return einsumPlanShape(compileEinsumPattern(pattern, shapes), shapes);
}
