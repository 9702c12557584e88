// docs/rules.md is generated from the registry; this fails when a rule changes without it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { allRules } from '../../engine/src/rules/registry';
import { renderRuleDocs, RULE_DOCS_PATH } from '../../scripts/gen-rule-docs';

test('docs/rules.md matches the rule registry (regenerate: node --import tsx scripts/gen-rule-docs.ts)', () => {
  assert.equal(fs.readFileSync(RULE_DOCS_PATH, 'utf8'), renderRuleDocs());
});

test('every registered rule has a section with an anchor the SARIF helpUri points at', () => {
  const text = renderRuleDocs();
  for (const rule of allRules()) {
    assert.ok(text.includes(`\n## ${rule.code}\n`), rule.code);
    assert.ok(text.includes(`](#${rule.code})`), rule.code);
  }
});

test('the renderer is a pure function of the rules given', () => {
  const text = renderRuleDocs([
    { code: 'b-rule', category: 'shape', defaultSeverity: 'error', summary: 'B | pipe', docs: { whatItDoes: 'w', whyBad: 'y', example: 'x = 1\n', useInstead: 'x = 2', fixSafety: 'none' } },
  ]);
  assert.match(text, /\| \[b-rule\]\(#b-rule\) \| shape \| error \| B \\\| pipe \|/);
  assert.match(text, /# Shape rules\n\n## b-rule\n/);
  assert.match(text, /```python\nx = 1\n```/);
});
