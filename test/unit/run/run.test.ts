import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { initEngine, runProgram } from '../../../engine/src/index';

before(async () => {
  await initEngine();
});

test('a cell runs with the names of earlier cells, and reports only its own entries', () => {
  const text = 'import torch\n# %% setup\nx = torch.ones(2, 3)\n# %% compute\ny = x.sum(-1)\ny * 2\n';
  const entries = runProgram(text, { cell: 2 });
  assert.deepEqual(entries.map((e) => [e.line, e.name, e.shape, e.value]), [[5, 'y', [2], [3, 3]], [6, 'y * 2', [2], [6, 6]]]);
  assert.equal(entries[0].printed, 'tensor([3., 3.])');
});

test('a missing cell is a clear error entry', () => {
  const entries = runProgram('x = 1\n# %%\ny = 2\n', { cell: 5 });
  assert.equal(entries.length, 1);
  assert.equal(entries[0].error?.type, 'ValueError');
});

test('the first error stops the run with torch\'s exception type and message', () => {
  const entries = runProgram('import torch\nx = torch.ones(2, 3)\ny = x.view(4, -1)\nz = 1\n');
  assert.equal(entries.length, 2);
  assert.equal(entries[1].error?.type, 'RuntimeError');
  assert.match(entries[1].error!.message, /invalid for input of size 6/);
});

test('inf and nan are JSON-safe strings', () => {
  const entries = runProgram('import torch\nx = torch.tensor([100.0, -100.0, 0.0]).exp().log() * torch.tensor([1.0, 1.0, float("nan")])\n');
  const [inf, finite, nan] = entries[0].value as unknown[];
  assert.equal(inf, 'inf');
  assert.ok(Math.abs((finite as number) + 100) < 0.1); // exp(-100) is a float32 denormal
  assert.equal(nan, 'nan');
  assert.doesNotThrow(() => JSON.stringify(entries));
});

test('Python errors: NameError, ZeroDivision-free int math, AssertionError, raise', () => {
  assert.equal(runProgram('y = x + 1\n')[0].error?.type, 'NameError');
  assert.equal(runProgram('a = 7 // 2\n')[0].value, 3);
  assert.equal(runProgram('assert 1 == 2, "nope"\n')[0].error?.type, 'AssertionError');
  assert.equal(runProgram('raise ValueError("bad value")\n')[0].error?.message, 'bad value');
});

test('open, os.system, subprocess, __import__, eval and exec are unsupported errors that do nothing', () => {
  for (const stmt of ['f = open("/etc/passwd")', 'import os\nos.system("touch /tmp/tl-run-should-not-exist")', 'import subprocess\nsubprocess.run(["ls"])', 'm = __import__("os")', 'v = eval("1")', 'exec("x = 1")']) {
    const entries = runProgram(stmt + '\n');
    const last = entries[entries.length - 1];
    assert.equal(last?.error?.type, 'UnsupportedError', `${stmt}: ${JSON.stringify(entries)}`);
    assert.match(last.error!.message, /not supported/);
  }
  assert.equal(existsSync('/tmp/tl-run-should-not-exist'), false);
});

test('an endless loop ends with a step-budget error entry instead of hanging', () => {
  const entries = runProgram('i = 0\nwhile True:\n    i += 1\n');
  assert.equal(entries[entries.length - 1].error?.type, 'UnsupportedError');
  assert.match(entries[entries.length - 1].error!.message, /step budget/);
});

test('unbounded recursion is a RecursionError', () => {
  const entries = runProgram('def f(n):\n    return f(n + 1)\nx = f(0)\n');
  assert.equal(entries[0].error?.type, 'RecursionError');
});

test('an API outside the table is an unsupported error naming it', () => {
  const entries = runProgram('import torch\nx = torch.fft.fft(torch.ones(4))\n');
  assert.equal(entries[0].error?.type, 'UnsupportedError');
  assert.match(entries[0].error!.message, /torch\.fft\.fft/);
});

test('einops rearrange / reduce / repeat run on the engine, and a bad pattern is an EinopsError', () => {
  const entries = runProgram('import torch\nfrom einops import rearrange, reduce, repeat\nx = torch.arange(12.0).reshape(2, 6)\ny = rearrange(x, "b (h w) -> b h w", h=2)\nz = reduce(x, "b n -> b", "max")\nw = repeat(torch.ones(2), "a -> a k", k=3)\nbad = rearrange(x, "a b c -> a b c")\n');
  assert.deepEqual(entries.map((e) => e.shape), [[2, 6], [2, 2, 3], [2], [2, 3], null]);
  assert.deepEqual(entries[2].value, [5, 11]);
  assert.equal(entries[4].error?.type, 'EinopsError');
});

test('argmin/argmax of an empty bool tensor along a non-empty dim never reach the kernel (torch 1.13)', () => {
  // torch: torch.zeros(4, 0, dtype=torch.bool).argmin(0) -> tensor([], dtype=torch.int64);
  // a non-empty bool input is refused, and an empty reduced dim is an IndexError first.
  const entries = runProgram('import torch\nv = torch.zeros(4, 0, dtype=torch.bool)\na = v.argmin(0)\nb = torch.zeros(4, 3, dtype=torch.bool).argmax(0)\n');
  const a = entries.find((e) => e.name === 'a');
  assert.deepEqual(a?.shape, [0]);
  assert.equal(a?.dtype, 'int64');
  const b = entries.find((e) => e.line === 4);
  assert.match(String(b?.error?.message), /"argmax_cpu" not implemented for 'Bool'/);
  const c = runProgram('import torch\nv = torch.zeros(4, 0, dtype=torch.bool).argmax(1)\n').find((e) => e.line === 2);
  assert.equal(c?.error?.type, 'IndexError');
});
