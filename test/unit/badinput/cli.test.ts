// Bad input through the real CLI: every case ends with a clear one-line message (or a normal
// report) and exit 0/1/2, never a stack trace or a hang.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, ensureBuilt, noStackTrace, workspace } from '../../cli/helpers';

ensureBuilt();

const MATMUL_BUG = 'import torch\nx = torch.zeros(2, 3)\ny = x @ x\n';

function assertClean(result: { status: number | null; stderr: string }, allowed: number[]): void {
  assert.ok(allowed.includes(result.status ?? -1), `exit ${result.status}; stderr: ${result.stderr}`);
  assert.ok(noStackTrace(result.stderr), result.stderr);
}

test('non-UTF-8 bytes: a warning naming the file, the rest still analysed', () => {
  const dir = workspace({ 'latin.py': Buffer.concat([Buffer.from('s = "'), Buffer.from([0xff, 0xfe, 0x80]), Buffer.from(`"\n${MATMUL_BUG}`)]) });
  const result = cli(['check', 'latin.py'], { cwd: dir });
  assertClean(result, [1]);
  assert.match(result.stderr, /latin\.py: not valid UTF-8/);
  assert.match(result.stdout, /matmul-mismatch/);
});

test('a BOM and CRLF line ends: findings land on the right line', () => {
  const dir = workspace({ 'bom.py': `\ufeff${MATMUL_BUG.replace(/\n/g, '\r\n')}` });
  const result = cli(['check', '--format', 'json', 'bom.py'], { cwd: dir });
  assertClean(result, [1]);
  const findings = JSON.parse(result.stdout) as Array<{ code: string; line: number; column: number }>;
  assert.deepEqual(findings.map((f) => [f.code, f.line, f.column]), [['matmul-mismatch', 3, 5]]);
});

test('tabs and mixed indentation never crash the checker', () => {
  const dir = workspace({
    'tabs.py': `import torch\ndef f():\n\tx = torch.zeros(2, 3)\n\treturn x @ x\n`,
    'mixed.py': `import torch\nif True:\n\tx = 1\n        y = 2\n  z = 3\n`,
  });
  const result = cli(['check', '--format', 'json', '.'], { cwd: dir });
  assertClean(result, [0, 1]);
  const findings = JSON.parse(result.stdout) as Array<{ code: string; file: string }>;
  // The tab-indented body is real code: its bug is still found.
  assert.ok(findings.some((f) => f.code === 'matmul-mismatch' && f.file.endsWith('tabs.py')), result.stdout);
});

test('a syntax error is reported and the rest of the file is still analysed', () => {
  const dir = workspace({ 'syn.py': `def broken(:\n    pass\n${MATMUL_BUG}` });
  const result = cli(['check', '--format', 'json', 'syn.py'], { cwd: dir });
  assertClean(result, [1]);
  const codes = (JSON.parse(result.stdout) as Array<{ code: string; line: number }>).map((f) => `${f.code}@${f.line}`);
  assert.deepEqual(codes, ['syntax-error@1', 'matmul-mismatch@5']);
});

test('malformed notebooks: a clear "not a valid notebook" message, exit 2', () => {
  const dir = workspace({
    'truncated.ipynb': '{"cells": [',
    'array.ipynb': '[1, 2]',
    'nosource.ipynb': '{"cells": [{"cell_type": "code", "source": 123}]}',
    'binary.ipynb': Buffer.from([0, 1, 2, 0xff, 0xfe]),
  });
  for (const name of ['truncated.ipynb', 'array.ipynb', 'nosource.ipynb', 'binary.ipynb']) {
    const result = cli(['check', name], { cwd: dir });
    assertClean(result, [2]);
    assert.match(result.stderr, new RegExp(`${name.replace('.', '\\.')}: (not a valid notebook|binary file)`), `${name}: ${result.stderr}`);
  }
});

test('a huge notebook (60 MB) is refused quickly with a message, not parsed into memory', () => {
  const dir = workspace({});
  const cell = { cell_type: 'code', metadata: {}, outputs: [{ output_type: 'stream', text: ['x'.repeat(20_000)] }], source: ['import torch\n'] };
  fs.writeFileSync(path.join(dir, 'huge.ipynb'), JSON.stringify({ cells: Array.from({ length: 3000 }, () => cell), metadata: {}, nbformat: 4, nbformat_minor: 5 }));
  const result = cli(['check', 'huge.ipynb'], { cwd: dir });
  assertClean(result, [0, 2]);
  assert.match(result.stderr, /huge\.ipynb: .*(larger|too large)/);
});

test('an empty file passes; a binary file is skipped with a warning', () => {
  const dir = workspace({ 'empty.py': '', 'blob.py': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131) % 256)) });
  const empty = cli(['check', 'empty.py'], { cwd: dir });
  assertClean(empty, [0]);
  const blob = cli(['check', 'blob.py'], { cwd: dir });
  assertClean(blob, [0]);
  assert.match(blob.stderr, /blob\.py: binary file/);
  const run = cli(['run', 'blob.py'], { cwd: dir });
  assertClean(run, [2]);
  assert.match(run.stderr, /blob\.py: binary file/);
});

test('a folder with a symlink loop is searched once and finishes', () => {
  const dir = workspace({ 'pkg/a.py': MATMUL_BUG });
  fs.symlinkSync('..', path.join(dir, 'pkg', 'up'));
  fs.symlinkSync('.', path.join(dir, 'pkg', 'self'));
  const result = cli(['check', '--format', 'json', 'pkg'], { cwd: dir });
  assertClean(result, [1]);
  const files = (JSON.parse(result.stdout) as Array<{ file: string }>).map((f) => path.basename(f.file));
  assert.deepEqual(files, ['a.py']);
});

test('paths that cannot be read as files: a directory named x.py, a FIFO, a missing file', () => {
  const dir = workspace({ 'ok.py': 'x = 1\n' });
  fs.mkdirSync(path.join(dir, 'dir.py'));
  execFileSync('mkfifo', [path.join(dir, 'fifo.py')]);
  const asDir = cli(['check', 'dir.py'], { cwd: dir });
  assertClean(asDir, [2]);
  assert.match(asDir.stderr, /dir\.py: /);
  // A FIFO would block a naive reader forever; it must be skipped.
  const fifo = cli(['check', 'fifo.py'], { cwd: dir });
  assertClean(fifo, [0, 2]);
  assert.match(fifo.stderr, /fifo\.py: not a regular file/);
  const missing = cli(['check', 'nope.py'], { cwd: dir });
  assertClean(missing, [2]);
  assert.match(missing.stderr, /nope\.py: no such file or directory/);
  for (const name of ['dir.py', 'fifo.py', 'nope.py']) {
    const run = cli(['run', name], { cwd: dir });
    assertClean(run, [2]);
    assert.match(run.stderr, new RegExp(name.replace('.', '\\.')));
  }
  // A folder walk meets the FIFO too and must not hang on it.
  const walk = cli(['check', '.'], { cwd: dir });
  assertClean(walk, [0]);
});
