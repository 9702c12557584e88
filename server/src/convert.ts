// Engine results -> LSP structures. Pure functions over plain data, so they are unit-tested on
// hand-written Analysis objects and stay independent of the connection.
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type TextEdit,
} from 'vscode-languageserver/node';
import type { Finding, Fix, Range, Severity } from '../../engine/src/api';
import { ruleDocsUrl } from '../../engine/src/index';
import { fromProgramRange, type Program } from './program';

export const SOURCE = 'tensorlint';

/** One fix as carried in a diagnostic's `data`, already in the diagnostic's document. */
export interface FixData {
  title: string;
  edits: TextEdit[];
  safety: 'safe' | 'unsafe';
  preferred: boolean;
}

export interface DiagnosticData {
  fixes: FixData[];
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/**
 * "Use torch.logsumexp (naive: inf → fixed: 1000.6931)": the proof of the fix, in its title.
 * The probe where the two differ is the telling one; moderate probes only show agreement.
 */
export function fixTitle(fix: Fix): string {
  const preview = fix.previews?.find((p) => p.naive !== p.fixed) ?? fix.previews?.[0];
  return preview ? `${fix.title} (naive: ${preview.naive} → fixed: ${preview.fixed})` : fix.title;
}

/** A fix whose edits do not all land in `uri` (another notebook cell) is dropped, not split. */
function fixData(fix: Fix, index: number, program: Program, uri: string): FixData | undefined {
  const edits: TextEdit[] = [];
  for (const edit of fix.edits) {
    const located = fromProgramRange(program, edit.range, true);
    if (!located || located.uri !== uri) return undefined;
    edits.push({ range: located.value, newText: edit.newText });
  }
  if (edits.length === 0) return undefined;
  return { title: fixTitle(fix), edits, safety: fix.safety, preferred: index === 0 };
}

export function findingToDiagnostic(finding: Finding, program: Program): { uri: string; diagnostic: Diagnostic } | undefined {
  const located = fromProgramRange(program, finding.range);
  if (!located) return undefined;
  const uri = located.uri;
  const related: DiagnosticRelatedInformation[] = [];
  for (const info of finding.related ?? []) {
    const where = fromProgramRange(program, info.range);
    if (where) related.push({ location: { uri: where.uri, range: where.value }, message: info.message });
  }
  const tags: DiagnosticTag[] = [];
  if (finding.tags?.includes('unnecessary')) tags.push(DiagnosticTag.Unnecessary);
  if (finding.tags?.includes('deprecated')) tags.push(DiagnosticTag.Deprecated);
  const fixes = (finding.fixes ?? [])
    .map((fix, index) => fixData(fix, index, program, uri))
    .filter((f): f is FixData => f !== undefined);
  const diagnostic: Diagnostic = {
    range: located.value,
    severity: SEVERITY[finding.severity] ?? DiagnosticSeverity.Warning,
    code: finding.code,
    codeDescription: { href: ruleDocsUrl(finding.code) },
    source: SOURCE,
    message: finding.message,
  };
  if (related.length > 0) diagnostic.relatedInformation = related;
  if (tags.length > 0) diagnostic.tags = tags;
  if (fixes.length > 0) diagnostic.data = { fixes } satisfies DiagnosticData;
  return { uri, diagnostic };
}

/** Diagnostics for every document of the program; documents without findings get `[]`. */
export function findingsToDiagnostics(findings: Finding[], program: Program): Map<string, Diagnostic[]> {
  const byUri = new Map<string, Diagnostic[]>();
  for (const segment of program.segments) byUri.set(segment.uri, []);
  for (const finding of findings) {
    const converted = findingToDiagnostic(finding, program);
    if (converted) byUri.get(converted.uri)?.push(converted.diagnostic);
  }
  return byUri;
}

/** Reads fixes back from a diagnostic a client returned; anything malformed reads as none. */
export function readDiagnosticData(diagnostic: Diagnostic): FixData[] {
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (!data || !Array.isArray(data.fixes)) return [];
  return data.fixes.filter(
    (f): f is FixData =>
      !!f && typeof f.title === 'string' && Array.isArray(f.edits) && f.edits.every(isTextEdit) && (f.safety === 'safe' || f.safety === 'unsafe'),
  );
}

function isPosition(value: unknown): boolean {
  const p = value as { line?: unknown; character?: unknown } | null;
  return !!p && Number.isInteger(p.line) && Number.isInteger(p.character);
}

function isTextEdit(value: unknown): value is TextEdit {
  const e = value as { range?: Range; newText?: unknown } | null;
  return !!e && typeof e.newText === 'string' && !!e.range && isPosition(e.range.start) && isPosition(e.range.end);
}

export function comparePositions(a: { line: number; character: number }, b: { line: number; character: number }): number {
  return a.line - b.line || a.character - b.character;
}

export function rangeContains(range: Range, position: { line: number; character: number }): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) < 0 && comparePositions(b.start, a.end) < 0;
}
