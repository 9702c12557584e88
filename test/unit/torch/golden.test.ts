// The golden conformance suite: every case torch 1.13 recorded (test/golden/ops.*.json) is
// run through the table's concrete path (values, dtype, shape, or the exception type) and
// its meta path on MetaTensors of the same shapes (shape and dtype, or the same exception
// type; silence only for errors that depend on tensor values). Regenerate the goldens with
// `/usr/bin/python3 scripts/golden/gen_goldens.py`.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { loadGoldens, runConcrete, runMeta, type Outcome } from './goldenCheck';

/**
 * Cases that fail today, asserted as failing so the suite stays honest: when one starts to
 * pass, its test fails and asks for its removal from this list. FIXME entries name the cause.
 */
const KNOWN_FAILURES: Record<string, { path: 'concrete' | 'meta'; why: string }> = {};

interface Tally {
  cases: number;
  concrete: number;
  meta: number;
  errors: number;
  messages: number;
  silent: number;
  unknown: number;
}

const tallies = new Map<string, Tally>();

function record(family: string, path: 'concrete' | 'meta', out: Outcome): void {
  const t = tallies.get(family) ?? { cases: 0, concrete: 0, meta: 0, errors: 0, messages: 0, silent: 0, unknown: 0 };
  tallies.set(family, t);
  if (path === 'concrete') {
    t.cases++;
    if (out.ok) t.concrete++;
    if (out.kind === 'error') {
      t.errors++;
      if (out.messageMatches) t.messages++;
    }
  } else {
    if (out.ok) t.meta++;
    if (out.kind === 'silent') t.silent++;
    if (out.kind === 'unknown') t.unknown++;
  }
}

function check(id: string, path: 'concrete' | 'meta', out: Outcome): void {
  const known = KNOWN_FAILURES[id];
  if (known && known.path === path) {
    assert.equal(out.ok, false, `${id} (${path}) now passes: remove it from KNOWN_FAILURES (${known.why})`);
    return;
  }
  assert.ok(out.ok, `${id} (${path}): ${out.detail}`);
}

const goldens = loadGoldens();

it('has at least 450 golden cases across every family', () => {
  const total = [...goldens.values()].reduce((n, cases) => n + cases.length, 0);
  assert.ok(total >= 450, `only ${total} cases`);
  for (const family of ['creation', 'elementwise', 'reductions', 'nn', 'shape', 'indexing', 'matmul']) {
    assert.ok((goldens.get(family)?.length ?? 0) > 0, `no cases for ${family}`);
  }
});

for (const [family, cases] of goldens) {
  describe(`golden ${family}`, () => {
    for (const c of cases) {
      it(`${c.id} concrete`, () => {
        const out = runConcrete(c);
        record(family, 'concrete', out);
        check(c.id, 'concrete', out);
      });
      it(`${c.id} meta`, () => {
        const out = runMeta(c);
        record(family, 'meta', out);
        check(c.id, 'meta', out);
      });
    }
  });
}

after(() => {
  const lines = ['family        cases  concrete  meta   raises(msg same)  meta-silent  meta-unknown'];
  for (const [family, t] of tallies) {
    lines.push(
      `${family.padEnd(12)} ${String(t.cases).padStart(6)} ${String(t.concrete).padStart(9)} ${String(t.meta).padStart(5)}   ${String(t.errors).padStart(6)}(${String(t.messages).padStart(3)})${String(t.silent).padStart(13)}${String(t.unknown).padStart(14)}`,
    );
  }
  console.log(lines.join('\n'));
});
