// Inline SVG pictures for the results view: a heatmap for 2-D tensors and a bar chart for 1-D
// ones. Colours are SVG presentation attributes or CSS classes (no style attributes), so the
// webview's content security policy needs no 'unsafe-inline'.
import { escapeHtml } from './escape';
import { finiteRange, formatNumber } from './values';

/** Larger tensors are drawn cropped to their top-left corner, and the caption says so. */
export const MAX_HEATMAP_SIDE = 48;
export const MAX_BARS = 64;

// Viridis at five stops: perceptually even and readable on light and dark themes.
const VIRIDIS: Array<[number, number, number]> = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

export function viridis(t: number): string {
  const x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [VIRIDIS[i], VIRIDIS[i + 1]];
  const c = a.map((v, k) => Math.round(v + (b[k] - v) * f));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

function cellColor(v: number, lo: number, hi: number): string {
  if (Number.isNaN(v)) return '#808080';
  if (v === Infinity) return '#ff3b30';
  if (v === -Infinity) return '#2f6bff';
  return viridis(hi > lo ? (v - lo) / (hi - lo) : 0.5);
}

export function heatmapSvg(matrix: number[][], label: string): string {
  const rows = Math.min(matrix.length, MAX_HEATMAP_SIDE);
  const cols = Math.min(matrix[0]?.length ?? 0, MAX_HEATMAP_SIDE);
  if (rows === 0 || cols === 0) return '';
  const shown = matrix.slice(0, rows).map((r) => r.slice(0, cols));
  const range = finiteRange(shown.flat()) ?? { min: 0, max: 0 };
  const cell = Math.max(6, Math.min(24, Math.floor(240 / Math.max(rows, cols))));
  const rects: string[] = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = shown[i][j];
      rects.push(
        `<rect x="${j * cell}" y="${i * cell}" width="${cell}" height="${cell}" fill="${cellColor(v, range.min, range.max)}">` +
          `<title>[${i}, ${j}] = ${formatNumber(v)}</title></rect>`,
      );
    }
  }
  const cropped = rows < matrix.length || cols < (matrix[0]?.length ?? 0);
  const caption = `min ${formatNumber(range.min)} · max ${formatNumber(range.max)}${cropped ? ` · first ${rows}×${cols} shown` : ''}`;
  return (
    `<figure class="chart heatmap"><svg role="img" aria-label="${escapeHtml(label)} heatmap" width="${cols * cell}" height="${rows * cell}" viewBox="0 0 ${cols * cell} ${rows * cell}">` +
    rects.join('') +
    `</svg><figcaption>${escapeHtml(caption)}</figcaption></figure>`
  );
}

export function barChartSvg(vector: number[], label: string): string {
  const n = Math.min(vector.length, MAX_BARS);
  if (n === 0) return '';
  const shown = vector.slice(0, n);
  const range = finiteRange(shown) ?? { min: 0, max: 0 };
  const lo = Math.min(0, range.min);
  const hi = Math.max(0, range.max);
  const height = 60;
  const bar = Math.max(3, Math.min(16, Math.floor(320 / n)));
  const scale = hi > lo ? height / (hi - lo) : 0;
  const zeroY = hi * scale;
  const bars = shown.map((v, i) => {
    const x = i * bar;
    const title = `<title>[${i}] = ${formatNumber(v)}</title>`;
    if (!Number.isFinite(v)) {
      return `<rect class="bar nonfinite" x="${x}" y="0" width="${bar - 1}" height="${height}">${title}</rect>`;
    }
    const y = v >= 0 ? zeroY - v * scale : zeroY;
    const h = Math.max(1, Math.abs(v) * scale);
    return `<rect class="bar${v < 0 ? ' negative' : ''}" x="${x}" y="${y.toFixed(2)}" width="${bar - 1}" height="${h.toFixed(2)}">${title}</rect>`;
  });
  const caption = `min ${formatNumber(range.min)} · max ${formatNumber(range.max)}${n < vector.length ? ` · first ${n} shown` : ''}`;
  return (
    `<figure class="chart bars"><svg role="img" aria-label="${escapeHtml(label)} bar chart" width="${n * bar}" height="${height}" viewBox="0 0 ${n * bar} ${height}">` +
    `<line class="axis" x1="0" x2="${n * bar}" y1="${zeroY.toFixed(2)}" y2="${zeroY.toFixed(2)}"/>` +
    bars.join('') +
    `</svg><figcaption>${escapeHtml(caption)}</figcaption></figure>`
  );
}
