// The interpreter's caching syntax view: whatever order a node's children, named children and
// fields are first read in, each child is one wrapper (the interpreter keys caches and memo
// tables by node identity), and the view agrees with the parser's own nodes.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine } from '../../../engine/src/index';
import { parsePython } from '../../../engine/src/python/parser';
import { LazyNode } from '../../../engine/src/python/interp/lazyNode';
import { isUnsafe } from '../../../engine/src/python/interp/calls';
import { parseAnnotation, parseDocstring } from '../../../engine/src/python/interp/declared';
import type { SyntaxNode } from '../../../engine/src/python/syntax';

before(async () => {
  await initEngine();
});

const SOURCE = [
  'import torch',
  'def f(x: torch.Tensor, n=3, *rest, k, **kw) -> torch.Tensor:',
  '    """x: shape (batch, n)"""',
  '    y = x.sum(dim=-1) + n  # (batch,)',
  '    if y is None and not k:',
  '        return -y',
  '    elif n > 2:',
  '        z = [a * 2 for a in rest if a]',
  '    else:',
  '        z = {"a": 1, **kw}',
  '    return y[0, 1:2]',
  'w = f(torch.ones(2, 3), k=1)',
  '',
].join('\n');

type Access = 'children' | 'named' | 'fields';
const FIELDS = ['name', 'parameters', 'body', 'left', 'right', 'function', 'arguments', 'object', 'attribute', 'operator', 'condition', 'consequence', 'value', 'type', 'return_type'];

/** Reads every node in the given order of accesses, checking the view against the raw tree. */
function walk(lazy: SyntaxNode, raw: SyntaxNode, order: Access[], seen: Set<SyntaxNode>): void {
  assert.equal(lazy.type, raw.type);
  assert.equal(lazy.text, raw.text);
  assert.equal(lazy.startIndex, raw.startIndex);
  assert.equal(lazy.endIndex, raw.endIndex);
  assert.equal(lazy.isNamed, raw.isNamed);
  assert.ok(!seen.has(lazy), 'a wrapper reached twice through different parents');
  seen.add(lazy);
  const byField = new Map<string, SyntaxNode | null>();
  for (const access of order) {
    if (access === 'children') lazy.children.forEach((c, i) => assert.equal(c.id, raw.children[i].id));
    else if (access === 'named') lazy.namedChildren.forEach((c, i) => assert.equal(c.id, raw.namedChildren[i].id));
    else for (const f of FIELDS) byField.set(f, lazy.childForFieldName(f));
  }
  for (const f of FIELDS) {
    const got = byField.get(f) ?? lazy.childForFieldName(f);
    const want = raw.childForFieldName(f);
    assert.equal(got?.id ?? null, want?.id ?? null, `field ${f} of ${raw.type}`);
    // The field's wrapper is the very object the child lists hold.
    if (got) assert.ok(lazy.children.includes(got as never), `field ${f} of ${raw.type} is not among the children`);
    if (got && got.isNamed) assert.ok(lazy.namedChildren.includes(got as never));
  }
  assert.equal(lazy.namedChildren.length, raw.namedChildren.length);
  assert.deepEqual(lazy.namedChildren, lazy.children.filter((c) => c.isNamed));
  lazy.children.forEach((c, i) => {
    assert.equal(c.parent, lazy);
    walk(c, raw.children[i], order, seen);
  });
}

for (const order of [['children'], ['named'], ['fields'], ['fields', 'named'], ['named', 'fields'], ['fields', 'children'], ['named', 'children', 'fields']] as Access[][]) {
  test(`every child is one wrapper, read in the order ${order.join(', ')}`, () => {
    const tree = parsePython(SOURCE);
    try {
      walk(new LazyNode(tree.rootNode, null), tree.rootNode, order, new Set());
    } finally {
      tree.dispose();
    }
  });
}

test('a field read before the child lists is the same wrapper the lists hold later', () => {
  const tree = parsePython('y = f(x)\n');
  try {
    const root = new LazyNode(tree.rootNode, null);
    const assignment = root.namedChildren[0].namedChildren[0];
    const right = assignment.childForFieldName('right')!;
    const fn = right.childForFieldName('function')!;
    assert.equal(right.namedChildren[0], fn);
    assert.equal(assignment.children[2], right);
    assert.equal(assignment.namedChildren[1], right);
    assert.equal(assignment.childForFieldName('right'), right);
  } finally {
    tree.dispose();
  }
});

test('unsafe names: each listed root, itself and everything under it, and nothing else', () => {
  for (const name of ['os', 'os.', 'os.path.join', 'builtins.open', 'builtins.open.x', 'torch.load', 'torch.hub', 'torch.hub.load', 'torch.utils.data.DataLoader', 'torch.utils.data']) {
    assert.equal(isUnsafe(name), true, name);
  }
  for (const name of ['osx', 'torch', 'torch.loads', 'torch.nn.Linear', 'builtins.print', 'builtins.opener', 'torch.utils.dat', 'torch.jit.script', '', '.']) {
    assert.equal(isUnsafe(name), false, name);
  }
});

test('declaration parses kept across analyses give the same answers as fresh ones', () => {
  const doc = 'x: shape (batch, n)\nReturns: shape (batch,)';
  const first = parseDocstring(doc);
  assert.equal(first.params.get('x')?.length, 2);
  assert.equal(first.returns?.length, 1);
  // A different string with the same text (as the next keystroke's parse gives) hits the cache.
  assert.equal(parseDocstring(['x: shape (batch, n)', 'Returns: shape (batch,)'].join('\n')), first);
  assert.equal(parseAnnotation('int'), null);
  assert.equal(parseAnnotation('int'), null);
  const declared = parseAnnotation('Float[Tensor, "b n"]');
  assert.equal(declared?.shape?.length, 2);
  assert.equal(parseAnnotation(['Float[Tensor, ', '"b n"]'].join('')), declared);
});
