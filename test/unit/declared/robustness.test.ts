// The readers see arbitrary user text while it is being typed: none of them may throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseDimAssert, parseDocstringShapes, parseShapeAssert, parseShapeComment, parseShapeComments, parseTensorAnnotation,
} from '../../../engine/src/declared';

const PIECES = ['Float', '[', ']', 'Tensor', ', ', '"', "'", 'b', ' ', 'n', '*', '#', '...', '(', ')', ':', 'shape', '==',
  'x', '.', 'assert ', 'Returns', '\n', '    ', '-', '+', '1', ',', 'TensorType', 'torch.Size', '_', '\\'];

function* texts(count: number): Generator<string> {
  let seed = 987654;
  for (let i = 0; i < count; i++) {
    let text = '';
    for (let j = 0; j < 1 + (i % 20); j++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      text += PIECES[seed % PIECES.length];
    }
    yield text;
  }
}

test('no reader throws on arbitrary text', () => {
  for (const text of texts(3000)) {
    assert.doesNotThrow(() => {
      parseTensorAnnotation(text);
      parseDocstringShapes(text);
      parseShapeComment(text);
      parseShapeComments(text);
      parseShapeAssert(text);
      parseDimAssert(text);
    }, JSON.stringify(text));
  }
});
