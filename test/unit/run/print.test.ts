// `print` and f-strings in `run`: the text matches what real Python + torch writes
// (test/golden/print.json, from scripts/golden/gen_print_goldens.py).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, initEngine, runProgram } from '../../../engine/src/index';

const GOLDEN = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'golden', 'print.json'), 'utf8')) as {
  cases: { code: string; stdout: string }[];
};

before(async () => {
  await initEngine();
});

test('the print goldens cover enough cases', () => {
  assert.ok(GOLDEN.cases.length >= 20);
});

for (const [i, c] of GOLDEN.cases.entries()) {
  test(`print golden #${i}: ${c.code.split('\n').slice(2).join(' / ').slice(0, 70)}`, () => {
    const entries = runProgram(c.code);
    const failed = entries.find((e) => e.error);
    assert.equal(failed, undefined, JSON.stringify(failed?.error));
    const stdout = entries.filter((e) => e.output).map((e) => e.value).join('');
    assert.equal(stdout, c.stdout);
  });
}

test('print entries sit at the print call, in order with the statement entries', () => {
  const entries = runProgram('x = 1\nprint("a", x)\ny = x + 1\nfor i in range(2):\n    print(i)\n');
  assert.deepEqual(entries.map((e) => [e.line, e.name, e.printed]), [
    [1, 'x', '1'],
    [2, 'print("a", x)', 'a 1'],
    [3, 'y', '2'],
    [5, 'print(i)', '0\n1'],
  ]);
});

test('output printed before an error is kept, and the error follows it', () => {
  const entries = runProgram('import torch\nprint("before")\nz = torch.zeros(2, 3) @ torch.zeros(2, 3)\n');
  assert.deepEqual(entries.map((e) => e.printed.split('\n')[0].slice(0, 40)), ['before', 'RuntimeError: mat1 and mat2 shapes canno']);
});

test('print marks an unknown value or unsupported spec as not known, never guesses, and the run goes on', () => {
  for (const [code, shown] of [
    ['x = 1.5\nprint(f"{x:q}")\n', '<f"{x:q}": not known to TensorLint>'],
    ['import torch\nx = torch.zeros(2)\nprint("x:", f"{x:.2f}")\n', 'x: <f"{x:.2f}": not known to TensorLint>'],
    ['class Net:\n    pass\nn = Net()\nprint(n)\n', '<n: not known to TensorLint>'],
  ]) {
    const entries = runProgram(`${code}print("after")\n`);
    assert.deepEqual(entries.filter((e) => e.output).map((e) => e.printed), [shown, 'after'], code);
    assert.equal(entries.find((e) => e.error), undefined);
  }
});

test('print of a call that reaches the outside world stops the run, as any such call does', () => {
  const error = runProgram('import os\nprint(os.getcwd())\n').find((e) => e.error)?.error;
  assert.equal(error?.type, 'UnsupportedError');
});

test('a built-in layer assigned in a cell shows torch\'s printout', () => {
  const entry = runProgram('import torch.nn as nn\nhead = nn.Sequential(nn.Linear(3, 4), nn.ReLU())\n').find((e) => e.name === 'head');
  assert.equal(entry?.printed, 'Sequential(\n  (0): Linear(in_features=3, out_features=4, bias=True)\n  (1): ReLU()\n)');
});

test('print to a file object writes nothing to the run output; earlier cells print nothing', () => {
  assert.deepEqual(runProgram('import sys\nprint("err", file=sys.stderr)\n').filter((e) => e.output), []);
  const cells = '# %%\nprint("one")\n# %%\nprint("two")\n';
  assert.deepEqual(runProgram(cells, { cell: 2 }).filter((e) => e.output).map((e) => e.printed), ['two']);
});

test('a print loop stops growing the output at 1 MB', { timeout: 60_000 }, () => {
  const entries = runProgram('for i in range(200000):\n    print("x" * 10)\n');
  const text = entries.filter((e) => e.output).map((e) => String(e.value)).join('');
  assert.ok(text.length < 1_100_000, `${text.length} chars`);
  assert.match(text, /output truncated at 1 MB/);
});

test('analysis does not format f-strings or print (sample values are not the program\'s)', () => {
  const analysis = analyze('import torch\nx = torch.randn(3)\nprint(f"{x.sum():.2f}")\n');
  assert.deepEqual(analysis.findings, []);
});

test('except clauses never hide an engine limit, and an unknown exception class is not guessed', () => {
  const limit = runProgram('try:\n    import os\n    os.getcwd()\nexcept Exception:\n    print("caught")\n');
  assert.equal(limit.find((e) => e.error)?.error?.type, 'UnsupportedError');
  assert.deepEqual(limit.filter((e) => e.output), []);
  const custom = runProgram('import torch\ntry:\n    y = torch.zeros(2) @ torch.zeros(3)\nexcept torch.cuda.OutOfMemoryError:\n    print("oom")\n');
  const error = custom.find((e) => e.error)?.error;
  assert.equal(error?.type, 'UnsupportedError');
  assert.match(error!.message, /cannot tell whether it catches RuntimeError/);
});
