// Shapes declared in docstrings. Understood forms (one entry per parameter):
//   matrix: shape (batch, n)                     the seed notes' style, also inline in prose
//   Return: shape (batch, n)   Returns: shape (batch,)
//   x : Tensor of shape (B, N)   x : torch.Tensor, shape (B, N)      numpy-doc
//   x (Tensor): shape (B, N)     x (Tensor): (B, N) tensor           Google style
//   :param x: shape (B, N)       :returns: shape (B,)                reST
// A shape is read only after the word "shape" (or "shaped"), or as a tuple that opens the
// description and is followed by "tensor"/"array"/"matrix"; other parentheses in prose are
// ignored. An entry whose shape has an item that is not a dim (`(N, *)`) declares nothing.
import type { Shape } from '../shape';
import { dimExprToDim } from './dimExpr';
import { matchingBracket, parseShapeTuple } from './text';

export interface DocstringShapes {
  params: Map<string, Shape>;
  returns?: Shape;
}

type Section = 'params' | 'returns' | 'other' | 'none';

const PARAM_HEADERS = /^(args|arguments|parameters|params|inputs|keyword args|keyword arguments|other parameters)$/i;
const RETURN_HEADERS = /^(returns?|yields?|outputs?)$/i;
const OTHER_HEADERS = /^(raises|examples?|notes?|see also|references|warnings?|warns|attributes|shape|shapes|methods|todo|tip|hint)$/i;
// Words that look like `name:` at the start of a line but open prose, not a parameter.
const NOT_NAMES = /^(note|notes|example|examples|warning|warnings|see|todo|tip|hint|shape|shapes|raises|args|arguments|parameters|params|attributes|reference|references|e\.g|i\.e|where|usage)$/i;

interface Line {
  text: string;
  indent: number;
}

/** Finds the shape phrase in a description; the tuple text or null. */
export function shapeTextIn(description: string): string | null {
  // Markup around the tuple is common: shape `(B, N)`, shape ``(B, N)``, shape :math:`(B, N)`.
  const keyword = /\bshaped?\b\s*(?:[:=]|\bis\b)?\s*(?::math:)?`{0,2}(?=[([])/i.exec(description);
  if (keyword !== null) {
    const open = keyword.index + keyword[0].length;
    const close = matchingBracket(description, open);
    return close === -1 ? null : description.slice(open, close + 1);
  }
  // `(B, N) tensor`, `(B, N)-shaped`: a tuple that opens the description.
  const lead = /^\s*(?=\()/.exec(description);
  if (lead !== null) {
    const open = lead[0].length;
    const close = matchingBracket(description, open);
    if (close === -1) return null;
    const after = description.slice(close + 1);
    if (/^\s*(-?shaped\b|(float|long|int|bool)?\s*(tensor|array|matrix|vector|ndarray)\b)/i.test(after)) {
      return description.slice(open, close + 1);
    }
  }
  return null;
}

function shapeOf(description: string): Shape | null {
  const tuple = shapeTextIn(description);
  if (tuple === null) return null;
  const exprs = parseShapeTuple(tuple, 'parens-or-square');
  return exprs === null ? null : exprs.map((e) => dimExprToDim(e));
}

/** Reads one entry line: a parameter (`name`), a return (`return`), or neither. */
function readEntry(text: string, section: Section): { kind: 'param' | 'return'; name: string; rest: string } | null {
  const rest = text.trim();
  let m = /^:param\s+(?:[^:]*\s)?([A-Za-z_]\w*)\s*:\s*(.*)$/.exec(rest);
  if (m) return { kind: 'param', name: m[1], rest: m[2] };
  m = /^:(returns?|return shape)\s*:\s*(.*)$/i.exec(rest);
  if (m) return { kind: 'return', name: 'return', rest: m[2] };
  m = /^(returns?|yields?)\s*:\s*(.+)$/i.exec(rest);
  if (m) return { kind: 'return', name: 'return', rest: m[2] };
  // Google style: `name (type): description`.
  m = /^([A-Za-z_]\w*)\s*\(([^()]*(?:\([^()]*\))?[^()]*)\)\s*:\s*(.*)$/.exec(rest);
  if (m && !NOT_NAMES.test(m[1])) {
    return { kind: section === 'returns' ? 'return' : 'param', name: m[1], rest: `${m[3]}` };
  }
  // numpy-doc and the seed notes: `name : type` / `name: description`.
  m = /^([A-Za-z_]\w*)\s*:\s*(.*)$/.exec(rest);
  if (m && !NOT_NAMES.test(m[1])) {
    return { kind: section === 'returns' ? 'return' : 'param', name: m[1], rest: m[2] };
  }
  // A numpy-doc return entry may be a bare type: `Tensor of shape (B, N)`.
  if (section === 'returns') return { kind: 'return', name: 'return', rest };
  return null;
}

/**
 * Lines with indentation measured as `inspect.cleandoc` does: the first line (which follows
 * the opening quotes) counts as unindented, the rest relative to their common margin.
 */
function cleanLines(doc: string): Line[] {
  const raw = doc.split(/\r?\n/).map((text) => ({ text, indent: /^\s*/.exec(text)![0].length }));
  const margins = raw.slice(1).filter((l) => l.text.trim() !== '').map((l) => l.indent);
  const margin = margins.length > 0 ? Math.min(...margins) : 0;
  return raw.map((l, i) => ({ text: l.text, indent: i === 0 ? 0 : Math.max(0, l.indent - margin) }));
}

function headerOf(lines: Line[], i: number): Section | null {
  const text = lines[i].text.trim().replace(/:$/, '').trim();
  const underlined = i + 1 < lines.length && /^\s*-{3,}\s*$/.test(lines[i + 1].text);
  const colon = lines[i].text.trim().endsWith(':');
  if (!underlined && !colon) return null;
  if (PARAM_HEADERS.test(text)) return 'params';
  if (RETURN_HEADERS.test(text)) return 'returns';
  if (OTHER_HEADERS.test(text)) return 'other';
  return null;
}

export function parseDocstringShapes(doc: string): DocstringShapes {
  const result: DocstringShapes = { params: new Map() };
  const lines = cleanLines(doc);
  let section: Section = 'none';
  let sectionIndent = -1;
  // Lines outside skipped sections, for the inline scan below.
  const scannable: Array<{ text: string; section: Section }> = [];

  const record = (kind: 'param' | 'return', name: string, shape: Shape | null): void => {
    if (shape === null) return;
    if (kind === 'return') {
      if (result.returns === undefined) result.returns = shape;
    } else if (!result.params.has(name)) {
      result.params.set(name, shape);
    }
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.text.trim() === '' || /^\s*-{3,}\s*$/.test(line.text)) continue;
    const header = headerOf(lines, i);
    if (header !== null) {
      section = header;
      sectionIndent = line.indent;
      continue;
    }
    // A line back at (or left of) the header's indentation ends a section that has entries.
    if (section !== 'none' && line.indent < sectionIndent) section = 'none';
    if (section === 'other') continue;
    scannable.push({ text: line.text, section });
    const entry = readEntry(line.text, section);
    if (entry === null) continue;
    // The description continues on following lines that are indented deeper.
    let description = entry.rest;
    let j = i + 1;
    while (j < lines.length && lines[j].text.trim() !== '' && lines[j].indent > line.indent && !lines[j].text.trim().startsWith(':')) {
      description += ` ${lines[j].text.trim()}`;
      scannable.push({ text: lines[j].text, section });
      j++;
    }
    record(entry.kind, entry.name, shapeOf(description));
    i = j - 1;
  }

  // The seed notes write entries mid-sentence ("... of the matrix. matrix: shape (batch, n)");
  // `name: shape (` is specific enough to read anywhere.
  const inline = /(?:^|\s)([A-Za-z_]\w*)\s*:\s*(shape\s*[:=]?\s*[([])/g;
  for (const { text, section: where } of scannable) {
    for (let m = inline.exec(text); m !== null; m = inline.exec(text)) {
      const name = m[1];
      if (NOT_NAMES.test(name)) continue;
      const from = m.index + m[0].length - m[2].length;
      const shape = shapeOf(text.slice(from));
      if (/^returns?$/i.test(name) || where === 'returns') record('return', 'return', shape);
      else record('param', name, shape);
    }
  }
  return result;
}
