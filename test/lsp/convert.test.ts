// Engine results -> LSP structures, checked on hand-written Analysis objects so they hold
// before the engine produces shape findings and hovers of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Analysis, Finding, HoverFact } from '../../engine/src/api';
import { findingsToDiagnostics, fixTitle, readDiagnosticData } from '../../server/src/convert';
import { hoverAt, inlineCode, smallestFactAt } from '../../server/src/hoverContent';
import { inlayHintsFor } from '../../server/src/handlers/inlayHints';
import { notebookProgram, singleFileProgram, toProgramPosition, fromProgramRange, segmentIndex } from '../../server/src/program';

const r = (sl: number, sc: number, el: number, ec: number) => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });

const SEED = [
  'def batched_logsumexp(matrix):',
  '    c = matrix.max(dim=-1, keepdim=True).values',
  '    shifted = matrix - c',
  '    return c.squeeze(-1) + shifted.exp().sum(dim=-1).log()',
].join('\n');

function unstable(): Finding {
  return {
    code: 'unstable-logsumexp',
    severity: 'warning',
    message: 'exp then sum then log overflows for large inputs',
    range: r(3, 27, 3, 58),
    related: [{ range: r(1, 4, 1, 5), message: '`c` defined here' }],
    tags: ['unnecessary'],
    fixes: [
      {
        title: 'Use torch.logsumexp',
        style: 'builtin',
        safety: 'safe',
        edits: [{ range: r(3, 27, 3, 58), newText: 'torch.logsumexp(shifted, dim=-1)' }],
        previews: [{ input: 'logits scaled to ±1000', naive: 'inf', fixed: '1000.6931' }],
      },
      { title: 'Subtract the max explicitly', style: 'explicit', safety: 'unsafe', safetyReason: 'reorders rounding', edits: [{ range: r(3, 27, 3, 58), newText: 'm + (shifted - m).exp().sum(-1).log()' }] },
    ],
  };
}

function analysis(partial: Partial<Analysis>): Analysis {
  return { findings: [], hovers: [], inlays: [], cells: [], notes: [], degraded: false, ...partial };
}

test('a finding becomes a diagnostic with code, docs link, source, severity, related info, tags and fixes in data', () => {
  const program = singleFileProgram('file:///a.py', SEED, 3);
  const byUri = findingsToDiagnostics([unstable()], program);
  const [d] = byUri.get('file:///a.py')!;
  assert.equal(d.code, 'unstable-logsumexp');
  assert.equal(d.source, 'tensorlint');
  assert.equal(d.severity, 2);
  assert.match(d.codeDescription!.href, /#unstable-logsumexp$/);
  assert.deepEqual(d.relatedInformation, [{ location: { uri: 'file:///a.py', range: r(1, 4, 1, 5) }, message: '`c` defined here' }]);
  assert.deepEqual(d.tags, [1]);
  const fixes = readDiagnosticData(d);
  assert.equal(fixes.length, 2);
  assert.equal(fixes[0].title, 'Use torch.logsumexp (naive: inf → fixed: 1000.6931)');
  assert.equal(fixes[0].preferred, true);
  assert.equal(fixes[1].preferred, false);
  assert.equal(fixes[1].safety, 'unsafe');
  assert.deepEqual(fixes[0].edits, [{ range: r(3, 27, 3, 58), newText: 'torch.logsumexp(shifted, dim=-1)' }]);
});

test('severities map to LSP numbers and a documents without findings still gets an empty list', () => {
  const program = singleFileProgram('file:///a.py', SEED, 1);
  const info = findingsToDiagnostics([{ ...unstable(), severity: 'info' }], program).get('file:///a.py')!;
  assert.equal(info[0].severity, 3);
  const error = findingsToDiagnostics([{ ...unstable(), severity: 'error' }], program).get('file:///a.py')!;
  assert.equal(error[0].severity, 1);
  assert.deepEqual(findingsToDiagnostics([], program).get('file:///a.py'), []);
});

test('fix titles carry the value preview only when the engine computed one', () => {
  assert.equal(fixTitle({ title: 'Use F.log_softmax', edits: [], safety: 'safe' }), 'Use F.log_softmax');
  assert.equal(fixTitle({ title: 'Use F.softplus', edits: [], safety: 'safe', previews: [{ input: 'x=100', naive: 'inf', fixed: '100.0' }] }), 'Use F.softplus (naive: inf → fixed: 100.0)');
  const probes = [
    { input: 'moderate', naive: '3.4076', fixed: '3.4076' },
    { input: 'scaled to ±1000', naive: 'inf', fixed: '1000.6931' },
  ];
  assert.equal(fixTitle({ title: 'Use torch.logsumexp', edits: [], safety: 'safe', previews: probes }), 'Use torch.logsumexp (naive: inf → fixed: 1000.6931)');
  assert.equal(fixTitle({ title: 'Use torch.logsumexp', edits: [], safety: 'safe', previews: [probes[0]] }), 'Use torch.logsumexp (naive: 3.4076 → fixed: 3.4076)');
});

test('malformed diagnostic data reads as no fixes', () => {
  const base = { range: r(0, 0, 0, 1), message: 'm' };
  assert.deepEqual(readDiagnosticData({ ...base }), []);
  assert.deepEqual(readDiagnosticData({ ...base, data: 'nope' }), []);
  assert.deepEqual(readDiagnosticData({ ...base, data: { fixes: [{ title: 1 }, null, { title: 't', edits: [{ newText: 'x' }], safety: 'safe' }] } }), []);
});

test('notebook programs map findings, related info and fixes back to the right cell', () => {
  const program = notebookProgram([
    { uri: 'cell:1', text: 'import torch\nx = torch.ones(3)', version: 1 },
    { uri: 'cell:2', text: 'y = x.exp().sum().log()', version: 4 },
  ]);
  assert.equal(program.text, '# %%\nimport torch\nx = torch.ones(3)\n# %%\ny = x.exp().sum().log()');
  assert.deepEqual(toProgramPosition(program, 'cell:2', { line: 0, character: 4 }), { line: 4, character: 4 });
  assert.equal(segmentIndex(program, 'cell:2'), 2);
  const finding: Finding = {
    ...unstable(),
    range: r(4, 4, 4, 23),
    related: [{ range: r(2, 0, 2, 1), message: 'x' }],
    fixes: [
      { title: 'same cell', safety: 'safe', edits: [{ range: r(4, 4, 4, 23), newText: 'torch.logsumexp(x, 0)' }] },
      { title: 'crosses cells', safety: 'safe', edits: [{ range: r(2, 0, 4, 1), newText: '' }] },
    ],
  };
  const byUri = findingsToDiagnostics([finding], program);
  assert.deepEqual(byUri.get('cell:1'), []);
  const [d] = byUri.get('cell:2')!;
  assert.deepEqual(d.range, r(0, 4, 0, 23));
  assert.deepEqual(d.relatedInformation, [{ location: { uri: 'cell:1', range: r(1, 0, 1, 1) }, message: 'x' }]);
  // A fix that would edit two cells is dropped rather than applied to one of them.
  assert.deepEqual(readDiagnosticData(d).map((f) => f.title), ['same cell']);
  assert.deepEqual(readDiagnosticData(d)[0].edits[0].range, r(0, 4, 0, 23));
  // Marker lines belong to no cell.
  assert.equal(fromProgramRange(program, r(3, 0, 3, 2)), undefined);
  // A range running past its cell is clipped to the cell's end for display.
  assert.deepEqual(fromProgramRange(program, r(2, 0, 4, 3))?.value, r(1, 0, 1, 17));
});

const HOVERS: HoverFact[] = [
  { range: r(1, 4, 1, 44), text: 'c = matrix.max(dim=-1, keepdim=True).values', shape: '(batch, 1)', dtype: 'float32' },
  {
    range: r(1, 4, 1, 5),
    text: 'c',
    shape: '(batch, 1)',
    dtype: 'float32',
    origin: { range: r(1, 8, 1, 44), text: 'matrix.max(dim=-1, keepdim=True)' },
    sample: 'tensor([[0.7000],\n        [1.2000]])',
  },
  { range: r(2, 14, 2, 24), text: 'matrix - c', shape: '(batch, n)', dtype: 'float32', broadcast: '(batch, n) - (batch, 1) → (batch, n)' },
];

test('hover shows the smallest fact under the cursor: shape, dtype, provenance and samples', () => {
  const program = singleFileProgram('file:///a.py', SEED, 1);
  const hover = hoverAt(analysis({ hovers: HOVERS }), program, 'file:///a.py', { line: 1, character: 4 })!;
  assert.ok(hover.markdown.startsWith('`c: (batch, 1)` float32 — from `matrix.max(dim=-1, keepdim=True)` on line 2'), hover.markdown);
  assert.ok(hover.markdown.includes('```text\ntensor([[0.7000],\n        [1.2000]])\n```'));
  assert.deepEqual(hover.range, r(1, 4, 1, 5));
  assert.equal(smallestFactAt(HOVERS, { line: 1, character: 20 })?.text, 'c = matrix.max(dim=-1, keepdim=True).values');
});

test('hover on an operator shows the broadcast, and nothing is invented where nothing is known', () => {
  const program = singleFileProgram('file:///a.py', SEED, 1);
  const hover = hoverAt(analysis({ hovers: HOVERS }), program, 'file:///a.py', { line: 2, character: 20 })!;
  assert.match(hover.markdown, /broadcast: `\(batch, n\) - \(batch, 1\) → \(batch, n\)`/);
  assert.equal(hoverAt(analysis({ hovers: HOVERS }), program, 'file:///a.py', { line: 0, character: 2 }), undefined);
  const unknown: HoverFact = { range: r(0, 4, 0, 9), text: 'batch', shape: null, dtype: null };
  assert.equal(hoverAt(analysis({ hovers: [unknown] }), program, 'file:///a.py', { line: 0, character: 5 }), undefined);
});

test('hover inside a finding with previews shows the preview numbers', () => {
  const program = singleFileProgram('file:///a.py', SEED, 1);
  const hover = hoverAt(analysis({ findings: [unstable()] }), program, 'file:///a.py', { line: 3, character: 40 })!;
  assert.match(hover.markdown, /logits scaled to ±1000: naive `inf` → fixed `1000\.6931`/);
});

test('inline code survives backticks and newlines', () => {
  assert.equal(inlineCode('a`b'), '`` a`b ``');
  assert.equal(inlineCode('f(x,\n   y)'), '`f(x, y)`');
});

test('inlay hints: shapes by default, values when enabled, none when both are off, only in range', () => {
  const program = singleFileProgram('file:///a.py', SEED, 1);
  const a = analysis({ inlays: [{ position: { line: 1, character: 5 }, shape: '(batch, 1)', value: '[[0.7], [1.2]]' }, { position: { line: 2, character: 11 }, shape: '(batch, n)' }] });
  const all = r(0, 0, 10, 0);
  assert.deepEqual(inlayHintsFor(a, program, 'file:///a.py', all, { shapes: true, values: false }).map((h) => h.label), [': (batch, 1)', ': (batch, n)']);
  assert.deepEqual(inlayHintsFor(a, program, 'file:///a.py', all, { shapes: true, values: true }).map((h) => h.label), [': (batch, 1) = [[0.7], [1.2]]', ': (batch, n)']);
  assert.deepEqual(inlayHintsFor(a, program, 'file:///a.py', all, { shapes: false, values: false }), []);
  assert.deepEqual(inlayHintsFor(a, program, 'file:///a.py', r(2, 0, 2, 30), { shapes: true, values: false }).map((h) => h.position), [{ line: 2, character: 11 }]);
});
