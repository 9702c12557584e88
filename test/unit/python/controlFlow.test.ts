import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine } from '../../../engine/src/index';
import { check, codes, dedent, hoverFor } from './helpers';

before(async () => {
  await initEngine();
});

test('if/else with the same shape on both branches keeps it', () => {
  const a = check(dedent(`
    import torch
    def f(flag):
        if flag:
            y = torch.zeros(3, 4)
        else:
            y = torch.ones(3, 4)
        z = y + 1
  `));
  assert.equal(hoverFor(a, 'y + 1')?.shape, '(3, 4)');
});

test('if/else with different shapes joins to unknown dims and reports nothing', () => {
  const a = check(dedent(`
    import torch
    def f(flag):
        if flag:
            y = torch.zeros(3, 4)
        else:
            y = torch.ones(3, 5)
        z = y + torch.ones(4)
  `));
  assert.equal(hoverFor(a, 'y + torch.ones(4)')?.shape, '(3, 4)');
  assert.deepEqual(codes(a), []);
});

test('a name bound in only one branch is unknown afterwards', () => {
  const a = check(dedent(`
    import torch
    def f(flag):
        if flag:
            y = torch.zeros(3, 4)
        z = y @ torch.ones(5, 2)
  `));
  assert.deepEqual(codes(a), []);
});

test('a provable condition takes one branch only', () => {
  const a = check(dedent(`
    import torch
    x = torch.zeros(3, 4)
    if x.dim() == 2:
        y = x.sum(-1)
    else:
        y = x
    z = y + torch.ones(4)
  `));
  assert.deepEqual(codes(a), ['broadcast-mismatch']);
});

test('for over range unrolls; for over an nn.ModuleList threads shapes through each layer', () => {
  const a = check(dedent(`
    import torch
    from torch import nn
    layers = nn.ModuleList([nn.Linear(8, 16), nn.Linear(16, 4)])
    h = torch.randn(2, 8)
    for layer in layers:
        h = layer(h)
    out = h
    acc = torch.zeros(2)
    for i in range(3):
        acc = acc + i
  `));
  assert.equal(hoverFor(a, 'out')?.shape, '(2, 4)');
  assert.equal(hoverFor(a, 'acc', 10)?.shape, '(2,)');
});

test('while, with, try and tuple unpacking keep their shapes', () => {
  const a = check(dedent(`
    import torch
    x = torch.randn(6, 7)
    b, n = x.shape
    values, indices = x.max(dim=-1)
    i = 0
    while i < 3:
        i += 1
    with torch.no_grad():
        y = x.view(b * n)
    try:
        z = x.T
    except Exception:
        z = x.T
    first, *rest = [x, x, x]
  `));
  assert.equal(hoverFor(a, 'values')?.shape, '(6,)');
  assert.equal(hoverFor(a, 'indices')?.dtype, 'torch.int64');
  assert.equal(hoverFor(a, 'y')?.shape, '(42,)');
  assert.equal(hoverFor(a, 'z', 11)?.shape, '(7, 6)');
  assert.equal(hoverFor(a, 'first')?.shape, '(6, 7)');
});

test('b, n = x.shape binds symbols from a declaration', () => {
  const a = check(dedent(`
    import torch
    from jaxtyping import Float
    from torch import Tensor
    def f(x: Float[Tensor, "batch n"]):
        b, n = x.shape
        y = x.reshape(n, b)
        z = torch.zeros(b, 1) + x
        return y
  `));
  assert.equal(hoverFor(a, 'y')?.shape, '(n, batch)');
  assert.equal(hoverFor(a, 'z')?.shape, '(batch, n)');
});

test('comprehensions, lambdas and dicts of tensors', () => {
  const a = check(dedent(`
    import torch
    xs = [torch.zeros(i + 1, 2) for i in range(3)]
    cat = torch.cat(xs, dim=0)
    sq = lambda t: t * t
    y = sq(torch.ones(5))
    d = {"a": torch.ones(2, 3)}
    w = d["a"].sum(0)
  `));
  assert.equal(hoverFor(a, 'cat')?.shape, '(6, 2)');
  assert.equal(hoverFor(a, 'y')?.shape, '(5,)');
  assert.equal(hoverFor(a, 'w')?.shape, '(3,)');
});
