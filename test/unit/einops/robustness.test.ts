// Bad input never crashes: every malformed pattern or shape gives an EinopsError (with the
// Python exception type einops would raise), never a TypeError from our own code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EinopsError, einsumShape, packShapes, parseShapeOf, rearrangeShape, reduceShape, repeatShape, unpackShapes,
} from '../../../engine/src/einops';

const PATTERNS = [
  '', '->', ' -> ', 'a', 'a ->', '-> a', 'a -> a -> a', '(', ')', '()', '(()) -> ', '... ... -> ...',
  '.... -> ...', 'a (b ...) -> a b ...', 'a b -> (a b', '(a b)) -> a', 'a,b -> a b', 'a b -> a b,',
  '1 -> 1', '0 -> ', '01 -> ', 'a 1 1 -> a', '__ -> __', 'a² -> a²', 'é -> é', 'a\tb -> b a', 'a\nb -> a b',
  '(a 2 3) -> a', '(... a) -> a ...', 'a -> (a ...)', 'class -> class',
];

// Deterministic pseudo-random patterns built from pattern characters.
function* generated(count: number): Generator<string> {
  const alphabet = ['a', 'b', 'c', ' ', '(', ')', '1', '2', '...', '->', '_', '.', ','];
  let seed = 12345;
  for (let i = 0; i < count; i++) {
    let p = '';
    const length = 1 + (i % 12);
    for (let j = 0; j < length; j++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      p += alphabet[seed % alphabet.length];
    }
    yield p;
  }
}

function onlyEinopsErrors(run: () => unknown, label: string): void {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof EinopsError, `${label}: ${String(error)}`);
    assert.ok(typeof error.torchType === 'string' && error.torchType.length > 0);
  }
}

test('malformed patterns raise EinopsErrors only', () => {
  for (const pattern of [...PATTERNS, ...generated(400)]) {
    for (const shape of [[], [1], [2, 3], [6, 1, 4]]) {
      onlyEinopsErrors(() => rearrangeShape(pattern, shape), `rearrange ${JSON.stringify(pattern)}`);
      onlyEinopsErrors(() => reduceShape(pattern, shape, 'sum', { a: 2 }), `reduce ${JSON.stringify(pattern)}`);
      onlyEinopsErrors(() => repeatShape(pattern, shape, { b: 3 }), `repeat ${JSON.stringify(pattern)}`);
      onlyEinopsErrors(() => einsumShape(pattern, [shape]), `einsum ${JSON.stringify(pattern)}`);
      onlyEinopsErrors(() => parseShapeOf(pattern, shape), `parse_shape ${JSON.stringify(pattern)}`);
      onlyEinopsErrors(() => packShapes([shape], pattern), `pack ${JSON.stringify(pattern)}`);
      onlyEinopsErrors(() => unpackShapes(shape, [[1], [-1]], pattern), `unpack ${JSON.stringify(pattern)}`);
    }
  }
});

test('a unit axis inside brackets changes nothing: "(a 1 b) -> a b"', () => {
  assert.deepEqual(rearrangeShape('(a 1 b) -> a b', [6], { a: 2 }), [2, 3]);
});

test('python keywords are allowed as axis names (einops only warns)', () => {
  assert.deepEqual(rearrangeShape('class def -> def class', [2, 3]), [3, 2]);
});

test('an axis length of 0 and empty dims', () => {
  assert.deepEqual(rearrangeShape('a b -> (a b)', [0, 3]), [0]);
  assert.deepEqual(repeatShape('a -> a b', [2], { b: 0 }), [2, 0]);
});
