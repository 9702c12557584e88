// The examples are documentation that runs: the seed notes' stable functions must stay clean
// and computable, the naive ones must be reported, and every example must analyze without error.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, ensureBuilt, ROOT } from './helpers';

before(() => ensureBuilt());

const EXAMPLES = path.join(ROOT, 'examples');

test('every example analyzes with exit 0 or 1 and no stderr', () => {
  const files = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.py') || f.endsWith('.ipynb'));
  assert.ok(files.length >= 9, files.join(', '));
  for (const file of files) {
    const r = cli(['check', path.join('examples', file), '--format', 'json']);
    assert.ok(r.status === 0 || r.status === 1, `${file}: exit ${r.status} ${r.stderr}`);
    assert.equal(r.stderr, '', file);
    const findings = JSON.parse(r.stdout);
    assert.ok(findings.every((f: { code: string }) => f.code !== 'syntax-error'), `${file} parses`);
  }
});

test("the seed notes' stable functions get no finding", () => {
  const r = cli(['check', 'examples/seed_stable.py', '--format', 'json']);
  assert.deepEqual(JSON.parse(r.stdout), []);
  assert.equal(r.status, 0);
});

test("the seed notes' naive functions are reported by the stability rules", () => {
  const findings = JSON.parse(cli(['check', 'examples/seed_naive.py', '--format', 'json']).stdout);
  const codes = new Set(findings.map((f: { code: string }) => f.code));
  for (const code of ['unstable-logsumexp', 'unstable-softmax', 'unstable-log-softmax', 'unstable-cross-entropy']) assert.ok(codes.has(code), code);
});

test('run on the stable seed functions gives finite values for ±1000 inputs, as real torch does', () => {
  const r = cli(['run', 'examples/seed_stable.py', '--cell', '4', '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const entries = JSON.parse(r.stdout);
  const lse = entries.find((e: { name: string }) => e.name === 'batched_logsumexp(extreme)');
  // PyTorch 1.13 prints tensor([1000.4076, -999.5924]) for this cell.
  assert.deepEqual(lse.shape, [2]);
  assert.ok(Math.abs(lse.value[0] - 1000.4076) < 1e-3 && Math.abs(lse.value[1] + 999.5924) < 1e-3, JSON.stringify(lse.value));
  const loss = entries.find((e: { name: string }) => e.name === 'batched_cross_entropy_loss(extreme, labels)');
  assert.ok(Math.abs(loss.value[0] - 2.4076) < 1e-3 && Math.abs(loss.value[1] - 0.4076) < 1e-3, JSON.stringify(loss.value));
});
