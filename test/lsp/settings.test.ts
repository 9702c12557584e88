// Settings normalisation and merging, pyproject discovery, and workspace import resolution.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mergeSettings, toSettingsLayer, DEFAULT_SETTINGS } from '../../server/src/config/settings';
import { findPyproject, loadProjectConfig, parseProjectConfig } from '../../server/src/config/pyproject';
import { collectModules, importedModuleNames } from '../../server/src/imports';

test('untrusted client settings are normalised; mistyped keys are dropped', () => {
  const layer = toSettingsLayer({
    enable: 'yes',
    select: ['unstable-', 3],
    ignore: 'syntax-error, shape-mismatch',
    severity: { 'syntax-error': 'Warning', bad: 'loud', hinted: 'hint' },
    fixStyle: 'fancy',
    inlayHints: { shapes: false, values: 'no' },
    sampleSizes: { batch: 4, n: -1, huge: 1e9, frac: 2.5 },
  });
  assert.deepEqual(layer, {
    select: ['unstable-'],
    ignore: ['syntax-error', 'shape-mismatch'],
    severity: { 'syntax-error': 'warning', hinted: 'info' },
    inlayHints: { shapes: false },
    sampleSizes: { batch: 4 },
  });
  assert.deepEqual(toSettingsLayer(null), {});
  assert.deepEqual(toSettingsLayer({ 'inlayHints.values': true }), { inlayHints: { values: true } });
});

test('client settings win over the project, ignores add up, an empty client select keeps the project one', () => {
  const project = toSettingsLayer({ select: ['unstable-'], ignore: ['a'], severity: { a: 'error', b: 'info' }, 'fix-style': 'explicit', 'sample-sizes': { batch: 3 } });
  const client = toSettingsLayer({ select: [], ignore: ['b'], severity: { b: 'off' }, sampleSizes: { n: 5 } });
  const merged = mergeSettings(project, client);
  assert.deepEqual(merged.select, ['unstable-']);
  assert.deepEqual(merged.ignore, ['a', 'b']);
  assert.deepEqual(merged.severity, { a: 'error', b: 'off' });
  assert.equal(merged.fixStyle, 'explicit');
  assert.deepEqual(merged.sampleSizes, { batch: 3, n: 5 });
  assert.deepEqual(mergeSettings({}, {}), DEFAULT_SETTINGS);
  assert.equal(mergeSettings(project, { fixStyle: 'builtin' }).fixStyle, 'builtin');
});

test('[tool.tensorlint] is read from the nearest pyproject.toml, and a broken file is an error message', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-pyproject-'));
  try {
    fs.mkdirSync(path.join(dir, 'pkg', 'sub'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.tensorlint]\nignore = ["syntax-error"]\nfix-style = "explicit"\n[tool.tensorlint.severity]\nunstable-softmax = "error"\n');
    const file = path.join(dir, 'pkg', 'sub', 'model.py');
    assert.equal(findPyproject(path.dirname(file)), path.join(dir, 'pyproject.toml'));
    assert.equal(findPyproject(path.dirname(file), path.join(dir, 'pkg')), undefined);
    const config = loadProjectConfig(file);
    assert.deepEqual(config.layer, { ignore: ['syntax-error'], severity: { 'unstable-softmax': 'error' }, fixStyle: 'explicit' });
    const broken = parseProjectConfig('[tool.tensorlint\nignore = [', 'x/pyproject.toml');
    assert.deepEqual(broken.layer, {});
    assert.match(broken.error!, /^x\/pyproject\.toml: invalid TOML/);
    assert.deepEqual(parseProjectConfig('[project]\nname = "x"\n').layer, {});
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('imports of workspace modules are collected (open editors first, then disk, transitively)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-imports-'));
  try {
    fs.mkdirSync(path.join(dir, 'pkg'));
    fs.writeFileSync(path.join(dir, 'pkg', '__init__.py'), '');
    fs.writeFileSync(path.join(dir, 'pkg', 'layers.py'), 'from .util import helper\n');
    fs.writeFileSync(path.join(dir, 'pkg', 'util.py'), 'def helper(x):\n    return x\n');
    fs.writeFileSync(path.join(dir, 'losses.py'), 'ON DISK');
    const main = 'import torch\nimport torch.nn.functional as F\nfrom pkg.layers import Block\nimport losses, missing_mod\n';
    assert.deepEqual(importedModuleNames(main), ['pkg.layers', 'losses', 'missing_mod']);
    const modules = collectModules(main, path.join(dir, 'main.py'), {
      roots: [dir],
      openText: (p) => (p === path.join(dir, 'losses.py') ? 'IN EDITOR' : undefined),
    });
    assert.deepEqual(Object.keys(modules).sort(), ['.util', 'losses', 'pkg.layers']);
    assert.equal(modules.losses, 'IN EDITOR');
    assert.equal(modules['.util'], 'def helper(x):\n    return x\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
