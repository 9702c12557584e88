// Replays programs against what real PyTorch printed for them: every *.py with a
// *.expected.json next to it, in test/golden/programs (written from real torch by the
// golden generator) and test/unit/run/programs (written by gen_expected.py here).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { initEngine, runProgram } from '../../../engine/src/index';

const DIRS = [path.join(__dirname, '../../golden/programs'), path.join(__dirname, 'programs')];

before(async () => {
  await initEngine();
});

interface Expected {
  line: number;
  name?: string;
  shape?: number[] | null;
  dtype?: string | null;
  value?: unknown;
  printed?: string;
  error: { type: string; message: string } | null;
}

/** Values equal within rtol 1e-5 (float32), inf/nan spelled as strings on both sides. */
function close(actual: unknown, expected: unknown, where: string): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const tol = 1e-5 * Math.abs(expected) + 1e-6;
    assert.ok(Math.abs(actual - expected) <= tol, `${where}: ${actual} vs ${expected}`);
    return;
  }
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${where}: expected a list, got ${JSON.stringify(actual)}`);
    assert.equal(actual.length, expected.length, `${where}: length`);
    expected.forEach((e, i) => close(actual[i], e, `${where}[${i}]`));
    return;
  }
  assert.deepEqual(actual, expected, where);
}

for (const dir of DIRS) {
  if (!existsSync(dir)) continue;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.py')).sort()) {
    const expectedPath = path.join(dir, file.replace(/\.py$/, '.expected.json'));
    if (!existsSync(expectedPath)) continue;
    test(`run reproduces torch on ${path.basename(dir)}/${file}`, () => {
      const raw = JSON.parse(readFileSync(expectedPath, 'utf8')) as Expected[] | { entries: Expected[] };
      const expected = Array.isArray(raw) ? raw : raw.entries;
      const actual = runProgram(readFileSync(path.join(dir, file), 'utf8'));
      assert.deepEqual(actual.map((e) => [e.line, e.error ? 'error' : e.name]), expected.map((e) => [e.line, e.error ? 'error' : e.name]));
      expected.forEach((e, i) => {
        const a = actual[i];
        const where = `${file}:${e.line} ${e.name ?? ''}`;
        if (e.error) {
          assert.equal(a.error?.type, e.error.type, `${where}: ${a.error?.message}`);
          return;
        }
        assert.equal(a.error, null, `${where}: ${JSON.stringify(a.error)}`);
        assert.deepEqual(a.shape, e.shape ?? null, `${where}: shape`);
        assert.equal(a.dtype, e.dtype ?? null, `${where}: dtype`);
        close(a.value, e.value, where);
        // Float printing depends on the last bits (8e-08 vs 0 switches torch to sci mode), so
        // printed text is compared exactly only for values whose bits cannot differ.
        if (e.printed !== undefined && !/^float/.test(e.dtype ?? '')) assert.equal(a.printed, e.printed, `${where}: printed`);
      });
    });
  }
}
