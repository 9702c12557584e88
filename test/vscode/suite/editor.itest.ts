// What a user sees in the editor: diagnostics on the right lines, hover with shapes, quick fixes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type HostTest, waitFor } from './harness';
import { describe, diagnosticsWhere, hoverText, lineOf, open, revert } from './util';

export const editorTests: HostTest[] = [
  {
    name: 'a syntax error is reported on the broken definition and nowhere else',
    fn: async () => {
      const editor = await open('broken.py');
      const uri = editor.document.uri;
      const defLine = lineOf(editor.document, 'def scale(x:');
      const found = await diagnosticsWhere(uri, (d) => d.length > 0, 'a TensorLint diagnostic in broken.py');
      for (const d of found) {
        assert.ok(d.range.start.line >= defLine && d.range.start.line <= defLine + 1, `diagnostic off the broken lines: ${describe(found)}`);
      }
      assert.ok(found.some((d) => d.severity === vscode.DiagnosticSeverity.Error), `no error severity: ${describe(found)}`);
    },
  },
  {
    name: 'fixing the syntax error clears the diagnostic; breaking it again brings it back',
    fn: async () => {
      const editor = await open('broken.py');
      const uri = editor.document.uri;
      const defLine = lineOf(editor.document, 'def scale(x:');
      await diagnosticsWhere(uri, (d) => d.length > 0, 'the initial diagnostic');
      const colon = editor.document.lineAt(defLine).text.indexOf('x:') + 1;
      try {
        await editor.edit((b) => b.replace(new vscode.Range(defLine, colon, defLine, colon + 1), '):'));
        await diagnosticsWhere(uri, (d) => d.length === 0, 'no diagnostics once the definition parses');
        await editor.edit((b) => b.insert(new vscode.Position(defLine + 1, 0), '    return (\n'));
        await diagnosticsWhere(uri, (d) => d.some((x) => x.range.start.line >= defLine + 1), 'a diagnostic for the new unclosed parenthesis');
      } finally {
        await revert(editor);
      }
    },
  },
  {
    name: 'hover on a tensor shows its shape',
    fn: async () => {
      const editor = await open('model.py');
      const line = lineOf(editor.document, 'h = x @ w');
      const text = await waitFor(async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(line, 0));
        const t = hoverText(hovers ?? []);
        return /\(\s*4\s*,\s*3\s*\)/.test(t) ? t : undefined;
      }, 'a hover on `h` that shows the shape (4, 3)');
      assert.match(text, /\(\s*4\s*,\s*3\s*\)/);
    },
  },
  {
    name: 'an unstable log(exp(x).sum()) gets a quick fix whose edit makes it stable',
    timeoutMs: 40_000,
    fn: async () => {
      const editor = await open('model.py');
      const uri = editor.document.uri;
      const line = lineOf(editor.document, 'lse = torch.log');
      const found = await diagnosticsWhere(uri, (d) => d.some((x) => x.range.start.line === line), `a stability finding on line ${line + 1}`);
      const finding = found.find((x) => x.range.start.line === line)!;
      try {
        let seen: string[] = [];
        const actions = await waitFor(async () => {
          // The actions that come back from this command carry no `diagnostics` (VS Code drops
          // them in the conversion), so a TensorLint fix is recognised by kind, edit and title.
          const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, finding.range, vscode.CodeActionKind.QuickFix.value, 10);
          seen = (all ?? []).map((a) => `${a.title} [${a.kind?.value}]${a.edit ? ' +edit' : ''}`);
          const fixes = (all ?? []).filter((a) => a.edit && a.kind?.value === 'quickfix' && /logsumexp|max/i.test(a.title));
          return fixes.length > 0 ? fixes : undefined;
        }, 'a TensorLint quick fix with an edit').catch((error: Error) => {
          throw new Error(`${error.message}; actions offered: ${JSON.stringify(seen)}`);
        });
        const before = editor.document.getText();
        assert.ok(await vscode.workspace.applyEdit(actions[0].edit!), `applying "${actions[0].title}" failed`);
        const after = editor.document.getText();
        assert.notEqual(after, before);
        assert.match(after, /logsumexp|\.max\(/, `the fix "${actions[0].title}" did not produce a stable form:\n${after}`);
        await diagnosticsWhere(uri, (d) => !d.some((x) => x.code === finding.code && x.range.start.line === line), 'the finding to go away after the fix');
      } finally {
        await revert(editor);
      }
      await diagnosticsWhere(uri, (d) => d.some((x) => x.range.start.line === line), 'the finding back in the reverted file');
    },
  },
];
