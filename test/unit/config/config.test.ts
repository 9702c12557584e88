import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configFromTable, mergeConfig, parseTensorlintConfig, toAnalyzeOptions } from '../../../engine/src/config/index';

test('every key, in kebab and snake case', () => {
  const parsed = parseTensorlintConfig(
    ['[project]', 'name = "x"', '', '[tool.tensorlint]', 'select = ["unstable-", "shape-*"]', 'ignore = ["double-softmax"]', 'fix_style = "explicit"', '', '[tool.tensorlint.severity]', 'unstable-softmax = "error"', 'syntax-error = "off"', '', '[tool.tensorlint.sample-sizes]', 'batch = 4', 'n = 7'].join('\n'),
    'pyproject.toml',
  );
  assert.equal(parsed.found, true);
  assert.deepEqual(parsed.warnings, []);
  assert.deepEqual(parsed.config, {
    select: ['unstable-', 'shape-*'],
    ignore: ['double-softmax'],
    fixStyle: 'explicit',
    severities: { 'unstable-softmax': 'error', 'syntax-error': 'off' },
    sampleSizes: { batch: 4, n: 7 },
  });
});

test('no [tool.tensorlint] table: not found, no warnings', () => {
  assert.deepEqual(parseTensorlintConfig('[tool.ruff]\nline-length = 100\n'), { found: false, config: {}, warnings: [] });
  assert.deepEqual(parseTensorlintConfig(''), { found: false, config: {}, warnings: [] });
});

test('invalid TOML is one warning with the position, never an exception', () => {
  const parsed = parseTensorlintConfig('[tool.tensorlint\nselect = [', 'proj/pyproject.toml');
  assert.equal(parsed.found, false);
  assert.equal(parsed.warnings.length, 1);
  assert.match(parsed.warnings[0], /^proj\/pyproject\.toml: invalid TOML, configuration ignored: /);
});

test('unknown keys and bad values are warnings; the good keys still apply', () => {
  const { config, warnings } = configFromTable(
    { selct: ['a'], select: 'unstable-, shape-', severity: { a: 'loud', b: 'warn', c: 'information' }, 'fix-style': 'pretty', 'sample-sizes': { batch: 0, n: 2.5, m: 5, big: 100000 }, ignore: [1, 'x'] },
    'p.toml',
  );
  assert.deepEqual(config, { select: ['unstable-', 'shape-'], severities: { b: 'warning', c: 'info' }, sampleSizes: { m: 5 }, ignore: ['x'] });
  assert.equal(warnings.length, 7);
  assert.ok(warnings.every((w) => w.startsWith('p.toml: [tool.tensorlint] ')));
  assert.ok(warnings.some((w) => w.includes('unknown key "selct"')));
  assert.ok(warnings.some((w) => w.includes('"fix-style" must be "builtin" or "explicit"')));
  assert.deepEqual(configFromTable('nope').warnings, ['pyproject.toml: [tool.tensorlint] must be a table']);
});

test('merge: overrides replace lists and scalars, tables merge key by key', () => {
  const base = { select: ['a'], ignore: ['b'], fixStyle: 'builtin' as const, severities: { a: 'error' as const, b: 'info' as const }, sampleSizes: { batch: 4 } };
  assert.deepEqual(mergeConfig(base, { ignore: ['c'], severities: { b: 'off' }, sampleSizes: { n: 3 } }), {
    select: ['a'],
    ignore: ['c'],
    fixStyle: 'builtin',
    severities: { a: 'error', b: 'off' },
    sampleSizes: { batch: 4, n: 3 },
  });
  assert.deepEqual(mergeConfig(base, {}), base);
  assert.deepEqual(toAnalyzeOptions({ select: ['x'], sampleSizes: { b: 2 } }, 'f.py'), { fileName: 'f.py', select: ['x'], sampleSizes: { b: 2 } });
});
