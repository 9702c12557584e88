// einops calls (rearrange / reduce / repeat) on symbolic shapes, with the einops module's
// pattern parser. An error is reported only when einops would raise for every size the
// symbols can take: a rank that cannot match the pattern, a composed axis whose known size
// does not divide, an output axis that is neither in the input nor given, or a reduce
// pattern that keeps every axis.
import type { SyntaxNode } from '../syntax';
import { parseSide, splitArrow, type Axis, type PatternSide } from '../../einops/pattern';
import { PyError, rangeOf } from './context';
import { dimExactDiv, dimKnownDifferent, dimMul, formatDim, formatShape, isUnknownDim, unknownDim, type Dim, type Shape } from '../../shape/dim';
import type { Arg, Machine } from './machine';
import { UNKNOWN, type TensorValue, type Value } from './values';

class EinopsMismatch extends Error {}

function key(a: Axis): string {
  return a.kind === 'named' ? a.name : a.kind === 'anon' ? `#${a.id}` : '...';
}

/** Binds the left side's axes to the input shape; returns each axis's size and the ellipsis dims. */
function bindLeft(side: PatternSide, shape: Shape, given: Map<string, Dim>): { sizes: Map<string, Dim>; ellipsis: Shape } {
  const groups = side.slots.filter((s) => s.kind === 'group').length;
  if (side.hasEllipsis ? shape.length < groups : shape.length !== groups) {
    throw new EinopsMismatch(`the pattern's left side "${side.text.trim()}" expects ${side.hasEllipsis ? `at least ${groups}` : groups} dims, but the tensor is ${formatShape(shape)}`);
  }
  const sizes = new Map(given);
  let ellipsis: Shape = [];
  let d = 0;
  for (const slot of side.slots) {
    if (slot.kind === 'ellipsis') {
      const n = shape.length - groups;
      ellipsis = shape.slice(d, d + n);
      d += n;
      continue;
    }
    const size = shape[d++];
    const unknowns = slot.axes.filter((a) => a.kind === 'named' && !sizes.has(a.name));
    let known: Dim = 1;
    for (const a of slot.axes) {
      if (a.kind === 'anon') known = dimMul(known, a.value);
      else if (a.kind === 'named' && sizes.has(a.name)) known = dimMul(known, sizes.get(a.name)!);
    }
    if (unknowns.length === 0) {
      if (dimKnownDifferent(known, size)) {
        throw new EinopsMismatch(`axis group (${slot.axes.map(key).join(' ')}) has size ${formatDim(known)} but the tensor's dim ${d - 1} is ${formatDim(size)}`);
      }
    } else if (unknowns.length === 1) {
      const rest = (dimExactDiv(size, known) ?? unknownDim());
      if (isUnknownDim(rest) && typeof size === 'number' && typeof known === 'number') {
        throw new EinopsMismatch(`dim ${d - 1} of size ${size} cannot be split into (${slot.axes.map(key).join(' ')}) with ${formatDim(known)} known`);
      }
      sizes.set((unknowns[0] as { name: string }).name, rest);
    } else {
      for (const a of unknowns) sizes.set((a as { name: string }).name, unknownDim());
    }
  }
  return { sizes, ellipsis };
}

function buildRight(side: PatternSide, sizes: Map<string, Dim>, ellipsis: Shape, op: string): Shape {
  const out: Dim[] = [];
  for (const slot of side.slots) {
    if (slot.kind === 'ellipsis') {
      out.push(...ellipsis);
      continue;
    }
    let size: Dim = 1;
    for (const a of slot.axes) {
      if (a.kind === 'anon') size = dimMul(size, a.value);
      else if (a.kind === 'named') {
        const s = sizes.get(a.name);
        if (s === undefined) {
          throw new EinopsMismatch(op === 'einops.repeat' ? `new axis ${a.name} needs its length as a keyword argument` : `axis ${a.name} on the right side is not on the left side`);
        }
        size = dimMul(size, s);
      }
    }
    out.push(size);
  }
  return out;
}

export function einopsShape(op: string, pattern: string, shape: Shape, given: Map<string, Dim>): Shape {
  const [l, r] = splitArrow(pattern);
  const left = parseSide(l);
  const right = parseSide(r);
  if (left.ellipsisInParens || right.ellipsisInParens) throw new Error('composed ellipsis is not analysed');
  const { sizes, ellipsis } = bindLeft(left, shape, given);
  if (op === 'einops.rearrange') {
    const lk = new Set(left.names);
    const rk = new Set(right.names);
    const missing = [...lk].filter((n) => !rk.has(n));
    if (missing.length > 0) throw new EinopsMismatch(`rearrange cannot drop axes: ${missing.join(', ')} is on the left side only (use reduce)`);
  }
  return buildRight(right, sizes, ellipsis, op);
}

type EinopsLib = typeof import('../../einops/index');
let einopsLib: EinopsLib | null | undefined;

/** The einops module's concrete functions, loaded on first use (absent: no samples, run unsupported). */
function einops(): EinopsLib | null {
  if (einopsLib === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      einopsLib = require('../../einops/index') as EinopsLib;
    } catch {
      einopsLib = null;
    }
  }
  return einopsLib;
}

/** Runs rearrange/reduce/repeat on the sample; null when not computable. */
function concreteEinops(qualname: string, x: unknown, pattern: string, args: Arg[], kwargs: Map<string, Arg>): unknown {
  const lib = einops();
  if (!lib) throw new PyError('UnsupportedError', `${qualname} is not supported by the TensorLint engine`);
  const axes: Record<string, number> = {};
  for (const [k, a] of kwargs) {
    if (a.value.kind !== 'int' || typeof a.value.value !== 'number') throw new PyError('UnsupportedError', `${qualname}: the length of axis ${k} is not known`);
    axes[k] = a.value.value;
  }
  try {
    if (qualname === 'einops.rearrange') return lib.rearrange(x as never, pattern, axes);
    if (qualname === 'einops.repeat') return lib.repeat(x as never, pattern, axes);
    if (qualname === 'einops.reduce') {
      const reduction = args[2]?.value ?? kwargs.get('reduction')?.value;
      if (reduction?.kind !== 'str') throw new PyError('UnsupportedError', `${qualname}: the reduction is not known`);
      return lib.reduce(x as never, pattern, reduction.value, axes);
    }
  } catch (e) {
    if (e instanceof PyError) throw e;
    throw new PyError('EinopsError', (e as Error).message);
  }
  throw new PyError('UnsupportedError', `${qualname} is not supported by the TensorLint engine`);
}

function runEinops(m: Machine, qualname: string, args: Arg[], kwargs: Map<string, Arg>, node: SyntaxNode): Value {
  const x = args[0]?.value;
  const pattern = args[1]?.value;
  if (!x || x.kind !== 'tensor' || !x.sample || pattern?.kind !== 'str') throw new PyError('UnsupportedError', `${qualname} with these arguments is not supported by the TensorLint engine`);
  const t = concreteEinops(qualname, x.sample, pattern.value, args, kwargs) as { shape: number[]; dtype: string };
  return m.ctx.tensor([...t.shape], t.dtype as TensorValue['dtype'], m.ctx.node(qualname, node, [x.node], { pattern: pattern.value }), t);
}

export function callEinops(m: Machine, qualname: string, args: Arg[], kwargs: Map<string, Arg>, node: SyntaxNode): Value {
  if (m.ctx.mode === 'run') return runEinops(m, qualname, args, kwargs, node);
  const result = symbolicEinops(m, qualname, args, kwargs, node);
  const x = args[0]?.value;
  const pattern = args[1]?.value;
  if (result.kind !== 'tensor' || !x || x.kind !== 'tensor' || !x.sample || pattern?.kind !== 'str') return result;
  try {
    const sample = concreteEinops(qualname, x.sample, pattern.value, args, kwargs) as { shape: number[] };
    return result.shape === null || result.shape.length === sample.shape.length ? { ...result, sample } : result;
  } catch {
    return result;
  }
}

function symbolicEinops(m: Machine, qualname: string, args: Arg[], kwargs: Map<string, Arg>, node: SyntaxNode): Value {
  const x = args[0]?.value;
  const pattern = args[1]?.value;
  if (!x || x.kind !== 'tensor') return UNKNOWN;
  const params: Record<string, unknown> = pattern?.kind === 'str' ? { pattern: pattern.value } : {};
  const mk = (shape: Shape | null): TensorValue => m.ctx.tensor(shape, x.dtype, m.ctx.node(qualname, node, [x.node], params));
  if (!['einops.rearrange', 'einops.reduce', 'einops.repeat'].includes(qualname) || pattern?.kind !== 'str' || x.shape === null) return mk(null);
  const given = new Map<string, Dim>();
  for (const [k, a] of kwargs) {
    if (a.value.kind === 'int') given.set(k, a.value.value);
    else return mk(null);
  }
  try {
    return mk(einopsShape(qualname, pattern.value, x.shape, given));
  } catch (e) {
    if (!(e instanceof EinopsMismatch)) return mk(null);
    m.ctx.problem({
      op: qualname, kind: 'einops', torchType: 'EinopsError', reason: `${qualname.slice(7)}("${pattern.value}"): ${e.message}`,
      range: rangeOf(node), text: node.text,
      operands: args[0].syntax ? [{ text: args[0].syntax.text, range: rangeOf(args[0].syntax), shape: formatShape(x.shape) }] : [],
    });
    return UNKNOWN;
  }
}

