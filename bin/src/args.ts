// Command-line parsing. Pure: argv in, a command description or a UsageError out, so every
// rejection is unit-testable and the caller decides how to print it.
import type { FixStyle } from '../../engine/src/api';

export type CheckFormat = 'text' | 'json' | 'sarif' | 'github';
export type RunFormat = 'text' | 'json';

export interface CheckCommand {
  kind: 'check';
  paths: string[];
  format: CheckFormat;
  fix: boolean;
  select?: string[];
  ignore?: string[];
  fixStyle?: FixStyle;
}

export interface RunCommand {
  kind: 'run';
  file: string;
  cell?: number;
  format: RunFormat;
}

export interface LspCommand {
  kind: 'lsp';
}

export type Command = CheckCommand | RunCommand | LspCommand | { kind: 'help'; topic?: string } | { kind: 'version' };

export class UsageError extends Error {
  constructor(message: string, readonly topic?: 'check' | 'run' | 'lsp') {
    super(message);
  }
}

export const USAGE = `TensorLint: tensor shape bugs and numerically unstable exp/log code in PyTorch / einops.

Usage:
  tensorlint check PATH... [--format text|json|sarif|github] [--fix]
                           [--select CODES] [--ignore CODES] [--fix-style builtin|explicit]
  tensorlint run FILE [--cell N] [--format text|json]
  tensorlint lsp --stdio
  tensorlint --help | --version

check   Analyze .py files and .ipynb notebooks (folders are searched recursively).
        Exit 0: nothing found; 1: findings; 2: usage error or unreadable path.
        --fix applies every safe fix in place and prints what remains.
        CODES is a comma-separated list of rule codes or prefixes (unstable-, shape-*, ALL).
run     Execute a file, or its N-th "# %%" cell (1-based), in the bundled tensor engine
        (user code is interpreted, never executed by Python). Exit 0: every statement ran;
        1: stopped at an error; 2: usage error.
lsp     Start the language server over stdio.

Configuration: [tool.tensorlint] in the nearest pyproject.toml; flags override it.
Docs: https://github.com/tensorlint/tensorlint#readme
`;

const CHECK_FORMATS: readonly string[] = ['text', 'json', 'sarif', 'github'];
const RUN_FORMATS: readonly string[] = ['text', 'json'];

interface Cursor {
  args: string[];
  index: number;
}

/** Reads the value of `--name value` or `--name=value`. */
function takeValue(cursor: Cursor, name: string, inline: string | undefined, topic: 'check' | 'run'): string {
  if (inline !== undefined) return inline;
  const value = cursor.args[cursor.index + 1];
  if (value === undefined || (value.startsWith('--') && value.length > 2)) throw new UsageError(`${name} needs a value`, topic);
  cursor.index++;
  return value;
}

function codes(value: string, name: string): string[] {
  const list = value.split(',').map((c) => c.trim()).filter((c) => c.length > 0);
  if (list.length === 0) throw new UsageError(`${name} needs at least one rule code`, 'check');
  return list;
}

function splitFlag(arg: string): { name: string; inline?: string } {
  const eq = arg.indexOf('=');
  return eq > 0 && arg.startsWith('--') ? { name: arg.slice(0, eq), inline: arg.slice(eq + 1) } : { name: arg };
}

function parseCheck(args: string[]): CheckCommand {
  const command: CheckCommand = { kind: 'check', paths: [], format: 'text', fix: false };
  const cursor: Cursor = { args, index: 0 };
  let onlyPaths = false;
  for (; cursor.index < args.length; cursor.index++) {
    const arg = args[cursor.index];
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      command.paths.push(arg);
      continue;
    }
    const { name, inline } = splitFlag(arg);
    switch (name) {
      case '--':
        onlyPaths = true;
        break;
      case '--format': {
        const value = takeValue(cursor, name, inline, 'check');
        if (!CHECK_FORMATS.includes(value)) throw new UsageError(`unknown format "${value}" (expected ${CHECK_FORMATS.join(', ')})`, 'check');
        command.format = value as CheckFormat;
        break;
      }
      case '--fix':
        if (inline !== undefined) throw new UsageError('--fix takes no value', 'check');
        command.fix = true;
        break;
      case '--select':
        command.select = [...(command.select ?? []), ...codes(takeValue(cursor, name, inline, 'check'), name)];
        break;
      case '--ignore':
        command.ignore = [...(command.ignore ?? []), ...codes(takeValue(cursor, name, inline, 'check'), name)];
        break;
      case '--fix-style': {
        const value = takeValue(cursor, name, inline, 'check');
        if (value !== 'builtin' && value !== 'explicit') throw new UsageError(`unknown fix style "${value}" (expected builtin or explicit)`, 'check');
        command.fixStyle = value;
        break;
      }
      default:
        throw new UsageError(`unknown option ${name} for check`, 'check');
    }
  }
  if (command.paths.length === 0) throw new UsageError('check needs at least one PATH', 'check');
  return command;
}

function parseRun(args: string[]): RunCommand {
  const cursor: Cursor = { args, index: 0 };
  const files: string[] = [];
  let cell: number | undefined;
  let format: RunFormat = 'text';
  let onlyPaths = false;
  for (; cursor.index < args.length; cursor.index++) {
    const arg = args[cursor.index];
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      files.push(arg);
      continue;
    }
    const { name, inline } = splitFlag(arg);
    switch (name) {
      case '--':
        onlyPaths = true;
        break;
      case '--cell': {
        const value = takeValue(cursor, name, inline, 'run');
        if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--cell needs a cell number (1-based), got "${value}"`, 'run');
        cell = Number(value);
        break;
      }
      case '--format': {
        const value = takeValue(cursor, name, inline, 'run');
        if (!RUN_FORMATS.includes(value)) throw new UsageError(`unknown format "${value}" for run (expected text or json)`, 'run');
        format = value as RunFormat;
        break;
      }
      default:
        throw new UsageError(`unknown option ${name} for run`, 'run');
    }
  }
  if (files.length !== 1) throw new UsageError(files.length === 0 ? 'run needs a FILE' : 'run takes exactly one FILE', 'run');
  const command: RunCommand = { kind: 'run', file: files[0], format };
  if (cell !== undefined) command.cell = cell;
  return command;
}

function parseLsp(args: string[]): LspCommand {
  for (const arg of args) {
    // vscode-languageclient style transports other than stdio are not offered by the CLI.
    if (arg !== '--stdio') throw new UsageError(`unknown option ${arg} for lsp (only --stdio is supported)`, 'lsp');
  }
  return { kind: 'lsp' };
}

export function parseArgs(argv: readonly string[]): Command {
  const args = [...argv];
  const [first, ...rest] = args;
  if (first === undefined) throw new UsageError('missing command');
  if (first === '--help' || first === '-h' || first === 'help') return { kind: 'help', topic: rest[0] };
  if (first === '--version' || first === '-V' || first === 'version') return { kind: 'version' };
  if (rest.includes('--help') || rest.includes('-h')) return { kind: 'help', topic: first };
  switch (first) {
    case 'check':
      return parseCheck(rest);
    case 'run':
      return parseRun(rest);
    case 'lsp':
      return parseLsp(rest);
    default:
      throw new UsageError(first.startsWith('-') ? `unknown option ${first}` : `unknown command "${first}"`);
  }
}
