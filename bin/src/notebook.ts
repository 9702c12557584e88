// Jupyter notebooks: the code cells are analyzed as one program (later cells see the names
// earlier ones defined, as when a notebook runs top to bottom), and every program line maps
// back to its cell. Cells are numbered 1-based over ALL cells, markdown included, because that
// is the position a person counts in the notebook.

export interface NotebookCell {
  /** 1-based index among all cells. */
  index: number;
  kind: string;
  /** Cell text, with IPython magics blanked out (same number of lines). */
  source: string;
  /** Cell text as stored in the notebook. */
  original: string;
  /** 0-based program line where this cell starts (code cells only). */
  programStart: number;
}

export interface NotebookProgram {
  text: string;
  cells: NotebookCell[];
  /** For each program line, the cell index and 0-based line in that cell. */
  lines: Array<{ cell: number; line: number }>;
}

// Cell magics whose body is still Python; any other `%%magic` (bash, html, ...) hides the cell.
const PYTHON_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sourceText(source: unknown): string | undefined {
  if (typeof source === 'string') return source;
  if (Array.isArray(source) && source.every((s) => typeof s === 'string')) return source.join('');
  return undefined;
}

/** Blanks IPython-only lines (`%magic`, `!shell`, `?help`) so the parser sees plain Python. */
export function stripMagics(source: string): string {
  const lines = source.split(/\r\n|\r|\n/);
  const first = lines[0]?.trim() ?? '';
  if (first.startsWith('%%')) {
    const name = first.slice(2).split(/\s/)[0];
    if (!PYTHON_CELL_MAGICS.has(name)) return lines.map(() => '').join('\n');
    lines[0] = '';
  }
  return lines.map((line) => (/^\s*[%!]/.test(line) || /^\s*\?/.test(line) || /^\s*[\w.]+\?\??\s*$/.test(line) ? '' : line)).join('\n');
}

function notebookLanguage(notebook: Record<string, unknown>): string | undefined {
  const metadata = isRecord(notebook.metadata) ? notebook.metadata : {};
  const info = isRecord(metadata.language_info) ? metadata.language_info : {};
  const spec = isRecord(metadata.kernelspec) ? metadata.kernelspec : {};
  const name = typeof info.name === 'string' ? info.name : typeof spec.language === 'string' ? spec.language : undefined;
  return name?.toLowerCase();
}

export type NotebookResult = { program: NotebookProgram } | { error: string; skip?: boolean };

export function notebookProgram(raw: string): NotebookResult {
  let notebook: unknown;
  try {
    notebook = JSON.parse(raw);
  } catch (error) {
    return { error: `not a valid notebook: malformed JSON (${(error as Error).message})` };
  }
  if (!isRecord(notebook) || !Array.isArray(notebook.cells)) {
    return { error: 'not a valid notebook: expected a JSON object with a "cells" list (nbformat 4)' };
  }
  const language = notebookLanguage(notebook);
  if (language !== undefined && language !== 'python') return { error: `notebook language is ${language}, not Python; skipped`, skip: true };
  const cells: NotebookCell[] = [];
  const lines: NotebookProgram['lines'] = [];
  const programLines: string[] = [];
  for (let i = 0; i < notebook.cells.length; i++) {
    const cell = notebook.cells[i];
    if (!isRecord(cell) || typeof cell.cell_type !== 'string') {
      return { error: `not a valid notebook: cell ${i + 1} has no "cell_type"` };
    }
    const text = sourceText(cell.source);
    if (text === undefined) return { error: `not a valid notebook: cell ${i + 1} has no text "source"` };
    if (cell.cell_type !== 'code') {
      cells.push({ index: i + 1, kind: cell.cell_type, source: text, original: text, programStart: -1 });
      continue;
    }
    const source = stripMagics(text);
    const cellLines = source.split('\n');
    cells.push({ index: i + 1, kind: 'code', source, original: text, programStart: programLines.length });
    cellLines.forEach((line, lineInCell) => {
      programLines.push(line);
      lines.push({ cell: i + 1, line: lineInCell });
    });
  }
  return { program: { text: programLines.join('\n'), cells, lines } };
}

/** A `# %%` script of the code cells, for `run --cell N` on a notebook. */
export function notebookAsCellScript(program: NotebookProgram): { text: string; cellNumbers: number[] } {
  const parts: string[] = [];
  const cellNumbers: number[] = [];
  for (const cell of program.cells) {
    if (cell.kind !== 'code') continue;
    parts.push(`# %% cell ${cell.index}`, cell.source);
    cellNumbers.push(cell.index);
  }
  return { text: parts.join('\n'), cellNumbers };
}

/**
 * The 1-based line of the raw .ipynb file that holds line `lineInCell` (0-based) of cell
 * `cellIndex` (1-based), for formats whose locations must point into the file as stored
 * (SARIF, GitHub annotations). nbformat writes one source line per JSON line, so this is exact
 * for notebooks saved by Jupyter or VS Code; for minified JSON it is the line of the cell's
 * source. Undefined when the raw text cannot be matched to the parsed cells.
 */
export function rawLineOfCellLine(raw: string, cellIndex: number, lineInCell: number): number | undefined {
  const sourceKey = /"source"\s*:\s*/g;
  let match: RegExpExecArray | null = null;
  for (let i = 0; i < cellIndex; i++) {
    match = sourceKey.exec(raw);
    if (!match) return undefined;
  }
  if (!match) return undefined;
  let offset = match.index + match[0].length;
  const isArray = raw[offset] === '[';
  if (isArray) offset++;
  // Walk the JSON strings of the source: element k of the array is source line k (each element
  // ends with "\n" except possibly the last), or the one string holds every line.
  let element = 0;
  while (offset < raw.length) {
    while (offset < raw.length && /[\s,]/.test(raw[offset])) offset++;
    if (raw[offset] !== '"') break;
    if (!isArray || element === lineInCell) return lineNumberAt(raw, offset);
    offset++;
    while (offset < raw.length && raw[offset] !== '"') offset += raw[offset] === '\\' ? 2 : 1;
    offset++;
    element++;
  }
  return isArray && element > 0 ? undefined : lineNumberAt(raw, match.index);
}

function lineNumberAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * The notebook JSON with new text for its code cells (in order), keeping everything else:
 * key order, outputs, metadata, the source as a list of lines or one string, the indentation.
 */
export function replaceCodeCells(raw: string, codeSources: readonly string[]): string {
  const notebook = JSON.parse(raw) as { cells: Array<Record<string, unknown>> };
  let next = 0;
  for (const cell of notebook.cells) {
    if (cell.cell_type !== 'code') continue;
    const text = codeSources[next++];
    if (text === undefined) break;
    cell.source = Array.isArray(cell.source) ? text.split(/(?<=\n)/).filter((line) => line.length > 0) : text;
  }
  const indent = /^\{\r?\n( +)"/.exec(raw)?.[1].length ?? (raw.includes('\n') ? 1 : 0);
  const body = indent > 0 ? JSON.stringify(notebook, null, indent) : JSON.stringify(notebook);
  return raw.endsWith('\n') ? `${body}\n` : body;
}
