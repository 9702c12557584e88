// textDocument/codeLens: "Run cell" above each `# %%` marker of a plain file. Computed from the
// current text (a cheap line scan), so the lenses never lag behind an edit.
import type { CodeLens, CodeLensParams } from 'vscode-languageserver/node';
import { findCells } from '../../../engine/src/index';
import type { Session } from '../session';

export const RUN_CELL_COMMAND = 'tensorlint.runCell';
export const RUN_FILE_COMMAND = 'tensorlint.runFile';

export function provideCodeLenses(session: Session, params: CodeLensParams): CodeLens[] {
  const uri = params.textDocument.uri;
  // Notebook cells already have the notebook's own run buttons.
  if (session.notebooks.findNotebookDocumentForCell(uri)) return [];
  const doc = session.documents.get(uri);
  if (!doc) return [];
  return findCells(doc.getText()).map((cell) => ({
    range: { start: { line: cell.line, character: 0 }, end: { line: cell.line, character: 0 } },
    command: { title: 'Run cell', command: RUN_CELL_COMMAND, arguments: [uri, cell.index] },
  }));
}
