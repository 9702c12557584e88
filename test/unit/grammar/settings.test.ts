// The settings schema in package.json must describe exactly what the server reads and every
// rule the engine registers; `node --import tsx scripts/gen-settings.ts` repairs drift.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { PACKAGE_JSON, currentRules, withRuleSchema } from '../../../scripts/gen-settings';

const pkg = JSON.parse(fs.readFileSync(PACKAGE_JSON, 'utf8'));
const props = pkg.contributes.configuration.properties;

const SERVER_KEYS = [
  'tensorlint.enable',
  'tensorlint.select',
  'tensorlint.ignore',
  'tensorlint.severity',
  'tensorlint.fixStyle',
  'tensorlint.inlayHints.shapes',
  'tensorlint.inlayHints.values',
  'tensorlint.sampleSizes',
  'tensorlint.trace.server',
];

test('every setting the server reads is contributed, and nothing else', () => {
  assert.deepEqual(Object.keys(props).sort(), [...SERVER_KEYS].sort());
});

test('every setting has a description and a default of its declared type', () => {
  for (const [key, schema] of Object.entries<any>(props)) {
    const text = schema.description ?? schema.markdownDescription;
    assert.ok(typeof text === 'string' && text.length > 20, `${key} needs a description`);
    assert.ok('default' in schema, `${key} needs a default`);
    const actual = Array.isArray(schema.default) ? 'array' : typeof schema.default;
    assert.equal(actual === 'object' || actual === 'array' || actual === 'boolean' || actual === 'string' ? actual : '?', schema.type, key);
  }
});

test('fixStyle and trace offer exactly the values the server understands', () => {
  assert.deepEqual(props['tensorlint.fixStyle'].enum, ['builtin', 'explicit']);
  assert.deepEqual(props['tensorlint.trace.server'].enum, ['off', 'messages', 'verbose']);
  assert.deepEqual(props['tensorlint.severity'].additionalProperties.enum, ['error', 'warning', 'info', 'off']);
});

test('the rule codes in package.json match the engine registry (run scripts/gen-settings.ts)', () => {
  const rules = currentRules();
  assert.ok(rules.length > 0, 'the registry is empty: engine/src/rules/all.ts registers nothing');
  const expected = withRuleSchema(pkg, rules).contributes.configuration.properties;
  assert.deepEqual(props['tensorlint.select'].items, expected['tensorlint.select'].items);
  assert.deepEqual(props['tensorlint.ignore'].items, expected['tensorlint.ignore'].items);
  assert.deepEqual(props['tensorlint.severity'].properties, expected['tensorlint.severity'].properties);
  for (const r of rules) assert.ok(props['tensorlint.select'].items.anyOf[0].enum.includes(r.code), r.code);
});

test('regeneration leaves everything but the rule-code parts alone', () => {
  const regenerated = withRuleSchema(pkg, []);
  const strip = (p: any) => {
    const c = JSON.parse(JSON.stringify(p));
    delete c['tensorlint.select'].items.anyOf[0];
    delete c['tensorlint.ignore'].items.anyOf[0];
    delete c['tensorlint.severity'].properties;
    return c;
  };
  assert.deepEqual(strip(regenerated.contributes.configuration.properties), strip(props));
  assert.deepEqual(regenerated.contributes.configuration.properties['tensorlint.select'].items.anyOf[0].enum, []);
});

test('commands, keybinding and grammars are contributed', () => {
  const ids = pkg.contributes.commands.map((c: any) => c.command);
  for (const id of ['tensorlint.runCell', 'tensorlint.runFile', 'tensorlint.restartServer']) assert.ok(ids.includes(id), id);
  assert.ok(pkg.contributes.keybindings.some((k: any) => k.command === 'tensorlint.runCell' && /editorLangId == python/.test(k.when)));
  for (const g of pkg.contributes.grammars) {
    assert.deepEqual(g.injectTo, ['source.python']);
    assert.ok(fs.existsSync(new URL(g.path, `file://${PACKAGE_JSON}`)), g.path);
  }
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
});
