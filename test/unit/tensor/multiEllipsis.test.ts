// Two Ellipses in one index, as torch 1.13 (/usr/bin/python3 on the dev machine) treats them:
// each Ellipsis skips the unindexed dims again, so a later one is harmless when nothing is
// left to skip or only Ellipses follow it, and otherwise torch raises an IndexError.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as S from '../../../engine/src/shape';
import { zeros } from '../../../engine/src/tensor/create';
import { ELLIPSIS, index, slice, type IndexItem } from '../../../engine/src/tensor/indexing';
import { analyze, initEngine, runProgram } from '../../../engine/src/index';

const E = ELLIPSIS;

// [shape, index, torch's result shape or 'IndexError'], each printed by torch 1.13.
const CASES: Array<[number[], IndexItem[], number[] | 'IndexError']> = [
  [[2, 3, 4], [E, E, 0], 'IndexError'],
  [[2, 3], [E, E, 0], 'IndexError'],
  [[2], [E, E, 0], []],
  [[2, 3, 4], [E, E], [2, 3, 4]],
  [[2, 3, 4], [E, E, E], [2, 3, 4]],
  [[2, 3, 4], [0, E, E], [3, 4]],
  [[2, 3, 4], [E, 0, E], [2, 3]],
  [[2, 3, 4], [0, E, 0, E], [3]],
  [[2, 3, 4], [E, null, E], [2, 3, 4, 1]],
  [[2, 3, 4], [E, E, null], 'IndexError'],
  [[2, 3, 4], [0, 1, 2, E, E], []],
  [[2, 3, 4], [0, 1, E, E, 2], []],
  [[2, 3, 4], [0, 1, 2, E, E, null], [1]],
  [[2, 3, 4], [E, E, slice()], 'IndexError'],
  [[2, 3, 4], [E, E, 0, 0], 'IndexError'],
  [[2, 3, 4], [E, 0, E, 0], 'IndexError'],
  [[2, 3, 4], [E, E, true], 'IndexError'],
  [[], [E, E], []],
  [[], [E, E, null], [1]],
];

const shapeItem = (it: IndexItem): S.IndexItem => {
  if (it === E) return { kind: 'ellipsis' };
  if (it === null || typeof it === 'boolean') return { kind: 'none' };
  if (typeof it === 'number') return { kind: 'int', value: it };
  return { kind: 'slice' };
};

before(async () => {
  await initEngine();
});

test('the kernel raises or returns torch\'s shape for every multi-Ellipsis index', () => {
  for (const [shape, items, want] of CASES) {
    const label = `${JSON.stringify(shape)} ${JSON.stringify(items)}`;
    if (want === 'IndexError') {
      assert.throws(() => index(zeros(shape), items), (e: Error & { torchType?: string }) => /single ellipsis/.test(e.message), label);
    } else {
      assert.deepEqual([...index(zeros(shape), items).shape], want, label);
    }
  }
});

test('the shape rule agrees with torch wherever it is given the whole index', () => {
  for (const [shape, items, want] of CASES) {
    const label = `${JSON.stringify(shape)} ${JSON.stringify(items)}`;
    // The shape rule has no Python-bool item; True indexes like None plus a size-1 gather.
    if (items.some((it) => typeof it === 'boolean')) continue;
    const run = () => S.indexShape(shape, items.map(shapeItem));
    if (want === 'IndexError') assert.throws(run, /single ellipsis/, label);
    else assert.deepEqual([...run()], want, label);
  }
});

test('x[..., ..., 0] is an IndexError in run and no false report in analysis', () => {
  const text = 'import torch\nx = torch.zeros(2, 3, 4)\ny = x[..., ..., 0]\nz = x[0, ..., 0, ...]\n';
  const entries = runProgram(text);
  assert.deepEqual(entries[1].error, { type: 'IndexError', message: 'an index can only have a single ellipsis ("...")' });
  assert.deepEqual(runProgram('import torch\nx = torch.zeros(2, 3, 4)\nz = x[0, ..., 0, ...]\n')[1].shape, [3]);
  assert.deepEqual(analyze(text).findings, []);
});
