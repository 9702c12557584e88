// `--format json`: one array of findings, exactly the shape of ReportedFinding (the CLI contract).
import type { FileReport } from '../report';

export function formatJson(reports: FileReport[]): string {
  return `${JSON.stringify(reports.flatMap((r) => r.findings), null, 2)}\n`;
}
