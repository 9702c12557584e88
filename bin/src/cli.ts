// The `tensorlint` command: argument parsing and dispatch. Every failure ends as a message on
// stderr and an exit code; a stack trace is never shown.
import { parseArgs, USAGE, UsageError, type Command } from './args';
import { runCheck, type Io } from './check';
import { runRun } from './run';
import { CLI_VERSION } from './version';

function processIo(): Io {
  // `tensorlint check . | head` closes the pipe early: stop quietly instead of throwing EPIPE.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdoutIsTTY: process.stdout.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
  };
}

async function startLsp(): Promise<void> {
  // Loaded on demand so that `check` and `run` do not pay for the server's modules.
  const { startServer } = await import('../../server/src/main');
  startServer({ transport: 'stdio' });
}

async function dispatch(command: Command, io: Io): Promise<number | 'serving'> {
  switch (command.kind) {
    case 'help':
      io.stdout(USAGE);
      return 0;
    case 'version':
      io.stdout(`tensorlint ${CLI_VERSION}\n`);
      return 0;
    case 'check':
      return runCheck(command, io);
    case 'run':
      return runRun(command, io);
    case 'lsp':
      await startLsp();
      return 'serving';
  }
}

/** Exit code of a finished command; the process ends by itself so piped output is flushed. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  let code: number;
  try {
    const result = await dispatch(parseArgs(argv), io);
    if (result === 'serving') return 0;
    code = result;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`tensorlint: ${error.message}\n\n${USAGE}`);
      code = 2;
    } else {
      io.stderr(`tensorlint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      code = 2;
    }
  }
  process.exitCode = code;
  return code;
}
