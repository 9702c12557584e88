import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine } from '../../../engine/src/index';
import { interpretText } from './helpers';

before(async () => {
  await initEngine();
});

/** The op of the node produced by the expression `text`. */
function opOf(source: string, text: string): string | undefined {
  return interpretText(source).nodes.find((n) => n.text === text)?.op;
}

const X = 'x = torch.randn(4, 5)\n';

test('import torch as t resolves t.exp to torch.exp', () => {
  assert.equal(opOf(`import torch\nimport torch as t\n${X}y = t.exp(x)\n`, 't.exp(x)'), 'torch.exp');
});

test('from torch import exp resolves exp to torch.exp, and a method to the same op', () => {
  const src = `import torch\nfrom torch import exp\n${X}y = exp(x)\nz = x.exp()\n`;
  assert.equal(opOf(src, 'exp(x)'), 'torch.exp');
  assert.equal(opOf(src, 'x.exp()'), 'torch.exp');
});

test('import torch.nn.functional as F and from torch.nn import functional resolve to the same softmax', () => {
  const a = opOf(`import torch\nimport torch.nn.functional as F\n${X}y = F.softmax(x, dim=-1)\n`, 'F.softmax(x, dim=-1)');
  const b = opOf(`import torch\nfrom torch.nn import functional as G\n${X}y = G.softmax(x, dim=-1)\n`, 'G.softmax(x, dim=-1)');
  const c = opOf(`import torch\n${X}y = x.softmax(-1)\n`, 'x.softmax(-1)');
  assert.ok(a);
  assert.equal(a, b);
  assert.equal(a, c);
});

test('from torch import nn, Tensor makes nn.Linear a layer and Tensor an annotation', () => {
  const r = interpretText('import torch\nfrom torch import nn, Tensor\nlin = nn.Linear(5, 3)\ndef f(x: Tensor):\n    return x\ny = lin(torch.randn(2, 5))\n');
  assert.equal(r.hovers.find((h) => h.text === 'lin(torch.randn(2, 5))')?.shape, '(2, 3)');
});

test('from einops import rearrange as r records an einops.rearrange node', () => {
  assert.equal(opOf(`import torch\nfrom einops import rearrange as r\n${X}y = r(x, "a b -> b a")\n`, 'r(x, "a b -> b a")'), 'einops.rearrange');
});

test('operators resolve to the table names and keep scalar operands as params', () => {
  const r = interpretText(`import torch\n${X}y = 1 - x\nz = x @ x.T\n`);
  const sub = r.nodes.find((n) => n.text === '1 - x');
  assert.equal(sub?.op, 'torch.sub');
  assert.deepEqual(sub?.inputs.map((i) => i?.op ?? null), [null, 'torch.randn']);
  assert.equal(sub?.params.input, 1);
  assert.equal(r.nodes.find((n) => n.text === 'x @ x.T')?.op, 'torch.matmul');
});

test('an unknown module call stays unknown and produces no node', () => {
  const r = interpretText('import numpy as np\nimport torch\nx = np.exp(3)\ny = torch.exp(x)\n');
  assert.equal(r.nodes.filter((n) => n.op === 'torch.exp').length, 0);
});
