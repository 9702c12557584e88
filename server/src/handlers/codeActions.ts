// textDocument/codeAction: quick-fixes straight from the fixes carried in each diagnostic's
// `data` (no re-analysis), and `source.fixAll.tensorlint` applying every safe preferred fix.
import { CodeActionKind, type CodeAction, type CodeActionParams, type TextEdit } from 'vscode-languageserver/node';
import { readDiagnosticData, rangesOverlap, SOURCE } from '../convert';
import type { Session } from '../session';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.tensorlint`;

function wants(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

export function quickFixes(params: CodeActionParams): CodeAction[] {
  const uri = params.textDocument.uri;
  const actions: CodeAction[] = [];
  for (const diagnostic of params.context.diagnostics ?? []) {
    if (diagnostic.source !== SOURCE) continue;
    for (const fix of readDiagnosticData(diagnostic)) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.preferred,
        edit: { changes: { [uri]: fix.edits } },
      });
    }
  }
  return actions;
}

/**
 * Every diagnostic's preferred fix when it is safe, skipping fixes that would overlap one
 * already taken. Only offered when the last analysis saw exactly the current text: edits
 * computed for an older text would land in the wrong place.
 */
export function fixAllEdits(session: Session, uri: string): TextEdit[] {
  if (!session.isCurrent(uri)) return [];
  const diagnostics = session.resultFor(uri)?.diagnostics.get(uri) ?? [];
  const taken: TextEdit[] = [];
  for (const diagnostic of diagnostics) {
    const preferred = readDiagnosticData(diagnostic)[0];
    if (!preferred || preferred.safety !== 'safe') continue;
    if (preferred.edits.some((edit) => taken.some((t) => rangesOverlap(t.range, edit.range)))) continue;
    taken.push(...preferred.edits);
  }
  return taken;
}

export function provideCodeActions(session: Session, params: CodeActionParams): CodeAction[] {
  const only = params.context.only;
  const actions: CodeAction[] = wants(only, CodeActionKind.QuickFix) ? quickFixes(params) : [];
  const explicitlyAsked = !!only?.some((o) => FIX_ALL_KIND === o || FIX_ALL_KIND.startsWith(`${o}.`));
  if (explicitlyAsked || !only || only.length === 0) {
    const edits = fixAllEdits(session, params.textDocument.uri);
    if (edits.length > 0) {
      actions.push({ title: 'TensorLint: fix all safe problems', kind: FIX_ALL_KIND, edit: { changes: { [params.textDocument.uri]: edits } } });
    }
  }
  return actions;
}
