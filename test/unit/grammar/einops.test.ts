// Einops/einsum pattern strings get axis, group, ellipsis, arrow and anonymous-axis scopes;
// other strings and code around the call keep their Python scopes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasScope, scopesOf, tokenize } from './tokenize';

async function line(text: string) {
  return (await tokenize([text]))[0];
}

test('rearrange pattern: axes, groups, arrow', async () => {
  const t = await line("y = rearrange(x, 'b (h w) c -> b h w c', h=4)");
  assert.ok(hasScope(scopesOf(t, 'b'), 'variable.parameter.axis.einops'));
  assert.ok(hasScope(scopesOf(t, '(', 1), 'punctuation.definition.group.begin.einops'));
  assert.ok(hasScope(scopesOf(t, 'h'), 'meta.group.composed-axis.einops'));
  assert.ok(hasScope(scopesOf(t, ')'), 'punctuation.definition.group.end.einops'));
  assert.ok(hasScope(scopesOf(t, '->'), 'keyword.operator.arrow.einops'));
  assert.ok(hasScope(scopesOf(t, 'c', 1), 'variable.parameter.axis.einops'));
  assert.ok(hasScope(scopesOf(t, 'rearrange'), 'support.function.einops'));
  // The pattern is still a string for themes that only know Python scopes.
  assert.ok(scopesOf(t, 'b').some((s) => s.startsWith('string.quoted')));
});

test('ellipsis and the anonymous axis 1', async () => {
  const t = await line('z = einops.repeat(x, "... n -> ... 1 n")');
  assert.ok(hasScope(scopesOf(t, '...'), 'keyword.operator.ellipsis.einops'));
  assert.ok(hasScope(scopesOf(t, '1'), 'constant.numeric.anonymous-axis.einops'));
  assert.ok(hasScope(scopesOf(t, 'einops'), 'variable.other.module.python'));
});

test('einsum operands are separated and the reduction keyword stays a plain string', async () => {
  const e = await line("out = torch.einsum('bij,bjk->bik', a, b)");
  assert.ok(hasScope(scopesOf(e, ','), 'punctuation.separator.operand.einops'));
  assert.ok(hasScope(scopesOf(e, 'bij'), 'variable.parameter.axis.einops'));
  const r = await line("m = reduce(x, 'b c h w -> b c', 'mean')");
  const mean = r.find((tok) => tok.text.includes('mean'));
  assert.ok(mean, 'mean token');
  assert.ok(!mean.scopes.some((s) => s.includes('einops') && s.startsWith('variable')), `mean: ${mean.scopes.join(' ')}`);
  assert.ok(mean.scopes.some((s) => s.startsWith('string.quoted.single.python')));
});

test('pack and unpack wildcards', async () => {
  const t = await line("packed, ps = pack([a, b], 'b * c')");
  assert.ok(hasScope(scopesOf(t, '*'), 'keyword.operator.wildcard.einops'));
  const u = await line("a, b = unpack(packed, ps, 'b * c')");
  assert.ok(hasScope(scopesOf(u, '*'), 'keyword.operator.wildcard.einops'));
});

test('nested calls inside the arguments do not end the pattern call early', async () => {
  const t = await line("y = rearrange(x.view(b, n), 'b n -> n b')");
  assert.ok(hasScope(scopesOf(t, '->'), 'keyword.operator.arrow.einops'));
});

test('strings in other calls are not patterns', async () => {
  const t = await line("print('b c -> c b')");
  assert.ok(!t.some((tok) => tok.scopes.some((s) => s.includes('einops'))), JSON.stringify(t));
  const w = await line("my_rearrange(x, 'b c -> c b')");
  assert.ok(!w.some((tok) => tok.scopes.some((s) => s.includes('einops'))), JSON.stringify(w));
});

test('a pattern in a comment is not highlighted', async () => {
  const t = await line("# rearrange(x, 'b c -> c b')");
  assert.ok(!t.some((tok) => tok.scopes.some((s) => s.includes('einops'))));
});

test('an unterminated string is left to Python and does not swallow the next line', async () => {
  const [first, second] = await tokenize(["y = rearrange(x, 'b c -> c b", 'z = 1']);
  assert.ok(!first.some((tok) => tok.scopes.some((s) => s.includes('pattern.einops'))), JSON.stringify(first));
  assert.ok(!second.some((tok) => tok.scopes.some((s) => s.startsWith('string'))), JSON.stringify(second));
});
