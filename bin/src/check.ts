// `tensorlint check`: files -> findings -> one of the output formats, with --fix.
import { analyze as engineAnalyze, initEngine as engineInit } from '../../engine/src/index';
import type { AnalyzeOptions, Finding } from '../../engine/src/api';
import { mergeConfig, toAnalyzeOptions, type TensorlintConfig } from '../../engine/src/config/index';
import { applyAllFixes, type FixDocument, type FixEngine } from './applyFixes';
import type { CheckCommand } from './args';
import { ConfigFinder } from './configFiles';
import { collectFiles, displayPath } from './files';
import { formatGithub } from './format/github';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatText, styleFor, useColor } from './format/text';
import { rawLineOfCellLine, replaceCodeCells, stripMagics } from './notebook';
import { compareReported, isFixable, toReported, type CheckSummary, type FileReport, type ReportContext, type ReportedFinding } from './report';
import { isProblem, readSource, type NotebookSource, type PythonSource } from './source';
import { writeFileAtomic } from './writeAtomic';
import { CLI_VERSION } from './version';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** The part of the engine `check` uses; tests pass a fake one to exercise fixes end to end. */
export interface CheckEngine {
  initEngine(): Promise<void>;
  analyze(text: string, options: AnalyzeOptions): { findings: Finding[] };
}

export const realEngine: CheckEngine = { initEngine: engineInit, analyze: engineAnalyze };

interface FileOutcome {
  report: FileReport;
  fixed: number;
  fixable: number;
}

function fixEngine(engine: CheckEngine, options: AnalyzeOptions): FixEngine {
  return {
    findings: (text) => engine.analyze(text, options).findings,
    syntaxErrors: (text) => engine.analyze(text, { select: ['syntax-error'] }).findings.length,
  };
}

function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function reportPython(shown: string, text: string, findings: Finding[]): FileReport {
  const lines = linesOf(text);
  const context: ReportContext = { file: shown, lines };
  return {
    file: shown,
    findings: findings.map((f) => toReported(f, context)).sort(compareReported),
    sourceLine: (_cell, line) => lines[line - 1],
  };
}

function reportNotebook(shown: string, source: NotebookSource, findings: Finding[]): FileReport {
  const { program } = source;
  const lines = linesOf(program.text);
  const context: ReportContext = { file: shown, lines, lineMap: (line) => program.lines[line] };
  const cellLines = new Map(program.cells.map((c) => [c.index, linesOf(c.original)]));
  return {
    file: shown,
    findings: findings.map((f) => toReported(f, context)).sort(compareReported),
    sourceLine: (cell, line) => (cell === undefined ? undefined : cellLines.get(cell)?.[line - 1]),
  };
}

function checkPython(file: string, shown: string, source: PythonSource, options: AnalyzeOptions, command: CheckCommand, io: Io, engine: CheckEngine): FileOutcome {
  let text = source.text;
  let fixed = 0;
  if (command.fix) {
    if (source.lossy || source.encoding) {
      io.stderr(`tensorlint: warning: ${shown}: not rewritten by --fix (${source.lossy ? 'not valid UTF-8' : `encoded as ${source.encoding}`})\n`);
    } else {
      const outcome = applyAllFixes({ segments: [text] }, fixEngine(engine, options));
      reportRefused(shown, outcome.refused, io);
      if (outcome.applied > 0 && outcome.segments[0] !== text) {
        writeFileAtomic(file, (source.bom ? '\uFEFF' : '') + outcome.segments[0]);
        text = outcome.segments[0];
        fixed = outcome.applied;
      }
    }
  }
  const findings = engine.analyze(text, options).findings;
  return { report: reportPython(shown, text, findings), fixed, fixable: findings.filter(isFixable).length };
}

function checkNotebook(file: string, shown: string, source: NotebookSource, options: AnalyzeOptions, command: CheckCommand, io: Io, engine: CheckEngine): FileOutcome {
  let current = source;
  let fixed = 0;
  if (command.fix) {
    const codeCells = source.program.cells.filter((c) => c.kind === 'code');
    const document: FixDocument = { segments: codeCells.map((c) => c.original), analyzedForm: stripMagics };
    const outcome = applyAllFixes(document, fixEngine(engine, options));
    reportRefused(shown, outcome.refused, io);
    if (outcome.applied > 0 && outcome.segments.some((s, i) => s !== document.segments[i])) {
      const raw = replaceCodeCells(source.raw, outcome.segments);
      writeFileAtomic(file, raw);
      fixed = outcome.applied;
      const reread = readSource(file);
      if (reread.kind === 'notebook') current = reread;
    }
  }
  const findings = engine.analyze(current.program.text, options).findings;
  const report = reportNotebook(shown, current, findings);
  rawLines.set(report, (cell, line) => rawLineOfCellLine(current.raw, cell, line - 1));
  return { report, fixed, fixable: findings.filter(isFixable).length };
}

const rawLines = new WeakMap<FileReport, (cell: number, line: number) => number | undefined>();

function notebookRawLine(reports: FileReport[]): (finding: ReportedFinding, line: number) => number | undefined {
  return (finding, line) => {
    const report = reports.find((r) => r.file === finding.file);
    return report && finding.cell !== undefined ? rawLines.get(report)?.(finding.cell, line) : undefined;
  };
}

function reportRefused(shown: string, refused: ReturnType<typeof applyAllFixes>['refused'], io: Io): void {
  for (const r of refused) io.stderr(`tensorlint: ${shown}: fix "${r.title}" (${r.code}) not applied: ${r.reason}\n`);
}

function cliConfig(command: CheckCommand): TensorlintConfig {
  const config: TensorlintConfig = {};
  if (command.select) config.select = command.select;
  if (command.ignore) config.ignore = command.ignore;
  if (command.fixStyle) config.fixStyle = command.fixStyle;
  return config;
}

/** Runs `check` and returns the exit code (0 clean, 1 findings, 2 usage/unreadable). */
export async function runCheck(command: CheckCommand, io: Io, engine: CheckEngine = realEngine): Promise<number> {
  const collected = collectFiles(command.paths);
  let failed = collected.errors.length > 0;
  collected.errors.forEach((e) => io.stderr(`tensorlint: ${e}\n`));
  collected.warnings.forEach((w) => io.stderr(`tensorlint: warning: ${w}\n`));
  await engine.initEngine();
  const finder = new ConfigFinder((message) => io.stderr(`tensorlint: warning: ${message}\n`));
  const overrides = cliConfig(command);
  const outcomes: FileOutcome[] = [];
  for (const file of collected.files) {
    const shown = displayPath(file, io.cwd);
    const source = readSource(file);
    if (isProblem(source)) {
      if (source.kind === 'error') failed = true;
      io.stderr(`tensorlint: ${source.kind === 'skip' ? 'warning: ' : ''}${shown}: ${source.message}\n`);
      continue;
    }
    if (source.kind === 'python' && source.lossy) io.stderr(`tensorlint: warning: ${shown}: ${source.lossy}\n`);
    const options = toAnalyzeOptions(mergeConfig(finder.forFile(file).config, overrides), file);
    try {
      outcomes.push(
        source.kind === 'python'
          ? checkPython(file, shown, source, options, command, io, engine)
          : checkNotebook(file, shown, source, options, command, io, engine),
      );
    } catch (error) {
      // One file's failure (a write error during --fix, say) must not hide the other results.
      failed = true;
      io.stderr(`tensorlint: ${shown}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  const reports = outcomes.map((o) => o.report);
  const summary: CheckSummary = {
    files: reports.length,
    findings: reports.reduce((n, r) => n + r.findings.length, 0),
    fixable: outcomes.reduce((n, o) => n + o.fixable, 0),
  };
  if (command.fix) summary.fixed = outcomes.reduce((n, o) => n + o.fixed, 0);
  switch (command.format) {
    case 'json':
      io.stdout(formatJson(reports));
      break;
    case 'sarif':
      io.stdout(formatSarif(reports, { version: CLI_VERSION, rawLine: notebookRawLine(reports) }));
      break;
    case 'github':
      io.stdout(formatGithub(reports, notebookRawLine(reports)));
      break;
    default:
      // When nothing could be checked, a summary such as "All checks passed!" would mislead.
      if (!(failed && reports.length === 0)) io.stdout(formatText(reports, summary, styleFor(useColor({ isTTY: io.stdoutIsTTY }, io.env))));
  }
  if (failed) return 2;
  return summary.findings > 0 ? 1 : 0;
}
