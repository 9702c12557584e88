// workspace/executeCommand: `tensorlint.runCell` [uri, cellIndex] and `tensorlint.runFile` [uri]
// run code in the engine's interpreter (in the worker, under the time budget) and return
// structured per-statement results for the client to render.
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type ExecuteCommandParams } from 'vscode-languageserver/node';
import type { RunEntry } from '../../../engine/src/api';
import { uriToPath } from '../config/store';
import { fromProgramLine, segmentIndex } from '../program';
import type { Session } from '../session';
import { RUN_CELL_COMMAND, RUN_FILE_COMMAND } from './codeLens';

export const STATUS_COMMAND = 'tensorlint.serverStatus';

/** A run entry located in the editor's document: `uri` is the file or notebook cell, `line` 1-based in it. */
export type LocatedRunEntry = RunEntry & { uri: string };

export interface RunResult {
  entries: LocatedRunEntry[];
}

function badArguments(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

async function run(session: Session, uri: unknown, cell: number | undefined, token: CancellationToken): Promise<RunResult> {
  if (typeof uri !== 'string') throw badArguments('expected a document URI as the first argument');
  const key = session.unitKeyFor(uri);
  const program = key ? session.buildProgram(key) : undefined;
  if (!key || !program) throw badArguments(`document not open: ${uri}`);
  const isNotebook = key !== uri;
  // A notebook cell URI names its own cell; an explicit index still wins.
  const cellIndex = cell ?? (isNotebook ? segmentIndex(program, uri) : undefined);
  // A request cancelled before it was dispatched gets a token whose event never fires.
  if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'run cancelled');
  const handle = session.runner.submit({ kind: 'run', text: program.text, cell: cellIndex, fileName: uriToPath(key) ?? key, delayMs: session.options.analysisDelayMs });
  const subscription = token.onCancellationRequested(() => handle.cancel());
  try {
    const outcome = await handle.outcome;
    if (outcome.status === 'cancelled') throw new ResponseError(LSPErrorCodes.RequestCancelled, 'run cancelled');
    if (outcome.status === 'timeout') throw new ResponseError(ErrorCodes.InternalError, 'run stopped: time budget exceeded');
    if (outcome.status === 'failed') throw new ResponseError(ErrorCodes.InternalError, `run failed: ${outcome.error.split('\n')[0]}`);
    const entries: LocatedRunEntry[] = [];
    for (const entry of outcome.entries ?? []) {
      const located = fromProgramLine(program, entry.line - 1);
      entries.push({ ...entry, uri: located?.uri ?? uri, line: (located?.value ?? entry.line - 1) + 1 });
    }
    return { entries };
  } finally {
    subscription.dispose();
  }
}

export async function executeCommand(session: Session, params: ExecuteCommandParams, token: CancellationToken): Promise<unknown> {
  const args = params.arguments ?? [];
  switch (params.command) {
    case RUN_CELL_COMMAND: {
      const cell = args[1];
      if (cell !== undefined && cell !== null && !(Number.isInteger(cell) && (cell as number) >= 1)) {
        throw badArguments('the cell index must be a positive integer');
      }
      return run(session, args[0], (cell as number | null | undefined) ?? undefined, token);
    }
    case RUN_FILE_COMMAND:
      return run(session, args[0], undefined, token);
    case STATUS_COMMAND:
      return { workerRestarts: session.runner.restarts, usesWorker: session.runner.usesWorker, openUnits: session.openUnitCount() };
    default:
      throw new ResponseError(ErrorCodes.MethodNotFound, `unknown command: ${params.command}`);
  }
}
