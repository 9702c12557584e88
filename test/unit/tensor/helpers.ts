// Shared assertions for the tensor kernel tests: closeness with torch's float32 tolerance,
// and "raises like torch" (exception type plus message).
import assert from 'node:assert/strict';
import { type NestedList, type Tensor, TorchError, toList } from '../../../engine/src/tensor';

function flatten(v: NestedList): (number | boolean)[] {
  return Array.isArray(v) ? v.flatMap(flatten) : [v];
}

/** Asserts values (nested lists, nan/inf exact) and optionally the shape within rtol/atol. */
export function assertClose(actual: Tensor, expected: NestedList, rtol = 1e-5, atol = 1e-7): void {
  const got = flatten(toList(actual));
  const want = flatten(expected);
  assert.equal(got.length, want.length, `element count: got ${got.length}, want ${want.length}`);
  got.forEach((g, i) => {
    const w = want[i];
    if (typeof w === 'boolean' || typeof g === 'boolean') {
      assert.equal(g, w, `element ${i}`);
      return;
    }
    if (Number.isNaN(w)) return assert.ok(Number.isNaN(g), `element ${i}: got ${g}, want nan`);
    if (!Number.isFinite(w)) return assert.equal(g, w, `element ${i}`);
    assert.ok(Math.abs(g - w) <= atol + rtol * Math.abs(w), `element ${i}: got ${g}, want ${w}`);
  });
}

export function assertShape(t: Tensor, shape: number[], dtype?: string): void {
  assert.deepEqual([...t.shape], shape);
  if (dtype) assert.equal(t.dtype, dtype);
}

/** Asserts that `fn` raises a TorchError of the given Python type whose message includes `message`. */
export function assertRaises(fn: () => unknown, torchType: string, message: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof TorchError, `expected TorchError, got ${String(error)}`);
    assert.equal(error.torchType, torchType);
    assert.ok(error.message.includes(message), `message "${error.message}" lacks "${message}"`);
    return true;
  });
}
