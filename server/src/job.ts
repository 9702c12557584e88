// The work the analysis worker does, shared by the worker thread and the in-process fallback.
// Jobs are plain data (they cross a thread boundary), so module resolution travels as a map.
import { analyze, createParseSession, runProgram } from '../../engine/src/index';
import type { Analysis, AnalyzeOptions, ParseSession, RunEntry } from '../../engine/src/api';

export type PlainAnalyzeOptions = Omit<AnalyzeOptions, 'resolveModule' | 'isCancelled' | 'parseSession'>;

export interface AnalyzeJob {
  kind: 'analyze';
  text: string;
  options: PlainAnalyzeOptions;
  /**
   * The document (or notebook) the text is a version of: its last parse is re-used, so an
   * edit is re-parsed incrementally. Results do not depend on it.
   */
  documentKey?: string;
  /** Workspace modules this text imports, by the name used in the import statement. */
  modules: Record<string, string>;
  /** Large files get syntax errors only, so they never hold the worker for long. */
  syntaxOnly: boolean;
  /** Testing knob: simulated analysis time, spent in cancellable slices. */
  delayMs?: number;
  /** Testing knob: the simulated time ignores cancellation, like code stuck in a long loop. */
  delayIgnoresCancel?: boolean;
}

export interface RunJob {
  kind: 'run';
  text: string;
  cell?: number;
  fileName?: string;
  delayMs?: number;
}

export type Job = AnalyzeJob | RunJob;

export type JobOutcome =
  | { status: 'done'; analysis?: Analysis; entries?: RunEntry[]; elapsedMs: number }
  | { status: 'cancelled' }
  | { status: 'failed'; error: string }
  | { status: 'timeout' };

/**
 * Where a thread keeps each document's parse session. Only a cache: a document without one (new,
 * evicted, or after a worker restart) is parsed in full, to the same result. Bounded, because
 * each session holds a syntax tree outside the JS heap (a few MB for a 5,000-line file).
 */
export class ParseSessions {
  private readonly sessions = new Map<string, { session: ParseSession; chars: number }>();
  private totalChars = 0;

  constructor(
    private readonly maxSessions = 32,
    /** Trees grow with the text; past this many characters in all, the least recent go. */
    private readonly maxChars = 4_000_000,
  ) {}

  /** The session for `key`, made most recent; `chars` is the length of the text about to be parsed. */
  get(key: string, chars: number): ParseSession {
    let entry = this.sessions.get(key);
    if (entry) {
      this.sessions.delete(key);
      this.totalChars -= entry.chars;
      entry.chars = chars;
    } else {
      entry = { session: createParseSession(), chars };
    }
    this.sessions.set(key, entry);
    this.totalChars += chars;
    for (const [oldest, old] of this.sessions) {
      if (oldest === key || (this.sessions.size <= this.maxSessions && this.totalChars <= this.maxChars)) break;
      this.forget(oldest, old);
    }
    return entry.session;
  }

  forget(key: string, entry = this.sessions.get(key)): void {
    if (!entry || this.sessions.get(key) !== entry) return;
    this.sessions.delete(key);
    this.totalChars -= entry.chars;
    entry.session.dispose();
  }

  get size(): number {
    return this.sessions.size;
  }
}

/** This thread's sessions (the worker's, or the main thread's when jobs run in-process). */
export const parseSessions = new ParseSessions();

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Burns wall time the way a CPU-bound analysis would, but notices cancellation. */
function simulateWork(delayMs: number, isCancelled: () => boolean): boolean {
  const until = Date.now() + delayMs;
  while (Date.now() < until) {
    if (isCancelled()) return false;
    Atomics.wait(sleeper, 0, 0, Math.min(5, until - Date.now()));
  }
  return !isCancelled();
}

/**
 * The light analysis for large files and for files whose full analysis overran its budget:
 * a parse and its syntax errors, which stay fast at any size the editor can hold.
 */
export function syntaxOnlyAnalysis(text: string, options: AnalyzeOptions): Analysis {
  return analyze(text, { ...options, syntaxOnly: true });
}

export function runJob(job: Job, isCancelled: () => boolean, sessions: ParseSessions = parseSessions): JobOutcome {
  const started = Date.now();
  try {
    // The simulated cost models full analysis; the syntax-only fallback stays cheap, as it is.
    const delayMs = job.kind === 'analyze' && job.syntaxOnly ? 0 : job.delayMs ?? 0;
    const stuck = job.kind === 'analyze' && job.delayIgnoresCancel;
    if (delayMs > 0 && !simulateWork(delayMs, stuck ? () => false : isCancelled)) return { status: 'cancelled' };
    if (isCancelled()) return { status: 'cancelled' };
    if (job.kind === 'run') {
      const entries = runProgram(job.text, { cell: job.cell, fileName: job.fileName });
      return { status: 'done', entries, elapsedMs: Date.now() - started };
    }
    const options: AnalyzeOptions = {
      ...job.options,
      resolveModule: (name) => (Object.prototype.hasOwnProperty.call(job.modules, name) ? job.modules[name] : undefined),
      isCancelled,
      parseSession: job.documentKey !== undefined ? sessions.get(job.documentKey, job.text.length) : undefined,
    };
    const analysis = job.syntaxOnly ? syntaxOnlyAnalysis(job.text, options) : analyze(job.text, options);
    if (isCancelled()) return { status: 'cancelled' };
    return { status: 'done', analysis, elapsedMs: Date.now() - started };
  } catch (error) {
    return { status: 'failed', error: (error as Error)?.stack ?? String(error) };
  }
}
