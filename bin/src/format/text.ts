// The human format, modelled on ruff's: a `path:line:col: code message` header, a code frame
// with carets under the range, the fix on offer, and a one-line summary.
import type { CheckSummary, FileReport, ReportedFinding } from '../report';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  blue(s: string): string;
}

const plain: Style = { bold: (s) => s, dim: (s) => s, red: (s) => s, yellow: (s) => s, cyan: (s) => s, blue: (s) => s };
const sgr = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const ansi: Style = { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), yellow: sgr(33, 39), cyan: sgr(36, 39), blue: sgr(34, 39) };

/**
 * Colours only on a terminal, never when NO_COLOR is set to anything non-empty
 * (https://no-color.org); FORCE_COLOR turns them on without a terminal (tests, CI logs).
 */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

export function styleFor(color: boolean): Style {
  return color ? ansi : plain;
}

const TAB = '    ';
// Frames show at most this many lines of a multi-line range.
const MAX_FRAME_LINES = 3;

function location(f: ReportedFinding): string {
  return f.cell !== undefined ? `${f.file}:cell ${f.cell}:${f.line}:${f.column}` : `${f.file}:${f.line}:${f.column}`;
}

/** Caret span for one line: tabs expand like the frame text so carets line up. */
function caretLine(text: string, from: number, to: number): string {
  const before = text.slice(0, from).replace(/\t/g, TAB);
  const under = text.slice(from, Math.max(to, from)).replace(/\t/g, TAB);
  return ' '.repeat(before.length) + '^'.repeat(Math.max(1, under.length));
}

function frame(f: ReportedFinding, report: FileReport, style: Style): string[] {
  const lastLine = Math.min(f.endLine, f.line + MAX_FRAME_LINES - 1);
  const width = String(lastLine).length;
  const gutter = (n?: number) => style.blue(`${n === undefined ? ' '.repeat(width) : String(n).padStart(width)} |`);
  const out: string[] = [gutter()];
  for (let line = f.line; line <= lastLine; line++) {
    const text = report.sourceLine(f.cell, line);
    if (text === undefined) break;
    out.push(`${gutter(line)} ${text.replace(/\t/g, TAB)}`);
    const from = line === f.line ? f.column - 1 : text.length - text.trimStart().length;
    const to = line === f.endLine ? f.endColumn - 1 : text.length;
    if (to > from || line === f.line) out.push(`${gutter()} ${style.red(caretLine(text, from, to))}`);
  }
  if (f.endLine > lastLine) out.push(`${gutter()} ${style.dim('...')}`);
  out.push(gutter());
  return out;
}

function severityLabel(f: ReportedFinding, style: Style): string {
  const code = style.bold(f.code);
  return f.severity === 'error' ? style.red(code) : f.severity === 'warning' ? style.yellow(code) : style.cyan(code);
}

export function formatFinding(f: ReportedFinding, report: FileReport, style: Style): string {
  const lines = [`${style.bold(location(f))}: ${severityLabel(f, style)} ${f.message}`, ...frame(f, report, style)];
  if (f.fix) {
    const how = f.fix.safety === 'safe' ? 'fix' : 'unsafe fix (not applied by --fix)';
    lines.push(`${style.blue(' '.repeat(String(f.endLine).length) + ' =')} ${style.cyan(`${how}: ${f.fix.title}`)}`);
    for (const preview of f.fix.preview ?? []) {
      lines.push(`${' '.repeat(String(f.endLine).length + 5)}${style.dim(`on ${preview.input}: ${preview.naive} -> ${preview.fixed}`)}`);
    }
  }
  return lines.join('\n');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatSummary(summary: CheckSummary, style: Style): string {
  const lines: string[] = [];
  if (summary.fixed !== undefined && summary.fixed > 0) lines.push(`Fixed ${plural(summary.fixed, 'problem')}.`);
  if (summary.findings === 0) {
    lines.push(style.bold('All checks passed!'));
  } else {
    const fixable = summary.fixable > 0 ? ` (${summary.fixable} fixable with --fix)` : '';
    lines.push(style.bold(`Found ${plural(summary.findings, 'problem')}${fixable}.`));
  }
  return lines.join('\n');
}

export function formatText(reports: FileReport[], summary: CheckSummary, style: Style): string {
  const blocks: string[] = [];
  for (const report of reports) {
    for (const finding of report.findings) blocks.push(formatFinding(finding, report, style));
  }
  blocks.push(formatSummary(summary, style));
  return `${blocks.join('\n\n')}\n`;
}
