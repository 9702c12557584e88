// Parser for one side of an einops pattern ("b (h w) ... c"). It accepts exactly what
// einops' own parser accepts and fails with einops' own wording, because the analysis must
// report a pattern error exactly when einops would raise one at run time.

/** An axis inside a pattern side. Anonymous axes (`3`) are distinct from each other. */
export type Axis =
  | { kind: 'named'; name: string }
  | { kind: 'anon'; value: number; id: number }
  | { kind: 'ellipsis' };

/**
 * One top-level position of a pattern side: a group of axes (a plain axis is a group of one,
 * `()` and a bare `1` are empty groups), or the ellipsis standing for any number of dims.
 */
export type Slot = { kind: 'group'; axes: Axis[] } | { kind: 'ellipsis' };

export interface PatternSide {
  text: string;
  slots: Slot[];
  hasEllipsis: boolean;
  /** True when the ellipsis sits inside parentheses, as in `b (...)`. */
  ellipsisInParens: boolean;
  /** Names of the named axes, in order of first appearance. */
  names: string[];
  /** Anonymous axes of length other than 1 (`2`, `3`, ...). */
  anonAxes: Array<{ value: number; id: number }>;
}

export interface ParseSideOptions {
  /** parse_shape allows `_` to skip a dim (several times). */
  allowUnderscore?: boolean;
  /** einops.einsum allows an axis to repeat on one input (`i i ->` is a trace). */
  allowDuplicates?: boolean;
}

/** Raised for a malformed pattern; the caller wraps it into an EinopsError with context. */
export class PatternSyntaxError extends Error {
  override name = 'PatternSyntaxError';
}

let nextAnonId = 1;

const PYTHON_KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class',
  'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if',
  'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try',
  'while', 'with', 'yield',
]);

/**
 * Why `name` cannot be an axis name, or null when it can. Keywords are only discouraged by
 * einops (a warning), so they are accepted here.
 */
export function axisNameProblem(name: string, allowUnderscore = false): string | null {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return 'not a valid python identifier';
  if (name.startsWith('_') || name.endsWith('_')) {
    if (name === '_' && allowUnderscore) return null;
    return 'axis name should should not start or end with underscore';
  }
  return null;
}

export function isPythonKeyword(name: string): boolean {
  return PYTHON_KEYWORDS.has(name);
}

// A private one-character stand-in for "...", so the ellipsis tokenizes like an identifier.
const ELLIPSIS_MARK = '\u2026';

export function parseSide(text: string, options: ParseSideOptions = {}): PatternSide {
  let expression = text;
  const side: PatternSide = {
    text,
    slots: [],
    hasEllipsis: false,
    ellipsisInParens: false,
    names: [],
    anonAxes: [],
  };
  if (expression.includes('.')) {
    if (!expression.includes('...')) {
      throw new PatternSyntaxError('Expression may contain dots only inside ellipsis (...)');
    }
    const ellipses = expression.split('...').length - 1;
    const dots = expression.split('.').length - 1;
    if (ellipses !== 1 || dots !== 3) {
      throw new PatternSyntaxError(
        'Expression may contain dots only inside ellipsis (...); only one ellipsis for tensor ',
      );
    }
    expression = expression.replace('...', ELLIPSIS_MARK);
    side.hasEllipsis = true;
  }

  const seen = new Set<string>();
  let group: Axis[] | null = null;

  const addToken = (token: string): void => {
    if (seen.has(token) && !(options.allowUnderscore && token === '_') && !options.allowDuplicates) {
      throw new PatternSyntaxError(`Indexing expression contains duplicate dimension "${token}"`);
    }
    if (token === ELLIPSIS_MARK) {
      seen.add(token);
      if (group === null) {
        side.slots.push({ kind: 'ellipsis' });
      } else {
        group.push({ kind: 'ellipsis' });
        side.ellipsisInParens = true;
      }
      return;
    }
    if (token === '1') {
      // A unit axis outside brackets is an empty group; inside brackets it changes nothing.
      if (group === null) side.slots.push({ kind: 'group', axes: [] });
      return;
    }
    if (/^[0-9]+$/.test(token)) {
      const value = Number(token);
      if (value === 1) {
        throw new PatternSyntaxError('No need to create anonymous axis of length 1. Report this as an issue');
      }
      if (value <= 0) {
        throw new PatternSyntaxError(`Anonymous axis should have positive length, not ${value}`);
      }
      const axis: Axis = { kind: 'anon', value, id: nextAnonId++ };
      side.anonAxes.push({ value, id: axis.id });
      if (group === null) side.slots.push({ kind: 'group', axes: [axis] });
      else group.push(axis);
      return;
    }
    const problem = axisNameProblem(token, options.allowUnderscore);
    if (problem !== null) {
      throw new PatternSyntaxError(`Invalid axis identifier: ${token}\n${problem}`);
    }
    if (!seen.has(token)) side.names.push(token);
    seen.add(token);
    const axis: Axis = { kind: 'named', name: token };
    if (group === null) side.slots.push({ kind: 'group', axes: [axis] });
    else group.push(axis);
  };

  let current = '';
  for (const char of expression) {
    if (char === '(' || char === ')' || char === ' ') {
      if (current !== '') addToken(current);
      current = '';
      if (char === '(') {
        if (group !== null) {
          throw new PatternSyntaxError('Axis composition is one-level (brackets inside brackets not allowed)');
        }
        group = [];
      } else if (char === ')') {
        if (group === null) throw new PatternSyntaxError('Brackets are not balanced');
        side.slots.push({ kind: 'group', axes: group });
        group = null;
      }
    } else if (/^[\p{L}\p{N}_]$/u.test(char) || char === ELLIPSIS_MARK) {
      current += char;
    } else {
      throw new PatternSyntaxError(`Unknown character '${char}'`);
    }
  }
  if (group !== null) {
    throw new PatternSyntaxError(`Imbalanced parentheses in expression: "${expression.replace(ELLIPSIS_MARK, '...')}"`);
  }
  if (current !== '') addToken(current);
  return side;
}

/** The key an axis is known by in the axis table: its name, or a unique key for anonymous ones. */
export function axisKey(axis: Axis): string {
  if (axis.kind === 'named') return axis.name;
  if (axis.kind === 'anon') return `#anon${axis.id}`;
  return '...';
}

/** All identifier keys of a side (named and anonymous, plus '...' when present). */
export function sideKeys(side: PatternSide): Set<string> {
  const keys = new Set<string>();
  for (const slot of side.slots) {
    if (slot.kind === 'ellipsis') keys.add('...');
    else for (const axis of slot.axes) keys.add(axisKey(axis));
  }
  return keys;
}

/** Splits "left -> right"; einops requires exactly one arrow. */
export function splitArrow(pattern: string): [string, string] {
  const parts = pattern.split('->');
  if (parts.length !== 2) {
    throw new PatternSyntaxError(
      parts.length === 1 ? `Pattern "${pattern}" has no "->"` : `Pattern "${pattern}" has more than one "->"`,
    );
  }
  return [parts[0], parts[1]];
}
