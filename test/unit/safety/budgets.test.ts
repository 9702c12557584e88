// Bounded work: endless loops, runaway recursion, 40 GB tensors and giant strings all end with a
// note or an error entry instead of hanging or allocating. The test timeouts only catch hangs.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, initEngine, runProgram, type RunEntry } from '../../../engine/src/index';
import { cli, ensureBuilt, noStackTrace, workspace } from '../../cli/helpers';

before(async () => {
  await initEngine();
});

function firstError(entries: RunEntry[]): RunEntry['error'] {
  return entries.find((e) => e.error)?.error ?? null;
}

const LOOPS = [
  { name: 'range(10**9)', code: 'total = 0\nfor i in range(10**9):\n    total += i\n' },
  { name: 'while True', code: 'n = 0\nwhile True:\n    n += 1\n' },
  { name: 'matmul loop', code: 'import torch\nt = torch.ones(2, 2)\nfor i in range(10**6):\n    t = t @ t\n' },
];

test('endless and huge loops: analyze() notes the step budget, runProgram() stops with it', { timeout: 60_000 }, () => {
  for (const { name, code } of LOOPS) {
    const analysis = analyze(code);
    assert.ok(analysis.notes.some((n) => n.includes('step budget')), `${name}: ${analysis.notes.join('; ')}`);
    const error = firstError(runProgram(code));
    assert.ok(error, `${name}: no error entry`);
    assert.match(error.message, /step budget/, name);
  }
});

test('unbounded recursion ends with RecursionError in run and a note in analysis', { timeout: 30_000 }, () => {
  const code = 'def f(n):\n    return f(n + 1)\nf(0)\n';
  assert.ok(analyze(code).notes.some((n) => n.includes('budget') || n.includes('recurs')));
  assert.equal(firstError(runProgram(code))?.type, 'RecursionError');
});

test('a 10^10-element tensor is refused, not allocated; analysis keeps its shape symbolic', { timeout: 30_000 }, () => {
  const code = 'import torch\nt = torch.zeros(100000, 100000)\nu = t.sum(dim=0)\n';
  const before = process.memoryUsage().rss;
  const error = firstError(runProgram(code));
  assert.equal(error?.type, 'RuntimeError');
  assert.match(error!.message, /too large/);
  const analysis = analyze(code);
  const hover = analysis.hovers.find((h) => h.text === 'u');
  assert.equal(hover?.shape, '(100000,)');
  // 10^10 float32 would be 40 GB; allow generous slack for the engine's own growth.
  assert.ok(process.memoryUsage().rss - before < 1024 ** 3, 'memory grew by more than 1 GiB');
});

test('giant strings and lists from multiplication are not built', { timeout: 30_000 }, () => {
  for (const code of ["s = 'a' * 10**10\n", 'x = [0] * 10**10\n', "x = 'ab' * 10**8\n", 'x = list(range(10**9))\n']) {
    const error = firstError(runProgram(code));
    assert.ok(error, `${code}: ran to completion`);
    assert.doesNotThrow(() => analyze(code));
  }
});

test('`tensorlint run` on an endless loop exits 1 with the budget message', { timeout: 60_000 }, () => {
  ensureBuilt();
  const dir = workspace({ 'spin.py': 'while True:\n    pass\n' });
  const result = cli(['run', 'spin.py'], { cwd: dir });
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stdout, /step budget/);
  assert.ok(noStackTrace(result.stderr), result.stderr);
});
