// What the engine analyses for one open unit: a plain file is its own program; a notebook is
// its Python cells joined in order, each preceded by a `# %%` marker line so that cell N of
// the notebook is cell N for run-cell. The map converts positions in both directions.
import type { Position, Range } from '../../engine/src/api';

export interface Segment {
  uri: string;
  /** Program line of the segment's first line. */
  startLine: number;
  lineCount: number;
  /** Length of the segment's last line, to clip ranges that run past it. */
  lastLineLength: number;
  version: number;
}

export interface Program {
  text: string;
  segments: Segment[];
}

export interface Located<T> {
  uri: string;
  value: T;
}

/** Lines as `\r\n`, `\r` and `\n` end them; indexOf scans run far faster than a char loop. */
export function countLines(text: string): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) lines++;
  return lines;
}

function lastLineLength(text: string): number {
  const cut = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  return text.length - cut - 1;
}

export function singleFileProgram(uri: string, text: string, version: number): Program {
  return { text, segments: [{ uri, startLine: 0, lineCount: countLines(text), lastLineLength: lastLineLength(text), version }] };
}

export interface CellInput {
  uri: string;
  text: string;
  version: number;
}

export function notebookProgram(cells: CellInput[]): Program {
  const parts: string[] = [];
  const segments: Segment[] = [];
  let line = 0;
  for (const cell of cells) {
    parts.push('# %%');
    line += 1;
    const lineCount = countLines(cell.text);
    segments.push({ uri: cell.uri, startLine: line, lineCount, lastLineLength: lastLineLength(cell.text), version: cell.version });
    parts.push(cell.text);
    line += lineCount;
  }
  return { text: parts.join('\n'), segments };
}

function segmentAt(program: Program, line: number): Segment | undefined {
  return program.segments.find((s) => line >= s.startLine && line < s.startLine + s.lineCount);
}

export function toProgramPosition(program: Program, uri: string, position: Position): Position | undefined {
  const segment = program.segments.find((s) => s.uri === uri);
  if (!segment) return undefined;
  return { line: position.line + segment.startLine, character: position.character };
}

/** 1-based index among the program's segments, i.e. the `# %%` cell a notebook cell became. */
export function segmentIndex(program: Program, uri: string): number | undefined {
  const index = program.segments.findIndex((s) => s.uri === uri);
  return index >= 0 ? index + 1 : undefined;
}

/**
 * Maps a program range to the document it lies in. A range that runs past the end of its
 * segment is clipped (for display); `strict` refuses it instead (for edits, which must not
 * touch another cell).
 */
export function fromProgramRange(program: Program, range: Range, strict = false): Located<Range> | undefined {
  const segment = segmentAt(program, range.start.line);
  if (!segment) return undefined;
  const lastLine = segment.startLine + segment.lineCount - 1;
  let end = range.end;
  if (end.line > lastLine) {
    if (strict) return undefined;
    end = { line: lastLine, character: segment.lastLineLength };
  }
  return {
    uri: segment.uri,
    value: {
      start: { line: range.start.line - segment.startLine, character: range.start.character },
      end: { line: end.line - segment.startLine, character: end.character },
    },
  };
}

export function fromProgramLine(program: Program, line: number): Located<number> | undefined {
  const segment = segmentAt(program, line);
  return segment ? { uri: segment.uri, value: line - segment.startLine } : undefined;
}
