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

export function formatGithubAnnotation(f: ReportedFinding): string {
  const properties: Array<[string, string | number]> = [['file', f.file]];
  let message = f.message;
  if (f.cell === undefined) {
    properties.push(['line', f.line], ['col', f.column], ['endLine', f.endLine], ['endColumn', f.endColumn]);
  } else {
    // Annotation lines point into the raw file, and a notebook's raw file is JSON: name the
    // cell in the message instead of pointing at an unrelated JSON line.
    message = `cell ${f.cell}, line ${f.line}, column ${f.column}: ${message}`;
  }
  properties.push(['title', f.code]);
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${COMMAND[f.severity]} ${props}::${escapeData(message)}`;
}

export function formatGithub(reports: FileReport[]): string {
  const lines = reports.flatMap((r) => r.findings.map(formatGithubAnnotation));
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
