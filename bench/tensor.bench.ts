// Tensor kernels against numpy in the same run: exp, sum over the last dim and softmax over a
// (1024, 1024) float32 tensor, and a 256x256 float32 matmul. Each side reports the best
// wall time of N runs and the mean CPU time per run (CPU time is the fairer figure on a
// shared machine: it excludes time spent waiting for a core). Target: ratio <= 3.
import { spawnSync } from 'node:child_process';
import * as T from '../engine/src/tensor';

const REPS = Number(process.env.TL_BENCH_REPS ?? 50);

interface Figure {
  bestMs: number;
  cpuMs: number;
}

const PYTHON = `
import json, sys, time
import numpy as np
reps = int(sys.argv[1])
rng = np.random.default_rng(0)
x = rng.standard_normal((1024, 1024), dtype=np.float32)
a = rng.standard_normal((256, 256), dtype=np.float32)
b = rng.standard_normal((256, 256), dtype=np.float32)
def softmax():
    m = x.max(-1, keepdims=True); e = np.exp(x - m); return e / e.sum(-1, keepdims=True)
ops = {'exp': lambda: np.exp(x), 'sum(-1)': lambda: x.sum(-1), 'softmax(-1)': softmax, 'matmul 256': lambda: a @ b}
out = {}
for name, f in ops.items():
    for _ in range(5): f()
    best = 1e9; c0 = time.process_time()
    for _ in range(reps):
        t0 = time.perf_counter(); f(); best = min(best, time.perf_counter() - t0)
    out[name] = {'bestMs': best * 1e3, 'cpuMs': (time.process_time() - c0) / reps * 1e3}
print(json.dumps(out))
`;

function measure(f: () => unknown): Figure {
  // Enough warm-up calls for V8 to reach its optimizing tier on the kernels.
  for (let i = 0; i < 20; i++) f();
  let best = Infinity;
  const c0 = process.cpuUsage();
  for (let i = 0; i < REPS; i++) {
    const t0 = performance.now();
    f();
    best = Math.min(best, performance.now() - t0);
  }
  const c = process.cpuUsage(c0);
  return { bestMs: best, cpuMs: (c.user + c.system) / 1000 / REPS };
}

function numpyFigures(): Record<string, Figure> | null {
  // Unset OpenBLAS core overrides for this one process so numpy runs its best kernels.
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const res = spawnSync('/usr/bin/python3', ['-c', PYTHON, String(REPS)], { encoding: 'utf8', env });
  if (res.status !== 0) {
    console.log(`numpy unavailable: ${res.stderr?.split('\n').filter(Boolean).pop() ?? res.error}`);
    return null;
  }
  return JSON.parse(res.stdout);
}

export default async function main(): Promise<void> {
  T.manualSeed(0);
  const x = T.randn([1024, 1024]);
  const a = T.randn([256, 256]);
  const b = T.randn([256, 256]);
  const ours: Record<string, Figure> = {
    exp: measure(() => T.exp(x)),
    'sum(-1)': measure(() => T.sum(x, -1)),
    'softmax(-1)': measure(() => T.softmax(x, -1)),
    'matmul 256': measure(() => T.matmul(a, b)),
  };
  const numpy = numpyFigures();
  console.log('op            engine best/cpu ms    numpy best/cpu ms    ratio (cpu)');
  for (const [name, f] of Object.entries(ours)) {
    const n = numpy?.[name];
    const ratio = n ? (f.cpuMs / n.cpuMs).toFixed(1) : '-';
    const np = n ? `${n.bestMs.toFixed(2)} / ${n.cpuMs.toFixed(2)}` : '-';
    console.log(`${name.padEnd(13)} ${`${f.bestMs.toFixed(2)} / ${f.cpuMs.toFixed(2)}`.padEnd(21)} ${np.padEnd(20)} ${ratio}`);
  }
}
