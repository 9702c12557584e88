// Small text helpers shared by the declaration readers: splitting Python-ish source at
// top-level commas, reading string literals, and reading a parenthesised shape tuple.
import type { DimExpr } from './dimExpr';
import { parseDimExpr } from './dimExpr';

const OPEN = '([{';
const CLOSE = ')]}';

/**
 * Splits at commas (or another separator character) outside brackets and string literals.
 * Returns null when the brackets or quotes do not balance.
 */
export function splitTopLevel(text: string, separator = ','): string[] | null {
  const parts: string[] = [];
  const stack: string[] = [];
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== null) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (OPEN.includes(c)) stack.push(CLOSE[OPEN.indexOf(c)]);
    else if (CLOSE.includes(c)) {
      if (stack.pop() !== c) return null;
    } else if (c === separator && stack.length === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (quote !== null || stack.length > 0) return null;
  parts.push(text.slice(start));
  return parts;
}

/** Index of the bracket closing the one at `open`, or -1 (strings are skipped). */
export function matchingBracket(text: string, open: number): number {
  const stack: string[] = [];
  let quote: string | null = null;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote !== null) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (OPEN.includes(c)) stack.push(CLOSE[OPEN.indexOf(c)]);
    else if (CLOSE.includes(c)) {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

/** The value of a simple Python string literal ('x', "x", r'x'); null for anything else. */
export function stringLiteral(text: string): string | null {
  const m = /^\s*[rR]?(['"])(.*)\1\s*$/s.exec(text);
  if (m === null) return null;
  const body = m[2];
  // A quote of the same kind inside means this was two literals or an escape we do not read.
  if (body.includes(m[1]) || body.includes('\\')) return null;
  return body;
}

/** Splits `Head[args]` into its head and argument text; null when the text is not that form. */
export function subscriptForm(text: string): { head: string; args: string } | null {
  const trimmed = text.trim();
  const open = trimmed.indexOf('[');
  if (open <= 0) return null;
  const close = matchingBracket(trimmed, open);
  if (close !== trimmed.length - 1) return null;
  return { head: trimmed.slice(0, open).trim(), args: trimmed.slice(open + 1, close) };
}

/**
 * Reads a shape tuple `(batch, n)`, `(batch,)`, `(batch, )`, `()`, and, when `brackets`
 * allows it, `[B, N]`. Every item must be a dim expression; otherwise null.
 */
export function parseShapeTuple(text: string, brackets: 'parens' | 'parens-or-square' = 'parens'): DimExpr[] | null {
  const trimmed = text.trim();
  const first = trimmed[0];
  const last = trimmed[trimmed.length - 1];
  const paren = first === '(' && last === ')';
  const square = brackets === 'parens-or-square' && first === '[' && last === ']';
  if (!paren && !square) return null;
  if (matchingBracket(trimmed, 0) !== trimmed.length - 1) return null;
  const inner = trimmed.slice(1, -1);
  if (inner.trim() === '') return [];
  const parts = splitTopLevel(inner);
  if (parts === null) return null;
  // One trailing comma is allowed (`(batch,)`, `(batch, )`); an empty item elsewhere is not.
  if (parts.length > 1 && parts[parts.length - 1].trim() === '') parts.pop();
  const dims: DimExpr[] = [];
  for (const part of parts) {
    const expr = parseDimExpr(part);
    if (expr === null) return null;
    dims.push(expr);
  }
  return dims;
}
