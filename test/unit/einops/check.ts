// One helper per area: shapes are written as text ("b", "h*w", 3) and compared with the
// shape module's own equality, so a test says what a person would write.
import assert from 'node:assert/strict';
import { dimEquals, isUnknownDim, unknownDim } from '../../../engine/src/shape';
import type { Dim, Shape } from '../../../engine/src/shape';
import { parseDim } from '../../../engine/src/declared/dimExpr';
import { EinopsError } from '../../../engine/src/einops';

export type DimText = number | string;

export function dim(text: DimText): Dim {
  if (typeof text === 'number') return text;
  if (text === '?') return unknownDim();
  const d = parseDim(text);
  if (d === null) throw new Error(`bad dim text in test: ${text}`);
  return d;
}

export function shapeOf(dims: DimText[]): Shape {
  return dims.map(dim);
}

/** Asserts a shape equals the expected one; '?' expects an unknown dim. */
export function assertShape(actual: Shape, expected: DimText[], context = ''): void {
  assert.equal(actual.length, expected.length, `${context}: rank of ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
  expected.forEach((e, i) => {
    if (e === '?') {
      assert.ok(isUnknownDim(actual[i]), `${context}: dim ${i} should be unknown, got ${JSON.stringify(actual[i])}`);
      return;
    }
    assert.ok(dimEquals(actual[i], dim(e)), `${context}: dim ${i} is ${JSON.stringify(actual[i])}, expected ${e}`);
  });
}

/** Asserts `run` throws an EinopsError of the given Python type whose message matches. */
export function assertEinopsError(run: () => unknown, type: string, message: RegExp): EinopsError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof EinopsError, `expected EinopsError, got ${String(error)}`);
    assert.equal(error.torchType, type, `wrong type for: ${error.message}`);
    assert.match(error.message, message);
    return error;
  }
  assert.fail(`expected ${type} matching ${message}`);
}
