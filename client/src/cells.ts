// `# %%` cells, found the same way the engine finds them (engine/src/cells.ts): a marker is a
// line that starts with `#`, optional spaces and `%%`; code before the first marker is no cell.
// Kept free of `vscode` so it can be unit-tested under plain Node.

const CELL_MARKER = /^#\s*%%/;

export interface CellSpan {
  /** 1-based, as the server's tensorlint.runCell takes it. */
  index: number;
  /** 0-based line of the marker. */
  startLine: number;
  /** 0-based last line (inclusive). */
  endLine: number;
}

export function findCellSpans(lines: readonly string[]): CellSpan[] {
  const cells: CellSpan[] = [];
  lines.forEach((line, i) => {
    if (!CELL_MARKER.test(line.trimEnd())) return;
    if (cells.length > 0) cells[cells.length - 1].endLine = i - 1;
    cells.push({ index: cells.length + 1, startLine: i, endLine: lines.length - 1 });
  });
  return cells;
}

/** The cell holding `line`; undefined above the first marker or when there are no markers. */
export function cellAtLine(lines: readonly string[], line: number): CellSpan | undefined {
  return findCellSpans(lines).find((c) => line >= c.startLine && line <= c.endLine);
}

/**
 * Maps a run entry's 1-based line to a 0-based document line. The server reports file lines;
 * should an implementation report lines relative to the cell instead, every entry falls
 * outside the cell but fits inside it when offset — only then are they shifted.
 */
export function entryLinesToDocument(entryLines: readonly number[], cell: CellSpan | undefined): number[] {
  const zeroBased = entryLines.map((l) => l - 1);
  if (!cell || zeroBased.length === 0) return zeroBased;
  const inside = (l: number) => l >= cell.startLine && l <= cell.endLine;
  if (zeroBased.some(inside)) return zeroBased;
  const shifted = zeroBased.map((l) => l + cell.startLine);
  return shifted.every(inside) ? shifted : zeroBased;
}
