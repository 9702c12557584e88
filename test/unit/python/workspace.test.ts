import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, initEngine } from '../../../engine/src/index';
import { dedent, hoverFor } from './helpers';

before(async () => {
  await initEngine();
});

const LAYERS = dedent(`
  import torch
  from torch import nn
  def project(x, w):
      return x @ w
  class Block(nn.Module):
      def __init__(self, d):
          super().__init__()
          self.fc = nn.Linear(d, 2 * d)
      def forward(self, x):
          return self.fc(x)
  bad = torch.ones(2, 3) @ torch.ones(4, 5)
`);

const modules: Record<string, string> = { '.layers': LAYERS, 'pkg.layers': LAYERS, '.cycle_a': 'from .cycle_b import g\ndef f():\n    return 1\n', '.cycle_b': 'from .cycle_a import f\ndef g():\n    return 2\n' };
const resolveModule = (name: string) => modules[name];

test('functions and nn.Modules imported from workspace files carry shapes into this file', () => {
  const a = analyze(dedent(`
    import torch
    from .layers import project, Block
    from pkg.layers import Block as B2
    y = project(torch.ones(4, 3), torch.ones(3, 7))
    z = Block(8)(torch.ones(5, 8))
    q = B2(2)(torch.ones(1, 2))
    bad = project(torch.ones(4, 3), torch.ones(5, 7))
  `), { resolveModule });
  assert.equal(hoverFor(a, 'y')?.shape, '(4, 7)');
  assert.equal(hoverFor(a, 'z')?.shape, '(5, 16)');
  assert.equal(hoverFor(a, 'q')?.shape, '(1, 4)');
  // The imported file's own problems belong to it; a call here that makes its code fail is reported at the call.
  assert.deepEqual(a.findings.map((f) => [f.code, f.range.start.line]), [['matmul-mismatch', 6]]);
  assert.match(a.findings[0].message, /inside project\(\), imported/);
  assert.ok(a.hovers.every((h) => h.range.start.line <= 6));
});

test('without resolveModule, or for an import cycle, imported names are unknown and nothing crashes', () => {
  const a = analyze('import torch\nfrom .layers import project\ny = project(torch.ones(4, 3), torch.ones(5, 7))\n');
  assert.equal(hoverFor(a, 'y'), undefined);
  const b = analyze('from .cycle_a import f\nx = f()\n', { resolveModule });
  assert.ok(!b.notes.some((n) => n.startsWith('internal')), b.notes.join('; '));
});
