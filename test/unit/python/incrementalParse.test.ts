// Incremental re-parsing (createParseSession) must be invisible: after any sequence of edits,
// the session's tree and analyze()'s results equal those of a fresh parse of the same text.
// Edits are seeded and random; a failure message names the seed and step to replay it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { analyze, createParseSession, initEngine } from '../../../engine/src/index';
import { parsePython } from '../../../engine/src/python/parser';
import type { SyntaxNode } from '../../../engine/src/python/syntax';
import { seedFiles } from '../../fuzz/harness';
import { MUTATIONS, Rng } from '../../fuzz/mutate';

before(async () => {
  await initEngine();
});

const FIELDS = ['name', 'parameters', 'body', 'left', 'right', 'function', 'arguments', 'object', 'attribute', 'operator', 'condition', 'consequence', 'alternative', 'value', 'type', 'return_type', 'key', 'subscript'];

/** Everything the engine can read off a tree, flattened so two trees compare with one deepEqual. */
function dump(node: SyntaxNode, out: string[] = []): string[] {
  const fields = FIELDS.map((f) => `${f}=${node.childForFieldName(f)?.startIndex ?? '-'}`).join(',');
  out.push(`${node.type}${node.isNamed ? '' : '?'}${node.isMissing ? '!' : ''}${node.hasError ? 'E' : ''} ${node.startIndex}-${node.endIndex} ` +
    `${node.startPosition.row}:${node.startPosition.column}-${node.endPosition.row}:${node.endPosition.column} n${node.childCount}/${node.namedChildCount} ${fields} ${JSON.stringify(node.text.slice(0, 40))}`);
  for (const child of node.children) dump(child, out);
  return out;
}

function freshDump(text: string): string[] {
  const tree = parsePython(text);
  try {
    return dump(tree.rootNode);
  } finally {
    tree.dispose();
  }
}

const SNIPPETS = [
  'x = 1\n', '# 中文注释 😀 emoji\n', 'y = torch.zeros(2, 3)  # 形状 👩‍👩‍👧\n', 'a, *b = c, *d\n', 'host, *rest = "h", *[]\n',
  's = "π 𝔵 é"\n', 'z = (x + \n', ')\n', 'def f(x):\n', '    return x\n', 'if x:\n', '    pass\n', '\r\n', '\n', ' ', '(', ')', ':',
  '"""', '"', '#', '\t', '😀', '中', 'é', '\u2028', 'lambda', '=', ',', '*',
];

type Edit = (text: string, rng: Rng, history: string[]) => string;

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

const EDITS: Record<string, Edit> = {
  // Keystroke-sized edits anywhere (these create syntax errors, and later ones fix them).
  insertChar: (t, r) => {
    const i = r.int(t.length + 1);
    return t.slice(0, i) + r.pick(SNIPPETS).slice(0, 1 + r.int(2)) + t.slice(i);
  },
  deleteChars: (t, r) => {
    const i = r.int(t.length + 1);
    return t.slice(0, i) + t.slice(i + 1 + r.int(3));
  },
  replaceChars: (t, r) => {
    const i = r.int(t.length + 1);
    return t.slice(0, i) + r.pick(SNIPPETS) + t.slice(i + r.int(6));
  },
  // Edits that keep the file valid, so the incremental path (not the fallback) is exercised.
  insertLine: (t, r) => {
    const starts = lineStarts(t);
    const at = r.pick(starts);
    const indent = /^[ \t]*/.exec(t.slice(at))![0];
    const line = r.pick(['x = 1', 'a, *b = c, *d', 'y = torch.zeros(2, 3)  # 中文 😀', 's = "π 𝔵 é"', '# 注释 👩‍👩‍👧', 'n = len(s) + 1', 'pass']);
    const eol = t.includes('\r\n') ? '\r\n' : '\n';
    return t.slice(0, at) + indent + line + eol + t.slice(at);
  },
  commentText: (t, r) => {
    const starts = lineStarts(t);
    const row = r.int(starts.length);
    const end = row + 1 < starts.length ? starts[row + 1] - 1 : t.length;
    const at = end > 0 && t[end - 1] === '\r' ? end - 1 : end;
    return t.slice(0, at) + r.pick(['  # 中文', ' # 😀', ' # x', '  # é\u0301']) + t.slice(at);
  },
  renameChar: (t, r) => {
    const matches = [...t.matchAll(/\b[a-z_][a-z_0-9]*\b/g)];
    if (matches.length === 0) return t;
    const m = r.pick(matches);
    const at = m.index! + r.int(m[0].length + 1);
    return t.slice(0, at) + r.pick(['a', 'z', '_', '1', 'é', '中']) + t.slice(at);
  },
  digit: (t, r) => {
    const matches = [...t.matchAll(/\d/g)];
    if (matches.length === 0) return t;
    const at = r.pick(matches).index!;
    return t.slice(0, at) + String(r.int(10)) + t.slice(at + 1);
  },
  deleteLine: (t, r) => {
    const starts = lineStarts(t);
    const row = r.int(starts.length);
    return t.slice(0, starts[row]) + t.slice(starts[row + 1] ?? t.length);
  },
  // Back to an earlier version: an undo, which fixes whatever the edits since broke.
  undo: (t, r, history) => (history.length > 0 ? r.pick(history) : t),
  crlf: (t) => t.replace(/\r?\n/g, '\r\n'),
  lf: (t) => t.replace(/\r\n/g, '\n'),
  mutate: (t, r) => r.pick([MUTATIONS.oddUnicode, MUTATIONS.insertToken, MUTATIONS.deleteSpan, MUTATIONS.swapLines, MUTATIONS.dedentLine])(t, r),
};
const EDIT_NAMES = Object.keys(EDITS);
const KEEPS_VALID = ['insertLine', 'commentText', 'digit', 'undo', 'lf'];

/** Half the edits keep code valid (or undo), so the incremental path is taken often. */
function pickEdit(rng: Rng): string {
  return rng.pick(rng.next() < 0.5 ? KEEPS_VALID : EDIT_NAMES);
}

function smallSeeds(): string[] {
  return seedFiles(false)
    .map((f) => fs.readFileSync(f, 'utf8'))
    .filter((t) => t.length < 6000)
    .slice(0, 40);
}

const EXTRA_SEEDS = [
  'import torch\n# 中文注释 😀\nx = torch.zeros(4, 3)  # 形状 👩‍👩‍👧\nhost, *rest = "h", *[]\na, *b = x, *x\ny = x.softmax(dim=-1).log()\n',
  'import torch\r\ndef f(x):\r\n    """π 𝔵"""\r\n    return torch.log(torch.exp(x).sum())\r\nz = f(torch.randn(2, 3))\r\n',
  '',
];

test('incremental parse trees equal fresh ones over random edit sequences', () => {
  const seeds = [...smallSeeds(), ...EXTRA_SEEDS];
  assert.ok(seeds.length > 5, 'expected seed files from examples/ and test/fixtures/');
  let incrementalSteps = 0;
  // TL_INCREMENTAL_SEEDS=2000 for a longer hunt; the suite runs the first 60.
  const seedCount = Number(process.env.TL_INCREMENTAL_SEEDS) || 60;
  for (let seed = 1; seed <= seedCount; seed++) {
    const rng = new Rng(seed);
    let text = seeds[seed % seeds.length];
    const session = createParseSession();
    const history: string[] = [];
    try {
      for (let step = 0; step < 40; step++) {
        const name = pickEdit(rng);
        history.push(text);
        text = EDITS[name](text, rng, history);
        const tree = session.parse(text);
        const got = dump(tree.rootNode);
        tree.dispose();
        assert.deepEqual(got, freshDump(text), `seed ${seed} step ${step} (${name}): incremental tree differs from a fresh parse`);
      }
    } finally {
      incrementalSteps += session.counts.incremental;
      session.dispose();
    }
  }
  // Most steps must have taken the incremental path, or this test proves nothing about it.
  assert.ok(incrementalSteps > seedCount * 10, `only ${incrementalSteps} of ${seedCount * 40} parses were incremental`);
});

test('analyze() with a parse session gives the results of a fresh analyze()', () => {
  const seeds = [...smallSeeds().slice(0, 12), ...EXTRA_SEEDS];
  let incremental = 0;
  for (let seed = 1; seed <= 16; seed++) {
    const rng = new Rng(1000 + seed);
    let text = seeds[seed % seeds.length];
    const session = createParseSession();
    const history: string[] = [];
    try {
      for (let step = 0; step < 12; step++) {
        const name = pickEdit(rng);
        history.push(text);
        text = EDITS[name](text, rng, history);
        const got = analyze(text, { parseSession: session, fileName: 'edited.py' });
        const want = analyze(text, { fileName: 'edited.py' });
        assert.deepEqual(got, want, `seed ${1000 + seed} step ${step} (${name}): analysis differs from a fresh one`);
      }
    } finally {
      incremental += session.counts.incremental;
      session.dispose();
    }
  }
  assert.ok(incremental > 48, `only ${incremental} of 192 analyses parsed incrementally`);
});

test('edits next to astral and CJK characters and CRLF line ends', () => {
  const session = createParseSession();
  try {
    const versions = [
      'x = 1  # 😀\r\ny = 2\r\n',
      'x = 1  # 😃\r\ny = 2\r\n', // same high surrogate, different low one
      'x = 1  # 😃中\r\ny = 2\r\n',
      'x = 1  # 中\r\ny = 2\r\n',
      'x = 1  # 中\ry = 2\r\n', // a lone CR: no new row for tree-sitter
      'x = 1  # 中\r\ny = 2\r\nz = "😀" + "é"\r\n',
      'x = 1  # 中\r\ny = 2\r\nz = "😀"\r\n',
      'x = 1  # 中\r\nyé = 2\r\nz = "😀"\r\n',
    ];
    for (const text of versions) {
      const tree = session.parse(text);
      assert.deepEqual(dump(tree.rootNode), freshDump(text), JSON.stringify(text));
    }
  } finally {
    session.dispose();
  }
});

test('a starred right-hand side still gets the workaround through a session', () => {
  const session = createParseSession();
  try {
    for (const text of ['x = 1\n', 'x = 1\na, *b = c, *d\n', 'x = 2\na, *b = c, *d\n', 'x = 2\na, b = c, d\n', 'x = 2\na, b = c, *d\n']) {
      const tree = session.parse(text);
      assert.deepEqual(dump(tree.rootNode), freshDump(text), JSON.stringify(text));
      assert.deepEqual(analyze(text, { parseSession: session }), analyze(text), JSON.stringify(text));
    }
  } finally {
    session.dispose();
  }
});

test('a disposed session still parses (afresh) and never reuses freed trees', () => {
  const session = createParseSession();
  session.parse('x = 1\n');
  session.dispose();
  session.dispose();
  const tree = session.parse('x = 2\n');
  assert.deepEqual(dump(tree.rootNode), freshDump('x = 2\n'));
  tree.dispose();
});

test('an incremental parse given up on a syntax error leaves the parser fit for other text', () => {
  // Long enough that the parse is stopped midway, not only checked at its end.
  const valid = Array.from({ length: 400 }, (_, i) => `v${i} = f(${i}, [${i}, ${i + 1}])\n`).join('');
  const session = createParseSession();
  try {
    const statementIds = (node: SyntaxNode, out: number[] = []): number[] => {
      if (node.type === 'expression_statement') out.push(node.id);
      else for (const child of node.namedChildren) statementIds(child, out);
      return out;
    };
    const before = new Set(statementIds(session.parse(valid).rootNode));
    const cut = valid.indexOf('v300 =');
    const broken = valid.slice(0, cut) + 'def (:\n' + valid.slice(cut);
    const after = session.parse(broken).rootNode;
    assert.deepEqual(dump(after), freshDump(broken));
    // A stopped parse resumed (not restarted) would reuse the old tree's nodes, ids and all.
    assert.ok(statementIds(after).length > 250, `${statementIds(after).length} statements`);
    assert.ok(statementIds(after).every((id) => !before.has(id)), 'the fallback reused nodes: it resumed the stopped parse');
    assert.deepEqual(session.counts, { incremental: 0, full: 2, stopped: 1 });
    // And the parser is left with nothing outstanding for the next document.
    const other = 'y = 2\n';
    const tree = parsePython(other);
    assert.equal((tree.rootNode as unknown as { toString(): string }).toString(), '(module (expression_statement (assignment left: (identifier) right: (integer))))');
    tree.dispose();
  } finally {
    session.dispose();
  }
});
