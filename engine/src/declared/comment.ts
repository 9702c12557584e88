// Shapes declared in comments. Comments are mostly prose, so this reader is deliberately
// narrow: it accepts a comment that *is* a shape (`# (batch, 1)`, `# [B, N]`,
// `# torch.Size([2, 3])`), one introduced by `shape` (`# shape: (b, n)`, `# shape: b n`), or
// one naming its subject (`# c shape (batch, 1)`, `# x: (b, n)`). `# TODO (fix later)`,
// `# (see paper)` and `# (a, b) are swapped here` are not shapes.
import type { Shape } from '../shape';
import { dimExprToDim, parseDimExpr } from './dimExpr';
import type { DimExpr } from './dimExpr';
import { matchingBracket, parseShapeTuple } from './text';

export interface ShapeComment {
  shape: Shape;
  /** The variable the comment names (`# c shape (batch, 1)`), when it names one. */
  subject?: string;
}

// English words that make a run of bare words prose rather than dim names.
const PROSE_WORDS = new Set(
  ('a an the of is are as to in on at by for from with and or not same like input output '
    + 'inputs outputs unchanged changes changed see todo fixme note after before than then '
    + 'this that it its be was will should must may can if else when where which what each '
    + 'per all any none one two three tensor tensors array matrix vector scalar dims dim '
    + 'shape shapes size sizes keep keeps kept broadcast broadcasting here there now later').split(/\s+/),
);
// Words that cannot be the variable a comment is about.
const NOT_SUBJECTS = new Set('a an the this that it its is are as to in on of and or not see if for with when where'.split(' '));
const MARKER_WORDS = /^(todo|fixme|xxx|note|hack|bug|optional|deprecated|unused|noqa|type|pragma|fmt)$/i;

function toShape(exprs: DimExpr[]): Shape {
  return exprs.map((e) => dimExprToDim(e));
}

/** What may follow a shape in a comment that is only a shape: nothing, or a marked note. */
function quietTail(tail: string): boolean {
  return /^\s*($|[-\u2014;#]|<-|\/\/)/.test(tail);
}

/** A leading tuple (or `torch.Size([...])`) and the text after it. */
function leadingTuple(text: string): { exprs: DimExpr[]; tail: string; hasComma: boolean } | null {
  const trimmed = text.trimStart();
  const size = /^(?:[A-Za-z_]\w*\.)?Size\(\s*(?=[[(])/.exec(trimmed);
  if (size !== null) {
    const open = size[0].length;
    const close = matchingBracket(trimmed, open);
    if (close === -1 || !/^\s*\)/.test(trimmed.slice(close + 1))) return null;
    const exprs = parseShapeTuple(trimmed.slice(open, close + 1), 'parens-or-square');
    if (exprs === null) return null;
    const end = trimmed.indexOf(')', close + 1);
    return { exprs, tail: trimmed.slice(end + 1), hasComma: true };
  }
  if (trimmed[0] !== '(' && trimmed[0] !== '[') return null;
  const close = matchingBracket(trimmed, 0);
  if (close === -1) return null;
  const tupleText = trimmed.slice(0, close + 1);
  const exprs = parseShapeTuple(tupleText, 'parens-or-square');
  if (exprs === null) return null;
  return { exprs, tail: trimmed.slice(close + 1), hasComma: tupleText.includes(',') };
}

/** A one-item `(word)` is a shape only when the word looks like a dim, not a remark. */
function plausibleSingle(exprs: DimExpr[]): boolean {
  if (exprs.length !== 1) return true;
  const e = exprs[0];
  if (e.kind !== 'name') return true;
  if (MARKER_WORDS.test(e.name) || PROSE_WORDS.has(e.name.toLowerCase())) return false;
  return e.name.length <= 3 || /[_0-9]/.test(e.name) || /^[A-Z][A-Z0-9_]*$/.test(e.name);
}

/** `b n`, `batch seq_len d_model`: bare words after a `shape:` prefix. */
function bareWords(text: string): DimExpr[] | null {
  const words = text.trim().replace(/[.;]$/, '').split(/\s+/).filter((w) => w !== '');
  if (words.length === 0 || words.length > 8) return null;
  const exprs: DimExpr[] = [];
  for (const word of words) {
    if (PROSE_WORDS.has(word.toLowerCase()) || MARKER_WORDS.test(word)) return null;
    const expr = parseDimExpr(word);
    if (expr === null || word.length > 20) return null;
    exprs.push(expr);
  }
  return plausibleSingle(exprs) ? exprs : null;
}

/** After `shape`: `: (b, n)`, ` (b, n)`, `=(b, n)`, `: b n`, `== (b, n)`. */
function afterShapeKeyword(text: string): DimExpr[] | null {
  const rest = text.replace(/^\s*(==|[:=]|\bis\b)?\s*/, '');
  const tuple = leadingTuple(rest);
  if (tuple !== null) return tuple.exprs;
  if (!/^\s*(==|[:=]|\bis\b)/.test(text)) return null;
  return bareWords(rest);
}

/** Reads one comment (with or without its `#`); null when it is not clearly a shape. */
export function parseShapeComment(comment: string): ShapeComment | null {
  const text = comment.replace(/^\s*#+\s*/, '').trim();
  if (text === '') return null;

  // `shape: (b, n)`, `Shape (b, n)`, `shape: b n`.
  const keyword = /^shape\b/i.exec(text);
  if (keyword !== null) {
    const exprs = afterShapeKeyword(text.slice(keyword[0].length));
    return exprs === null ? null : { shape: toShape(exprs) };
  }
  // `-> (b, n)`, `return (b, n)`: the shape of what the line produces.
  const arrow = /^(->|=>|\u2192|returns?\s*:?(?=\s*[([]))/i.exec(text);
  if (arrow !== null) {
    const tuple = leadingTuple(text.slice(arrow[0].length));
    return tuple === null || !quietTail(tuple.tail) || !(tuple.hasComma || plausibleSingle(tuple.exprs)) ? null : { shape: toShape(tuple.exprs) };
  }

  // `name shape (b, n)`, `name: shape (b, n)`, `name.shape == (b, n)`, `name: (b, n)`.
  const named = /^([A-Za-z_]\w*)(\s*:\s*shape\b|\s+shape\b|\.shape\b|\s*:)/.exec(text);
  if (named !== null && !MARKER_WORDS.test(named[1]) && !NOT_SUBJECTS.has(named[1].toLowerCase())) {
    const rest = text.slice(named[0].length);
    let exprs: DimExpr[] | null;
    if (/shape$/.test(named[2])) {
      exprs = afterShapeKeyword(rest);
    } else {
      const tuple = leadingTuple(rest);
      exprs = tuple !== null && quietTail(tuple.tail) && (tuple.hasComma || plausibleSingle(tuple.exprs)) ? tuple.exprs : null;
    }
    return exprs === null ? null : { shape: toShape(exprs), subject: named[1] };
  }

  // A comment that is only a tuple.
  const tuple = leadingTuple(text);
  if (tuple === null || !quietTail(tuple.tail)) return null;
  if (!tuple.hasComma && !plausibleSingle(tuple.exprs)) return null;
  return { shape: toShape(tuple.exprs) };
}

/**
 * Reads every `#`-separated part of a comment: `# matrix shape (batch, n) # c shape (batch, 1)`
 * gives two entries. Parts that are not shapes are skipped.
 */
export function parseShapeComments(comment: string): ShapeComment[] {
  const out: ShapeComment[] = [];
  for (const part of comment.split('#')) {
    const parsed = parseShapeComment(part);
    if (parsed !== null) out.push(parsed);
  }
  return out;
}
