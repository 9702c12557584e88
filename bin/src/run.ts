// `tensorlint run`: executes a file or one `# %%` cell in the bundled engine (never in Python)
// and prints each top-level statement's value.
import { findCells, initEngine, runProgram } from '../../engine/src/index';
import type { RunEntry, RunOptions } from '../../engine/src/api';
import type { RunCommand } from './args';
import type { Io } from './check';
import { displayPath } from './files';
import { notebookAsCellScript } from './notebook';
import { isProblem, readSource } from './source';

/** The JSON of `run`: the RunEntry fields of the CLI contract, in the contract's order. */
export function runEntryJson(entry: RunEntry): Record<string, unknown> {
  const json: Record<string, unknown> = { line: entry.line, name: entry.name, shape: entry.shape, dtype: entry.dtype, value: entry.value ?? null, error: entry.error };
  if (entry.output) json.output = true;
  return json;
}

export function formatRunText(entries: readonly RunEntry[]): string {
  const blocks = entries.map((entry) => {
    const head = `${entry.line}: ${entry.name}`;
    if (entry.error) return `${head}\n    ${entry.error.type}: ${entry.error.message}`;
    const facts = [entry.shape ? `shape (${entry.shape.join(', ')}${entry.shape.length === 1 ? ',' : ''})` : null, entry.dtype].filter(Boolean).join(' ');
    const printed = entry.printed ?? (typeof entry.value === 'string' ? entry.value : JSON.stringify(entry.value));
    const body = printed.split('\n').map((line) => `    ${line}`).join('\n');
    return `${head}${facts ? `  ${facts}` : ''}\n${body}`;
  });
  const failed = entries.find((e) => e.error);
  // A line with both a value and printed output is one statement.
  const ran = new Set(entries.map((e) => e.line)).size;
  const tail = failed ? `Stopped at line ${failed.line} (${failed.error?.type}).` : `Ran ${ran} statement${ran === 1 ? '' : 's'}.`;
  return `${[...blocks, tail].join('\n')}\n`;
}

/** Runs `run` and returns the exit code (0 ran through, 1 stopped at an error, 2 usage). */
export interface RunEngine {
  initEngine(): Promise<void>;
  runProgram(text: string, options: RunOptions): RunEntry[];
}

export const realRunEngine: RunEngine = { initEngine, runProgram };

export async function runRun(command: RunCommand, io: Io, engine: RunEngine = realRunEngine): Promise<number> {
  const shown = displayPath(command.file, io.cwd);
  const source = readSource(command.file);
  if (isProblem(source)) {
    io.stderr(`tensorlint: ${shown}: ${source.message}\n`);
    return 2;
  }
  let text = source.text;
  let cell = command.cell;
  if (source.kind === 'notebook') {
    // Notebook cells are numbered over all cells; the script holds only the code cells.
    const script = notebookAsCellScript(source.program);
    text = script.text;
    if (cell !== undefined) {
      const position = script.cellNumbers.indexOf(cell);
      if (position < 0) {
        const total = source.program.cells.length;
        io.stderr(`tensorlint: ${shown}: ${cell > total ? `no cell ${cell} (the notebook has ${total} cells)` : `cell ${cell} is not a code cell`}\n`);
        return 2;
      }
      cell = position + 1;
    }
  } else if (cell !== undefined) {
    const cells = findCells(text);
    if (cell > cells.length) {
      io.stderr(`tensorlint: ${shown}: no cell ${cell} (the file has ${cells.length} "# %%" cell${cells.length === 1 ? '' : 's'})\n`);
      return 2;
    }
  }
  await engine.initEngine();
  const options = cell !== undefined ? { cell, fileName: command.file } : { fileName: command.file };
  const entries = engine.runProgram(text, options);
  // One entry per line: values are nested lists, which indentation would spread over pages.
  if (command.format === 'json') io.stdout(entries.length === 0 ? '[]\n' : `[\n${entries.map((e) => JSON.stringify(runEntryJson(e))).join(',\n')}\n]\n`);
  else io.stdout(formatRunText(entries));
  return entries.some((e) => e.error) ? 1 : 0;
}
