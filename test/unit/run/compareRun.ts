// Compares `run` entries with what real PyTorch gave for the same program (the goldens'
// entries, written by scripts/golden/*.py). Shared by the program and random-program tests.
import assert from 'node:assert/strict';
import type { RunEntry } from '../../../engine/src/api';

export interface ExpectedEntry {
  line: number;
  name?: string;
  shape?: number[] | null;
  dtype?: string | null;
  value?: unknown;
  printed?: string;
  error: { type: string; message: string } | null;
}

/** Values equal within rtol 1e-5 (float32), inf/nan spelled as strings on both sides. */
export function close(actual: unknown, expected: unknown, where: string): void {
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

/** Same statements, same error types where torch raised, same shapes, dtypes and values otherwise. */
export function assertSameRun(actual: readonly RunEntry[], expected: readonly ExpectedEntry[], label: string): void {
  const statements = actual.filter((e) => !e.output);
  assert.deepEqual(statements.map((e) => [e.line, e.error ? 'error' : e.name]), expected.map((e) => [e.line, e.error ? 'error' : e.name]), label);
  expected.forEach((e, i) => {
    const a = statements[i];
    const where = `${label}:${e.line} ${e.name ?? ''}`;
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
    if (e.printed !== undefined && !/^float/.test(e.dtype ?? '') && !hasFraction(e.value)) assert.equal(a.printed, e.printed, `${where}: printed`);
  });
}

/** A Python float with a fraction somewhere in the value (a `tolist()` of a float tensor, say). */
function hasFraction(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasFraction);
  return typeof value === 'number' && !Number.isInteger(value);
}
