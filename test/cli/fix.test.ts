// --fix end to end, in process with a fake engine (the real rules land separately): the file is
// rewritten atomically with its permissions, the result is re-analyzed, a fix that would break
// the syntax is refused, and a second run changes nothing.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initEngine } from '../../engine/src/index';
import { checkInProcess, workspace } from './helpers';

before(async () => {
  await initEngine();
});

const NAIVE = 'import torch\n\ndef lse(x):\n    return torch.log(torch.exp(x).sum())\n\nz = torch.log(torch.exp(y).sum()) + RISKY\n';

test('without --fix: findings, fixable count, and the fix shown in the text format', async () => {
  const dir = workspace({ 'a.py': NAIVE });
  const r = await checkInProcess(['a.py'], dir);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /a\.py:4:12: unstable-logsumexp fake unstable-logsumexp finding/);
  assert.match(r.stdout, /= fix: Use torch\.logsumexp/);
  assert.match(r.stdout, /= unsafe fix \(not applied by --fix\): Change meaning/);
  assert.match(r.stdout, /Found 3 problems \(2 fixable with --fix\)\./);
  assert.equal(fs.readFileSync(path.join(dir, 'a.py'), 'utf8'), NAIVE, 'check alone never writes');
});

test('json carries the fix with 1-based edits and its safety', async () => {
  const dir = workspace({ 'a.py': NAIVE });
  const findings = JSON.parse((await checkInProcess(['a.py', '--format', 'json'], dir)).stdout);
  const lse = findings.find((f: { code: string }) => f.code === 'unstable-logsumexp');
  assert.deepEqual(lse.fix, {
    title: 'Use torch.logsumexp',
    edits: [{ line: 4, column: 12, endLine: 4, endColumn: 41, newText: 'torch.logsumexp(x, 0)' }],
    safety: 'safe',
  });
});

test('--fix applies the safe fixes, keeps permissions, prints what remains, and is idempotent', async () => {
  const dir = workspace({ 'a.py': NAIVE });
  const file = path.join(dir, 'a.py');
  fs.chmodSync(file, 0o640);
  const r = await checkInProcess(['a.py', '--fix'], dir);
  assert.equal(r.code, 1, 'the unsafe finding remains');
  const fixed = fs.readFileSync(file, 'utf8');
  assert.equal(fixed, 'import torch\n\ndef lse(x):\n    return torch.logsumexp(x, 0)\n\nz = torch.logsumexp(y, 0) + RISKY\n');
  assert.equal(fs.statSync(file).mode & 0o777, 0o640);
  assert.match(r.stdout, /Fixed 2 problems\.\nFound 1 problem\.\n$/);
  assert.match(r.stdout, /fake-unsafe/);
  assert.deepEqual(fs.readdirSync(dir), ['a.py'], 'no temporary file is left behind');
  const mtime = fs.statSync(file).mtimeMs;
  const again = await checkInProcess(['a.py', '--fix'], dir);
  assert.equal(fs.readFileSync(file, 'utf8'), fixed);
  assert.equal(fs.statSync(file).mtimeMs, mtime, 'a second --fix does not rewrite the file');
  assert.doesNotMatch(again.stdout, /Fixed/);
});

test('--fix refuses a fix whose result does not parse and leaves the file untouched', async () => {
  const source = 'import torch\nx = BREAK_ME\n';
  const dir = workspace({ 'b.py': source });
  const r = await checkInProcess(['b.py', '--fix'], dir);
  assert.equal(fs.readFileSync(path.join(dir, 'b.py'), 'utf8'), source);
  assert.match(r.stderr, /fix "Break the syntax" \(fake-breaker\) not applied: the fixed code would not parse/);
  assert.equal(r.code, 1);
});

test('--fix applies the good fixes next to a refused one', async () => {
  const dir = workspace({ 'c.py': 'a = torch.log(torch.exp(v).sum())\nb = BREAK_ME\n' });
  await checkInProcess(['c.py', '--fix'], dir);
  assert.equal(fs.readFileSync(path.join(dir, 'c.py'), 'utf8'), 'a = torch.logsumexp(v, 0)\nb = BREAK_ME\n');
});

test('--fix keeps a BOM and CRLF line endings', async () => {
  const original = '\uFEFFimport torch\r\nz = torch.log(torch.exp(y).sum())\r\n';
  const dir = workspace({ 'd.py': original });
  await checkInProcess(['d.py', '--fix'], dir);
  assert.equal(fs.readFileSync(path.join(dir, 'd.py'), 'utf8'), '\uFEFFimport torch\r\nz = torch.logsumexp(y, 0)\r\n');
});

test('--fix never rewrites a file that was not valid UTF-8', async () => {
  const bytes = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\nz = torch.log(torch.exp(y).sum())\n')]);
  const dir = workspace({ 'e.py': bytes });
  const r = await checkInProcess(['e.py', '--fix'], dir);
  assert.deepEqual(fs.readFileSync(path.join(dir, 'e.py')), bytes);
  assert.match(r.stderr, /e\.py: not rewritten by --fix \(not valid UTF-8\)/);
});

test('--fix writes through a symbolic link to its target', async () => {
  const dir = workspace({ 'real.py': 'z = torch.log(torch.exp(y).sum())\n' });
  fs.symlinkSync(path.join(dir, 'real.py'), path.join(dir, 'link.py'));
  await checkInProcess(['link.py', '--fix'], dir);
  assert.ok(fs.lstatSync(path.join(dir, 'link.py')).isSymbolicLink());
  assert.equal(fs.readFileSync(path.join(dir, 'real.py'), 'utf8'), 'z = torch.logsumexp(y, 0)\n');
});

test('--fix in a notebook edits the cell source and keeps magics, outputs and formatting', async () => {
  const notebook = {
    cells: [
      { cell_type: 'markdown', metadata: {}, source: ['# LSE\n'] },
      { cell_type: 'code', execution_count: 1, metadata: {}, outputs: [{ output_type: 'stream', name: 'stdout', text: ['hi\n'] }], source: ['%time\n', 'import torch\n', 'z = torch.log(torch.exp(y).sum())\n', 'w = 1'] },
    ],
    metadata: { kernelspec: { language: 'python', name: 'python3', display_name: 'Python 3' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  const dir = workspace({ 'nb.ipynb': JSON.stringify(notebook, null, 1) + '\n' });
  const r = await checkInProcess(['nb.ipynb', '--fix'], dir);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const written = fs.readFileSync(path.join(dir, 'nb.ipynb'), 'utf8');
  const expected = structuredClone(notebook);
  expected.cells[1].source = ['%time\n', 'import torch\n', 'z = torch.logsumexp(y, 0)\n', 'w = 1'];
  assert.equal(written, JSON.stringify(expected, null, 1) + '\n');
});

test('config discovery: the nearest pyproject.toml with [tool.tensorlint] applies, CLI flags override', async () => {
  const dir = workspace({
    'pyproject.toml': '[tool.tensorlint]\nignore = ["fake-unsafe"]\n',
    'top.py': 'x = RISKY\n',
    'sub/pyproject.toml': '[project]\nname = "sub"\n',
    'sub/mid.py': 'x = RISKY\n',
    'sub/inner/pyproject.toml': '[tool.tensorlint]\nseverity = { fake-unsafe = "error" }\n',
    'sub/inner/deep.py': 'x = RISKY\n',
  });
  const json = async (args: string[]) => JSON.parse((await checkInProcess([...args, '--format', 'json'], dir)).stdout);
  assert.deepEqual(await json(['top.py']), [], 'ignored by the root config');
  assert.deepEqual(await json(['sub/mid.py']), [], 'a pyproject without [tool.tensorlint] does not stop the walk');
  const deep = await json(['sub/inner/deep.py']);
  assert.equal(deep.length, 1, 'the nearest config replaces, not extends, the outer one');
  assert.equal(deep[0].severity, 'error');
  assert.equal((await json(['top.py', '--ignore', 'nothing-'])).length, 1, '--ignore replaces the configured ignore');
  assert.deepEqual(await json(['sub/inner/deep.py', '--select', 'unstable-']), []);
});

test('config: invalid TOML and unknown keys are warnings, never crashes', async () => {
  const dir = workspace({ 'pyproject.toml': '[tool.tensorlint\nselect = [', 'a.py': 'x = RISKY\n', 'k/pyproject.toml': '[tool.tensorlint]\nselct = ["x"]\nfix_style = "explicit"\n', 'k/b.py': 'x = 1\n' });
  const r = await checkInProcess(['.'], dir);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /pyproject\.toml: invalid TOML, configuration ignored/);
  assert.match(r.stderr, /\[tool\.tensorlint\] unknown key "selct"/);
  assert.equal(r.stderr.match(/unknown key/g)?.length, 1, 'each problem is reported once');
});

test('suppression comments end to end, with sample sizes and fix style from config accepted', async () => {
  const dir = workspace({
    'pyproject.toml': '[tool.tensorlint]\nsample-sizes = { batch = 4 }\nfix-style = "explicit"\n',
    's.py': [
      'a = RISKY  # tensorlint: ignore[fake-unsafe]',
      'b = RISKY  # tensorlint: ignore[other-code]',
      'c = RISKY  # noqa: fake-unsafe',
      'd = RISKY  # noqa: E501',
      'e = RISKY  # noqa',
      'f = RISKY  # tensorlint: ignore',
      'g = NO_FIX + RISKY  # tensorlint: ignore[fake-nofix]',
      '',
    ].join('\n'),
  });
  const r = await checkInProcess(['s.py', '--format', 'json'], dir);
  assert.equal(r.stderr, '');
  const left = JSON.parse(r.stdout).map((f: { line: number; code: string }) => `${f.line}:${f.code}`);
  assert.deepEqual(left, ['2:fake-unsafe', '4:fake-unsafe', '7:fake-unsafe']);
});

test('an engine failure on one file is a message and exit 2; the other files are still reported', async () => {
  const dir = workspace({ 'a.py': 'x = RISKY\n', 'boom.py': 'x = 1\n' });
  let stderr = '';
  let stdout = '';
  const { runCheck } = await import('../../bin/src/check');
  const { fakeEngine } = await import('./helpers');
  const exploding = {
    initEngine: fakeEngine.initEngine,
    analyze: (text: string, options: Parameters<typeof fakeEngine.analyze>[1]) => {
      if (options.fileName?.endsWith('boom.py')) throw new Error('kaboom');
      return fakeEngine.analyze(text, options);
    },
  };
  const code = await runCheck({ kind: 'check', paths: [dir], format: 'json', fix: false }, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdoutIsTTY: false, env: {}, cwd: dir }, exploding);
  assert.equal(code, 2);
  assert.equal(stderr, 'tensorlint: boom.py: kaboom\n');
  assert.deepEqual(JSON.parse(stdout).map((f: { file: string }) => f.file), ['a.py']);
});
