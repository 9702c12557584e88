// CPython's TabError (Parser/tokenizer.c, tok_get): every logical line's indentation is
// measured twice, with tabs to the next multiple of 8 (`col`) and with a tab as one column
// (`altcol`). Python raises "inconsistent use of tabs and spaces in indentation" when the two
// measures disagree about the block structure: same `col` but different `altcol`, an indent
// by `col` that is not one by `altcol`, or a dedent that lands on a level whose `altcol`
// differs. Lines inside brackets, after a backslash continuation, inside strings, and blank or
// comment-only lines are not indentation, exactly as in the tokenizer.
import type { Finding } from '../api';

export const TAB_ERROR_MESSAGE = 'inconsistent use of tabs and spaces in indentation';

const TAB_SIZE = 8;

/** The first line at which CPython would raise TabError, as a syntax-error finding; null if none. */
export function findTabError(text: string): Finding | null {
  // Without a tab, both measures are equal and can never disagree.
  if (!text.includes('\t')) return null;
  const indents = [0];
  const altIndents = [0];
  let level = 0;
  let i = 0;
  let line = 0;
  const n = text.length;
  while (i < n) {
    // At the start of a line that follows a NEWLINE (not a continuation or a string).
    let col = 0;
    let altcol = 0;
    const lineStart = i;
    for (; i < n; i++) {
      const c = text[i];
      if (c === ' ') {
        col++;
        altcol++;
      } else if (c === '\t') {
        col = (Math.floor(col / TAB_SIZE) + 1) * TAB_SIZE;
        altcol++;
      } else if (c === '\f') {
        col = altcol = 0;
      } else break;
    }
    const first = text[i];
    const blank = i >= n || first === '#' || first === '\n' || first === '\r';
    if (!blank && level === 0) {
      const top = indents.length - 1;
      let inconsistent = false;
      if (col === indents[top]) {
        inconsistent = altcol !== altIndents[top];
      } else if (col > indents[top]) {
        inconsistent = altcol <= altIndents[top];
        indents.push(col);
        altIndents.push(altcol);
      } else {
        while (indents.length > 1 && col < indents[indents.length - 1]) {
          indents.pop();
          altIndents.pop();
        }
        // A dedent to no outer level is an IndentationError, which the parser reports: stop.
        if (col !== indents[indents.length - 1]) return null;
        inconsistent = altcol !== altIndents[altIndents.length - 1];
      }
      if (inconsistent) return tabFinding(line, i - lineStart);
    }
    // The rest of the physical line, and any lines it continues onto.
    const end = scanLogicalLineRest(text, i, level);
    if (end === null) return null;
    line += end.lines;
    level = end.level;
    i = end.next;
  }
  return null;
}

/**
 * Scans from `i` to the end of the current physical line, through strings, comments and
 * backslash continuations; returns where the next line begins, how many line breaks were
 * passed, and the bracket depth then. Null when a string never closes (a syntax error of its own).
 */
function scanLogicalLineRest(text: string, i: number, level: number): { next: number; lines: number; level: number } | null {
  const n = text.length;
  let lines = 0;
  while (i < n) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      const next = c === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
      return { next, lines: lines + 1, level };
    }
    if (c === '#') {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    if (c === '\\' && (text[i + 1] === '\n' || text[i + 1] === '\r')) {
      // A continuation: the next physical line belongs to this one and has no indentation.
      i += text[i + 1] === '\r' && text[i + 2] === '\n' ? 3 : 2;
      lines++;
      continue;
    }
    if (c === '"' || c === "'") {
      const triple = text[i + 1] === c && text[i + 2] === c;
      const quote = triple ? c.repeat(3) : c;
      i += quote.length;
      let closed = false;
      while (i < n) {
        const d = text[i];
        if (d === '\\') {
          if (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] !== '\n')) lines++;
          else if (text[i + 1] === '\r') {
            lines++;
            i++;
          }
          i += 2;
          continue;
        }
        if (text.startsWith(quote, i)) {
          i += quote.length;
          closed = true;
          break;
        }
        if (d === '\n' || d === '\r') {
          if (!triple) return null;
          if (!(d === '\r' && text[i + 1] === '\n')) lines++;
        }
        i++;
      }
      if (!closed) return null;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') level++;
    else if ((c === ')' || c === ']' || c === '}') && level > 0) level--;
    i++;
  }
  return { next: n, lines, level };
}

function tabFinding(line: number, indentLength: number): Finding {
  return {
    code: 'syntax-error',
    severity: 'error',
    message: TAB_ERROR_MESSAGE,
    range: { start: { line, character: 0 }, end: { line, character: Math.max(indentLength, 1) } },
    fixes: [],
    related: [],
  };
}
