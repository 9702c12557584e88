import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine } from '../../../engine/src/index';
import { check, codes, dedent, hoverFor } from './helpers';

before(async () => {
  await initEngine();
});

test('for i in range(10**9) ends with a step-budget note and the rest of the file is analysed', () => {
  const a = check(dedent(`
    import torch
    x = torch.zeros(3)
    for i in range(10**9):
        x = x + 1
    y = torch.ones(2, 3) @ torch.ones(4, 5)
  `));
  assert.ok(a.notes.some((n) => n.startsWith('preview stopped: step budget')), a.notes.join('\n'));
  assert.deepEqual(codes(a), ['matmul-mismatch']);
});

test('while True without a break ends with a step-budget note', () => {
  const a = check('import torch\nx = torch.zeros(3)\nwhile True:\n    x = x * 2\ny = 1\n');
  assert.ok(a.notes.some((n) => n.startsWith('preview stopped: step budget')));
});

test('unbounded recursion ends with a step-budget note and an unknown result', () => {
  const a = check(dedent(`
    import torch
    def f(x):
        return f(x + 1)
    y = f(torch.zeros(3))
    z = y @ torch.zeros(7, 7)
  `));
  assert.ok(a.notes.some((n) => n.startsWith('preview stopped: step budget')));
  assert.deepEqual(codes(a), []);
});

test('open, os.system, subprocess, __import__, eval and exec evaluate to unknown with a note', () => {
  const a = check(dedent(`
    import os, subprocess
    import torch
    f = open("/etc/passwd")
    os.system("touch /tmp/tensorlint-should-not-exist")
    subprocess.run(["ls"])
    m = __import__("os")
    v = eval("1 + 1")
    exec("import os")
    g = getattr(os, "system")
    g("ls")
    w = torch.zeros(v) + f
  `));
  for (const name of ['builtins.open', 'os.system', 'subprocess.run', 'builtins.__import__', 'builtins.eval', 'builtins.exec']) {
    assert.ok(a.notes.some((n) => n.includes(name)), `${name} not noted: ${a.notes.join('; ')}`);
  }
  assert.deepEqual(codes(a), []);
  assert.equal(hoverFor(a, 'w'), undefined);
});

test('half-typed code does not crash and keeps analysing what parses', () => {
  const texts = [
    'import torch\nx = torch.randn(3, 4)\ny = x.sum(dim=\n',
    'import torch\ndef f(x:\n    return x.view(\n',
    'import torch\nx = torch.randn(3, 4)\ny = x[\nz = torch.ones(2, 3) @ torch.ones(4, 2)\n',
    'class A(nn.Module):\n    def forward(self, x):\n        return self.',
    'x = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
    'import torch\nx = torch.randn(*)\n' + 'y = x' + '.sum()'.repeat(300) + '\n',
    'lambda: (yield)\nasync def f():\n    await x\n    async for i in y: pass\nmatch x:\n    case 1: z = 2\n',
    '',
    '\u0000\uFFFF\uD800',
  ];
  for (const text of texts) {
    const a = check(text);
    assert.ok(Array.isArray(a.findings));
    assert.ok(!a.notes.some((n) => n.startsWith('internal error')), `${JSON.stringify(text)}: ${a.notes.join('; ')}`);
  }
});
