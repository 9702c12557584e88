// Turns the raw findings of the rules into what the user asked for: suppression comments,
// select/ignore, per-rule severities and the preferred fix style, in that order.
import type { AnalyzeOptions, Finding } from './api';
import { findRule } from './rules/registry';
import { applySuppressions } from './suppress';

/**
 * A pattern is `ALL`, an exact code, a prefix ending in `*` (`unstable-*`) or a prefix ending
 * in `-` (`unstable-`), which is how package.json documents code prefixes.
 */
export function codeMatches(code: string, patterns: readonly string[]): boolean {
  return patterns.some((raw) => {
    const p = raw.trim();
    if (p === 'ALL' || p === code) return true;
    if (p.endsWith('*')) return code.startsWith(p.slice(0, -1));
    return p.endsWith('-') && code.startsWith(p);
  });
}

/** Applies suppressions, select/ignore, per-rule severities and the fix-style order. */
export function filterFindings(findings: Finding[], text: string, options: AnalyzeOptions): Finding[] {
  const out: Finding[] = [];
  for (const finding of applySuppressions(findings, text)) {
    if (options.select && options.select.length > 0 && !codeMatches(finding.code, options.select)) continue;
    if (options.ignore && codeMatches(finding.code, options.ignore)) continue;
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
