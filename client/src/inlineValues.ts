// Quokka-style values at the end of each line that was run. Values describe the text as it was
// when the cell ran, so an edit inside the cell clears them; edits above it only move them.
import * as vscode from 'vscode';
import { shapeLabel } from './runCell/resultsHtml';
import type { RunEntry } from './protocol';

const MAX_INLINE_CHARS = 90;

interface LineValue {
  line: number;
  text: string;
  hover: string;
}

interface Shown {
  startLine: number;
  endLine: number;
  values: LineValue[];
}

/** One-line summary of an entry: `▸ x (2, 3) float32 tensor([[...` */
export function inlineText(entry: RunEntry): string {
  if (entry.error) return `✗ ${entry.error.type}: ${entry.error.message}`.replace(/\s+/g, ' ');
  const printed = entry.printed.replace(/\s+/g, ' ').trim();
  // The call is on the line already; what it printed is the news.
  if (entry.output) return `» ${printed}`;
  const parts = [entry.name, shapeLabel(entry.shape), printed].filter(Boolean);
  return parts.join(' ');
}

function truncate(text: string): string {
  return text.length > MAX_INLINE_CHARS ? text.slice(0, MAX_INLINE_CHARS - 1) + '…' : text;
}

export class InlineValues implements vscode.Disposable {
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    after: { margin: '0 0 0 2em', color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly errorDecoration = vscode.window.createTextEditorDecorationType({
    after: { margin: '0 0 0 2em', color: new vscode.ThemeColor('editorError.foreground'), fontStyle: 'italic' },
  });
  private readonly shown = new Map<string, Shown>();
  private readonly errors = new Map<string, Set<number>>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.applyAll()),
      vscode.workspace.onDidCloseTextDocument((d) => this.clear(d.uri)),
    );
  }

  /** Shows the entries of a run; `lines` are their 0-based document lines. */
  show(uri: vscode.Uri, range: { startLine: number; endLine: number }, entries: RunEntry[], lines: number[]): void {
    const byLine = new Map<number, { texts: string[]; hovers: string[]; error: boolean }>();
    entries.forEach((entry, i) => {
      const line = lines[i];
      if (line === undefined || line < 0) return;
      const slot = byLine.get(line) ?? { texts: [], hovers: [], error: false };
      slot.texts.push(inlineText(entry));
      slot.hovers.push(entry.error ? `${entry.error.type}: ${entry.error.message}` : entry.output ? entry.printed : `${entry.name} = ${entry.printed}`);
      slot.error ||= entry.error !== null;
      byLine.set(line, slot);
    });
    const values = [...byLine.entries()].map(([line, s]) => ({ line, text: truncate('▸ ' + s.texts.join('   ')), hover: s.hovers.join('\n\n') }));
    const key = uri.toString();
    this.shown.set(key, { ...range, values });
    this.errors.set(key, new Set([...byLine.entries()].filter(([, s]) => s.error).map(([l]) => l)));
    this.applyAll();
  }

  /** The decorations currently held for a document (for tests and the status bar). */
  valuesFor(uri: vscode.Uri): readonly LineValue[] {
    return this.shown.get(uri.toString())?.values ?? [];
  }

  clear(uri?: vscode.Uri): void {
    if (uri) {
      this.shown.delete(uri.toString());
      this.errors.delete(uri.toString());
    } else {
      this.shown.clear();
      this.errors.clear();
    }
    this.applyAll();
  }

  private onChange(event: vscode.TextDocumentChangeEvent): void {
    const key = event.document.uri.toString();
    const shown = this.shown.get(key);
    if (!shown || event.contentChanges.length === 0) return;
    let delta = 0;
    for (const change of event.contentChanges) {
      const { start, end } = change.range;
      if (start.line <= shown.endLine + delta && end.line >= shown.startLine + delta) {
        this.clear(event.document.uri);
        return;
      }
      if (end.line < shown.startLine + delta) {
        delta += (change.text.match(/\n/g)?.length ?? 0) - (end.line - start.line);
      }
    }
    if (delta !== 0) {
      shown.startLine += delta;
      shown.endLine += delta;
      shown.values = shown.values.map((v) => ({ ...v, line: v.line + delta }));
      const errs = this.errors.get(key);
      if (errs) this.errors.set(key, new Set([...errs].map((l) => l + delta)));
      this.applyAll();
    }
  }

  private applyAll(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const key = editor.document.uri.toString();
      const shown = this.shown.get(key);
      const errs = this.errors.get(key) ?? new Set<number>();
      const normal: vscode.DecorationOptions[] = [];
      const failed: vscode.DecorationOptions[] = [];
      for (const v of shown?.values ?? []) {
        if (v.line >= editor.document.lineCount) continue;
        const end = editor.document.lineAt(v.line).range.end;
        const hover = new vscode.MarkdownString();
        hover.appendCodeblock(v.hover, 'text');
        (errs.has(v.line) ? failed : normal).push({
          range: new vscode.Range(end, end),
          hoverMessage: hover,
          renderOptions: { after: { contentText: v.text } },
        });
      }
      editor.setDecorations(this.decoration, normal);
      editor.setDecorations(this.errorDecoration, failed);
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.decoration.dispose();
    this.errorDecoration.dispose();
  }
}
