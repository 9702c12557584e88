// Applying fixes to text, with no I/O: `--fix` calls this, then writes the result atomically.
// A document is a list of segments (one for a .py file, one per code cell for a notebook)
// analyzed as one program; every edit must stay inside one segment.
import type { Finding, Fix, Position, TextEdit } from '../../engine/src/api';
import { isFixable, preferredFix } from './report';

export interface FixEngine {
  /** Findings for the program text, already filtered by the user's select/ignore/severity. */
  findings(programText: string): Finding[];
  /** Syntax errors in the program text, whatever the user selected. */
  syntaxErrors(programText: string): number;
}

export interface FixDocument {
  segments: string[];
  /** The analyzed form of one segment; must keep its line count (default: unchanged). */
  analyzedForm?: (segment: string) => string;
}

export interface RefusedFix {
  code: string;
  title: string;
  reason: string;
}

export interface FixOutcome {
  segments: string[];
  applied: number;
  refused: RefusedFix[];
}

// Each round re-analyzes the result, since a fix can reveal or remove other findings; a
// handful of rounds is plenty, and the bound keeps two fixes that undo each other finite.
const MAX_ROUNDS = 10;

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** UTF-16 offset of an LSP position; positions past a line's end clamp to the line's end. */
export function offsetAt(text: string, starts: number[], position: Position): number {
  if (position.line < 0) return 0;
  if (position.line >= starts.length) return text.length;
  const lineStart = starts[position.line];
  const next = position.line + 1 < starts.length ? starts[position.line + 1] : text.length;
  let lineEnd = next;
  while (lineEnd > lineStart && (text[lineEnd - 1] === '\n' || text[lineEnd - 1] === '\r')) lineEnd--;
  return Math.min(lineStart + Math.max(0, position.character), lineEnd);
}

/** Applies non-overlapping edits; returns null when two edits overlap. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string | null {
  const starts = lineStarts(text);
  const spans = edits
    .map((edit) => ({ from: offsetAt(text, starts, edit.range.start), to: offsetAt(text, starts, edit.range.end), text: edit.newText }))
    .sort((a, b) => a.from - b.from || a.to - b.to);
  for (let i = 0; i < spans.length; i++) {
    if (spans[i].to < spans[i].from) return null;
    if (i > 0 && spans[i].from < spans[i - 1].to) return null;
  }
  let out = '';
  let cursor = 0;
  for (const span of spans) {
    out += text.slice(cursor, span.from) + span.text;
    cursor = span.to;
  }
  return out + text.slice(cursor);
}

function lineCount(text: string): number {
  return lineStarts(text).length;
}

interface Layout {
  program: string;
  /** First program line of each segment. */
  firstLine: number[];
}

function layout(document: FixDocument, segments: string[]): Layout {
  const form = document.analyzedForm ?? ((s: string) => s);
  const firstLine: number[] = [];
  let line = 0;
  const parts = segments.map((segment) => {
    firstLine.push(line);
    const analyzed = form(segment);
    line += lineCount(analyzed);
    return analyzed;
  });
  return { program: parts.join('\n'), firstLine };
}

function segmentOf(firstLine: number[], line: number): number {
  let index = 0;
  while (index + 1 < firstLine.length && firstLine[index + 1] <= line) index++;
  return index;
}

/** Moves a fix's edits from program lines into per-segment edits, or explains why not. */
function localize(fix: Fix, document: FixDocument, segments: string[], at: Layout): Map<number, TextEdit[]> | string {
  const bySegment = new Map<number, TextEdit[]>();
  const form = document.analyzedForm;
  for (const edit of fix.edits) {
    const s = segmentOf(at.firstLine, edit.range.start.line);
    if (segmentOf(at.firstLine, edit.range.end.line) !== s) return 'the fix spans two notebook cells';
    const base = at.firstLine[s];
    const local: TextEdit = {
      newText: edit.newText,
      range: {
        start: { line: edit.range.start.line - base, character: edit.range.start.character },
        end: { line: edit.range.end.line - base, character: edit.range.end.character },
      },
    };
    if (form) {
      // Lines the analyzed form changed (blanked IPython magics) must not be touched.
      const original = segments[s].split(/\r\n|\r|\n/);
      const analyzed = form(segments[s]).split(/\r\n|\r|\n/);
      for (let line = local.range.start.line; line <= local.range.end.line; line++) {
        if (original[line] !== analyzed[line]) return 'the fix touches an IPython magic line';
      }
    }
    bySegment.set(s, [...(bySegment.get(s) ?? []), local]);
  }
  return bySegment;
}

function applyFix(fix: Fix, document: FixDocument, segments: string[], at: Layout): string[] | string {
  const local = localize(fix, document, segments, at);
  if (typeof local === 'string') return local;
  const next = [...segments];
  for (const [s, edits] of local) {
    const result = applyEdits(segments[s], edits);
    if (result === null) return 'the fix has overlapping edits';
    next[s] = result;
  }
  return next;
}

function fixKey(finding: Finding, fix: Fix): string {
  return `${finding.code}\u0000${fix.title}\u0000${finding.message}`;
}

function rangesOverlap(a: Fix, b: Fix): boolean {
  const before = (p: Position, q: Position): boolean => p.line < q.line || (p.line === q.line && p.character <= q.character);
  return a.edits.some((x) => b.edits.some((y) => !(before(x.range.end, y.range.start) || before(y.range.end, x.range.start))));
}

/**
 * Applies every safe preferred fix until none is left (or a round changes nothing). A fix whose
 * result has more syntax errors than the original text is refused and reported, never written.
 */
export function applyAllFixes(document: FixDocument, engine: FixEngine): FixOutcome {
  let segments = [...document.segments];
  const refused = new Map<string, RefusedFix>();
  let applied = 0;
  const baseline = engine.syntaxErrors(layout(document, segments).program);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const at = layout(document, segments);
    const candidates = engine
      .findings(at.program)
      .filter(isFixable)
      .map((finding) => ({ finding, fix: preferredFix(finding) as Fix }))
      .filter(({ finding, fix }) => !refused.has(fixKey(finding, fix)))
      .sort((a, b) => a.finding.range.start.line - b.finding.range.start.line || a.finding.range.start.character - b.finding.range.start.character);
    if (candidates.length === 0) break;
    // Fixes in one round must not overlap; the ones left out are retried in the next round.
    const batch: typeof candidates = [];
    for (const candidate of candidates) {
      if (!batch.some((taken) => rangesOverlap(taken.fix, candidate.fix))) batch.push(candidate);
    }
    const refuse = (c: (typeof candidates)[number], reason: string): void => {
      refused.set(fixKey(c.finding, c.fix), { code: c.finding.code, title: c.fix.title, reason });
    };
    let progressed = false;
    // Every edit of the batch is placed against the same text, then applied in one pass.
    const bySegment = new Map<number, TextEdit[]>();
    const placed: typeof candidates = [];
    for (const candidate of batch) {
      const local = localize(candidate.fix, document, segments, at);
      if (typeof local === 'string') {
        refuse(candidate, local);
        continue;
      }
      placed.push(candidate);
      for (const [s, edits] of local) bySegment.set(s, [...(bySegment.get(s) ?? []), ...edits]);
    }
    let next: string[] | null = [...segments];
    for (const [s, edits] of bySegment) {
      const result = applyEdits(segments[s], edits);
      if (result === null) {
        next = null;
        break;
      }
      next[s] = result;
    }
    if (next && placed.length > 0 && next.every((s, i) => s === segments[i])) {
      placed.forEach((c) => refuse(c, 'the fix changes nothing'));
      continue;
    }
    if (next && placed.length > 0 && engine.syntaxErrors(layout(document, next).program) <= baseline) {
      applied += placed.length;
      segments = next;
      progressed = true;
    } else if (placed.length > 0) {
      // The batch broke the syntax: find the culprits one fix at a time.
      for (const candidate of placed) {
        if (refused.has(fixKey(candidate.finding, candidate.fix))) continue;
        const result = applyFix(candidate.fix, document, segments, layout(document, segments));
        if (typeof result === 'string') {
          refuse(candidate, result);
        } else if (engine.syntaxErrors(layout(document, result).program) > baseline) {
          refuse(candidate, 'the fixed code would not parse');
        } else {
          segments = result;
          applied++;
          progressed = true;
          // Positions of the remaining fixes are stale now; they come back next round.
          break;
        }
      }
    }
    if (!progressed && batch.every((c) => refused.has(fixKey(c.finding, c.fix)))) continue;
    if (!progressed) break;
  }
  return { segments, applied, refused: [...refused.values()] };
}
