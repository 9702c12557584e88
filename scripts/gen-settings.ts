// Keeps the rule-code parts of package.json's settings schema in step with the engine's rule
// registry: the code suggestions of tensorlint.select / tensorlint.ignore and the per-rule
// keys of tensorlint.severity. Run `node --import tsx scripts/gen-settings.ts` after adding
// a rule; test/unit/grammar/settings.test.ts fails while they disagree.
import * as fs from 'node:fs';
import * as path from 'node:path';
import '../engine/src/rules/all';
import { allRules, type RuleMeta } from '../engine/src/rules/registry';

export const PACKAGE_JSON = path.resolve(__dirname, '..', 'package.json');
const SEVERITIES = ['error', 'warning', 'info', 'off'];

type Json = Record<string, any>;

function sortedRules(rules: readonly RuleMeta[]): RuleMeta[] {
  return [...rules].sort((a, b) => a.code.localeCompare(b.code));
}

/** The `anyOf[0]` branch of select/ignore items: known codes with their summaries. */
export function ruleCodeEnum(rules: readonly RuleMeta[]): Json {
  const sorted = sortedRules(rules);
  return { enum: sorted.map((r) => r.code), enumDescriptions: sorted.map((r) => r.summary) };
}

/** One property per rule in tensorlint.severity, described by its default. */
export function severityProperties(rules: readonly RuleMeta[]): Json {
  const props: Json = {};
  for (const r of sortedRules(rules)) {
    props[r.code] = {
      type: 'string',
      enum: SEVERITIES,
      description: `${r.summary} (default: ${r.defaultSeverity})`,
    };
  }
  return props;
}

/** Returns a copy of the manifest with the rule-dependent schema parts regenerated. */
export function withRuleSchema(pkg: Json, rules: readonly RuleMeta[]): Json {
  const copy = JSON.parse(JSON.stringify(pkg));
  const props = copy.contributes?.configuration?.properties;
  if (!props) throw new Error('package.json has no contributes.configuration.properties');
  for (const key of ['tensorlint.select', 'tensorlint.ignore']) {
    const items = props[key]?.items;
    if (!items?.anyOf?.length) throw new Error(`${key}.items.anyOf is missing`);
    items.anyOf[0] = ruleCodeEnum(rules);
  }
  if (!props['tensorlint.severity']) throw new Error('tensorlint.severity is missing');
  props['tensorlint.severity'].properties = severityProperties(rules);
  return copy;
}

export function currentRules(): readonly RuleMeta[] {
  return allRules();
}

if (require.main === module) {
  const before = fs.readFileSync(PACKAGE_JSON, 'utf8');
  const after = JSON.stringify(withRuleSchema(JSON.parse(before), currentRules()), null, 2) + '\n';
  if (after === before) {
    console.log(`gen-settings: package.json already lists ${currentRules().length} rules`);
  } else {
    fs.writeFileSync(PACKAGE_JSON, after);
    console.log(`gen-settings: package.json updated for ${currentRules().length} rules`);
  }
}
