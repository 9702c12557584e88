// Fix application on given findings: offsets, overlaps, rounds, refusals, segments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding, TextEdit } from '../../engine/src/api';
import { applyAllFixes, applyEdits, lineStarts, offsetAt, type FixEngine } from '../../bin/src/applyFixes';

const edit = (line: number, from: number, to: number, newText: string, endLine = line): TextEdit => ({
  range: { start: { line, character: from }, end: { line: endLine, character: to } },
  newText,
});

test('offsets count UTF-16 units and every line break style; positions clamp to the line', () => {
  const text = 'a\r\nbé😀c\rd\ne';
  const starts = lineStarts(text);
  assert.deepEqual(starts, [0, 3, 9, 11]);
  assert.equal(offsetAt(text, starts, { line: 1, character: 4 }), 7);
  assert.equal(offsetAt(text, starts, { line: 0, character: 99 }), 1);
  assert.equal(offsetAt(text, starts, { line: 9, character: 0 }), text.length);
});

test('applyEdits applies in any order and refuses overlaps', () => {
  assert.equal(applyEdits('abc\ndef\n', [edit(1, 0, 3, 'XYZ'), edit(0, 1, 2, '')]), 'ac\nXYZ\n');
  assert.equal(applyEdits('abc', [edit(0, 0, 2, 'x'), edit(0, 1, 3, 'y')]), null);
  assert.equal(applyEdits('abc', [edit(0, 1, 1, '+'), edit(0, 1, 2, '-')]), 'a+-c');
  assert.equal(applyEdits('ab\ncd', [edit(0, 1, 1, '', 1)]), 'ad');
});

/** A fake engine: each `old` becomes a finding whose safe fix writes `new`; `(` counts unbalanced parens as syntax errors. */
function engineFor(rules: Array<{ find: string; replace: string; safety?: 'safe' | 'unsafe' }>): FixEngine & { calls: number } {
  const engine = {
    calls: 0,
    findings(text: string): Finding[] {
      engine.calls++;
      const out: Finding[] = [];
      text.split('\n').forEach((line, n) => {
        for (const rule of rules) {
          let at = line.indexOf(rule.find);
          while (at >= 0) {
            const range = { start: { line: n, character: at }, end: { line: n, character: at + rule.find.length } };
            out.push({ code: `c-${rule.find}`, severity: 'warning', message: rule.find, range, related: [], fixes: [{ title: `to ${rule.replace}`, safety: rule.safety ?? 'safe', edits: [{ range, newText: rule.replace }] }] });
            at = line.indexOf(rule.find, at + 1);
          }
        }
      });
      return out;
    },
    syntaxErrors(text: string): number {
      return Math.abs((text.match(/\(/g) ?? []).length - (text.match(/\)/g) ?? []).length);
    },
  };
  return engine;
}

test('all safe fixes apply; unsafe ones do not', () => {
  const engine = engineFor([{ find: 'bad', replace: 'good' }, { find: 'risky', replace: 'x', safety: 'unsafe' }]);
  const outcome = applyAllFixes({ segments: ['bad + bad\nrisky bad'] }, engine);
  assert.deepEqual(outcome.segments, ['good + good\nrisky good']);
  assert.equal(outcome.applied, 3);
  assert.deepEqual(outcome.refused, []);
});

test('fixes that reveal new findings are applied in later rounds, and the result is a fixed point', () => {
  const engine = engineFor([{ find: 'aaa', replace: 'bb' }, { find: 'bb', replace: 'c' }]);
  const outcome = applyAllFixes({ segments: ['aaa'] }, engine);
  assert.deepEqual(outcome.segments, ['c']);
  assert.deepEqual(applyAllFixes({ segments: outcome.segments }, engine).applied, 0);
});

test('a fix that breaks the syntax is refused; the others still apply', () => {
  const engine = engineFor([{ find: 'oops', replace: '(' }, { find: 'bad', replace: 'good' }]);
  const outcome = applyAllFixes({ segments: ['bad oops bad'] }, engine);
  assert.deepEqual(outcome.segments, ['good oops good']);
  assert.deepEqual(outcome.refused, [{ code: 'c-oops', title: 'to (', reason: 'the fixed code would not parse' }]);
});

test('a file that already has syntax errors may be fixed as long as it gets no worse', () => {
  const engine = engineFor([{ find: 'bad', replace: 'good' }]);
  assert.deepEqual(applyAllFixes({ segments: ['f(( bad'] }, engine).segments, ['f(( good']);
});

test('overlapping fixes are applied one per round', () => {
  const engine = engineFor([{ find: 'abc', replace: 'X' }, { find: 'bcd', replace: 'Y' }]);
  const outcome = applyAllFixes({ segments: ['abcd'] }, engine);
  assert.deepEqual(outcome.segments, ['Xd']);
});

test('two fixes that undo each other stop after a bounded number of rounds', () => {
  const engine = engineFor([{ find: 'ping', replace: 'pong' }, { find: 'pong', replace: 'ping' }]);
  const outcome = applyAllFixes({ segments: ['ping'] }, engine);
  assert.ok(engine.calls <= 12, `${engine.calls} analyses`);
  assert.ok(outcome.segments[0] === 'ping' || outcome.segments[0] === 'pong');
});

test('segments (notebook cells): edits land in their cell; magic lines and cross-cell edits are refused', () => {
  const form = (s: string) => s.split('\n').map((l) => (l.startsWith('%') ? '' : l)).join('\n');
  const engine = engineFor([{ find: 'bad', replace: 'good' }]);
  const outcome = applyAllFixes({ segments: ['x = 1\nbad', '%time\ny = bad'], analyzedForm: form }, engine);
  assert.deepEqual(outcome.segments, ['x = 1\ngood', '%time\ny = good']);

  const crossing: FixEngine = {
    findings: (text) =>
      text.includes('A')
        ? [{ code: 'cross', severity: 'info', message: '', related: [], range: { start: { line: 0, character: 0 }, end: { line: 1, character: 1 } }, fixes: [{ title: 't', safety: 'safe', edits: [edit(0, 0, 1, 'B', 1)] }] }]
        : [],
    syntaxErrors: () => 0,
  };
  const refused = applyAllFixes({ segments: ['A', 'A'] }, crossing);
  assert.deepEqual(refused.segments, ['A', 'A']);
  assert.equal(refused.refused[0].reason, 'the fix spans two notebook cells');

  const magic: FixEngine = {
    findings: () => [{ code: 'm', severity: 'info', message: '', related: [], range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, fixes: [{ title: 't', safety: 'safe', edits: [edit(0, 0, 0, 'z = 1')] }] }],
    syntaxErrors: () => 0,
  };
  const kept = applyAllFixes({ segments: ['%time\nx'], analyzedForm: form }, magic);
  assert.deepEqual(kept.segments, ['%time\nx']);
  assert.equal(kept.refused[0].reason, 'the fix touches an IPython magic line');
});
