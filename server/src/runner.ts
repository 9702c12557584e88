// Runs jobs one at a time in a worker thread, with a time budget: a worker that overruns it
// is terminated and a fresh one started, so a pathological file costs one analysis, not the
// server. Without a bundled worker (e.g. running from sources) jobs run in-process.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { initEngine } from '../../engine/src/index';
import { parseSessions, runJob, type Job, type JobOutcome } from './job';
import type { WorkerForget, WorkerRequest, WorkerResponse } from './worker';

export interface JobHandle {
  outcome: Promise<JobOutcome>;
  cancel(): void;
}

interface Pending {
  id: number;
  job: Job;
  flag: Int32Array;
  resolve: (outcome: JobOutcome) => void;
  settled: boolean;
}

const CANCEL_GRACE_MS = 1000;
/**
 * Room for one analysis of a few thousand lines (~25 MB of short-lived objects) without a
 * young-generation collection in the middle of it; worker.ts collects between analyses.
 */
const YOUNG_GENERATION_MB = 96;

export interface RunnerOptions {
  timeoutMs: number;
  log: (message: string) => void;
  workerPath?: string;
}

export function findWorkerScript(): string | undefined {
  const candidates = [path.join(__dirname, 'worker.js'), path.join(__dirname, '..', '..', 'dist', 'worker.js')];
  return candidates.find((candidate) => fs.existsSync(candidate));
}

export class JobRunner {
  private worker: Worker | undefined;
  private readonly queue: Pending[] = [];
  private current: Pending | undefined;
  private timer: NodeJS.Timeout | undefined;
  private nextId = 1;
  private disposed = false;
  private readonly workerPath: string | undefined;
  get usesWorker(): boolean {
    return this.workerPath !== undefined;
  }

  /** Number of workers replaced after a timeout or crash (visible to tests via a command). */
  restarts = 0;

  constructor(private readonly options: RunnerOptions) {
    this.workerPath = options.workerPath ?? findWorkerScript();
    if (!this.workerPath) options.log('tensorlint: dist/worker.js not found; analysing on the main thread');
  }

  submit(job: Job): JobHandle {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    let resolve!: (outcome: JobOutcome) => void;
    const outcome = new Promise<JobOutcome>((r) => (resolve = r));
    const pending: Pending = { id: this.nextId++, job, flag, resolve, settled: false };
    this.queue.push(pending);
    queueMicrotask(() => this.pump());
    return {
      outcome,
      cancel: () => {
        Atomics.store(flag, 0, 1);
        const index = this.queue.indexOf(pending);
        if (index >= 0) {
          this.queue.splice(index, 1);
          this.settle(pending, { status: 'cancelled' });
        } else if (this.current === pending) {
          this.expectStop(pending);
        }
      },
    };
  }

  /** A document closed: the thread that parses it can free its parse session. */
  forget(documentKey: string): void {
    if (this.disposed) return;
    if (!this.workerPath) parseSessions.forget(documentKey);
    // A worker not started yet, or replaced since, has no session for it anyway.
    else this.worker?.postMessage({ forget: documentKey } satisfies WorkerForget);
  }

  dispose(): void {
    this.disposed = true;
    for (const pending of this.queue.splice(0)) this.settle(pending, { status: 'cancelled' });
    if (this.current) this.settle(this.current, { status: 'cancelled' });
    this.clearTimer();
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private settle(pending: Pending, outcome: JobOutcome): void {
    if (pending.settled) return;
    pending.settled = true;
    pending.resolve(outcome);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private pump(): void {
    if (this.disposed || this.current) return;
    const next = this.queue.shift();
    if (!next) return;
    this.current = next;
    if (!this.workerPath) {
      void this.runInProcess(next);
      return;
    }
    const worker = this.ensureWorker();
    this.timer = setTimeout(() => this.onTimeout(next), this.options.timeoutMs);
    const request: WorkerRequest = { id: next.id, job: next.job, cancelFlag: next.flag.buffer as SharedArrayBuffer };
    worker.postMessage(request);
  }

  private async runInProcess(pending: Pending): Promise<void> {
    try {
      await initEngine();
      this.finish(pending, runJob(pending.job, () => Atomics.load(pending.flag, 0) === 1));
    } catch (error) {
      this.finish(pending, { status: 'failed', error: String(error) });
    }
  }

  private finish(pending: Pending, outcome: JobOutcome): void {
    if (this.current !== pending) return;
    this.clearTimer();
    this.current = undefined;
    this.settle(pending, outcome);
    this.pump();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerPath!, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    worker.on('message', (response: WorkerResponse) => {
      if (this.current && this.current.id === response.id) this.finish(this.current, response.outcome);
    });
    worker.on('error', (error) => {
      this.options.log(`tensorlint: analysis worker crashed: ${error.stack ?? error.message}`);
      this.replaceWorker(worker, { status: 'failed', error: error.message });
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) this.replaceWorker(worker, { status: 'failed', error: `worker exited with code ${code}` });
    });
    this.worker = worker;
    return worker;
  }

  private replaceWorker(worker: Worker, outcome: JobOutcome): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.restarts++;
    void worker.terminate();
    if (this.current) this.finish(this.current, outcome);
  }

  /**
   * The engine checks the cancel flag between statements; a job that still runs after a grace
   * period is stuck somewhere that does not check, and would hold up every newer job.
   */
  private expectStop(pending: Pending): void {
    const grace = Math.min(CANCEL_GRACE_MS, this.options.timeoutMs);
    setTimeout(() => {
      if (this.current !== pending || !this.worker) return;
      this.options.log(`tensorlint: a cancelled analysis did not stop within ${grace} ms; restarting the worker`);
      this.replaceWorker(this.worker, { status: 'cancelled' });
    }, grace).unref();
  }

  private onTimeout(pending: Pending): void {
    if (this.current !== pending || !this.worker) return;
    this.options.log(`tensorlint: analysis exceeded ${this.options.timeoutMs} ms; restarting the worker`);
    this.replaceWorker(this.worker, { status: 'timeout' });
  }
}
