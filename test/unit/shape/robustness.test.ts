// Nothing crashes on bad input: every rule, fed random (often nonsensical) shapes, dims,
// index items and equations, either returns a shape or throws a ShapeError — never a
// TypeError from inside the module, and never a shape with a hole in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as S from '../../../engine/src/shape';

function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const r = rng(20261128);
const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const DIMS: S.Dim[] = [0, 1, 2, 3, 4, -1, S.sym('b'), S.sym('n'), S.dimMul(S.sym('h'), S.sym('w')), S.dimAdd(S.sym('n'), 1), S.unknownDim()];
const shape = (max = 4): S.Dim[] => Array.from({ length: int(0, max) }, () => pick(DIMS));
const ints = (max = 4) => Array.from({ length: int(0, max) }, () => int(-5, 5));
const item = (): S.IndexItem => pick<() => S.IndexItem>([
  () => ({ kind: 'int', value: pick([null, int(-6, 6)]) }),
  () => ({ kind: 'slice', start: pick([null, int(-6, 6), S.sym('n')]), stop: pick([null, int(-6, 6)]), step: pick([null, 1, 2, 0, -1]) }),
  () => ({ kind: 'none' }),
  () => ({ kind: 'ellipsis' }),
  () => ({ kind: 'tensor', shape: shape(2), dtype: pick(['bool', 'int64'] as const) }),
])();
const equation = () => {
  const alphabet = 'ijkAb.,-> 1';
  return Array.from({ length: int(0, 12) }, () => pick([...alphabet])).join('');
};

const RULES: Array<[string, () => unknown]> = [
  ['broadcast', () => S.broadcastShapes('add', shape(), shape())],
  ['broadcastAll', () => S.broadcastAll('where', [shape(), shape(), shape()])],
  ['reduce', () => S.reduceShape('sum', shape(), pick([null, ints(3)]), r() < 0.5)],
  ['matmul', () => S.matmulShape('matmul', shape(), shape())],
  ['mm', () => S.mmShape('mm', shape(), shape())],
  ['bmm', () => S.bmmShape('bmm', shape(), shape())],
  ['linear', () => S.linearShape(shape(), shape(2), pick([null, shape(1)]))],
  ['reshape', () => S.reshapeShape('reshape', shape(), shape())],
  ['flatten', () => S.flattenShape('flatten', shape(), int(-4, 4), int(-4, 4))],
  ['unflatten', () => S.unflattenShape('unflatten', shape(), int(-3, 3), shape(3))],
  ['permute', () => S.permuteShape('permute', shape(), ints())],
  ['transpose', () => S.transposeShape('transpose', shape(), int(-4, 4), int(-4, 4))],
  ['squeeze', () => S.squeezeShape('squeeze', shape(), pick([null, int(-4, 4)])).shape],
  ['unsqueeze', () => S.unsqueezeShape('unsqueeze', shape(), int(-5, 5))],
  ['expand', () => S.expandShape('expand', shape(), shape())],
  ['repeat', () => S.repeatShape('repeat', shape(), shape())],
  ['tile', () => S.tileShape('tile', shape(), shape())],
  ['cat', () => S.catShape('cat', Array.from({ length: int(0, 3) }, () => shape(3)), int(-3, 3))],
  ['stack', () => S.stackShape('stack', Array.from({ length: int(0, 3) }, () => shape(3)), int(-3, 3))],
  ['split', () => S.splitShapes('split', shape(), pick<S.Dim | S.Dim[]>([int(-1, 4), S.sym('n'), shape(3)]), int(-3, 3))],
  ['chunk', () => S.chunkShapes('chunk', shape(), int(-1, 5), int(-3, 3))],
  ['index', () => S.indexShape(shape(), Array.from({ length: int(0, 4) }, item))],
  ['gather', () => S.gatherShape('gather', shape(), int(-3, 3), shape())],
  ['indexSelect', () => S.indexSelectShape('index_select', shape(), int(-3, 3), shape(2))],
  ['conv', () => {
    const n = int(1, 2);
    const list = () => Array.from({ length: n }, () => int(0, 3));
    return S.convNdShape(shape(), { outChannels: pick(DIMS), inChannels: pick([undefined, ...DIMS]), kernel: list(), stride: list(), padding: list(), dilation: list() });
  }],
  ['oneHot', () => S.oneHotShape(shape(), pick(DIMS))],
  ['pad', () => S.padShape('pad', shape(), ints(5))],
  ['einsum', () => S.einsumShape(equation(), Array.from({ length: int(0, 3) }, () => shape(3)))],
  ['parseShapeText', () => S.parseShapeText(equation()) ?? []],
];

const wellFormed = (x: unknown): boolean =>
  Array.isArray(x) && x.every((d) => typeof d === 'number' ? Number.isFinite(d) : Array.isArray(d) ? wellFormed(d) : d !== undefined && d !== null);

for (const [name, run] of RULES) {
  test(`${name} survives 500 random inputs`, () => {
    for (let k = 0; k < 500; k++) {
      let result: unknown;
      try {
        result = run();
      } catch (e) {
        assert.ok(e instanceof S.ShapeError, `${name} #${k} threw ${(e as Error)?.stack ?? String(e)}`);
        continue;
      }
      assert.ok(wellFormed(result), `${name} #${k} returned ${JSON.stringify(result)}`);
    }
  });
}
