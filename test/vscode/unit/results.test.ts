// The results view's HTML: rows, pictures, escaping and the content security policy.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toRunResult, type RunEntry } from '../../../client/src/protocol';
import { barChartSvg, heatmapSvg, MAX_HEATMAP_SIDE, viridis } from '../../../client/src/runCell/charts';
import { resultsHtml, shapeLabel } from '../../../client/src/runCell/resultsHtml';
import { finiteRange, formatNumber, toMatrix, toNumber, toVector } from '../../../client/src/runCell/values';

const security = { nonce: 'abc123', cspSource: 'vscode-resource:' };

function entry(over: Partial<RunEntry>): RunEntry {
  return { line: 1, name: 'x', shape: null, dtype: null, value: null, printed: '', error: null, ...over };
}

test('toRunResult keeps well-formed entries and drops junk', () => {
  assert.deepEqual(toRunResult(null), { entries: [] });
  assert.deepEqual(toRunResult({ entries: 'no' }), { entries: [] });
  const r = toRunResult({ entries: [{ line: 3, name: 'a', shape: [2], dtype: 'float32', value: [1, 2], printed: 'tensor([1., 2.])', error: null }, { line: 'x' }, 7] });
  assert.equal(r.entries.length, 1);
  assert.deepEqual(r.entries[0].shape, [2]);
  const e = toRunResult({ entries: [{ line: 2.7, error: { type: 'RuntimeError' } }] }).entries[0];
  assert.equal(e.line, 2);
  assert.deepEqual(e.error, { type: 'RuntimeError', message: '' });
});

test('values: non-finite strings, ragged matrices, ranges', () => {
  assert.equal(toNumber('inf'), Infinity);
  assert.equal(toNumber('-inf'), -Infinity);
  assert.ok(Number.isNaN(toNumber('nan')!));
  assert.equal(toNumber(true), 1);
  assert.equal(toNumber('abc'), undefined);
  assert.equal(toNumber(''), undefined);
  assert.deepEqual(toVector([1, '2', false]), [1, 2, 0]);
  assert.equal(toVector([1, [2]]), undefined);
  assert.equal(toMatrix([[1, 2], [3]]), undefined);
  assert.deepEqual(toMatrix([[1, 2], [3, 4]]), [[1, 2], [3, 4]]);
  assert.deepEqual(finiteRange([3, -Infinity, NaN, -1]), { min: -1, max: 3 });
  assert.equal(finiteRange([NaN]), undefined);
  assert.equal(formatNumber(1000.6931), '1001');
  assert.equal(formatNumber(0.5), '0.5');
  assert.equal(formatNumber(-Infinity), '-inf');
});

test('heatmap: one rect per cell, extremes at the ends of the scale, crop noted', () => {
  const svg = heatmapSvg([[0, 1], [2, 3]], 'm');
  assert.equal(svg.match(/<rect /g)?.length, 4);
  assert.ok(svg.includes(`fill="${viridis(0)}"`));
  assert.ok(svg.includes(`fill="${viridis(1)}"`));
  assert.ok(!svg.includes('shown'));
  const big = Array.from({ length: MAX_HEATMAP_SIDE + 5 }, (_, i) => [i, i + 1]);
  const cropped = heatmapSvg(big, 'big');
  assert.equal(cropped.match(/<rect /g)?.length, MAX_HEATMAP_SIDE * 2);
  assert.ok(cropped.includes(`first ${MAX_HEATMAP_SIDE}×2 shown`));
  assert.ok(heatmapSvg([[Infinity, 1]], 'inf').includes('= inf'));
});

test('bar chart: negative and non-finite bars are marked', () => {
  const svg = barChartSvg([1, -2, Infinity], 'v');
  assert.equal(svg.match(/<rect /g)?.length, 3);
  assert.ok(svg.includes('bar negative'));
  assert.ok(svg.includes('bar nonfinite'));
});

test('page: rows with shape, dtype, printed value and pictures; errors jump to their line', () => {
  const html = resultsHtml(
    {
      title: 'Cell 1 · m.py',
      entries: [
        entry({ line: 2, name: 'w', shape: [2, 3], dtype: 'float32', value: [[1, 2, 3], [4, 5, 6]], printed: 'tensor([[1., 2., 3.],\n        [4., 5., 6.]])' }),
        entry({ line: 3, name: 'v', shape: [3], dtype: 'float32', value: [1, 2, 3], printed: 'tensor([1., 2., 3.])' }),
        entry({ line: 5, name: 'bad', error: { type: 'RuntimeError', message: 'shape <mismatch>' } }),
      ],
    },
    security,
  );
  assert.ok(html.includes('class="meta">(2, 3)<'));
  assert.ok(html.includes('class="meta">(3,)<'));
  assert.ok(html.includes('heatmap'));
  assert.ok(html.includes('bar chart'));
  assert.ok(html.includes('data-line="4"'));
  assert.ok(html.includes('shape &lt;mismatch&gt;'));
  assert.ok(html.includes('3 statements, 1 error'));
});

test('page: strict CSP with the nonce on every script and style, nothing inline otherwise', () => {
  const html = resultsHtml({ title: '<b>t</b>', entries: [entry({ name: '<img src=x onerror=alert(1)>', printed: '</pre><script>x</script>' })] }, security);
  assert.ok(html.includes(`default-src 'none'`));
  assert.ok(html.includes(`script-src 'nonce-abc123'`));
  assert.ok(!html.includes('unsafe-inline'));
  const scripts = html.match(/<script[^>]*>/g) ?? [];
  assert.deepEqual(scripts, ['<script nonce="abc123">']);
  assert.equal((html.match(/<style[^>]*>/g) ?? []).length, 1);
  assert.ok(!/ style="/.test(html), 'no style attributes (blocked by the CSP)');
  assert.ok(!html.includes('<img'));
  assert.ok(html.includes('&lt;b&gt;t&lt;/b&gt;'));
});

test('page: a notice replaces rows, and an empty run says so', () => {
  assert.ok(resultsHtml({ title: 't', entries: [], notice: 'server down' }, security).includes('server down'));
  assert.ok(resultsHtml({ title: 't', entries: [] }, security).includes('Nothing to show'));
  assert.equal(shapeLabel([]), '()');
  assert.equal(shapeLabel(null), '');
});

test('print output: the flag survives the wire and the row is marked as output, escaped', () => {
  const r = toRunResult({ entries: [{ line: 4, name: 'print(x)', value: 'a <b>\n', printed: 'a <b>', error: null, output: true }, { line: 5, name: 'y', printed: '1', error: null, output: 'yes' }] });
  assert.equal(r.entries[0].output, true);
  assert.equal(r.entries[1].output, undefined);
  const html = resultsHtml({ title: 't', entries: r.entries }, security);
  assert.match(html, /<section class="row output" data-line="\d+">/);
  assert.match(html, /<span class="meta">output<\/span>/);
  assert.ok(html.includes('a &lt;b&gt;'));
  assert.ok(html.includes('2 statements'));
  const same = resultsHtml({ title: 't', entries: [entry({ line: 3, name: 'print(1)', printed: '1', output: true }), entry({ line: 3, name: 'y' })] }, security);
  assert.ok(same.includes('1 statement<') || same.includes('1 statement '), 'a print and a value on one line are one statement');
  assert.ok(!html.includes('a <b>'));
});
