// The real-code corpus check: the whole CLI (`check --format json`) over the model code of
// torchvision, torchaudio and torch's nn/ and distributions/. Real library code is correct
// (it ships and is tested), so every error/warning finding here is a false-positive candidate.
//
// Report script: `node --import tsx test/fuzz/corpus.ts [--out FILE]` prints the findings grouped
// by code, each with file:line, message and the source line, so false positives can be triaged.
// bench/corpus.bench.ts reuses `runCorpus` for the timing figures.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
const DIST_PACKAGES = '/usr/lib/python3/dist-packages';

/** Folders checked, relative to dist-packages; missing ones are skipped (the corpus is optional). */
export const CORPUS_DIRS = ['torchvision', 'torchaudio', 'torch/nn', 'torch/distributions'];

export interface CorpusFinding {
  file: string;
  line: number;
  column: number;
  severity: string;
  code: string;
  message: string;
}

export interface CorpusResult {
  dirs: string[];
  files: number;
  lines: number;
  wallMs: number;
  exitCode: number | null;
  stderr: string;
  findings: CorpusFinding[];
}

export function corpusDirs(): string[] {
  return CORPUS_DIRS.map((d) => path.join(DIST_PACKAGES, d)).filter((d) => fs.existsSync(d));
}

function pythonFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) pythonFiles(full, out);
    else if (entry.isFile() && entry.name.endsWith('.py')) out.push(full);
  }
  return out;
}

function countLines(text: string): number {
  if (text.length === 0) return 0;
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n - 1 : n;
}

/** Runs the built CLI once over every corpus folder. Returns null when no folder exists. */
export function runCorpus(dirs = corpusDirs()): CorpusResult | null {
  if (dirs.length === 0) return null;
  const files = dirs.flatMap((d) => pythonFiles(d));
  const lines = files.reduce((sum, f) => sum + countLines(fs.readFileSync(f, 'utf8')), 0);
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'tensorlint.js'), 'check', '--format', 'json', ...dirs], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    timeout: 10 * 60_000,
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  let findings: CorpusFinding[] = [];
  try {
    findings = JSON.parse(result.stdout || '[]') as CorpusFinding[];
  } catch {
    findings = [];
  }
  return { dirs, files: files.length, lines, wallMs, exitCode: result.status, stderr: result.stderr, findings };
}

function sourceLine(file: string, line: number): string {
  try {
    return (fs.readFileSync(file, 'utf8').split(/\r?\n/)[line - 1] ?? '').trim();
  } catch {
    return '';
  }
}

/** The findings grouped by severity and code, each with its source line. */
export function formatFindings(result: CorpusResult): string {
  const groups = new Map<string, CorpusFinding[]>();
  for (const f of result.findings) {
    const key = `${f.severity} ${f.code}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const order = { error: 0, warning: 1, info: 2 } as Record<string, number>;
  const keys = [...groups.keys()].sort((a, b) => (order[a.split(' ')[0]] ?? 3) - (order[b.split(' ')[0]] ?? 3) || a.localeCompare(b));
  const out: string[] = [];
  for (const key of keys) {
    const list = groups.get(key) ?? [];
    out.push(`== ${key} (${list.length})`);
    for (const f of list) {
      out.push(`  ${path.relative(DIST_PACKAGES, f.file)}:${f.line}:${f.column}  ${f.message}`);
      out.push(`      | ${sourceLine(f.file, f.line)}`);
    }
  }
  return out.join('\n');
}

export function summary(result: CorpusResult): string {
  const count = (s: string) => result.findings.filter((f) => f.severity === s).length;
  const linesPerSecond = Math.round(result.lines / (result.wallMs / 1000));
  return [
    `corpus: ${result.dirs.map((d) => path.relative(DIST_PACKAGES, d)).join(', ')}`,
    `files ${result.files}, lines ${result.lines}, wall ${(result.wallMs / 1000).toFixed(2)} s, ${linesPerSecond} lines/s (target >= 20000)`,
    `findings: ${count('error')} error, ${count('warning')} warning, ${count('info')} info (target: 0 error/warning); exit code ${result.exitCode}`,
  ].join('\n');
}

function main(): void {
  const outIndex = process.argv.indexOf('--out');
  const result = runCorpus();
  if (!result) {
    console.log(`no corpus: none of ${CORPUS_DIRS.join(', ')} under ${DIST_PACKAGES}`);
    return;
  }
  const text = `${summary(result)}\n${result.stderr.trim() ? `stderr:\n${result.stderr.trim()}\n` : ''}\n${formatFindings(result)}\n`;
  process.stdout.write(text);
  if (outIndex > 0 && process.argv[outIndex + 1]) fs.writeFileSync(process.argv[outIndex + 1], text);
}

if (require.main === module) main();
