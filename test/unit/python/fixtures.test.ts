// One runner for every shape rule's fixtures: test/fixtures/rules/<code>/*.py mark each
// expected finding with `# expect: <code>` on the line where it starts; every other line of
// every fixture (the look-alikes) must stay silent for all shape rules.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { allRules, initEngine } from '../../../engine/src/index';
import { check } from './helpers';

const ROOT = path.join(__dirname, '../../fixtures/rules');

before(async () => {
  await initEngine();
});

function expectedMarks(text: string, shapeCodes: Set<string>): string[] {
  const out: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    for (const m of line.matchAll(/#\s*expect:\s*([\w-]+(?:\s*,\s*[\w-]+)*)/g)) {
      for (const code of m[1].split(',').map((c) => c.trim())) if (shapeCodes.has(code)) out.push(`${i + 1}:${code}`);
    }
  });
  return out.sort();
}

const shapeCodes = new Set(allRules().filter((r) => r.category === 'shape').map((r) => r.code));

for (const code of [...shapeCodes].sort()) {
  const dir = path.join(ROOT, code);
  test(`${code} has fixtures`, () => {
    assert.ok(existsSync(dir), `missing ${dir}`);
  });
  if (!existsSync(dir)) continue;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.py') && !f.endsWith('.fixed.py')).sort()) {
    test(`${code}/${file}`, () => {
      const text = readFileSync(path.join(dir, file), 'utf8');
      const a = check(text);
      const actual = a.findings.filter((f) => shapeCodes.has(f.code)).map((f) => `${f.range.start.line + 1}:${f.code}`).sort();
      assert.deepEqual(actual, expectedMarks(text, shapeCodes), a.findings.map((f) => `${f.range.start.line + 1} ${f.code}: ${f.message}`).join('\n'));
      if (!file.startsWith('negatives')) assert.ok(actual.some((x) => x.endsWith(`:${code}`)), 'a case file must catch its own rule');
    });
  }
}
