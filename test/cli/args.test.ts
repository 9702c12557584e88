import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, UsageError } from '../../bin/src/args';

test('check: paths, formats, flags in any order, = forms, repeated code lists', () => {
  assert.deepEqual(parseArgs(['check', 'a.py', '--format', 'sarif', 'src', '--fix', '--select=unstable-,shape-*', '--select', 'syntax-error', '--ignore', 'x', '--fix-style', 'explicit']), {
    kind: 'check',
    paths: ['a.py', 'src'],
    format: 'sarif',
    fix: true,
    select: ['unstable-', 'shape-*', 'syntax-error'],
    ignore: ['x'],
    fixStyle: 'explicit',
  });
  assert.deepEqual(parseArgs(['check', '--', '--odd-name.py']), { kind: 'check', paths: ['--odd-name.py'], format: 'text', fix: false });
});

test('run: file, cell, format', () => {
  assert.deepEqual(parseArgs(['run', 'f.py', '--cell', '2', '--format', 'json']), { kind: 'run', file: 'f.py', cell: 2, format: 'json' });
  assert.deepEqual(parseArgs(['run', 'f.py']), { kind: 'run', file: 'f.py', format: 'text' });
});

test('help, version, lsp', () => {
  assert.deepEqual(parseArgs(['--help']), { kind: 'help', topic: undefined });
  assert.deepEqual(parseArgs(['check', '--help']), { kind: 'help', topic: 'check' });
  assert.deepEqual(parseArgs(['-V']), { kind: 'version' });
  assert.deepEqual(parseArgs(['lsp', '--stdio']), { kind: 'lsp' });
});

test('usage errors say what is wrong', () => {
  const cases: Array<[string[], RegExp]> = [
    [[], /missing command/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['--frob'], /unknown option --frob/],
    [['check'], /at least one PATH/],
    [['check', 'a.py', '--format'], /--format needs a value/],
    [['check', 'a.py', '--format', 'xml'], /unknown format "xml"/],
    [['check', 'a.py', '--select', ','], /at least one rule code/],
    [['check', 'a.py', '--fix=yes'], /--fix takes no value/],
    [['check', 'a.py', '--fix-style', 'x'], /unknown fix style/],
    [['check', 'a.py', '-x'], /unknown option -x/],
    [['run'], /run needs a FILE/],
    [['run', 'a.py', 'b.py'], /exactly one FILE/],
    [['run', 'a.py', '--cell', 'two'], /--cell needs a cell number/],
    [['run', 'a.py', '--cell', '0'], /--cell needs a cell number/],
    [['run', 'a.py', '--format', 'sarif'], /unknown format "sarif" for run/],
    [['run', 'a.py', '--fix'], /unknown option --fix for run/],
    [['lsp', '--socket=3'], /only --stdio/],
  ];
  for (const [argv, message] of cases) {
    assert.throws(() => parseArgs(argv), (error: unknown) => error instanceof UsageError && message.test(error.message), argv.join(' '));
  }
});
