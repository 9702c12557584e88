// `--format github`: workflow commands that GitHub Actions turns into annotations.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
import type { FileReport, ReportedFinding } from '../report';

/** Escaping of a command's message part. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a property value: as data, plus the separators `:` and `,`. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** Maps a notebook finding's cell line to the line of the raw .ipynb that stores it. */
export type RawLine = (finding: ReportedFinding, line: number) => number | undefined;

export function formatGithubAnnotation(f: ReportedFinding, rawLine?: RawLine): string {
  const properties: Array<[string, string | number]> = [['file', f.file]];
  let message = f.message;
  if (f.cell === undefined) {
    properties.push(['line', f.line], ['col', f.column], ['endLine', f.endLine], ['endColumn', f.endColumn]);
  } else {
    // Annotations point into the file as stored, and a notebook is JSON: point at the JSON line
    // that holds the cell's source line (columns there would be wrong) and name the cell.
    const line = rawLine?.(f, f.line);
    if (line !== undefined) properties.push(['line', line]);
    message = `cell ${f.cell}, line ${f.line}, column ${f.column}: ${message}`;
  }
  properties.push(['title', f.code]);
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${COMMAND[f.severity]} ${props}::${escapeData(message)}`;
}

export function formatGithub(reports: FileReport[], rawLine?: RawLine): string {
  const lines = reports.flatMap((r) => r.findings.map((f) => formatGithubAnnotation(f, rawLine)));
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
