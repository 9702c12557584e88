// Matching declared dims against actual shapes, the way jaxtyping checks a call: names bind
// on first use and must agree afterwards, across all parameters of one call (and its return).
// A mismatch is reported only when the shape module proves the sizes differ; an unknown
// size binds nothing and contradicts nothing.
import { dimKnownDifferent, formatDim, isUnknownDim } from '../shape';
import type { Dim, Shape } from '../shape';
import { dimExprNames, dimExprToDim } from './dimExpr';
import type { DeclaredDim } from './types';

/** What one call has bound so far: single dims by name and variadic groups by name. */
export interface DeclBindings {
  dims: Map<string, Dim>;
  groups: Map<string, Shape>;
}

export function emptyBindings(): DeclBindings {
  return { dims: new Map(), groups: new Map() };
}

export type BindResult =
  | { ok: true }
  | { ok: false; reason: string; /** Index into the actual shape, when one dim is at fault. */ dimIndex?: number };

function describe(d: DeclaredDim): string {
  if (d.kind === 'anonymous') return '_';
  if (d.kind === 'variadic') return d.name === null ? '...' : `*${d.name}`;
  return (d.broadcastable ? '#' : '') + exprText(d);
}

function exprText(d: Extract<DeclaredDim, { kind: 'dim' }>): string {
  return formatDim(d.dim);
}

/** Checks one declared dim against an actual one, binding a bare name on first sight. */
function bindOne(d: DeclaredDim, actual: Dim, env: DeclBindings, index: number): BindResult {
  if (d.kind !== 'dim') return { ok: true };
  if (d.broadcastable && actual === 1) return { ok: true };
  const expr = d.expr;
  if (expr.kind === 'name') {
    const bound = env.dims.get(expr.name);
    if (bound === undefined) {
      if (!isUnknownDim(actual)) env.dims.set(expr.name, actual);
      return { ok: true };
    }
    if (dimKnownDifferent(bound, actual)) {
      return {
        ok: false,
        dimIndex: index,
        reason: `dim ${index} is ${formatDim(actual)}, but ${expr.name} is ${formatDim(bound)} elsewhere in this call`,
      };
    }
    return { ok: true };
  }
  // Ints and expressions (`h*w`, `n+1`) are checked once every name in them is bound.
  if (!dimExprNames(expr).every((n) => env.dims.has(n))) return { ok: true };
  const expected = dimExprToDim(expr, (n) => env.dims.get(n));
  if (dimKnownDifferent(expected, actual)) {
    const shown = expr.kind === 'int' ? String(expr.value) : `${exprText(d)} = ${formatDim(expected)}`;
    return { ok: false, dimIndex: index, reason: `dim ${index} is ${formatDim(actual)}, declared ${shown}` };
  }
  return { ok: true };
}

/**
 * Matches `actual` against the declared dims, extending `env`. On a mismatch, `env` may hold
 * bindings made before the mismatch was found.
 */
export function bindDeclared(dims: readonly DeclaredDim[], actual: Shape, env: DeclBindings): BindResult {
  const variadicAt = dims.findIndex((d) => d.kind === 'variadic');
  const fixedCount = variadicAt === -1 ? dims.length : dims.length - 1;
  if (variadicAt === -1 && actual.length !== dims.length) {
    return { ok: false, reason: `expected ${dims.length} dims (${dims.map(describe).join(' ')}), got ${actual.length}` };
  }
  if (variadicAt !== -1 && actual.length < fixedCount) {
    return { ok: false, reason: `expected at least ${fixedCount} dims (${dims.map(describe).join(' ')}), got ${actual.length}` };
  }
  const groupLength = actual.length - fixedCount;
  for (let i = 0; i < dims.length; i++) {
    const d = dims[i];
    if (d.kind === 'variadic') {
      const group = actual.slice(i, i + groupLength);
      const result = bindGroup(d, group, env, i);
      if (!result.ok) return result;
      continue;
    }
    const at = variadicAt !== -1 && i > variadicAt ? i - 1 + groupLength : i;
    const result = bindOne(d, actual[at], env, at);
    if (!result.ok) return result;
  }
  return { ok: true };
}

function bindGroup(d: Extract<DeclaredDim, { kind: 'variadic' }>, group: Shape, env: DeclBindings, start: number): BindResult {
  if (d.name === null) return { ok: true };
  const bound = env.groups.get(d.name);
  if (bound === undefined) {
    env.groups.set(d.name, group);
    return { ok: true };
  }
  if (d.broadcastable) return { ok: true };
  if (bound.length !== group.length) {
    return { ok: false, reason: `*${d.name} covers ${group.length} dims here but ${bound.length} elsewhere in this call` };
  }
  for (let k = 0; k < group.length; k++) {
    if (dimKnownDifferent(bound[k], group[k])) {
      return {
        ok: false,
        dimIndex: start + k,
        reason: `dim ${start + k} is ${formatDim(group[k])}, but *${d.name} has ${formatDim(bound[k])} there elsewhere in this call`,
      };
    }
  }
  return { ok: true };
}

/**
 * The shape a declaration stands for under the bindings (e.g. a return annotation after the
 * parameters were bound). Unbound names become symbols of that name; null when a variadic
 * group is unbound or anonymous, or a broadcastable dim leaves the size open.
 */
export function instantiateDeclared(dims: readonly DeclaredDim[], env: DeclBindings): Shape | null {
  const out: Dim[] = [];
  for (const d of dims) {
    if (d.kind === 'variadic') {
      const group = d.name === null ? undefined : env.groups.get(d.name);
      if (group === undefined) return null;
      out.push(...group);
    } else if (d.kind === 'anonymous' || d.broadcastable) {
      return null;
    } else {
      out.push(dimExprToDim(d.expr, (n) => env.dims.get(n)));
    }
  }
  return out;
}
