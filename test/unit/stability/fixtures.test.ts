// Stability rules as data: every fixture's `# expect:` marks must match the findings; every
// fix must apply cleanly, parse, remove its finding, be idempotent, and — proven by running
// both versions in the engine — keep moderate values and repair extreme ones.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, initEngine, runProgram, type Finding, type FixStyle } from '../../../engine/src/index';
import { applyEdits } from '../../../bin/src/applyFixes';

const ROOT = path.join(__dirname, '..', '..', 'fixtures', 'rules');
const CODES = ['unstable-logsumexp', 'unstable-softmax', 'unstable-log-softmax', 'unstable-cross-entropy', 'unstable-softplus', 'unstable-log-sigmoid', 'unstable-log1p-expm1', 'double-softmax'];
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

before(async () => {
  await initEngine();
});

function expectedMarks(text: string): string[] {
  const marks: string[] = [];
  text.split('\n').forEach((line, i) => {
    const m = /# expect: ([\w-]+(?:\s*,\s*[\w-]+)*)/.exec(line);
    if (m) for (const code of m[1].split(',')) marks.push(`${i + 1}:${code.trim()}`);
  });
  return marks.sort();
}

function found(findings: Finding[]): string[] {
  return findings.map((f) => `${f.range.start.line + 1}:${f.code}`).sort();
}

function fixAll(text: string, style: FixStyle): { text: string; applied: number } {
  const analysis = analyze(text, { fixStyle: style });
  const edits = analysis.findings.flatMap((f) => {
    const fix = f.fixes.find((x) => x.style === style) ?? f.fixes[0];
    return fix ? fix.edits : [];
  });
  const applied = analysis.findings.filter((f) => f.fixes.length > 0).length;
  if (edits.length === 0) return { text, applied: 0 };
  const out = applyEdits(text, edits);
  assert.ok(out !== null, 'fix edits overlap');
  return { text: out, applied };
}

function fixtureFiles(code: string): string[] {
  const dir = path.join(ROOT, code);
  return fs.readdirSync(dir).filter((f) => f.endsWith('.py') && !f.includes('.fixed')).map((f) => path.join(dir, f));
}

for (const code of CODES) {
  describe(code, () => {
    for (const file of fixtureFiles(code)) {
      const name = path.basename(file);
      const text = fs.readFileSync(file, 'utf8');

      test(`${name}: findings match the # expect marks`, () => {
        assert.deepEqual(found(analyze(text).findings), expectedMarks(text));
      });

      if (expectedMarks(text).length === 0) continue;
      if (text.startsWith('# fixture: no-fix')) {
        test(`${name}: no fix is offered for this form`, () => {
          assert.deepEqual(analyze(text).findings.flatMap((f) => f.fixes), []);
        });
        continue;
      }

      for (const style of ['builtin', 'explicit'] as const) {
        test(`${name}: ${style} fixes parse, remove their findings and are idempotent`, () => {
          const before = analyze(text, { fixStyle: style }).findings;
          const { text: fixed, applied } = fixAll(text, style);
          assert.ok(applied > 0, 'at least one finding carries a fix');
          const after = analyze(fixed, { fixStyle: style }).findings;
          assert.deepEqual(after.filter((f) => f.code === 'syntax-error'), [], `fixed text parses:\n${fixed}`);
          const unfixed = before.filter((f) => f.fixes.length === 0).length;
          assert.ok(after.length <= unfixed, `findings left after fixing: ${JSON.stringify(found(after))}\n${fixed}`);
          assert.equal(fixAll(fixed, style).applied, 0, 'a second --fix changes nothing');
          const snapshot = file.replace(/\.py$/, `.${style}.fixed.py`);
          if (UPDATE) fs.writeFileSync(snapshot, fixed);
          assert.equal(fixed, fs.readFileSync(snapshot, 'utf8'), `snapshot ${path.basename(snapshot)} (UPDATE_SNAPSHOTS=1 refreshes)`);
        });
      }

      test(`${name}: original and fixed agree on moderate inputs; fixed is finite and right on extreme ones`, () => {
        checkProof(code, text, fixAll(text, 'builtin').text);
      });
    }
  });
}

interface Param {
  name: string;
  dims: number;
}

/** Top-level functions with their declared parameter ranks (from `x: shape (...)` docstrings). */
function declaredFunctions(text: string): Array<{ name: string; params: Param[] }> {
  const out: Array<{ name: string; params: Param[] }> = [];
  const re = /^def (\w+)\(([^)]*)\)[^:]*:\n\s+"""([\s\S]*?)"""/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const params: Param[] = [];
    for (const raw of m[2].split(',')) {
      const pname = raw.split(':')[0].trim();
      if (!pname) continue;
      const decl = new RegExp(`${pname}: shape \\(([^)]*)\\)`).exec(m[3]);
      if (!decl) return out;
      params.push({ name: pname, dims: decl[1].split(',').filter((s) => s.trim() !== '').length });
    }
    out.push({ name: m[1], params });
  }
  return out;
}

function literal(param: Param, scale: number, code: string, dtype: string): string {
  const isLabel = /label/.test(param.name);
  if (isLabel) return 'torch.tensor([1, 0])';
  if (param.name === 'y') return `torch.tensor([[0.2, 0.3, 0.5], [0.6, 0.3, 0.1]], dtype=${dtype})`;
  if (param.name === 'targets') return `torch.tensor([1., 0., 1.], dtype=${dtype})`;
  const base = param.dims === 2 ? [[0.5, -1.5, 2.0], [-3.0, 1.0, 0.25]] : [-1.5, 0.5, 2.0];
  const scaleValue = (v: number) => (code === 'unstable-log1p-expm1' && scale !== 1 ? Math.abs(v) * 1e-10 : v * scale);
  const scaled = JSON.stringify(base, (_k, v) => (typeof v === 'number' ? scaleValue(v) : v)).replace(/(-?\d+(?:\.\d+)?(?:e-?\d+)?)/g, (n) => (n.includes('.') || n.includes('e') ? n : `${n}.`));
  return `torch.tensor(${scaled}, dtype=${dtype})`;
}

function evaluate(source: string, fn: { name: string; params: Param[] }, scale: number, code: string, dtype: string): unknown {
  const args = fn.params.map((p) => literal(p, scale, code, dtype)).join(', ');
  const program = `${source}\n__result = ${fn.name}(${args})\n`;
  const entries = runProgram(program);
  const last = entries[entries.length - 1];
  assert.ok(last && last.name === '__result', `ran to the end: ${JSON.stringify(entries.find((e) => e.error))}`);
  assert.equal(last.error, null);
  return last.value;
}

function flat(v: unknown): number[] {
  if (Array.isArray(v)) return v.flatMap(flat);
  if (v === 'inf') return [Infinity];
  if (v === '-inf') return [-Infinity];
  if (v === 'nan') return [NaN];
  return [Number(v)];
}

function close(a: number[], b: number[], rtol: number, atol: number): boolean {
  return a.length === b.length && a.every((x, i) => Math.abs(x - b[i]) <= atol + rtol * Math.abs(b[i]) || x === b[i] || (Number.isNaN(x) && Number.isNaN(b[i])));
}

function checkProof(code: string, original: string, fixed: string): void {
  const flagged = new Set(analyze(original).findings.filter((f) => f.fixes.length > 0).map((f) => f.range.start.line));
  const fns = declaredFunctions(original).filter((fn) => {
    const start = original.split('\n').findIndex((l) => l.startsWith(`def ${fn.name}(`));
    const next = original.split('\n').findIndex((l, i) => i > start && /^(def|class) /.test(l));
    return [...flagged].some((line) => line > start && (next < 0 || line < next));
  });
  assert.ok(fns.length > 0, 'at least one flagged function can be evaluated');
  for (const fn of fns) {
    const moderateA = flat(evaluate(original, fn, 1, code, 'torch.float32'));
    const moderateB = flat(evaluate(fixed, fn, 1, code, 'torch.float32'));
    if (code !== 'double-softmax' || /log_softmax/.test(functionSource(original, fn.name))) {
      assert.ok(close(moderateA, moderateB, 1e-5, 1e-6), `${fn.name}: moderate ${moderateA} vs ${moderateB}`);
    }
    if (code === 'double-softmax') continue;
    const extremeScale = code === 'unstable-log-sigmoid' ? -1000 / 3 : 1000 / 3;
    const naive = flat(evaluate(original, fn, extremeScale, code, 'torch.float32'));
    const fixedValue = flat(evaluate(fixed, fn, extremeScale, code, 'torch.float32'));
    const reference = flat(evaluate(fixed, fn, extremeScale, code, 'torch.float64'));
    assert.ok(fixedValue.every(Number.isFinite), `${fn.name}: fixed is finite on extreme inputs: ${fixedValue}`);
    assert.ok(close(fixedValue, reference, 1e-4, 1e-6), `${fn.name}: fixed ${fixedValue} vs float64 ${reference}`);
    assert.ok(!close(naive, reference, 1e-4, 1e-12), `${fn.name}: the extreme probe shows the bug (naive ${naive})`);
  }
}

function functionSource(text: string, name: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`def ${name}(`));
  const end = lines.findIndex((l, i) => i > start && /^(def|class) /.test(l));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}
