// Bad text straight into the engine: analyze() and runProgram() return a result for anything,
// and positions stay right (UTF-16 columns, CRLF and BOM handled).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, initEngine, runProgram } from '../../../engine/src/index';
import { pathologicalPrograms } from '../../fuzz/mutate';

before(async () => {
  await initEngine();
});

const MATMUL_BUG = 'import torch\nx = torch.zeros(2, 3)\ny = x @ x\n';

function matmulAt(text: string): Array<[number, number]> {
  return analyze(text).findings.filter((f) => f.code === 'matmul-mismatch').map((f) => [f.range.start.line, f.range.start.character]);
}

test('BOM, CRLF and lone CR do not move findings', () => {
  assert.deepEqual(matmulAt(MATMUL_BUG), [[2, 4]]);
  assert.deepEqual(matmulAt(`\ufeff${MATMUL_BUG}`), [[2, 4]]);
  assert.deepEqual(matmulAt(MATMUL_BUG.replace(/\n/g, '\r\n')), [[2, 4]]);
});

test('columns count UTF-16 units after astral characters', () => {
  // "😀" is two UTF-16 units, so `x @ x` starts at character 12 on that line.
  const text = 'import torch\nx = torch.zeros(2, 3)\ns = "😀"; y = x @ x\n';
  assert.deepEqual(matmulAt(text), [[2, 14]]);
});

test('undecodable bytes read as U+FFFD, NUL bytes and lone surrogates leave the rest analysed', () => {
  for (const junk of ['\ufffd\ufffd', '\ud800', '\udfff\ud800', '\u202e\u200b']) {
    const text = `s = "${junk}"\n${MATMUL_BUG}`;
    assert.equal(matmulAt(text).length, 1, JSON.stringify(junk));
    assert.doesNotThrow(() => runProgram(text));
  }
  // Python refuses source containing NUL ("source code cannot contain null bytes"): a syntax
  // error, and nothing after it is trusted.
  const withNul = `s = "\x00"\n${MATMUL_BUG}`;
  assert.deepEqual(analyze(withNul).findings.map((f) => f.code), ['syntax-error']);
  assert.doesNotThrow(() => runProgram(withNul));
});

test('a syntax error is a finding and later statements are still analysed', () => {
  const analysis = analyze(`def broken(:\n    pass\n${MATMUL_BUG}`);
  assert.deepEqual(analysis.findings.map((f) => [f.code, f.range.start.line]), [['syntax-error', 0], ['matmul-mismatch', 4]]);
});

test('empty, whitespace-only and comment-only texts give empty results', () => {
  for (const text of ['', '\n\n\n', '   \t  ', '# just a comment', '\ufeff']) {
    const analysis = analyze(text);
    assert.deepEqual(analysis.findings, [], JSON.stringify(text));
    assert.deepEqual(runProgram(text).filter((e) => e.error), []);
  }
});

test('every pathological program (deep nesting, 100k literals, long lines) returns without internal errors', () => {
  for (const { name, text } of pathologicalPrograms()) {
    const analysis = analyze(text);
    assert.ok(!analysis.notes.some((n) => /internal error/i.test(n)), `${name}: ${analysis.notes.join('; ')}`);
    const entries = runProgram(text);
    assert.ok(!entries.some((e) => e.error?.type === 'InternalError'), `${name}: ${JSON.stringify(entries.find((e) => e.error))}`);
  }
});

test('a file over the analysis size limit is degraded to a syntax check with a note', () => {
  const analysis = analyze(`x = [${'1, '.repeat(600_000)}]\n`);
  assert.equal(analysis.degraded, true);
  assert.ok(analysis.notes.some((n) => n.includes('only syntax')), analysis.notes.join('; '));
});
