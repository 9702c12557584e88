// Unparenthesized starred items on the right of `=` (valid since Python 3.8) that
// tree-sitter-python rejects: the parser's workaround must neither report a syntax error nor
// change what the line means. Expected values are CPython 3.11's (/usr/bin/python3).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, initEngine, runProgram } from '../../../engine/src/index';

before(async () => {
  await initEngine();
});

const PROGRAM = [
  'é = 1, *[2], *(3, 4), 5',
  'a, b, c = 1, *[2, 3]',
  'q = 3',
  'b2 = 1, *[q] + [4], *[[5]][0]',
  'first, *rest = "x", *[]',
  't = *(1, 2), 3',
].join('\n') + '\n';

test('starred items on the right of `=` parse and spread as in CPython', () => {
  assert.deepEqual(analyze(PROGRAM).findings, []);
  const printed = Object.fromEntries(runProgram(PROGRAM).map((e) => [e.name, e.error ? `${e.error.type}: ${e.error.message}` : e.printed]));
  assert.deepEqual(printed, {
    'é': '(1, 2, 3, 4, 5)',
    a: '1',
    b: '2',
    c: '3',
    q: '3',
    b2: '(1, 3, 4, 5)',
    first: "'x'",
    rest: '[]',
    t: '(1, 2, 3)',
  });
});

test('a starred item keeps its source text and position for hovers and messages', () => {
  const text = 'import torch\nx = torch.zeros(2, 3)\nparts = 1, *[x.sum(0)]\ny = parts[1].view(4)\n';
  const findings = analyze(text).findings;
  assert.deepEqual(findings.map((f) => [f.code, f.range.start.line]), [['reshape-mismatch', 3]]);
  assert.match(findings[0].message, /`parts\[1\]` is \(3,\) from `x\.sum\(0\)` \(line 3\)/);
  const entries = runProgram(text);
  assert.equal(entries.find((e) => e.name === 'parts')?.printed, '(1, tensor([0., 0., 0.]))');
  assert.equal(entries.find((e) => e.name === 'y')?.error?.type, 'RuntimeError');
});

test('the same lines with CRLF line ends parse and spread the same way', () => {
  const crlf = PROGRAM.replace(/\n/g, '\r\n');
  assert.deepEqual(analyze(crlf).findings, []);
  assert.deepEqual(runProgram(crlf).map((e) => e.printed), runProgram(PROGRAM).map((e) => e.printed));
});
