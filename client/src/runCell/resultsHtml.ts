// The results view's document: one row per statement with its name, shape, dtype and
// torch-style printed value, a picture for 1-D and 2-D tensors, and errors that jump to their
// line. Pure string building so it can be tested without VS Code.
import type { RunEntry } from '../protocol';
import { barChartSvg, heatmapSvg } from './charts';
import { escapeHtml } from './escape';
import { toMatrix, toVector } from './values';

export interface ResultsPage {
  /** e.g. "Cell 2 · model.py" */
  title: string;
  entries: RunEntry[];
  /** A message shown instead of rows, e.g. when the server failed. */
  notice?: string;
  /** Lines of entries as shown to the user (0-based document lines); defaults to entry.line - 1. */
  documentLines?: number[];
}

export interface PageSecurity {
  nonce: string;
  /** webview.cspSource */
  cspSource: string;
}

export function shapeLabel(shape: number[] | null): string {
  if (!shape) return '';
  return `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`;
}

function chartFor(entry: RunEntry): string {
  if (!entry.shape || entry.error) return '';
  if (entry.shape.length === 2) {
    const m = toMatrix(entry.value);
    return m ? heatmapSvg(m, entry.name) : '';
  }
  if (entry.shape.length === 1) {
    const v = toVector(entry.value);
    return v && v.length > 1 ? barChartSvg(v, entry.name) : '';
  }
  return '';
}

function rowHtml(entry: RunEntry, documentLine: number): string {
  const line = documentLine + 1;
  const jump = `<button class="line" data-line="${documentLine}" title="Go to line ${line}">${line}</button>`;
  if (entry.error) {
    return (
      `<section class="row error" data-line="${documentLine}">${jump}` +
      `<div class="body"><div class="head"><span class="name">${escapeHtml(entry.name || 'error')}</span>` +
      `<span class="errtype">${escapeHtml(entry.error.type)}</span></div>` +
      `<pre class="printed">${escapeHtml(entry.error.message)}</pre></div></section>`
    );
  }
  const meta = [entry.output ? 'output' : '', shapeLabel(entry.shape), entry.dtype ?? ''].filter(Boolean).map((m) => `<span class="meta">${escapeHtml(m)}</span>`);
  return (
    `<section class="row${entry.output ? ' output' : ''}" data-line="${documentLine}">${jump}` +
    `<div class="body"><div class="head"><span class="name">${escapeHtml(entry.name)}</span>${meta.join('')}</div>` +
    `<pre class="printed">${escapeHtml(entry.printed)}</pre>${chartFor(entry)}</div></section>`
  );
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 12px 12px; }
h1 { font-size: 1.1em; font-weight: 600; margin: 12px 0 4px; }
.summary, .notice { color: var(--vscode-descriptionForeground); margin-bottom: 8px; }
.notice { border-left: 3px solid var(--vscode-editorWarning-foreground); padding-left: 8px; }
.row { display: flex; gap: 8px; padding: 6px 0; border-top: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); }
.row.error .errtype { color: var(--vscode-errorForeground); font-weight: 600; }
.row.error { border-left: 3px solid var(--vscode-editorError-foreground); padding-left: 4px; }
.row.output pre.printed { color: var(--vscode-terminal-foreground, var(--vscode-foreground)); }
.line { min-width: 3em; text-align: right; font-family: var(--vscode-editor-font-family); color: var(--vscode-textLink-foreground); background: none; border: none; cursor: pointer; padding: 0; align-self: flex-start; }
.line:hover, .line:focus { text-decoration: underline; outline: 1px solid var(--vscode-focusBorder); }
.body { flex: 1; min-width: 0; }
.head { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.name { font-family: var(--vscode-editor-font-family); font-weight: 600; }
.meta { font-family: var(--vscode-editor-font-family); color: var(--vscode-descriptionForeground); background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); border-radius: 3px; padding: 0 4px; }
pre.printed { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); margin: 4px 0; white-space: pre; overflow-x: auto; }
.chart { margin: 4px 0; }
.chart figcaption { color: var(--vscode-descriptionForeground); font-size: 0.9em; }
.bar { fill: var(--vscode-charts-blue, #3794ff); }
.bar.negative { fill: var(--vscode-charts-orange, #d18616); }
.bar.nonfinite { fill: var(--vscode-charts-red, #f14c4c); }
.axis { stroke: var(--vscode-descriptionForeground); stroke-width: 1; }
`;

// Rows and their line buttons post the line to the extension, which reveals it in the editor.
const SCRIPT = `
const vscode = acquireVsCodeApi();
document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('[data-line]') : null;
  if (!target) return;
  const line = Number(target.getAttribute('data-line'));
  if (Number.isInteger(line)) vscode.postMessage({ type: 'jump', line });
});
`;

export function resultsHtml(page: ResultsPage, security: PageSecurity): string {
  const csp = [
    "default-src 'none'",
    `style-src 'nonce-${security.nonce}'`,
    `script-src 'nonce-${security.nonce}'`,
    `img-src ${security.cspSource} data:`,
    `font-src ${security.cspSource}`,
  ].join('; ');
  const lines = page.documentLines ?? page.entries.map((e) => e.line - 1);
  const errors = page.entries.filter((e) => e.error).length;
  // A print's output shares its statement's line: count statements, not rows.
  const statements = new Set(page.entries.map((e) => e.line)).size;
  const summary = `${statements} statement${statements === 1 ? '' : 's'}${errors ? `, ${errors} error${errors === 1 ? '' : 's'}` : ''}`;
  const body = page.notice
    ? `<p class="notice">${escapeHtml(page.notice)}</p>`
    : page.entries.length === 0
      ? '<p class="notice">Nothing to show: the code produced no assignments or expression values.</p>'
      : page.entries.map((e, i) => rowHtml(e, lines[i] ?? e.line - 1)).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(page.title)}</title>
<style nonce="${security.nonce}">${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(page.title)}</h1>
<div class="summary">${page.notice ? '' : summary} · computed by TensorLint's bundled engine; no Python was run</div>
<main id="results">
${body}
</main>
<script nonce="${security.nonce}">${SCRIPT}</script>
</body>
</html>`;
}
