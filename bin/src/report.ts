// The CLI's view of a finding: 1-based positions in a named file (and, for notebooks, a cell).
// This is the shape of `--format json` and what every other format renders.
import type { Finding, Fix, Range, Severity, ValuePreview } from '../../engine/src/api';
import type { LineMap } from './source';

export interface ReportedEdit {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  newText: string;
}

export interface ReportedFix {
  title: string;
  edits: ReportedEdit[];
  safety: 'safe' | 'unsafe';
  preview?: ValuePreview[];
}

export interface ReportedFinding {
  file: string;
  /** 1-based notebook cell (counting every cell, markdown too); absent for .py files. */
  cell?: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
  fix: ReportedFix | null;
}

/** Where a finding sits, with the source line(s) of its file or cell for code frames. */
export interface ReportContext {
  file: string;
  /** Lines of the analyzed text, to draw code frames. */
  lines: string[];
  /** For notebooks: maps a 0-based program line to its cell and line within the cell. */
  lineMap?: LineMap;
}

interface Located {
  cell?: number;
  line: number; // 1-based within the file or cell
  column: number;
}

function locate(line: number, character: number, context: ReportContext): Located {
  const mapped = context.lineMap?.(line);
  if (mapped) return { cell: mapped.cell, line: mapped.line + 1, column: character + 1 };
  return { line: line + 1, column: character + 1 };
}

function convertRange(range: Range, context: ReportContext): { start: Located; end: Located } {
  const start = locate(range.start.line, range.start.character, context);
  let end = locate(range.end.line, range.end.character, context);
  // A range that runs past the end of its cell is cut at the cell's end: a location must
  // name one cell.
  if (end.cell !== start.cell) {
    const lastLine = lastLineOfCell(range.start.line, context);
    end = { cell: start.cell, line: lastLine.line, column: lastLine.column };
  }
  return { start, end };
}

function lastLineOfCell(programLine: number, context: ReportContext): Located {
  const startCell = context.lineMap?.(programLine)?.cell;
  let line = programLine;
  while (line + 1 < context.lines.length && context.lineMap?.(line + 1)?.cell === startCell) line++;
  return locate(line, context.lines[line]?.length ?? 0, context);
}

/** The fix that `--fix` would apply and JSON shows: the preferred one (configured style first). */
export function preferredFix(finding: Finding): Fix | undefined {
  return finding.fixes[0];
}

export function isFixable(finding: Finding): boolean {
  return preferredFix(finding)?.safety === 'safe';
}

export function toReported(finding: Finding, context: ReportContext): ReportedFinding {
  const { start, end } = convertRange(finding.range, context);
  const fix = preferredFix(finding);
  const reported: ReportedFinding = {
    file: context.file,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    severity: finding.severity,
    code: finding.code,
    message: finding.message,
    fix: null,
  };
  if (start.cell !== undefined) {
    // Keep the contract's key order and put the notebook cell right after the file.
    const { file, ...rest } = reported;
    return { file, cell: start.cell, ...rest, fix: fix ? convertFix(fix, context) : null };
  }
  reported.fix = fix ? convertFix(fix, context) : null;
  return reported;
}

function convertFix(fix: Fix, context: ReportContext): ReportedFix {
  const edits = fix.edits.map((edit) => {
    const { start, end } = convertRange(edit.range, context);
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column, newText: edit.newText };
  });
  const reported: ReportedFix = { title: fix.title, edits, safety: fix.safety };
  if (fix.previews && fix.previews.length > 0) reported.preview = fix.previews;
  return reported;
}

/** Orders findings by file, cell, position, then code, so output is stable across runs. */
export function compareReported(a: ReportedFinding, b: ReportedFinding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (a.cell ?? 0) - (b.cell ?? 0) || a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** Everything a formatter needs about one checked file. */
export interface FileReport {
  file: string;
  findings: ReportedFinding[];
  /** The text of a 1-based line of the file, or of a notebook cell, for code frames. */
  sourceLine: (cell: number | undefined, line: number) => string | undefined;
}

export interface CheckSummary {
  files: number;
  findings: number;
  fixable: number;
  /** Set after --fix. */
  fixed?: number;
}
