// Shared helpers for the CLI tests: a real process for the contract, an in-process runner with a
// fake engine where findings with fixes are needed (today's engine reports only syntax errors).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AnalyzeOptions, Finding, Fix } from '../../engine/src/api';
import { analyze, initEngine } from '../../engine/src/index';
import { filterFindings } from '../../engine/src/select';
import { parseArgs, type CheckCommand } from '../../bin/src/args';
import { runCheck, type CheckEngine, type Io } from '../../bin/src/check';

export const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'tensorlint.js');

/** Builds dist/cli.js once if a test run starts without it (npm test builds first anyway). */
export function ensureBuilt(): void {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'cli.js'))) {
    spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), '--no-typecheck'], { cwd: ROOT, stdio: 'inherit' });
  }
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; uid?: number; gid?: number } = {}): CliResult {
  const env = { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...options.env };
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env,
    encoding: 'utf8',
    timeout: 60_000,
    uid: options.uid,
    gid: options.gid,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh folder holding the given files (paths relative to it). */
export function workspace(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tensorlint-cli-'));
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(dir, name);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return dir;
}

/** Asserts the stderr of a failure is a message, not a stack trace. */
export function noStackTrace(stderr: string): boolean {
  return !/^\s+at .+:\d+:\d+\)?$/m.test(stderr) && !stderr.includes('internal error');
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = (before.match(/\r\n|\r|\n/g) ?? []).length;
  const lastBreak = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  return { line, character: offset - lastBreak - 1 };
}

interface FakePattern {
  pattern: RegExp;
  code: string;
  fix?: (match: RegExpExecArray) => Omit<Fix, 'edits'> & { newText: string };
}

// Stand-ins for real rules: each regex match is a finding whose fix replaces the matched text.
const FAKE_PATTERNS: FakePattern[] = [
  {
    pattern: /torch\.log\(torch\.exp\((\w+)\)\.sum\(\)\)/g,
    code: 'unstable-logsumexp',
    fix: (m) => ({ title: 'Use torch.logsumexp', safety: 'safe', style: 'builtin', newText: `torch.logsumexp(${m[1]}, 0)` }),
  },
  { pattern: /BREAK_ME/g, code: 'fake-breaker', fix: () => ({ title: 'Break the syntax', safety: 'safe', newText: 'def (' }) },
  { pattern: /RISKY/g, code: 'fake-unsafe', fix: () => ({ title: 'Change meaning', safety: 'unsafe', newText: 'SAFE' }) },
  { pattern: /NO_FIX/g, code: 'fake-nofix' },
];

export function fakeFindings(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const { pattern, code, fix } of FAKE_PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const range = { start: positionAt(text, m.index ?? 0), end: positionAt(text, (m.index ?? 0) + m[0].length) };
      const fixes: Fix[] = [];
      if (fix) {
        const { newText, ...rest } = fix(m as RegExpExecArray);
        fixes.push({ ...rest, edits: [{ range, newText }] });
      }
      findings.push({ code, severity: 'warning', message: `fake ${code} finding`, range, fixes, related: [] });
    }
  }
  return findings;
}

/** The real engine's syntax errors plus the fake findings, through the real select/suppress. */
export const fakeEngine: CheckEngine = {
  initEngine,
  analyze(text: string, options: AnalyzeOptions) {
    const syntax = analyze(text, { select: ['syntax-error'] }).findings;
    return { findings: filterFindings([...syntax, ...fakeFindings(text)], text, options) };
  },
};

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `check` in this process with the fake engine; paths are taken relative to `cwd`. */
export async function checkInProcess(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<InProcessResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdoutIsTTY: false, env, cwd };
  const command = parseArgs(['check', ...args]) as CheckCommand;
  command.paths = command.paths.map((p) => path.resolve(cwd, p));
  const code = await runCheck(command, io, fakeEngine);
  return { code, stdout, stderr };
}
