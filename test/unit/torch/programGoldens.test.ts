// The program goldens (test/golden/programs) follow the `run` JSON contract; the
// interpreter's replay test relies on that shape, so it is checked here once.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';

const DIR = path.join(__dirname, '..', '..', 'golden', 'programs');

interface Entry {
  line: number;
  name: string;
  shape: number[] | null;
  dtype: string | null;
  value: unknown;
  printed: string;
  error: { type: string; message: string } | null;
}

function load(name: string): { source: string; entries: Entry[] } {
  const source = readFileSync(path.join(DIR, `${name}.py`), 'utf8');
  const entries = (JSON.parse(readFileSync(path.join(DIR, `${name}.expected.json`), 'utf8')) as { entries: Entry[] }).entries;
  return { source, entries };
}

const names = readdirSync(DIR).filter((f) => f.endsWith('.py')).map((f) => f.slice(0, -3)).sort();

it('has the seed notes programs and at least ten others', () => {
  assert.ok(names.includes('seed_ordinary') && names.includes('seed_extreme'));
  assert.ok(names.length >= 12, names.join(', '));
});

for (const name of names) {
  it(`${name} follows the run contract`, () => {
    const { source, entries } = load(name);
    const lines = source.split('\n');
    assert.ok(entries.length > 0);
    let last = 0;
    entries.forEach((e, i) => {
      assert.ok(e.line >= last, `${name}: entries out of order at ${e.name}`);
      last = e.line;
      assert.ok(lines[e.line - 1].includes(e.name.split('[')[0].split('.')[0]), `${name}:${e.line} does not mention ${e.name}`);
      if (e.error) {
        assert.equal(i, entries.length - 1, `${name}: entries after the first error`);
        assert.equal(e.shape, null);
      } else if (e.dtype !== null) {
        assert.ok(['float32', 'float64', 'int64', 'bool'].includes(e.dtype));
        assert.ok(Array.isArray(e.shape));
      }
    });
  });
}

it('records the inf and nan the naive forms give on ±1000 logits', () => {
  const { entries } = load('seed_extreme');
  const byName = new Map(entries.map((e) => [e.name, e]));
  assert.deepEqual(byName.get('lse_naive')?.value, ['inf', '-inf']);
  assert.ok(JSON.stringify(byName.get('sm_naive')?.value).includes('nan'));
  assert.ok(!JSON.stringify(byName.get('lse')?.value).includes('inf'));
  assert.ok(!JSON.stringify(byName.get('ce')?.value).includes('nan'));
});
