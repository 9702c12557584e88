// Runs a cell or a file through the server's workspace/executeCommand and shows the result in
// the results panel and as inline values. Every invocation path ends here: the command palette
// and keybinding (no arguments), the editor title button (the editor's Uri), and the server's
// "Run cell" code lens ([uri, cellIndex]), which reaches us through the language client's
// executeCommand middleware.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { cellAtLine, entryLinesToDocument, findCellSpans, type CellSpan } from '../cells';
import type { InlineValues } from '../inlineValues';
import { RUN_CELL_COMMAND, RUN_FILE_COMMAND, toRunResult } from '../protocol';
import type { ResultsPanel } from './resultsPanel';

export type SendCommand = (command: string, args: unknown[]) => Promise<unknown>;

interface Target {
  command: string;
  uri: vscode.Uri;
  args: unknown[];
  cell: CellSpan | undefined;
  document: vscode.TextDocument | undefined;
}

function parseUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && value.length > 0) {
    try {
      return vscode.Uri.parse(value, true);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function documentLines(document: vscode.TextDocument): string[] {
  return document.getText().split(/\r\n|\r|\n/);
}

export class RunController {
  constructor(
    private readonly panel: ResultsPanel,
    private readonly inline: InlineValues,
    private readonly log: vscode.OutputChannel,
  ) {}

  handles(command: string): boolean {
    return command === RUN_CELL_COMMAND || command === RUN_FILE_COMMAND;
  }

  /** Resolves missing arguments, asks the server, shows the result and returns it unchanged. */
  async run(command: string, args: unknown[], send: SendCommand): Promise<unknown> {
    const target = await this.resolve(command, args);
    if (!target) {
      void vscode.window.showInformationMessage('TensorLint: open a Python file to run it.');
      return undefined;
    }
    const label = this.label(target);
    const started = Date.now();
    let raw: unknown;
    try {
      raw = await send(target.command, target.args);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.log.appendLine(`[run] ${label} failed: ${text}`);
      this.panel.show({ title: label, entries: [], notice: `The TensorLint server could not run this: ${text}` }, target.uri);
      void vscode.window.showErrorMessage(`TensorLint: ${label} failed: ${text}`);
      return undefined;
    }
    const result = toRunResult(raw);
    this.log.appendLine(`[run] ${label}: ${result.entries.length} entries in ${Date.now() - started} ms`);
    const lines = entryLinesToDocument(result.entries.map((e) => e.line), target.cell);
    this.panel.show({ title: label, entries: result.entries, documentLines: lines }, target.uri);
    const span = target.cell ?? { startLine: 0, endLine: Number.MAX_SAFE_INTEGER };
    this.inline.show(target.uri, { startLine: span.startLine, endLine: span.endLine }, result.entries, lines);
    return raw;
  }

  private label(target: Target): string {
    const file = path.posix.basename(target.uri.path) || target.uri.toString();
    return target.command === RUN_CELL_COMMAND && target.cell ? `Cell ${target.cell.index} · ${file}` : file;
  }

  private async resolve(command: string, args: unknown[]): Promise<Target | undefined> {
    const editor = vscode.window.activeTextEditor;
    const uri = parseUri(args[0]) ?? editor?.document.uri;
    if (!uri) return undefined;
    const document =
      vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ??
      (await Promise.resolve(vscode.workspace.openTextDocument(uri)).catch(() => undefined));
    if (command === RUN_FILE_COMMAND) {
      return { command, uri, args: [uri.toString()], cell: undefined, document };
    }
    const lines = document ? documentLines(document) : [];
    const given = typeof args[1] === 'number' && Number.isInteger(args[1]) ? (args[1] as number) : undefined;
    let cell: CellSpan | undefined;
    if (given !== undefined) {
      cell = findCellSpans(lines).find((c) => c.index === given);
    } else {
      const editorForUri = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()) ?? editor;
      const line = editorForUri?.document.uri.toString() === uri.toString() ? editorForUri.selection.active.line : 0;
      cell = cellAtLine(lines, line);
      // A file without `# %%` markers (or a notebook cell, which is its own document) runs whole.
      if (!cell) return { command: RUN_FILE_COMMAND, uri, args: [uri.toString()], cell: undefined, document };
    }
    return { command, uri, args: [uri.toString(), given ?? cell?.index ?? 1], cell, document };
  }
}
