// The client finds `# %%` cells exactly as the engine does, and maps run lines into the file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cellAtLine, entryLinesToDocument, findCellSpans } from '../../../client/src/cells';
import { findCells } from '../../../engine/src/cells';

const SAMPLE = ['import torch', '# %% setup', 'x = torch.ones(3)', '', '#%%', 'y = x * 2', '  # %% indented is not a marker', 'z = y'];

test('cells agree with the engine on index and span', () => {
  const mine = findCellSpans(SAMPLE);
  const engine = findCells(SAMPLE.join('\n'));
  assert.deepEqual(
    mine.map((c) => [c.index, c.startLine, c.endLine]),
    engine.map((c) => [c.index, c.line, c.endLine]),
  );
  assert.equal(mine.length, 2);
});

test('cellAtLine: above the first marker there is no cell', () => {
  assert.equal(cellAtLine(SAMPLE, 0), undefined);
  assert.equal(cellAtLine(SAMPLE, 1)?.index, 1);
  assert.equal(cellAtLine(SAMPLE, 3)?.index, 1);
  assert.equal(cellAtLine(SAMPLE, 7)?.index, 2);
  assert.equal(cellAtLine([], 0), undefined);
});

test('file lines are kept; cell-relative lines are shifted only when nothing else fits', () => {
  const cell = findCellSpans(SAMPLE)[1]; // lines 4..7
  assert.deepEqual(entryLinesToDocument([6, 8], cell), [5, 7]);
  assert.deepEqual(entryLinesToDocument([2, 3], cell), [5, 6]);
  // Lines that fit neither way are reported as given.
  assert.deepEqual(entryLinesToDocument([1, 40], cell), [0, 39]);
  assert.deepEqual(entryLinesToDocument([3], undefined), [2]);
});
