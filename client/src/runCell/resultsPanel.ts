// The side webview that shows run results. One panel is reused for every run so results do
// not pile up in tabs; clicking a row reveals its line in the document that was run.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { resultsHtml, type ResultsPage } from './resultsHtml';

export const RESULTS_VIEW_TYPE = 'tensorlint.results';

interface JumpMessage {
  type: 'jump';
  line: number;
}

function isJumpMessage(m: unknown): m is JumpMessage {
  const msg = m as Partial<JumpMessage> | null;
  return !!msg && msg.type === 'jump' && Number.isInteger(msg.line) && (msg.line as number) >= 0;
}

export class ResultsPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private source: vscode.Uri | undefined;
  private lastPage: ResultsPage | undefined;

  show(page: ResultsPage, source: vscode.Uri): void {
    this.source = source;
    this.lastPage = page;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        RESULTS_VIEW_TYPE,
        'TensorLint Results',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, localResourceRoots: [], retainContextWhenHidden: false },
      );
      this.panel.onDidDispose(() => (this.panel = undefined));
      this.panel.webview.onDidReceiveMessage((m) => void this.onMessage(m));
    } else {
      this.panel.reveal(undefined, true);
    }
    this.panel.title = `TensorLint: ${page.title}`;
    const nonce = randomBytes(16).toString('base64');
    this.panel.webview.html = resultsHtml(page, { nonce, cspSource: this.panel.webview.cspSource });
  }

  /** What the panel currently shows; integration tests read it. */
  get current(): { page: ResultsPage; source: string; visible: boolean } | undefined {
    if (!this.panel || !this.lastPage || !this.source) return undefined;
    return { page: this.lastPage, source: this.source.toString(), visible: this.panel.visible };
  }

  private async onMessage(message: unknown): Promise<void> {
    if (!isJumpMessage(message) || !this.source) return;
    const document = await vscode.workspace.openTextDocument(this.source);
    const line = Math.min(message.line, Math.max(0, document.lineCount - 1));
    const position = new vscode.Position(line, 0);
    const column = vscode.window.visibleTextEditors.find((e) => e.document === document)?.viewColumn;
    await vscode.window.showTextDocument(document, {
      viewColumn: column ?? vscode.ViewColumn.One,
      selection: new vscode.Range(position, document.lineAt(line).range.end),
    });
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
