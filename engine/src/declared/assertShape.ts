// Shapes declared by asserts: `assert x.shape == (b, n)`,
// `assert x.shape == torch.Size([b, n])`, `assert tuple(x.shape) == (b, n)`,
// `assert list(x.shape) == [b, n]`, and one dim: `assert x.shape[-1] == n`.
// Only comparisons that can be true are read: `x.shape == [b, n]` compares a tuple with a
// list and `x.shape == (b)` compares it with an int; both always fail, so they declare nothing.
import type { Shape } from '../shape';
import { dimExprToDim, parseDimExpr } from './dimExpr';
import type { Dim } from '../shape';
import { matchingBracket, splitTopLevel } from './text';

export interface ShapeAssert {
  /** The expression whose shape is asserted, e.g. `x` or `self.weight`. */
  subject: string;
  shape: Shape;
  /** The item texts, for an interpreter that evaluates them itself (`x.shape[0]`, `n // 2`). */
  items: string[];
}

export interface DimAssert {
  subject: string;
  /** The dim index as written (may be negative). */
  index: number;
  dim: Dim;
  text: string;
}

const SUBJECT = String.raw`[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*`;

type Container = 'tuple' | 'list';

/** The item texts of `(a, b)`, `[a, b]`, `torch.Size([a, b])`, with what container they are in. */
function containerItems(text: string): { container: Container; items: string[] } | null {
  const t = text.trim();
  const size = /^(?:[A-Za-z_]\w*\.)?Size\s*\(/.exec(t);
  if (size !== null) {
    const open = size[0].length - 1;
    if (matchingBracket(t, open) !== t.length - 1) return null;
    const inner = t.slice(open + 1, -1).trim();
    // torch.Size takes one sequence; torch.Size is a tuple, so it equals a tuple-shaped value.
    const seq = containerItems(inner);
    return seq === null ? null : { container: 'tuple', items: seq.items };
  }
  const first = t[0];
  if ((first !== '(' && first !== '[') || matchingBracket(t, 0) !== t.length - 1) return null;
  const inner = t.slice(1, -1);
  if (inner.trim() === '') return { container: first === '(' ? 'tuple' : 'list', items: [] };
  const parts = splitTopLevel(inner);
  if (parts === null) return null;
  const trailingComma = parts.length > 1 && parts[parts.length - 1].trim() === '';
  if (trailingComma) parts.pop();
  if (parts.some((p) => p.trim() === '')) return null;
  // `(b)` is just `b` in Python, not a tuple.
  if (first === '(' && parts.length === 1 && !trailingComma) return null;
  return { container: first === '(' ? 'tuple' : 'list', items: parts.map((p) => p.trim()) };
}

/** The item texts of an assert's right-hand side when it is a shape literal, else null. */
export function assertShapeItems(rhs: string): string[] | null {
  return containerItems(rhs)?.items ?? null;
}

/** The Shape a right-hand side declares (`(b, n)`, `torch.Size([b, n])`), or null. */
export function parseAssertShapeRhs(rhs: string, lookup?: (name: string) => Dim | undefined): Shape | null {
  const c = containerItems(rhs);
  if (c === null || c.container !== 'tuple') return null;
  return itemsToShape(c.items, lookup);
}

function itemsToShape(items: string[], lookup?: (name: string) => Dim | undefined): Shape | null {
  const shape: Dim[] = [];
  for (const item of items) {
    const expr = parseDimExpr(item);
    if (expr === null) return null;
    shape.push(dimExprToDim(expr, lookup));
  }
  return shape;
}

/** What kind of container a shape-valued left side compares equal to, and its subject. */
function shapeSide(text: string): { subject: string; container: Container } | null {
  const t = text.trim();
  let m = new RegExp(`^(${SUBJECT})\\.(?:shape|size\\(\\s*\\))$`).exec(t);
  if (m) return { subject: m[1], container: 'tuple' };
  m = new RegExp(`^(tuple|list)\\(\\s*(${SUBJECT})\\.(?:shape|size\\(\\s*\\))\\s*\\)$`).exec(t);
  if (m) return { subject: m[2], container: m[1] as Container };
  return null;
}

function stripAssert(statement: string): string | null {
  let t = statement.trim();
  const m = /^assert\b\s*/.exec(t);
  if (m) t = t.slice(m[0].length);
  // Drop the message: `assert cond, "msg"`.
  const parts = splitTopLevel(t);
  if (parts === null || parts.length > 2) return null;
  t = parts[0].trim();
  while (t.startsWith('(') && matchingBracket(t, 0) === t.length - 1) t = t.slice(1, -1).trim();
  return t;
}

/** Splits `a == b` at its one top-level `==`; null for other comparisons or chains. */
function splitEquals(condition: string): [string, string] | null {
  const pieces: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < condition.length; i++) {
    const c = condition[i];
    if (quote !== null) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (depth === 0 && condition.startsWith('==', i)) {
      pieces.push(condition.slice(start, i));
      start = i + 2;
      i++;
    } else if (depth === 0 && /^(!=|<|>| and | or | is | in )/.test(condition.slice(i))) {
      return null;
    }
  }
  pieces.push(condition.slice(start));
  return pieces.length === 2 ? [pieces[0], pieces[1]] : null;
}

/**
 * Reads a whole assert (or just its condition): `assert x.shape == (b, n), "msg"`.
 * Null when it does not assert a full shape that could hold.
 */
export function parseShapeAssert(statement: string, lookup?: (name: string) => Dim | undefined): ShapeAssert | null {
  const condition = stripAssert(statement);
  if (condition === null) return null;
  const sides = splitEquals(condition);
  if (sides === null) return null;
  for (const [left, right] of [sides, [sides[1], sides[0]] as [string, string]]) {
    const subject = shapeSide(left);
    if (subject === null) continue;
    const c = containerItems(right);
    if (c === null || c.container !== subject.container) return null;
    const shape = itemsToShape(c.items, lookup);
    if (shape === null) return null;
    return { subject: subject.subject, shape, items: c.items };
  }
  return null;
}

/** Reads `assert x.shape[i] == n` / `assert x.size(i) == n`. */
export function parseDimAssert(statement: string, lookup?: (name: string) => Dim | undefined): DimAssert | null {
  const condition = stripAssert(statement);
  if (condition === null) return null;
  const sides = splitEquals(condition);
  if (sides === null) return null;
  const pattern = new RegExp(`^(${SUBJECT})\\.(?:shape\\[\\s*(-?\\d+)\\s*\\]|size\\(\\s*(-?\\d+)\\s*\\))$`);
  for (const [left, right] of [sides, [sides[1], sides[0]] as [string, string]]) {
    const m = pattern.exec(left.trim());
    if (m === null) continue;
    const expr = parseDimExpr(right);
    if (expr === null) return null;
    return { subject: m[1], index: Number(m[2] ?? m[3]), dim: dimExprToDim(expr, lookup), text: right.trim() };
  }
  return null;
}
