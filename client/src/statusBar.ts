// The status bar item: whether the server runs, and how many TensorLint findings are open.
import * as vscode from 'vscode';

export type ServerState = 'starting' | 'running' | 'restarting' | 'stopped' | 'failed';

export const DIAGNOSTIC_SOURCE = 'tensorlint';

export interface FindingCounts {
  errors: number;
  warnings: number;
  infos: number;
  files: number;
}

export function countFindings(all: ReadonlyArray<[vscode.Uri, readonly vscode.Diagnostic[]]>): FindingCounts {
  const counts: FindingCounts = { errors: 0, warnings: 0, infos: 0, files: 0 };
  for (const [, diagnostics] of all) {
    let mine = 0;
    for (const d of diagnostics) {
      if (d.source?.toLowerCase() !== DIAGNOSTIC_SOURCE) continue;
      mine++;
      if (d.severity === vscode.DiagnosticSeverity.Error) counts.errors++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) counts.warnings++;
      else counts.infos++;
    }
    if (mine > 0) counts.files++;
  }
  return counts;
}

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tensorlint.status', vscode.StatusBarAlignment.Right, 100);
  private readonly subscription: vscode.Disposable;
  private state: ServerState = 'starting';
  private detail = '';

  constructor() {
    this.item.name = 'TensorLint';
    this.subscription = vscode.languages.onDidChangeDiagnostics(() => this.render());
    this.render();
    this.item.show();
  }

  setState(state: ServerState, detail = ''): void {
    this.state = state;
    this.detail = detail;
    this.render();
  }

  get text(): string {
    return this.item.text;
  }

  private render(): void {
    const counts = countFindings(vscode.languages.getDiagnostics());
    const item = this.item;
    item.backgroundColor = undefined;
    switch (this.state) {
      case 'starting':
      case 'restarting':
        item.text = `$(loading~spin) TensorLint`;
        item.tooltip = this.state === 'starting' ? 'TensorLint: starting the language server…' : `TensorLint: restarting the language server (${this.detail})`;
        item.command = 'tensorlint.showOutput';
        return;
      case 'stopped':
      case 'failed':
        item.text = `$(circle-slash) TensorLint`;
        item.tooltip = `TensorLint: the language server is not running${this.detail ? ` — ${this.detail}` : ''}. Click to restart.`;
        item.backgroundColor = this.state === 'failed' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
        item.command = 'tensorlint.restartServer';
        return;
      case 'running': {
        const total = counts.errors + counts.warnings + counts.infos;
        item.text = total === 0 ? '$(check) TensorLint' : `$(error) ${counts.errors} $(warning) ${counts.warnings} TensorLint`;
        item.tooltip =
          total === 0
            ? 'TensorLint: no findings in open files'
            : `TensorLint: ${counts.errors} errors, ${counts.warnings} warnings, ${counts.infos} infos in ${counts.files} file(s). Click for the Problems view.`;
        item.command = 'workbench.actions.view.problems';
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
