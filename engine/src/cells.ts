import type { CellMarker } from './api';

const CELL_MARKER = /^#\s*%%(.*)$/;

/** Finds `# %%` cells. Code before the first marker is not a cell. */
export function findCells(text: string): CellMarker[] {
  const lines = text.split(/\r\n|\r|\n/);
  const cells: CellMarker[] = [];
  lines.forEach((line, i) => {
    const m = CELL_MARKER.exec(line.trimEnd());
    if (m) {
      if (cells.length > 0) cells[cells.length - 1].endLine = i - 1;
      cells.push({ index: cells.length + 1, line: i, endLine: lines.length - 1, title: m[1].trim() });
    }
  });
  return cells;
}
