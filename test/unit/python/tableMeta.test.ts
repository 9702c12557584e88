// The analysis path through the shared torch table (engine/src/python/interp/tableMeta.ts):
// what the interpreter does not know never becomes a problem, a shape or a dtype, and what it
// knows still flows through the table's rules.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine } from '../../../engine/src/index';
import { codes, check, dedent, hoverFor, interpretText } from './helpers';

before(async () => {
  await initEngine();
});

const HEADER = 'import torch\nfrom torch import Tensor\nfrom jaxtyping import Float, Shaped\n';

test('a condition of unknown dtype is not reported by torch.where (it may be bool)', () => {
  const a = check(HEADER + dedent(`
    def f(c: Shaped[Tensor, "n"], x: Float[Tensor, "n"]):
        return torch.where(c, x, 0.0)
  `));
  assert.deepEqual(codes(a), []);
});

test('a dim out of range is reported even when the dtype is unknown (every dtype raises)', () => {
  const a = check(HEADER + dedent(`
    def f(v: Float[Tensor, "n"]):
        return v.mean(dim=1)
  `));
  assert.deepEqual(codes(a), ['dim-out-of-range']);
});

test('max with a dim is a (values, indices) pair whose nodes say which output they are', () => {
  const r = interpretText('import torch\nx = torch.randn(4, 5)\nv, i = x.max(dim=-1)\n');
  const outs = r.nodes.filter((n) => n.op === 'torch.max').map((n) => [n.params.output, n.params.dim]);
  assert.deepEqual(outs, [['values', -1], ['indices', -1]]);
  assert.equal(hoverFor(r, 'v')?.shape, '(4,)');
  assert.equal(hoverFor(r, 'i')?.dtype, 'torch.int64');
});

test('an input of unknown rank gives a node with an unknown shape, not a guessed one', () => {
  const r = interpretText('import torch\ndef f(shape):\n    t = torch.zeros(shape)\n    s = t.sum(dim=-1)\n    return s\n');
  const sum = r.nodes.find((n) => n.op === 'torch.sum');
  assert.ok(sum);
  assert.equal(sum.params.dim, -1);
  assert.equal(sum.shape ?? null, null);
});

test('sizes read from the table stay symbolic: x.size(0), x.numel(), arange(len(x))', () => {
  const r = interpretText(HEADER + dedent(`
    def f(x: Float[Tensor, "b n"]):
        k = x.numel()
        y = torch.zeros(x.size(0), 2)
        w = x.view(k)
        a = torch.arange(len(x))
        return y
  `));
  assert.equal(hoverFor(r, 'y')?.shape, '(b, 2)');
  assert.equal(hoverFor(r, 'w')?.shape, '(b*n,)');
  assert.equal(hoverFor(r, 'a')?.shape, '(b,)');
});

test('a broadcast error shows both symbolic shapes before torch\'s message', () => {
  const a = check(HEADER + dedent(`
    def f(x: Float[Tensor, "b n"], y: Float[Tensor, "b"]):
        return x - y
  `));
  const finding = a.findings.find((x) => x.code === 'broadcast-mismatch');
  assert.ok(finding);
  assert.match(finding.message, /\(b, n\) and \(b,\)/);
});

test('in-place unsqueeze_ reads as unsqueeze for the result shape', () => {
  const r = interpretText('import torch\nx = torch.randn(3)\ny = x.unsqueeze_(0)\n');
  assert.equal(hoverFor(r, 'y')?.shape, '(1, 3)');
});

test('a mask of unknown dtype keeps masked_fill\'s shape (the dtypes that work agree on it)', () => {
  const r = interpretText(HEADER + dedent(`
    def f(x: Float[Tensor, "b n"], m: Shaped[Tensor, "b n"]):
        a = x.masked_fill(m, 0.0)
        return a
  `));
  assert.equal(hoverFor(r, 'a')?.shape, '(b, n)');
  assert.equal(r.problems.length, 0);
});

test('x.to(device) with an unknown device keeps the shape (kept on the interpreter\'s rule)', () => {
  const r = interpretText(HEADER + dedent(`
    def f(x: Float[Tensor, "b n"], device):
        y = x.to(device)
        return y
  `));
  assert.equal(hoverFor(r, 'y')?.shape, '(b, n)');
});

test('torch.as_tensor of an unknown value has an unknown rank (it may be a nested list)', () => {
  const a = check(HEADER + dedent(`
    def f(scales):
        s = torch.as_tensor(scales, dtype=torch.float32)
        return s[:, None] * s[None, :]
  `));
  assert.deepEqual(codes(a), []);
});

test('unknown value-only options keep the shape: dropout p, layer_norm eps, clamp max', () => {
  const r = interpretText(HEADER + dedent(`
    def f(x: Float[Tensor, "b n"], p: float, training: bool, top: float):
        a = torch.nn.functional.dropout(x, p=p, training=training)
        c = torch.nn.functional.layer_norm(x, (x.shape[-1],), eps=p)
        d = torch.clamp(x, max=top)
        return a
  `));
  assert.equal(hoverFor(r, 'a')?.shape, '(b, n)');
  assert.equal(hoverFor(r, 'c')?.shape, '(b, n)');
  assert.equal(hoverFor(r, 'd')?.shape, '(b, n)');
});

test('a reshape of an unknown-rank tensor has the target rank; x.dim() of one is unknown', () => {
  const r = interpretText('import torch\ndef f(x, n):\n    a = x.view(n, -1)\n    b = x.sum()\n    c = x.dim()\n    d = torch.zeros(c)\n    return a\n');
  assert.equal(hoverFor(r, 'a')?.shape, '(?, ?)');
  assert.equal(hoverFor(r, 'b')?.shape, '()');
  assert.equal(hoverFor(r, 'd')?.shape ?? null, null);
});
