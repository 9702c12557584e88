import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, initEngine } from '../../engine/src/index';

before(async () => {
  await initEngine();
});

test('a syntax error is reported with its position and the rest of the file still parses', () => {
  const result = analyze('import torch\ndef f(x:\n    return x\ny = torch.zeros(3)\n');
  const codes = result.findings.map((f) => f.code);
  assert.ok(codes.includes('syntax-error'));
  assert.equal(result.findings[0].range.start.line, 1);
});

test('valid code has no syntax finding', () => {
  const result = analyze('import torch\nx = torch.zeros(3, 4)\ny = 1.\n');
  assert.deepEqual(result.findings, []);
});

test('cells are found from # %% markers', () => {
  const result = analyze('a = 1\n# %% first\nb = 2\n# %%\nc = 3\n');
  assert.deepEqual(result.cells.map((c) => [c.index, c.line, c.endLine, c.title]), [[1, 1, 2, 'first'], [2, 3, 5, '']]);
});
