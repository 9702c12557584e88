// CPython's TabError as a syntax-error finding. Every expectation below is what CPython 3.11
// (/usr/bin/python3, compile()) gives for the same text: the line of its TabError, or no error.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, initEngine } from '../../../engine/src/index';
import { findTabError, TAB_ERROR_MESSAGE } from '../../../engine/src/rules/tabError';

before(async () => {
  await initEngine();
});

// [source, 1-based line of CPython's TabError or null when CPython compiles it]
const CASES: Array<[string, number | null]> = [
  ['if x:\n\tpass\n        pass\n', 3],
  ['if x:\n        a = 1\n\tb = 2\n', 3],
  ['if x:\n        if y:\n\t\t pass\n', 3],
  ['if x:\n\tif y:\n\t\tpass\n        pass\n', 4],
  ['if x:\r\n\tpass\r\n        pass\r\n', 3],
  ['if x:\n\tif y:\n\t    a = 1\n\tb = 2\n', null],
  ['if x:\n  \tpass\n', null],
  ['x = (1,\n\t2,\n        3)\n', null],
  ['x = 1 + \\\n\t\t2\ny = 1\n', null],
  ['s = """\n\tfoo\n        bar"""\n', null],
  ['if x:\n\ta = 1\n\n        # comment\n\tb = 2\n', null],
  ['def f():\n\treturn 1\n\ndef g():\n        return 2\n', null],
];

test('TabError exactly where CPython raises it, and nowhere CPython accepts the indentation', () => {
  for (const [src, line] of CASES) {
    const found = findTabError(src);
    assert.equal(found ? found.range.start.line + 1 : null, line, JSON.stringify(src));
  }
});

test('analyze reports TabError as one syntax-error finding with CPython\'s message', () => {
  const findings = analyze('if x:\n\tpass\n        pass\n').findings;
  assert.deepEqual(findings.map((f) => [f.code, f.range.start.line, f.message]), [['syntax-error', 2, TAB_ERROR_MESSAGE]]);
  assert.equal(TAB_ERROR_MESSAGE, 'inconsistent use of tabs and spaces in indentation');
});

test('mixed tabs and spaces that CPython accepts give no finding', () => {
  for (const [src, line] of CASES) {
    if (line !== null) continue;
    assert.deepEqual(analyze(src).findings.filter((f) => f.code === 'syntax-error'), [], JSON.stringify(src));
  }
});

test('unterminated strings and stray dedents stop the scan without a TabError or a throw', () => {
  assert.equal(findTabError('s = "abc\n\tx = 1\n        y = 2\n'), null);
  assert.equal(findTabError('if x:\n\t\ta = 1\n    \tb = 2\n'), null);
  assert.equal(findTabError('s = """\n\t\n'), null);
});

test('agrees with CPython on every generated mixed-indentation program (tabErrorCases.json)', () => {
  const file = path.join(__dirname, 'tabErrorCases.json');
  const { cases } = JSON.parse(fs.readFileSync(file, 'utf8')) as { cases: Array<{ src: string; ok?: true; tab?: number; other?: number }> };
  assert.ok(cases.filter((c) => c.ok).length > 100 && cases.filter((c) => c.tab).length > 100);
  for (const c of cases) {
    const found = findTabError(c.src);
    const line = found ? found.range.start.line + 1 : null;
    if (c.ok) assert.equal(line, null, `CPython accepts ${JSON.stringify(c.src)}`);
    else if (c.tab) assert.equal(line, c.tab, `CPython's TabError in ${JSON.stringify(c.src)}`);
    // Before another syntax error CPython would not have reached a TabError of ours.
    else assert.ok(line === null || line >= c.other!, `TabError before CPython's first error in ${JSON.stringify(c.src)}`);
  }
});
