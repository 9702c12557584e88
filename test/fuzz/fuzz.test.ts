// A short, bounded fuzz run for CI (the long one is `npm run fuzz`). Fixed seeds, so a failure
// here reproduces with `npm run fuzz -- --seed N`. Timeouts only catch hangs; speed is measured
// by the fuzz command and the benchmarks, never asserted here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzzCli, fuzzInProcess, fuzzLsp, newStats, type Failure } from './harness';
import { ensureBuilt } from '../cli/helpers';

function describe(failures: Failure[]): string {
  return failures.map((f) => `${f.driver} ${f.kind}: ${f.input}\n${f.detail.split('\n').slice(0, 6).join('\n')}`).join('\n\n');
}

test('analyze() and runProgram() survive pathological programs and up to 150 seeded mutations (15 s)', { timeout: 120_000 }, async () => {
  const stats = await fuzzInProcess({ seed: 20261128, iterations: 150, deadlineMs: 15_000, runEvery: 3 });
  assert.ok(stats.cases > 0, 'no mutated case ran');
  assert.ok(stats.runCalls > 17, 'runProgram was not exercised');
  assert.deepEqual(stats.failures, [], describe(stats.failures));
});

test('the CLI checks and runs a folder of mutated and pathological files with exit 0/1 and no stack trace', { timeout: 120_000 }, () => {
  ensureBuilt();
  const stats = newStats(4242);
  fuzzCli({ seed: 4242, iterations: 0, cliFiles: 24 }, stats);
  assert.equal(stats.cliCalls, 3);
  assert.deepEqual(stats.failures, [], describe(stats.failures));
});

test('the language server still answers hover after 150 random edits', { timeout: 120_000 }, async () => {
  const stats = newStats(99);
  const lsp = await fuzzLsp({ seed: 99, iterations: 0, lspEdits: 150 }, stats);
  assert.deepEqual(stats.failures, [], describe(stats.failures));
  assert.ok(lsp, 'the storm did not complete');
  assert.equal(stats.lspEdits, 150);
});
