// Analysis worker thread (bundled to dist/worker.js). The request loop never waits on the
// engine: it posts a job here and keeps answering hover and code actions meanwhile.
import { parentPort } from 'node:worker_threads';
import { initEngine } from '../../engine/src/index';
import { runJob, type Job } from './job';

export interface WorkerRequest {
  id: number;
  job: Job;
  /** One Int32 the main thread sets to 1 to cancel this job. */
  cancelFlag: SharedArrayBuffer;
}

export interface WorkerResponse {
  id: number;
  outcome: ReturnType<typeof runJob>;
}

const ready = initEngine();

parentPort?.on('message', (request: WorkerRequest) => {
  const flag = new Int32Array(request.cancelFlag);
  ready
    .then(() => runJob(request.job, () => Atomics.load(flag, 0) === 1))
    .catch((error: unknown) => ({ status: 'failed' as const, error: String((error as Error)?.stack ?? error) }))
    .then((outcome) => parentPort?.postMessage({ id: request.id, outcome } satisfies WorkerResponse));
});
