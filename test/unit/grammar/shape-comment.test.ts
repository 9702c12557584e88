// Shape comments ('# (batch, n)', '# shape: ...') get dimension scopes; prose stays a comment.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasScope, scopesOf, tokenize } from './tokenize';

async function line(text: string) {
  return (await tokenize([text]))[0];
}

test('a trailing tuple comment is a shape', async () => {
  const t = await line('logits = model(x)  # (batch, n_classes)');
  assert.ok(hasScope(scopesOf(t, 'batch'), 'variable.other.dimension.tensorlint'));
  assert.ok(hasScope(scopesOf(t, 'n_classes'), 'variable.other.dimension.tensorlint'));
  assert.ok(hasScope(scopesOf(t, ','), 'punctuation.separator.dimension.tensorlint'));
  assert.ok(hasScope(scopesOf(t, 'batch'), 'comment.line.number-sign.python'));
});

test('shape: prefix, products, literals and ellipsis', async () => {
  const t = await line('# shape: (b, h*w, 3, ...)');
  assert.ok(hasScope(scopesOf(t, 'shape'), 'keyword.other.shape.tensorlint'));
  assert.ok(hasScope(scopesOf(t, '*'), 'keyword.operator.arithmetic.tensorlint'));
  assert.ok(hasScope(scopesOf(t, '3'), 'constant.numeric.dimension.tensorlint'));
  assert.ok(hasScope(scopesOf(t, '...'), 'keyword.operator.ellipsis.tensorlint'));
  const l = await line('# shape: [batch, 1]');
  assert.ok(hasScope(scopesOf(l, 'batch'), 'variable.other.dimension.tensorlint'));
});

test('prose in parentheses is not a shape', async () => {
  const t = await line('# compute the loss (see notes: eq. 3)');
  assert.ok(!t.some((tok) => tok.scopes.some((s) => s.includes('tensorlint'))), JSON.stringify(t));
  const mid = await line('# the mean over (batch, n) is taken later');
  assert.ok(!mid.some((tok) => tok.scopes.some((s) => s.includes('tensorlint'))), JSON.stringify(mid));
});

test('a tuple in code is not a shape comment', async () => {
  const t = await line('x = torch.zeros((batch, n))');
  assert.ok(!t.some((tok) => tok.scopes.some((s) => s.includes('tensorlint'))));
});
