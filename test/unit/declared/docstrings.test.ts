// Docstring shapes: the seed notes' style, numpy-doc, Google style and reST, and prose that
// merely contains parentheses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocstringShapes } from '../../../engine/src/declared';
import { assertShape } from '../einops/check';
import type { DimText } from '../einops/check';

function check(doc: string, params: Record<string, DimText[]>, returns?: DimText[]): void {
  const parsed = parseDocstringShapes(doc);
  assert.deepEqual([...parsed.params.keys()].sort(), Object.keys(params).sort(), 'parameter names');
  for (const [name, expected] of Object.entries(params)) assertShape(parsed.params.get(name)!, expected, name);
  if (returns === undefined) assert.equal(parsed.returns, undefined, 'no return shape expected');
  else assertShape(parsed.returns!, returns, 'return');
}

test('seed notes: batched_logsoftmax', () => {
  check(`Compute log(softmax(row)) for each row of the matrix.

    matrix: shape (batch, n)
    Return: shape (batch, n)
    `, { matrix: ['batch', 'n'] }, ['batch', 'n']);
});

test('seed notes: batched_cross_entropy_loss with trailing prose', () => {
  check(`Compute the cross entropy loss for each example in the batch.

    logits: shape (batch, classes). logits[i][j] is the unnormalized prediction for example i and class j.
    true_labels: shape (batch, ). true_labels[i] is an integer index representing the true class for example i.

    Return: shape (batch, ). out[i] is the loss for example i.
    `, { logits: ['batch', 'classes'], true_labels: ['batch'] }, ['batch']);
});

test('seed notes flattened onto one line (as in the notes file)', () => {
  check('Compute log(softmax(row)) for each row of the matrix. matrix: shape (batch, n) Return: shape (batch, n)',
    { matrix: ['batch', 'n'] }, ['batch', 'n']);
});

test('Returns: shape (batch,)', () => {
  check('Returns: shape (batch,)', {}, ['batch']);
});

test('numpy-doc parameters and returns', () => {
  check(`Attention.

    Parameters
    ----------
    x : Tensor of shape (B, N)
        The input.
    mask : torch.Tensor, shape (B, N)
        Which positions to keep.
    scale : float
        Multiplier.

    Returns
    -------
    out : Tensor of shape (B, N, D)
    `, { x: ['B', 'N'], mask: ['B', 'N'] }, ['B', 'N', 'D']);
});

test('numpy-doc return given as a bare type', () => {
  check(`Returns
    -------
    Tensor of shape (B,)
        Scores.
    `, {}, ['B']);
});

test('Google style: shape after the type, and a leading tuple', () => {
  check(`Encode.

    Args:
        x (Tensor): shape (B, N)
        y (torch.Tensor): (B, N) tensor of targets.
        w (Tensor): The weights, of shape
            (N, D).
        n (int): number of steps (at least 1).

    Returns:
        Tensor: shape (B, D)
    `, { x: ['B', 'N'], y: ['B', 'N'], w: ['N', 'D'] }, ['B', 'D']);
});

test('Google style with a Returns description on the next line', () => {
  check(`Args:
        x (Tensor): input of shape (batch, seq_len, d_model)

    Returns:
        The output, of shape (batch, seq_len, d_model).
    `, { x: ['batch', 'seq_len', 'd_model'] }, ['batch', 'seq_len', 'd_model']);
});

test('reST fields', () => {
  check(`:param x: shape (B, N)
    :param Tensor y: of shape (B,)
    :returns: shape (B, N)
    `, { x: ['B', 'N'], y: ['B'] }, ['B', 'N']);
});

test('products and ints in docstring shapes', () => {
  check('x: shape (b, h*w, 3)\nReturns: shape (b, n+1)', { x: ['b', 'h*w', 3] }, ['b', 'n+1']);
});

test('square brackets after "shape"', () => {
  check('x: shape [B, N]', { x: ['B', 'N'] });
});

test('parentheses in prose are not shapes', () => {
  check(`Compute log(softmax(row)) for each row (see the paper).

    x: the input (must be finite)
    k (int): how many (at most 3)
    Note: (b, n) inputs are also accepted.
    `, {});
});

test('a shape with an item that is not a dim declares nothing', () => {
  // PyTorch docs write (N, *) for "any trailing dims"; that is not a Shape
  check('input: shape (N, *)\nReturns: shape (N, *, H)', {});
});

test('Shape and Example sections are skipped', () => {
  check(`Shape:
        x: shape (N, C)

    Examples:
        y: shape (3, 4)
    `, {});
});

test('an empty or odd docstring never throws', () => {
  for (const doc of ['', '\n\n', 'shape (', 'x: shape ((', 'Returns:\n', ':param', 'x (Tensor: shape (B)']) {
    assert.doesNotThrow(() => parseDocstringShapes(doc), doc);
  }
});

test('markup around the tuple: backticks and :math:', () => {
  check('x: tensor of shape `(B, N)`.\ny (Tensor): of shape ``(B,)``\nz: shape :math:`(N, C)`', { x: ['B', 'N'], y: ['B'], z: ['N', 'C'] });
});

test('Google style without a type and "with shape"', () => {
  check(`Args:
        x: Input tensor of shape (B, C, H, W).
        mask (Tensor): Boolean mask with shape [B, N]
    `, { x: ['B', 'C', 'H', 'W'], mask: ['B', 'N'] });
});

test('ellipsis and star dims in docstrings declare nothing', () => {
  check('x: shape (..., N)\ny: shape (B, *)', {});
});
