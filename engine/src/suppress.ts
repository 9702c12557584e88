// Line-level suppression comments, read from the text so that the CLI and the language server
// agree without either of them knowing about it.
//
//   # tensorlint: ignore[code, other-code]   suppresses those codes on this line
//   # tensorlint: ignore                     suppresses every TensorLint finding on this line
//   # noqa: code, other-code                 suppresses those codes (other tools' codes are ignored)
//   # noqa                                   suppresses every finding on this line (ruff's rule)
//
// Bare `# noqa` follows ruff and flake8: it means "no checks on this line", so it hides ours
// too. `syntax-error` is never suppressed: Python will not run the file whatever the comment says.
//
// The scan is textual (a `#` inside a string literal can look like a comment). That can only
// hide a finding, never invent one, which is the side "provable or silent" prefers.
import type { Finding } from './api';

export type LineSuppression = { all: true } | { all: false; codes: Set<string> };

const TENSORLINT_COMMENT = /#\s*tensorlint\s*:\s*ignore\b(?:\s*\[([^\]]*)\])?/gi;
const NOQA_COMMENT = /#\s*noqa\b(?:\s*:\s*([A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+|\s+[A-Za-z0-9_-]+)*))?/gi;
const UNSUPPRESSIBLE = new Set(['syntax-error']);

function splitCodes(list: string): string[] {
  return list
    .split(/[\s,]+/)
    .map((code) => code.trim().toLowerCase())
    .filter((code) => code.length > 0);
}

function addCodes(map: Map<number, LineSuppression>, line: number, codes: string[] | 'all'): void {
  const current = map.get(line);
  if (current?.all) return;
  if (codes === 'all') {
    map.set(line, { all: true });
    return;
  }
  const set = current && !current.all ? current.codes : new Set<string>();
  for (const code of codes) set.add(code);
  map.set(line, { all: false, codes: set });
}

/** Maps each 0-based line that carries a suppression comment to what it suppresses. */
export function parseSuppressions(text: string): Map<number, LineSuppression> {
  const map = new Map<number, LineSuppression>();
  // Cheap exit: most files carry no suppression comment at all.
  if (!/tensorlint|noqa/i.test(text)) return map;
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((line, index) => {
    if (!line.includes('#')) return;
    for (const match of line.matchAll(TENSORLINT_COMMENT)) {
      // `ignore[]` (empty brackets) suppresses nothing rather than everything: an empty list
      // is more likely a half-typed comment than a request to hide all findings.
      addCodes(map, index, match[1] === undefined ? 'all' : splitCodes(match[1]));
    }
    for (const match of line.matchAll(NOQA_COMMENT)) {
      addCodes(map, index, match[1] === undefined ? 'all' : splitCodes(match[1]));
    }
  });
  return map;
}

function suppressedOn(map: Map<number, LineSuppression>, line: number, code: string): boolean {
  const entry = map.get(line);
  if (!entry) return false;
  return entry.all || entry.codes.has(code.toLowerCase());
}

/**
 * True when a comment on the finding's first line, or on its last line (where a comment after
 * a multi-line statement sits), suppresses its code.
 */
export function isSuppressed(finding: Finding, map: Map<number, LineSuppression>): boolean {
  if (map.size === 0 || UNSUPPRESSIBLE.has(finding.code)) return false;
  const { start, end } = finding.range;
  if (suppressedOn(map, start.line, finding.code)) return true;
  const lastLine = end.character === 0 && end.line > start.line ? end.line - 1 : end.line;
  return lastLine !== start.line && suppressedOn(map, lastLine, finding.code);
}

/** Drops the findings that a suppression comment in `text` hides. */
export function applySuppressions(findings: Finding[], text: string): Finding[] {
  const map = parseSuppressions(text);
  if (map.size === 0) return findings;
  return findings.filter((finding) => !isSuppressed(finding, map));
}
