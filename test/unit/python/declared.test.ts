import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine } from '../../../engine/src/index';
import { check, codes, dedent, hoverFor } from './helpers';

before(async () => {
  await initEngine();
});

const forms: Array<[string, string]> = [
  ['jaxtyping', 'def f(x: Float[Tensor, "batch n"]):\n    y = x.sum(-1)\n'],
  ['jaxtyping with torch.Tensor', 'def f(x: Float[torch.Tensor, "batch n"]):\n    y = x.sum(-1)\n'],
  ['torchtyping', 'def f(x: TensorType["batch", "n"]):\n    y = x.sum(-1)\n'],
  ['seed-notes docstring', 'def f(x):\n    """Sums rows.\n\n    x: shape (batch, n)\n    """\n    y = x.sum(-1)\n'],
  ['numpy-doc docstring', 'def f(x):\n    """Sums rows.\n\n    Parameters\n    ----------\n    x : Tensor of shape (batch, n)\n    """\n    y = x.sum(-1)\n'],
  ['Google docstring', 'def f(x):\n    """Sums rows.\n\n    Args:\n        x (Tensor): shape (batch, n)\n    """\n    y = x.sum(-1)\n'],
];

for (const [name, body] of forms) {
  test(`a ${name} declaration shapes the parameter`, () => {
    const a = check(`import torch\nfrom torch import Tensor\nfrom jaxtyping import Float\nfrom torchtyping import TensorType\n${body}`);
    assert.equal(hoverFor(a, 'x')?.shape, '(batch, n)');
    assert.equal(hoverFor(a, 'y')?.shape, '(batch,)');
  });
}

test('jaxtyping variadic dims and ... leave the rank unknown and report nothing', () => {
  const a = check(dedent(`
    from jaxtyping import Float
    from torch import Tensor
    def f(x: Float[Tensor, "*batch n"], y: Float[Tensor, "..."]):
        return x - y.sum(-1) + x.sum(-1)
  `));
  assert.deepEqual(codes(a), []);
});

test('declared parameters get seeded samples, and hover shows computed values', () => {
  const a = check('from torch import Tensor\ndef f(x: Tensor):\n    """x: shape (batch, n)"""\n    c = x.max(dim=-1, keepdim=True).values\n    return x - c\n');
  const c = hoverFor(a, 'c');
  assert.ok(c?.sample?.startsWith('tensor([['), c?.sample);
  const diff = hoverFor(a, 'x - c');
  // x - max(x) is <= 0 everywhere, with a 0 in every row.
  assert.ok(diff?.sample && /0\.0000/.test(diff.sample) && !/ [1-9]\.\d{4}/.test(diff.sample), diff?.sample);
});

test('a trailing shape comment labels an unknown value but never causes a finding', () => {
  const a = check('import torch\ndef f(x, y):\n    z = torch.stack([x, y], dim=2)  # (N, M)\n    return z.min(dim=2)\n');
  assert.deepEqual(codes(a), []);
  assert.equal(hoverFor(a, 'torch.stack([x, y], dim=2)')?.shape, '(N, M) (from the comment)');
});

test('assert x.shape == (b, n) gives an unshaped value symbolic dims', () => {
  const a = check('import torch\ndef f(x):\n    assert x.shape == (b, n)\n    y = x.sum(0)\n');
  assert.equal(hoverFor(a, 'y')?.shape, '(n,)');
});

test('nn.Module: __init__ layers flow into forward and into the code that calls the module', () => {
  const a = check(dedent(`
    import torch
    from torch import nn
    class Encoder(nn.Module):
        def __init__(self, vocab, dim):
            super().__init__()
            self.emb = nn.Embedding(vocab, dim)
            self.norm = nn.LayerNorm(dim)
            self.proj = nn.Parameter(torch.randn(dim, 2 * dim))
            self.attn = nn.MultiheadAttention(dim, 4, batch_first=True)
            self.conv = nn.Conv1d(dim, dim, kernel_size=3, padding=1)
            self.head = nn.Sequential(nn.Linear(2 * dim, dim), nn.GELU(), nn.Dropout(0.1), nn.Linear(dim, vocab))
        def forward(self, tokens):
            h = self.norm(self.emb(tokens))
            a, w = self.attn(h, h, h)
            c = self.conv(a.transpose(1, 2)).transpose(1, 2)
            return self.head(c @ self.proj)
    enc = Encoder(100, 16)
    logits = enc(torch.randint(0, 100, (4, 7)))
    loss = nn.CrossEntropyLoss()(logits.view(-1, 100), torch.randint(0, 100, (28,)))
  `));
  assert.deepEqual(codes(a), []);
  assert.equal(hoverFor(a, 'logits')?.shape, '(4, 7, 100)');
  assert.equal(hoverFor(a, 'w')?.shape, '(4, 7, 7)');
  assert.equal(hoverFor(a, 'c')?.shape, '(4, 7, 16)');
  assert.equal(hoverFor(a, 'loss')?.shape, '()');
});

test('samples are seeded: two analyses of the same text show the same values', () => {
  const text = 'from torch import Tensor\ndef f(x: Tensor):\n    """x: shape (batch, n)"""\n    y = x.exp()\n    return y\n';
  const first = hoverFor(check(text), 'y')?.sample;
  check('import torch\nz = torch.randn(3)\n');
  assert.ok(first);
  assert.equal(hoverFor(check(text), 'y')?.sample, first);
});

test('assignments leave inlay facts after their targets', () => {
  const a = check('import torch\nx = torch.zeros(2, 3)\ny, z = x.max(dim=0)\n');
  assert.deepEqual(a.inlays.map((i) => [i.position.line, i.position.character, i.shape]), [[1, 1, '(2, 3)'], [2, 1, '(3,)'], [2, 4, '(3,)']]);
});
