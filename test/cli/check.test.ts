// The `check` contract over a real process: exit codes, formats, file discovery, bad input.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, ensureBuilt, noStackTrace, workspace } from './helpers';
import { validateSarif } from './sarifSchema';

before(() => ensureBuilt());

const CLEAN = 'import torch\n\nx = torch.zeros(3, 4)\ny = x.sum(dim=-1)\n';
const BROKEN = 'import torch\ndef f(x:\n    return x\ny = torch.zeros(3)\n';

test('exit 0 and "All checks passed!" on clean files', () => {
  const dir = workspace({ 'a.py': CLEAN });
  const r = cli(['check', '.'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /All checks passed!/);
  assert.equal(r.stderr, '');
});

test('exit 1 with a ruff-style header, a code frame with carets and a summary', () => {
  const dir = workspace({ 'pkg/bad.py': BROKEN });
  const r = cli(['check', 'pkg'], { cwd: dir });
  assert.equal(r.status, 1);
  const lines = r.stdout.split('\n');
  assert.match(lines[0], /^pkg\/bad\.py:2:1: syntax-error /);
  assert.ok(lines.some((l) => /^2 \| def f\(x:$/.test(l)), r.stdout);
  assert.ok(lines.some((l) => /^  \| \^+$/.test(l)), r.stdout);
  assert.match(r.stdout, /Found 1 problem\.\n$/);
  assert.doesNotMatch(r.stdout, /\u001b\[/, 'no colours without a TTY');
});

test('colours appear with FORCE_COLOR and never with NO_COLOR', () => {
  const dir = workspace({ 'bad.py': BROKEN });
  assert.match(cli(['check', 'bad.py'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout, /\u001b\[31m/);
  assert.doesNotMatch(cli(['check', 'bad.py'], { cwd: dir, env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout, /\u001b\[/);
});

test('json: one array with the contract fields, 1-based positions', () => {
  const dir = workspace({ 'bad.py': BROKEN, 'good.py': CLEAN });
  const r = cli(['check', '.', '--format', 'json'], { cwd: dir });
  assert.equal(r.status, 1);
  const findings = JSON.parse(r.stdout);
  assert.ok(Array.isArray(findings));
  assert.equal(findings.length, 1);
  const f = findings[0];
  assert.deepEqual(Object.keys(f), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message', 'fix']);
  assert.equal(f.file, 'bad.py');
  assert.equal(f.line, 2);
  assert.equal(f.column, 1);
  assert.equal(f.severity, 'error');
  assert.equal(f.code, 'syntax-error');
  assert.equal(f.fix, null);
  assert.ok(f.endLine >= f.line);
});

test('json on a clean tree is an empty array and exit 0', () => {
  const dir = workspace({ 'a.py': CLEAN });
  const r = cli(['check', '--format=json', 'a.py'], { cwd: dir });
  assert.equal(r.status, 0);
  assert.deepEqual(JSON.parse(r.stdout), []);
});

test('github: annotation lines with escaped properties', () => {
  const dir = workspace({ 'we,ird:name.py': BROKEN });
  const r = cli(['check', '.', '--format', 'github'], { cwd: dir });
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^::error file=we%2Cird%3Aname\.py,line=2,col=1,endLine=2,endColumn=\d+,title=syntax-error::invalid syntax/);
});

test('sarif: a SARIF 2.1.0 log with the rule list and the result', () => {
  const dir = workspace({ 'bad.py': BROKEN });
  const r = cli(['check', '.', '--format', 'sarif'], { cwd: dir });
  assert.equal(r.status, 1);
  const log = JSON.parse(r.stdout);
  assert.deepEqual(validateSarif(log), []);
  assert.equal(log.version, '2.1.0');
  const run = log.runs[0];
  assert.equal(run.tool.driver.name, 'TensorLint');
  assert.ok(run.tool.driver.rules.some((rule: { id: string }) => rule.id === 'syntax-error'));
  assert.equal(run.results[0].ruleId, 'syntax-error');
  assert.equal(run.results[0].locations[0].physicalLocation.artifactLocation.uri, 'bad.py');
  assert.equal(run.results[0].locations[0].physicalLocation.region.startLine, 2);
});

test('--select and --ignore filter codes; --ignore wins', () => {
  const dir = workspace({ 'bad.py': BROKEN });
  assert.equal(cli(['check', 'bad.py', '--ignore', 'syntax-error'], { cwd: dir }).status, 0);
  assert.equal(cli(['check', 'bad.py', '--select', 'unstable-'], { cwd: dir }).status, 0);
  assert.equal(cli(['check', 'bad.py', '--select', 'syntax-error,unstable-'], { cwd: dir }).status, 1);
  assert.equal(cli(['check', 'bad.py', '--select', 'ALL', '--ignore', 'syntax-*'], { cwd: dir }).status, 0);
});

test('exit 2: no such path, with a message and no stack trace', () => {
  const dir = workspace({ 'a.py': CLEAN });
  const r = cli(['check', 'missing.py'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /missing\.py: no such file or directory/);
  assert.ok(noStackTrace(r.stderr));
  assert.equal(r.stdout, '');
});

test('exit 2: a folder without Python files', () => {
  const dir = workspace({ 'notes/readme.txt': 'hello' });
  const r = cli(['check', 'notes'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /notes: no Python files/);
});

test('exit 2 on usage errors: no command, unknown command, unknown flag, bad values, no paths', () => {
  for (const args of [[], ['lint'], ['check', 'x.py', '--colour'], ['check', '--format', 'xml', 'x.py'], ['check'], ['check', 'x.py', '--fix-style', 'fancy'], ['run'], ['run', 'a.py', '--cell', '0'], ['lsp', '--tcp']]) {
    const r = cli(args);
    assert.equal(r.status, 2, `tensorlint ${args.join(' ')}`);
    assert.match(r.stderr, /^tensorlint: .+\n\nTensorLint:[\s\S]*Usage:/, `usage shown for ${args.join(' ')}`);
    assert.ok(noStackTrace(r.stderr));
  }
});

test('--help and --version exit 0', () => {
  const help = cli(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /tensorlint check PATH/);
  const version = cli(['--version']);
  assert.equal(version.status, 0);
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
  assert.equal(version.stdout.trim(), `tensorlint ${manifest.version}`);
});

test('discovery skips hidden folders, node_modules, __pycache__ and virtualenvs, and survives symlink loops', () => {
  const dir = workspace({
    'src/ok.py': CLEAN,
    '.hidden/bad.py': BROKEN,
    'node_modules/pkg/bad.py': BROKEN,
    '__pycache__/bad.py': BROKEN,
    'venv/lib/bad.py': BROKEN,
    '.venv/lib/bad.py': BROKEN,
    'lib/site-packages/bad.py': BROKEN,
    'src/readme.md': '# not python',
  });
  fs.symlinkSync(dir, path.join(dir, 'src', 'loop'));
  fs.symlinkSync(path.join(dir, 'nowhere.py'), path.join(dir, 'src', 'dangling.py'));
  const r = cli(['check', '.', '--format', 'json'], { cwd: dir });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), []);
  assert.match(r.stderr, /dangling\.py: .*broken symbolic link/);
});

test('an explicitly named file in a skipped folder is still checked', () => {
  const dir = workspace({ '.hidden/bad.py': BROKEN });
  assert.equal(cli(['check', '.hidden/bad.py'], { cwd: dir }).status, 1);
});

test('bad input: BOM, CRLF, empty file and tabs analyze without noise', () => {
  const dir = workspace({
    'bom.py': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CLEAN)]),
    'crlf.py': CLEAN.replace(/\n/g, '\r\n'),
    'empty.py': '',
    'tabs.py': 'def f(x):\n\treturn x\n',
  });
  const r = cli(['check', '.', '--format', 'json'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), []);
});

test('bad input: a CRLF file with a syntax error reports the right line', () => {
  const dir = workspace({ 'crlf.py': BROKEN.replace(/\n/g, '\r\n') });
  const findings = JSON.parse(cli(['check', '.', '--format', 'json'], { cwd: dir }).stdout);
  assert.equal(findings[0].line, 2);
});

test('bad input: non-UTF-8 bytes are replaced with a clear warning, the file is still analyzed', () => {
  const dir = workspace({ 'latin.py': Buffer.concat([Buffer.from('x = 1\n# caf'), Buffer.from([0xe9]), Buffer.from('\ndef f(:\n')]) });
  const r = cli(['check', 'latin.py', '--format', 'json'], { cwd: dir });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /latin\.py: not valid UTF-8 \(first bad byte on line 2\)/);
  assert.equal(JSON.parse(r.stdout)[0].code, 'syntax-error');
  assert.ok(noStackTrace(r.stderr));
});

test('bad input: a PEP 263 latin-1 declaration decodes without a warning', () => {
  const dir = workspace({ 'decl.py': Buffer.concat([Buffer.from('# -*- coding: latin-1 -*-\ns = "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]) });
  const r = cli(['check', 'decl.py'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
});

test('bad input: a binary file is skipped with a message', () => {
  const dir = workspace({ 'blob.py': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]), 'ok.py': CLEAN });
  const r = cli(['check', '.'], { cwd: dir });
  assert.equal(r.status, 0);
  assert.match(r.stderr, /blob\.py: binary file .*skipped/);
});

test('bad input: an unreadable file is exit 2 with a message', () => {
  const dir = workspace({ 'secret.py': CLEAN, 'ok.py': CLEAN });
  fs.chmodSync(path.join(dir, 'secret.py'), 0o000);
  fs.chmodSync(dir, 0o755);
  // root reads anything, so the check runs as an unprivileged user when the tests run as root.
  const asRoot = process.getuid?.() === 0;
  const r = cli(['check', '.'], { cwd: dir, ...(asRoot ? { uid: 65534, gid: 65534 } : {}) });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /secret\.py: permission denied/);
  assert.ok(noStackTrace(r.stderr));
});

test('notebooks: code cells are one program, findings name the cell and the line in it', () => {
  const notebook = {
    cells: [
      { cell_type: 'markdown', metadata: {}, source: ['# Title\n'] },
      { cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: ['%matplotlib inline\n', 'import torch\n', 'x = torch.zeros(3)\n'] },
      { cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: ['y = x + 1\n', 'def f(a:\n', '    return a\n'] },
    ],
    metadata: { kernelspec: { language: 'python', name: 'python3' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  const dir = workspace({ 'nb.ipynb': JSON.stringify(notebook, null, 1) + '\n' });
  const json = cli(['check', '.', '--format', 'json'], { cwd: dir });
  assert.equal(json.status, 1, json.stderr);
  const [f] = JSON.parse(json.stdout);
  assert.equal(f.file, 'nb.ipynb');
  assert.equal(f.cell, 3);
  assert.equal(f.line, 2);
  const text = cli(['check', 'nb.ipynb'], { cwd: dir });
  assert.match(text.stdout, /^nb\.ipynb:cell 3:2:1: syntax-error/);
  assert.match(text.stdout, /2 \| def f\(a:/);
  const sarif = JSON.parse(cli(['check', 'nb.ipynb', '--format', 'sarif'], { cwd: dir }).stdout);
  assert.deepEqual(validateSarif(sarif), []);
  const region = sarif.runs[0].results[0].locations[0].physicalLocation.region;
  const rawLines = fs.readFileSync(path.join(dir, 'nb.ipynb'), 'utf8').split('\n');
  assert.match(rawLines[region.startLine - 1], /"def f\(a:\\n"/);
  const github = cli(['check', 'nb.ipynb', '--format', 'github'], { cwd: dir }).stdout;
  assert.equal(github, `::error file=nb.ipynb,line=${region.startLine},title=syntax-error::cell 3, line 2, column 1: ${f.message}\n`);
});

test('notebooks: malformed JSON and non-notebook JSON are clear errors (exit 2)', () => {
  const dir = workspace({ 'broken.ipynb': '{"cells": [', 'odd.ipynb': '{"hello": 1}' });
  const r = cli(['check', '.'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /broken\.ipynb: not a valid notebook: malformed JSON/);
  assert.match(r.stderr, /odd\.ipynb: not a valid notebook: expected a JSON object with a "cells" list/);
  assert.ok(noStackTrace(r.stderr));
});

test('notebooks in another language are skipped with a message', () => {
  const nb = { cells: [{ cell_type: 'code', source: 'println("hi")', metadata: {}, outputs: [] }], metadata: { language_info: { name: 'julia' } }, nbformat: 4, nbformat_minor: 5 };
  const dir = workspace({ 'j.ipynb': JSON.stringify(nb), 'ok.py': CLEAN });
  const r = cli(['check', '.'], { cwd: dir });
  assert.equal(r.status, 0);
  assert.match(r.stderr, /j\.ipynb: notebook language is julia/);
});
