import type { AnalyzeOptions, Finding } from './api';
import { findRule } from './rules/registry';

function matches(code: string, patterns: string[]): boolean {
  return patterns.some((p) => p === 'ALL' || code === p || (p.endsWith('*') && code.startsWith(p.slice(0, -1))));
}

/** Applies select/ignore, per-rule severities and the fix-style order. */
export function filterFindings(findings: Finding[], _text: string, options: AnalyzeOptions): Finding[] {
  const out: Finding[] = [];
  for (const finding of findings) {
    if (options.select && options.select.length > 0 && !matches(finding.code, options.select)) continue;
    if (options.ignore && matches(finding.code, options.ignore)) continue;
    const configured = options.severities?.[finding.code];
    if (configured === 'off') continue;
    const severity = configured ?? finding.severity ?? findRule(finding.code)?.defaultSeverity ?? 'warning';
    const fixes = options.fixStyle
      ? [...finding.fixes].sort((a, b) => Number(b.style === options.fixStyle) - Number(a.style === options.fixStyle))
      : finding.fixes;
    out.push({ ...finding, severity, fixes });
  }
  return out;
}
