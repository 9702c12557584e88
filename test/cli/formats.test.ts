// Output formats on given findings (no engine): text frames, JSON shape, GitHub escaping, SARIF.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../engine/src/api';
import '../../engine/src/rules/all';
import { formatGithub, escapeData, escapeProperty } from '../../bin/src/format/github';
import { formatJson } from '../../bin/src/format/json';
import { buildSarif, artifactUri } from '../../bin/src/format/sarif';
import { formatText, styleFor, useColor } from '../../bin/src/format/text';
import { toReported, type FileReport } from '../../bin/src/report';
import { validateSarif } from './sarifSchema';

const SOURCE = 'import torch\nx = torch.randn(4, 5)\np = x.exp() / x.exp().sum(-1, keepdim=True)\n';

const finding: Finding = {
  code: 'unstable-softmax',
  severity: 'warning',
  message: 'exp(x) / sum(exp(x)) overflows for large x',
  range: { start: { line: 2, character: 4 }, end: { line: 2, character: 43 } },
  fixes: [
    {
      title: 'Use torch.softmax',
      safety: 'safe',
      style: 'builtin',
      edits: [{ range: { start: { line: 2, character: 4 }, end: { line: 2, character: 43 } }, newText: 'torch.softmax(x, dim=-1)' }],
      previews: [{ input: 'x scaled to 1000', naive: 'nan', fixed: '0.2' }],
    },
  ],
  related: [],
};

function report(findings: Finding[], file = 'src/model.py', text = SOURCE): FileReport {
  const lines = text.split('\n');
  return { file, findings: findings.map((f) => toReported(f, { file, lines })), sourceLine: (_c, l) => lines[l - 1] };
}

test('text: header, frame with carets under the range, fix line, summary', () => {
  const out = formatText([report([finding])], { files: 1, findings: 1, fixable: 1 }, styleFor(false));
  assert.equal(
    out,
    [
      'src/model.py:3:5: unstable-softmax exp(x) / sum(exp(x)) overflows for large x',
      '  |',
      '3 | p = x.exp() / x.exp().sum(-1, keepdim=True)',
      '  |     ' + '^'.repeat(39),
      '  |',
      '  = fix: Use torch.softmax',
      '      on x scaled to 1000: nan -> 0.2',
      '',
      'Found 1 problem (1 fixable with --fix).',
      '',
    ].join('\n'),
  );
});

test('text: tabs in the frame keep the carets aligned; multi-line ranges are cut after three lines', () => {
  const text = 'def f(x):\n\treturn (x +\n\t\t1 +\n\t\t2 +\n\t\t3)\n';
  const f: Finding = { ...finding, fixes: [], range: { start: { line: 1, character: 8 }, end: { line: 4, character: 4 } } };
  const out = formatText([report([f], 'a.py', text)], { files: 1, findings: 1, fixable: 0 }, styleFor(false));
  const lines = out.split('\n');
  assert.equal(lines[2], '2 |     return (x +');
  assert.equal(lines[3], '  |            ^^^^');
  assert.ok(out.includes('  | ...'));
  assert.match(out, /Found 1 problem\.\n$/);
});

test('text: "All checks passed!" and colour decisions', () => {
  assert.equal(formatText([], { files: 1, findings: 0, fixable: 0 }, styleFor(false)), 'All checks passed!\n');
  assert.equal(useColor({ isTTY: true }, {}), true);
  assert.equal(useColor({ isTTY: false }, {}), false);
  assert.equal(useColor({ isTTY: true }, { NO_COLOR: '1' }), false);
  assert.equal(useColor({ isTTY: true }, { NO_COLOR: '' }), true, 'an empty NO_COLOR does not count (no-color.org)');
  assert.equal(useColor({ isTTY: false }, { FORCE_COLOR: '1' }), true);
  assert.equal(useColor({ isTTY: false }, { FORCE_COLOR: '1', NO_COLOR: 'x' }), false);
});

test('json: contract keys, previews under "preview", safety', () => {
  const [f] = JSON.parse(formatJson([report([finding])]));
  assert.deepEqual(Object.keys(f), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message', 'fix']);
  assert.deepEqual(f.fix, {
    title: 'Use torch.softmax',
    edits: [{ line: 3, column: 5, endLine: 3, endColumn: 44, newText: 'torch.softmax(x, dim=-1)' }],
    safety: 'safe',
    preview: [{ input: 'x scaled to 1000', naive: 'nan', fixed: '0.2' }],
  });
});

test('json: the preferred fix is the first one (configured style first)', () => {
  const two: Finding = { ...finding, fixes: [{ ...finding.fixes[0], title: 'explicit form', style: 'explicit', previews: undefined }, finding.fixes[0]] };
  assert.equal(JSON.parse(formatJson([report([two])]))[0].fix.title, 'explicit form');
});

test('notebook findings: cell field, line within the cell, range cut at the cell end', () => {
  const program = 'import torch\nx = 1\ny = x.exp(\nz = 2';
  const lines = program.split('\n');
  const map = [{ cell: 2, line: 0 }, { cell: 2, line: 1 }, { cell: 4, line: 0 }, { cell: 5, line: 0 }];
  const f: Finding = { ...finding, fixes: [], range: { start: { line: 2, character: 4 }, end: { line: 3, character: 1 } } };
  const r = toReported(f, { file: 'nb.ipynb', lines, lineMap: (l) => map[l] });
  assert.deepEqual(
    { cell: r.cell, line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn },
    { cell: 4, line: 1, column: 5, endLine: 1, endColumn: 11 },
  );
  assert.deepEqual(Object.keys(r).slice(0, 3), ['file', 'cell', 'line']);
});

test('github: severities map to error/warning/notice and values are escaped', () => {
  assert.equal(escapeData('50% done\r\nnext'), '50%25 done%0D%0Anext');
  assert.equal(escapeProperty('a:b,c%'), 'a%3Ab%2Cc%25');
  const info: Finding = { ...finding, severity: 'info', message: 'line one\nline two: 100%' };
  const out = formatGithub([report([finding, info], 'dir,x/a:b.py')]).trimEnd().split('\n');
  assert.equal(out[0], '::warning file=dir%2Cx/a%3Ab.py,line=3,col=5,endLine=3,endColumn=44,title=unstable-softmax::exp(x) / sum(exp(x)) overflows for large x');
  assert.equal(out[1], '::notice file=dir%2Cx/a%3Ab.py,line=3,col=5,endLine=3,endColumn=44,title=unstable-softmax::line one%0Aline two: 100%25');
  assert.equal(formatGithub([]), '');
});

test('sarif: the log passes the structural validator, with rules, results and fixes', () => {
  const errorFinding: Finding = { ...finding, code: 'syntax-error', severity: 'error', fixes: [] };
  const log = buildSarif([report([finding, errorFinding], 'src/my model.py')], { version: '9.9.9' }) as any;
  assert.deepEqual(validateSarif(log), []);
  const driver = log.runs[0].tool.driver;
  assert.equal(driver.version, '9.9.9');
  assert.ok(driver.informationUri.startsWith('https://'));
  const syntaxRule = driver.rules.find((r: any) => r.id === 'syntax-error');
  assert.ok(syntaxRule.help.text.length > 0 && syntaxRule.help.markdown.includes('### Why is this bad?'));
  assert.equal(syntaxRule.defaultConfiguration.level, 'error');
  const [warning, error] = log.runs[0].results;
  assert.equal(warning.level, 'warning');
  assert.equal(error.level, 'error');
  assert.equal(driver.rules[warning.ruleIndex].id, 'unstable-softmax');
  assert.equal(warning.locations[0].physicalLocation.artifactLocation.uri, 'src/my%20model.py');
  assert.deepEqual(warning.locations[0].physicalLocation.region, { startLine: 3, startColumn: 5, endLine: 3, endColumn: 44 });
  assert.deepEqual(warning.fixes[0].artifactChanges[0].replacements[0], {
    deletedRegion: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 44 },
    insertedContent: { text: 'torch.softmax(x, dim=-1)' },
  });
  assert.equal(error.fixes, undefined);
});

test('sarif validator catches what GitHub would reject', () => {
  assert.notDeepEqual(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [{ message: {}, locations: [{ physicalLocation: { artifactLocation: { uri: 'a\\b.py' }, region: {} } }] }] }] }), []);
  const problems = validateSarif({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, ruleIndex: 3, fixes: [{ artifactChanges: [] }] }] }] });
  assert.ok(problems.some((p) => p.includes('ruleIndex')));
  assert.ok(problems.some((p) => p.includes('artifactChanges')));
  assert.deepEqual(validateSarif(buildSarif([], { version: '1' })), []);
});

test('sarif artifact URIs are relative, slash-separated and percent-encoded', () => {
  assert.equal(artifactUri('a b/c#d.py'), 'a%20b/c%23d.py');
  assert.equal(artifactUri('/abs/x.py'), 'file:///abs/x.py');
});
