// textDocument/hover: answered from the last finished analysis, never by analysing.
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver/node';
import { hoverAt } from '../hoverContent';
import { toProgramPosition } from '../program';
import type { Session } from '../session';

export function provideHover(session: Session, params: HoverParams): Hover | null {
  const uri = params.textDocument.uri;
  const result = session.resultFor(uri);
  if (!result || !result.settings.enable) return null;
  if (!session.lineUnchanged(uri, result, params.position.line)) return null;
  const position = toProgramPosition(result.program, uri, params.position);
  if (!position) return null;
  const hover = hoverAt(result.analysis, result.program, uri, position);
  if (!hover) return null;
  return { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: hover.range };
}
