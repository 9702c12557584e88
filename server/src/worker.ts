// Analysis worker thread (bundled to dist/worker.js). The request loop never waits on the
// engine: it posts a job here and keeps answering hover and code actions meanwhile.
import { parentPort } from 'node:worker_threads';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { initEngine } from '../../engine/src/index';
import { parseSessions, runJob, type Job } from './job';

export interface WorkerRequest {
  id: number;
  job: Job;
  /** One Int32 the main thread sets to 1 to cancel this job. */
  cancelFlag: SharedArrayBuffer;
}

/** The document was closed: its parse session (and syntax tree) can go. No response. */
export interface WorkerForget {
  forget: string;
}

export interface WorkerResponse {
  id: number;
  outcome: ReturnType<typeof runJob>;
}

type CollectGarbage = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async' }) => void;

/**
 * The engine's `gc` hook, or null. An analysis allocates tens of MB of short-lived objects
 * (syntax nodes, values) that are all live until it ends; when the young generation fills
 * mid-analysis, the scavenger copies that whole live set, a pause the user waits for. The
 * young generation is sized (runner.ts) to hold one analysis, and collected here once the
 * result is posted, while the user is still typing: the next analysis starts empty.
 */
function gcHook(): CollectGarbage | null {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as CollectGarbage) : null;
  } catch {
    return null;
  }
}

const collectGarbage = gcHook();
const ready = initEngine();

parentPort?.on('message', (message: WorkerRequest | WorkerForget) => {
  // Between jobs (a job runs synchronously, so no message is handled in its middle).
  if ('forget' in message) {
    parseSessions.forget(message.forget);
    return;
  }
  const request = message;
  const flag = new Int32Array(request.cancelFlag);
  ready
    .then(() => runJob(request.job, () => Atomics.load(flag, 0) === 1))
    .catch((error: unknown) => ({ status: 'failed' as const, error: String((error as Error)?.stack ?? error) }))
    .then((outcome) => {
      parentPort?.postMessage({ id: request.id, outcome } satisfies WorkerResponse);
      // After the post, so the result is not held up; a job that arrives meanwhile waits
      // for a young-generation collection of a few ms at most.
      if (collectGarbage) setImmediate(() => collectGarbage({ type: 'minor' }));
    });
});
