// Shared helpers for the extension-host tests.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TensorLintApi } from '../../../client/src/extension';
import { waitFor } from './harness';

export const EXTENSION_ID = 'tensorlint.tensorlint';

export async function api(): Promise<TensorLintApi> {
  const extension = vscode.extensions.getExtension<TensorLintApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed`);
  const exports = extension.isActive ? extension.exports : await extension.activate();
  assert.equal(await exports.ready, true, 'the language server did not start');
  return exports;
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function open(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  return vscode.window.showTextDocument(document, { preview: false });
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source?.toLowerCase() === 'tensorlint');
}

export function describe(diagnostics: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(diagnostics.map((d) => ({ line: d.range.start.line, code: d.code, message: d.message })));
}

/** Waits until the document has TensorLint diagnostics matching `accept`. */
export function diagnosticsWhere(uri: vscode.Uri, accept: (d: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 20_000) {
  return waitFor(() => {
    const found = ours(uri);
    return accept(found) ? found : undefined;
  }, `${what} (have ${describe(ours(uri))})`, timeoutMs);
}

export function lineOf(document: vscode.TextDocument, needle: string): number {
  const line = document.getText().split('\n').findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `no line contains ${needle}`);
  return line;
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** Throws away unsaved edits so later tests see the fixture text. */
export async function revert(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}
