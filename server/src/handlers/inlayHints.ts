// textDocument/inlayHint: the shape (and optionally a value preview) after assignment targets.
import { InlayHintKind, type InlayHint, type InlayHintParams, type Range } from 'vscode-languageserver/node';
import type { Analysis } from '../../../engine/src/api';
import type { Settings } from '../config/settings';
import { comparePositions } from '../convert';
import { fromProgramRange, type Program } from '../program';
import type { Session } from '../session';

const MAX_VALUE_CHARS = 48;

function shorten(value: string): string {
  const oneLine = value.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_VALUE_CHARS ? `${oneLine.slice(0, MAX_VALUE_CHARS - 1)}…` : oneLine;
}

export function inlayHintsFor(analysis: Analysis, program: Program, uri: string, range: Range, settings: Settings['inlayHints']): InlayHint[] {
  if (!settings.shapes && !settings.values) return [];
  const hints: InlayHint[] = [];
  for (const inlay of analysis.inlays) {
    const located = fromProgramRange(program, { start: inlay.position, end: inlay.position }, true);
    if (!located || located.uri !== uri) continue;
    const position = located.value.start;
    if (comparePositions(position, range.start) < 0 || comparePositions(position, range.end) > 0) continue;
    let label = settings.shapes ? `: ${inlay.shape}` : '';
    if (settings.values && inlay.value) label += ` = ${shorten(inlay.value)}`;
    if (!label) continue;
    hints.push({ position, label, kind: InlayHintKind.Type, paddingLeft: false });
  }
  return hints;
}

export function provideInlayHints(session: Session, params: InlayHintParams): InlayHint[] {
  const uri = params.textDocument.uri;
  const result = session.resultFor(uri);
  if (!result || !result.settings.enable) return [];
  const hints = inlayHintsFor(result.analysis, result.program, uri, params.range, result.settings.inlayHints);
  return hints.filter((hint) => session.lineUnchanged(uri, result, hint.position.line));
}
