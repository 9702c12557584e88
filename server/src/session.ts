// Open documents and notebooks, their analysis schedule and their last finished results.
// Every edit bumps the unit's revision; a result is published only if its revision is still
// current, so a slow analysis of an old text can never overwrite newer diagnostics.
import type { Connection, Diagnostic, NotebookDocuments, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../../engine/src/api';
import { uriToPath, type SettingsStore } from './config/store';
import type { Settings } from './config/settings';
import { findingsToDiagnostics } from './convert';
import { collectModules } from './imports';
import type { Job, JobOutcome } from './job';
import { countLines, notebookProgram, singleFileProgram, type Program } from './program';
import type { JobHandle, JobRunner } from './runner';

/** Above this many lines a file gets syntax errors only. */
export const LARGE_FILE_LINES = 20_000;
export const LARGE_FILE_CHARS = 1_000_000;
/** Above this size not even a parse is attempted (it alone takes seconds): generated data, not code. */
export const MAX_FILE_CHARS = 3_000_000;
/** How long a unit whose full analysis overran its budget stays on syntax-only analysis. */
const LIGHT_ANALYSIS_MS = 30_000;
const TOO_LARGE_NOTE = `file over ${MAX_FILE_CHARS / 1_000_000} M characters: not analysed`;

export interface SessionOptions {
  debounceMs: number;
  /** Testing knob: extra simulated time per analysis job. */
  analysisDelayMs: number;
  /** Testing knob: the simulated time does not notice cancellation. */
  analysisDelayIgnoresCancel?: boolean;
  inlayRefresh: boolean;
  /** Log per-analysis timings (TENSORLINT_TRACE_TIMING=1). */
  traceTiming?: boolean;
}

export interface UnitResult {
  revision: number;
  program: Program;
  analysis: Analysis;
  settings: Settings;
  diagnostics: Map<string, Diagnostic[]>;
  /** The program's lines, split on first use. */
  lines?: string[];
}

interface Unit {
  key: string;
  kind: 'file' | 'notebook';
  revision: number;
  timer?: NodeJS.Timeout;
  lastChangeAt: number;
  /** After a full analysis overran its budget, the unit gets syntax-only analysis until then. */
  lightUntil: number;
  inflight?: JobHandle;
  result?: UnitResult;
  publishedUris: Set<string>;
  /** Absolute paths of the workspace modules the last analysis read (imports, transitively). */
  importedFiles: Set<string>;
}

const NOTEBOOK_CODE_CELL = 2;

export class Session {
  private readonly units = new Map<string, Unit>();

  constructor(
    private readonly connection: Connection,
    readonly documents: TextDocuments<TextDocument>,
    readonly notebooks: NotebookDocuments<TextDocument>,
    readonly settings: SettingsStore,
    readonly runner: JobRunner,
    readonly options: SessionOptions,
  ) {}

  log(message: string): void {
    try {
      this.connection.console.error(message);
    } catch {
      // The connection may already be gone during shutdown; nothing left to tell.
    }
  }

  /** The unit (file or notebook) a document URI belongs to. */
  unitKeyFor(uri: string): string | undefined {
    const notebook = this.notebooks.findNotebookDocumentForCell(uri);
    if (notebook) return notebook.uri;
    if (this.units.get(uri)?.kind === 'file') return uri;
    return this.documents.get(uri) ? uri : undefined;
  }

  resultFor(uri: string): UnitResult | undefined {
    const key = this.unitKeyFor(uri);
    return key ? this.units.get(key)?.result : undefined;
  }

  /**
   * While a newer analysis is pending, the last result still describes lines the user has not
   * touched; a line that changed (or moved) since gets nothing rather than a stale answer.
   */
  lineUnchanged(uri: string, result: UnitResult, line: number): boolean {
    if (this.isCurrent(uri)) return true;
    const doc = this.documents.get(uri) ?? this.notebooks.cellTextDocuments.get(uri);
    const segment = result.program.segments.find((s) => s.uri === uri);
    if (!doc || !segment || line < 0 || line >= segment.lineCount) return false;
    result.lines ??= result.program.text.split(/\r\n|\r|\n/);
    const current = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
    return result.lines[segment.startLine + line] === current;
  }

  /** True when the unit's last result was computed from exactly the text the editor has now. */
  isCurrent(uri: string): boolean {
    const key = this.unitKeyFor(uri);
    const unit = key ? this.units.get(key) : undefined;
    return !!unit?.result && unit.result.revision === unit.revision;
  }

  openUnitCount(): number {
    return this.units.size;
  }

  buildProgram(key: string): Program | undefined {
    const unit = this.units.get(key);
    if (unit?.kind === 'notebook') {
      const notebook = this.notebooks.getNotebookDocument(key);
      if (!notebook) return undefined;
      const cells = [];
      for (const cell of notebook.cells) {
        if (cell.kind !== NOTEBOOK_CODE_CELL) continue;
        const doc = this.notebooks.getCellTextDocument(cell);
        if (doc && doc.languageId === 'python') cells.push({ uri: doc.uri, text: doc.getText(), version: doc.version });
      }
      return notebookProgram(cells);
    }
    const doc = this.documents.get(key);
    return doc ? singleFileProgram(doc.uri, doc.getText(), doc.version) : undefined;
  }

  /** Something about this unit changed: schedule a (debounced) analysis of the new revision. */
  touch(key: string, kind: 'file' | 'notebook'): void {
    let unit = this.units.get(key);
    if (!unit) {
      unit = { key, kind, revision: 0, lastChangeAt: -Infinity, lightUntil: 0, publishedUris: new Set(), importedFiles: new Set() };
      this.units.set(key, unit);
    }
    unit.revision++;
    unit.inflight?.cancel();
    if (unit.timer) clearTimeout(unit.timer);
    // Leading-edge debounce: an edit after a quiet spell is analysed at once (the user waits
    // for its diagnostics); edits in quick succession wait for a pause, so a burst of typing
    // costs one analysis of the final text.
    const now = Date.now();
    const delay = now - unit.lastChangeAt >= this.options.debounceMs ? 0 : this.options.debounceMs;
    unit.lastChangeAt = now;
    const target = unit;
    target.timer = setTimeout(() => {
      target.timer = undefined;
      this.analyze(target).catch((error: unknown) => this.log(`tensorlint: analysis failed: ${String((error as Error)?.stack ?? error)}`));
    }, delay);
  }

  /**
   * A workspace module changed (edited in an editor, or on disk): re-analyse every other open
   * unit whose last analysis imported it, so a shape fixed in layers.py clears the error it
   * caused in model.py without touching model.py.
   */
  touchImporters(uri: string): void {
    const changed = uriToPath(uri);
    if (!changed) return;
    for (const unit of this.units.values()) {
      if (unit.key !== uri && unit.importedFiles.has(changed)) this.touch(unit.key, unit.kind);
    }
  }

  /** Re-analyse everything open (configuration changed). */
  touchAll(): void {
    for (const unit of this.units.values()) this.touch(unit.key, unit.kind);
  }

  close(key: string): void {
    const unit = this.units.get(key);
    if (!unit) return;
    if (unit.timer) clearTimeout(unit.timer);
    unit.inflight?.cancel();
    this.units.delete(key);
    this.runner.forget(key);
    for (const uri of unit.publishedUris) this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private isLive(unit: Unit, revision: number): boolean {
    return this.units.get(unit.key) === unit && unit.revision === revision;
  }

  private async analyze(unit: Unit): Promise<void> {
    const revision = unit.revision;
    const changedAt = unit.lastChangeAt;
    const settings = await this.settings.settingsFor(unit.key);
    if (!this.isLive(unit, revision)) return;
    const program = this.buildProgram(unit.key);
    if (!program) return;
    const empty: Analysis = { findings: [], hovers: [], inlays: [], cells: [], notes: [], degraded: false };
    if (!settings.enable) {
      this.store(unit, { revision, program, analysis: empty, settings, diagnostics: findingsToDiagnostics([], program) });
      return;
    }
    if (program.text.length > MAX_FILE_CHARS) {
      if (unit.result?.analysis.notes[0] !== TOO_LARGE_NOTE) this.log(`tensorlint: ${unit.key}: ${TOO_LARGE_NOTE}`);
      const skipped: Analysis = { ...empty, notes: [TOO_LARGE_NOTE], degraded: true };
      this.store(unit, { revision, program, analysis: skipped, settings, diagnostics: findingsToDiagnostics([], program) });
      return;
    }
    const large = program.text.length > LARGE_FILE_CHARS || countLines(program.text) > LARGE_FILE_LINES;
    const syntaxOnly = large || Date.now() < unit.lightUntil;
    let outcome = await this.submit(unit, this.analyzeJob(unit, program, settings, syntaxOnly));
    if (outcome.status === 'timeout' && !syntaxOnly && this.isLive(unit, revision)) {
      // Retrying the full analysis on every keystroke would cost a whole budget each time.
      unit.lightUntil = Date.now() + LIGHT_ANALYSIS_MS;
      this.log(`tensorlint: ${unit.key}: analysis over budget; syntax errors only for the next ${LIGHT_ANALYSIS_MS / 1000} s`);
      outcome = await this.submit(unit, this.analyzeJob(unit, program, settings, true));
    }
    if (outcome.status === 'failed') this.log(`tensorlint: ${unit.key}: ${outcome.error}`);
    if (outcome.status !== 'done' || !outcome.analysis || !this.isLive(unit, revision)) return;
    const analysis = outcome.analysis;
    // Notes repeat on every keystroke; only new ones are worth a line in the log.
    const previousNotes = new Set(unit.result?.analysis.notes ?? []);
    for (const note of analysis.notes) if (!previousNotes.has(note)) this.log(`tensorlint: ${unit.key}: ${note}`);
    this.store(unit, { revision, program, analysis, settings, diagnostics: findingsToDiagnostics(analysis.findings, program) });
    if (this.options.traceTiming) {
      this.log(`tensorlint: timing ${unit.key} r${revision}: engine ${outcome.elapsedMs} ms, edit→publish ${Date.now() - changedAt} ms`);
    }
  }

  private analyzeJob(unit: Unit, program: Program, settings: Settings, syntaxOnly: boolean): Job {
    const filePath = uriToPath(unit.key);
    let modules: Record<string, string> = {};
    const importedFiles = new Set<string>();
    try {
      modules = collectModules(program.text, filePath, {
        roots: this.settings.workspaceFolders,
        openText: (p) => this.openTextForPath(p),
      }, importedFiles);
      unit.importedFiles = importedFiles;
    } catch (error) {
      this.log(`tensorlint: resolving imports failed: ${String(error)}`);
    }
    return {
      kind: 'analyze',
      text: program.text,
      documentKey: unit.key,
      options: {
        fileName: filePath ?? unit.key,
        select: settings.select,
        ignore: settings.ignore,
        severities: settings.severity,
        fixStyle: settings.fixStyle,
        sampleSizes: settings.sampleSizes,
      },
      modules,
      syntaxOnly,
      delayMs: this.options.analysisDelayMs,
      delayIgnoresCancel: this.options.analysisDelayIgnoresCancel,
    };
  }

  private openTextForPath(filePath: string): string | undefined {
    for (const doc of this.documents.all()) if (uriToPath(doc.uri) === filePath) return doc.getText();
    return undefined;
  }

  private async submit(unit: Unit, job: Job): Promise<JobOutcome> {
    const handle = this.runner.submit(job);
    unit.inflight = handle;
    const outcome = await handle.outcome;
    if (unit.inflight === handle) unit.inflight = undefined;
    return outcome;
  }

  private store(unit: Unit, result: UnitResult): void {
    unit.result = result;
    const versions = new Map(result.program.segments.map((s) => [s.uri, s.version]));
    for (const uri of unit.publishedUris) {
      if (!result.diagnostics.has(uri)) this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    unit.publishedUris = new Set(result.diagnostics.keys());
    for (const [uri, diagnostics] of result.diagnostics) {
      this.connection.sendDiagnostics({ uri, version: versions.get(uri), diagnostics });
    }
    if (this.options.inlayRefresh) {
      this.connection.languages.inlayHint.refresh().catch(() => undefined);
    }
  }
}
