import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { initEngine } from '../../../engine/src/index';
import { check, codes, hoverFor } from './helpers';

const SEED = readFileSync(path.join(__dirname, '../../fixtures/python/seed_notes.py'), 'utf8');

before(async () => {
  await initEngine();
});

test('the seed notes analyze clean', () => {
  assert.deepEqual(codes(check(SEED)), []);
});

test('c in the seed log-softmax is (batch, 1), from the docstring declaration of matrix', () => {
  const a = check(SEED);
  const c = hoverFor(a, 'c', 18);
  assert.equal(c?.shape, '(batch, 1)');
  assert.equal(c?.origin?.text, 'matrix.max(dim=-1, keepdim=True)');
  assert.equal(hoverFor(a, 'matrix - log_sum_exp')?.broadcast, '(batch, n) - (batch, 1) → (batch, n)');
});

test('the seed logsumexp and cross-entropy results are (batch,)', () => {
  const a = check(SEED);
  assert.equal(hoverFor(a, 'c.squeeze(-1) + shifted.exp().sum(dim=-1).log()')?.shape, '(batch,)');
  assert.equal(hoverFor(a, '-log_prob[t.arange(len(true_labels)), true_labels]')?.shape, '(batch,)');
  // The cross-entropy's call to log-softmax carries its own symbols through.
  assert.equal(hoverFor(a, 'log_prob')?.shape, '(batch, classes)');
});

test('removing keepdim=True from the seed log-softmax is reported once, with the fix', () => {
  const broken = SEED.replace('c = matrix.max(dim=-1, keepdim=True).values  # (batch, 1)', 'c = matrix.max(dim=-1).values');
  assert.notEqual(broken, SEED);
  const a = check(broken);
  const found = a.findings.filter((f) => f.code === 'broadcast-mismatch');
  assert.equal(found.length, 1);
  assert.equal(found[0].range.start.line, 18);
  assert.match(found[0].message, /\(batch, n\) and \(batch,\)/);
  assert.match(found[0].message, /unless/);
  assert.match(found[0].message, /keepdim=True on line 18/);
  assert.equal(found[0].fixes[0]?.edits[0].newText, ', keepdim=True');
});
