// Dim expressions as people write them in declarations: `batch`, `3`, `h*w`, `n+1`,
// `2*n`, `dim-1`, `(h*w)`. Parsed into a tiny tree first, so the text forms (jaxtyping,
// torchtyping, docstrings, comments, asserts) share one grammar and one conversion to Dims.
import { dimAdd, dimMul, dimSub, sym } from '../shape';
import type { Dim } from '../shape';

export type DimExpr =
  | { kind: 'int'; value: number }
  | { kind: 'name'; name: string }
  | { kind: 'binary'; op: '+' | '-' | '*'; left: DimExpr; right: DimExpr };

type Token = { kind: 'int'; value: number } | { kind: 'name'; name: string } | { kind: 'op'; op: string };

// Dotted names (`self.n`, `config.hidden`) are kept whole: they name one size.
const NAME = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/;

function tokenize(text: string): Token[] | null {
  const tokens: Token[] = [];
  let rest = text.trim();
  while (rest.length > 0) {
    const space = /^\s+/.exec(rest);
    if (space) {
      rest = rest.slice(space[0].length);
      continue;
    }
    const int = /^[0-9]+/.exec(rest);
    if (int) {
      // "3n" or "2h" is not an expression anyone means as a size.
      if (/^[0-9]+[A-Za-z_]/.test(rest)) return null;
      tokens.push({ kind: 'int', value: Number(int[0]) });
      rest = rest.slice(int[0].length);
      continue;
    }
    const name = NAME.exec(rest);
    if (name) {
      tokens.push({ kind: 'name', name: name[0] });
      rest = rest.slice(name[0].length);
      continue;
    }
    const op = rest[0];
    if ('+-*()'.includes(op)) {
      // `**` (power) and `//` are not sizes this grammar promises to understand.
      if (rest.startsWith('**')) return null;
      tokens.push({ kind: 'op', op });
      rest = rest.slice(1);
      continue;
    }
    return null;
  }
  return tokens;
}

/** Parses a dim expression; null when the text is anything else (never throws). */
export function parseDimExpr(text: string): DimExpr | null {
  const tokens = tokenize(text);
  if (tokens === null || tokens.length === 0) return null;
  let pos = 0;
  const peekOp = (): string | null => {
    const t = tokens[pos];
    return t !== undefined && t.kind === 'op' ? t.op : null;
  };

  function factor(): DimExpr | null {
    const t = tokens![pos];
    if (t === undefined) return null;
    if (t.kind === 'int') {
      pos++;
      return { kind: 'int', value: t.value };
    }
    if (t.kind === 'name') {
      pos++;
      return { kind: 'name', name: t.name };
    }
    if (t.op === '(') {
      pos++;
      const inner = sum();
      if (inner === null || peekOp() !== ')') return null;
      pos++;
      return inner;
    }
    return null;
  }

  function product(): DimExpr | null {
    let left = factor();
    while (left !== null && peekOp() === '*') {
      pos++;
      const right = factor();
      if (right === null) return null;
      left = { kind: 'binary', op: '*', left, right };
    }
    return left;
  }

  function sum(): DimExpr | null {
    let left = product();
    while (left !== null && (peekOp() === '+' || peekOp() === '-')) {
      const op = peekOp() as '+' | '-';
      pos++;
      const right = product();
      if (right === null) return null;
      left = { kind: 'binary', op, left, right };
    }
    return left;
  }

  const expr = sum();
  if (expr === null || pos !== tokens.length) return null;
  return expr;
}

/** The names a dim expression mentions, in order of first appearance. */
export function dimExprNames(expr: DimExpr): string[] {
  const out: string[] = [];
  const visit = (e: DimExpr): void => {
    if (e.kind === 'name') {
      if (!out.includes(e.name)) out.push(e.name);
    } else if (e.kind === 'binary') {
      visit(e.left);
      visit(e.right);
    }
  };
  visit(expr);
  return out;
}

/**
 * Converts an expression to a Dim. Names become symbols unless `lookup` knows them (the
 * interpreter passes the sizes it has bound, e.g. `b, n = x.shape`).
 */
export function dimExprToDim(expr: DimExpr, lookup?: (name: string) => Dim | undefined): Dim {
  switch (expr.kind) {
    case 'int':
      return expr.value;
    case 'name':
      return lookup?.(expr.name) ?? sym(expr.name);
    case 'binary': {
      const left = dimExprToDim(expr.left, lookup);
      const right = dimExprToDim(expr.right, lookup);
      if (expr.op === '+') return dimAdd(left, right);
      if (expr.op === '-') return dimSub(left, right);
      return dimMul(left, right);
    }
  }
}

/** Parses and converts in one step; null when the text is not a dim expression. */
export function parseDim(text: string, lookup?: (name: string) => Dim | undefined): Dim | null {
  const expr = parseDimExpr(text);
  return expr === null ? null : dimExprToDim(expr, lookup);
}
