import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../../engine/src/api';
import { codeMatches, filterFindings } from '../../../engine/src/select';
import { applySuppressions, parseSuppressions } from '../../../engine/src/suppress';

function at(line: number, code = 'unstable-softmax', endLine = line, endCharacter = 5): Finding {
  return { code, severity: 'warning', message: code, range: { start: { line, character: 0 }, end: { line: endLine, character: endCharacter } }, fixes: [], related: [] };
}

test('comment forms: tensorlint ignore with and without codes, noqa with and without codes', () => {
  const map = parseSuppressions(
    ['a  # tensorlint: ignore[unstable-softmax, double-softmax]', 'b  # tensorlint: ignore', 'c  # noqa: E501, unstable-logsumexp', 'd  # NOQA', 'e  #tensorlint:ignore[ Shape-Mismatch ]', 'f  # tensorlint: ignore[]', 'g  # noqa:E501'].join('\n'),
  );
  assert.deepEqual(map.get(0), { all: false, codes: new Set(['unstable-softmax', 'double-softmax']) });
  assert.deepEqual(map.get(1), { all: true });
  assert.deepEqual(map.get(2), { all: false, codes: new Set(['e501', 'unstable-logsumexp']) });
  assert.deepEqual(map.get(3), { all: true });
  assert.deepEqual(map.get(4), { all: false, codes: new Set(['shape-mismatch']) });
  assert.deepEqual(map.get(5), { all: false, codes: new Set() });
  assert.deepEqual(map.get(6), { all: false, codes: new Set(['e501']) });
});

test('a finding is suppressed by a comment on its first or last line, for its own code only', () => {
  const text = ['x = 1  # tensorlint: ignore[unstable-softmax]', 'y = (a +', '     b)  # noqa: shape-mismatch', 'z = 3  # noqa: E501', 'w = 4  # noqa'].join('\n');
  const kept = applySuppressions([at(0), at(0, 'shape-mismatch'), at(1, 'shape-mismatch', 2), at(1, 'unstable-softmax', 2), at(3), at(4), at(4, 'anything')], text);
  assert.deepEqual(kept.map((f) => `${f.range.start.line}:${f.code}`), ['0:shape-mismatch', '1:unstable-softmax', '3:unstable-softmax']);
});

test('a range ending at column 0 of the next line counts that line as not its own', () => {
  const text = 'x = 1\n# noqa\n';
  assert.equal(applySuppressions([at(0, 'unstable-softmax', 1, 0)], text).length, 1);
});

test('syntax-error is never suppressed', () => {
  assert.equal(applySuppressions([at(0, 'syntax-error')], 'def f(:  # noqa\n').length, 1);
  assert.equal(applySuppressions([at(0, 'syntax-error')], 'def f(:  # tensorlint: ignore[syntax-error]\n').length, 1);
});

test('CRLF text and files without comments', () => {
  assert.equal(applySuppressions([at(1)], 'a\r\nb  # noqa\r\n').length, 0);
  const findings = [at(0)];
  assert.equal(applySuppressions(findings, 'x = 1\n'), findings);
});

test('select patterns: exact, ALL, star prefix, dash prefix', () => {
  assert.ok(codeMatches('unstable-softmax', ['unstable-']));
  assert.ok(codeMatches('unstable-softmax', ['unstable-*']));
  assert.ok(codeMatches('unstable-softmax', ['ALL']));
  assert.ok(!codeMatches('unstable-softmax', ['unstable']));
  assert.ok(!codeMatches('unstable-softmax', ['shape-']));
});

test('filterFindings: suppression, select, ignore, severity off and override, fix style order', () => {
  const builtin = { title: 'b', edits: [], safety: 'safe' as const, style: 'builtin' as const };
  const explicit = { title: 'e', edits: [], safety: 'safe' as const, style: 'explicit' as const };
  const f = { ...at(1), fixes: [builtin, explicit] };
  const text = 'a  # noqa: double-softmax\nb\n';
  const out = filterFindings([at(0, 'double-softmax'), f, at(1, 'shape-mismatch'), at(1, 'double-softmax')], text, {
    select: ['unstable-', 'double-softmax'],
    ignore: ['shape-'],
    severities: { 'unstable-softmax': 'error', 'double-softmax': 'off' },
    fixStyle: 'explicit',
  });
  assert.equal(out.length, 1);
  assert.equal(out[0].severity, 'error');
  assert.deepEqual(out[0].fixes.map((x) => x.title), ['e', 'b']);
});
