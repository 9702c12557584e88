// The symbolic rules and the all-number rules must tell the same story: for shapes built from
// named symbols (and 1s), running a rule symbolically and then binding the symbols to distinct
// sample sizes gives what the rule gives on the bound shapes — the same shape, or an error in
// both. This is what lets the analysis trust a symbolic result for any generic size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as S from '../../../engine/src/shape';

// A small deterministic generator (mulberry32), so a failure names a reproducible case.
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const [b, n, h, w] = ['b', 'n', 'h', 'w'].map(S.sym);
const POOL: S.Dim[] = [b, n, h, w, 1, S.dimMul(h, w), S.dimMul(n, 2), S.dimAdd(n, 1)];

function randomShape(r: () => number, maxRank = 4): S.Dim[] {
  const rank = Math.floor(r() * (maxRank + 1));
  return Array.from({ length: rank }, () => POOL[Math.floor(r() * POOL.length)]);
}

type Outcome = { shapes: number[][] } | { error: string };

function outcome(f: () => S.Shape | S.Shape[], binding?: Record<string, number>): Outcome {
  try {
    const r = f();
    const list = (r.length > 0 && Array.isArray(r[0]) ? r : [r]) as S.Shape[];
    const shapes = list.map((s) => (binding ? S.concretize(s, binding) : (s as number[])));
    if (shapes.some((s) => s === undefined)) return { error: 'unknown' };
    return { shapes: shapes as number[][] };
  } catch (e) {
    if (!(e instanceof S.ShapeError)) throw e;
    return { error: e.torchType };
  }
}

// Soundness is strict: a symbolic error must be an error for the generic sizes too (no false
// positives), and a symbolic shape that the bound run also produces must agree with it. The
// converse may fail only as a miss: the symbolic rule stays silent where it cannot prove
// (n against 1, a numel against a constant), and the bound run raises.
function checkCommutes(name: string, count: number, make: (r: () => number) => (shapes: (x: S.Shape) => S.Shape) => S.Shape | S.Shape[]) {
  test(`${name}: symbolic results agree with the same rule on bound sizes (${count} random cases)`, (t) => {
    const r = rng(name.length * 7919);
    let provedErrors = 0;
    let misses = 0;
    for (let k = 0; k < count; k++) {
      const run = make(r);
      const seen: S.Shape[] = [];
      const symbolic = outcome(() => run((x) => (seen.push(x), x)));
      const binding = S.bindSamples(seen);
      const bound = outcome(() => run((x) => S.concretize(x, binding)!));
      const symbolicBound = 'shapes' in symbolic ? outcome(() => run((x) => x), binding) : symbolic;
      const label = `case ${k}: ${JSON.stringify(symbolicBound)} vs ${JSON.stringify(bound)} for ${seen.map(S.formatShape).join(' ')} under ${JSON.stringify(binding)}`;
      if ('error' in symbolicBound && symbolicBound.error === 'unknown') continue;
      if ('error' in symbolicBound) {
        provedErrors++;
        assert.deepEqual(bound, symbolicBound, label);
      } else if ('error' in bound) {
        misses++;
      } else {
        assert.deepEqual(symbolicBound, bound, label);
      }
    }
    t.diagnostic(`${provedErrors} errors proved symbolically, ${misses} left silent`);
    // The property says little unless errors are actually proved symbolically.
    assert.ok(provedErrors >= count / 20, `only ${provedErrors} symbolic errors out of ${count}`);
  });
}

checkCommutes('broadcast', 400, (r) => {
  const a = randomShape(r);
  const c = r() < 0.5 ? [...a.slice(Math.floor(r() * (a.length + 1)))].map((d) => (r() < 0.2 ? 1 : d)) : randomShape(r);
  return (f) => S.broadcastShapes('add', f(a), f(c));
});

checkCommutes('matmul', 400, (r) => {
  const a = randomShape(r);
  const c = randomShape(r);
  if (a.length > 0 && c.length > 1 && r() < 0.5) c[c.length - 2] = a[a.length - 1];
  if (a.length > 0 && c.length === 1 && r() < 0.5) c[0] = a[a.length - 1];
  return (f) => S.matmulShape('matmul', f(a), f(c));
});

checkCommutes('reshape', 300, (r) => {
  const a = randomShape(r);
  const target: S.Dim[] = r() < 0.5 ? [...a].reverse() : randomShape(r, 3);
  if (target.length > 0 && r() < 0.5) target[Math.floor(r() * target.length)] = -1;
  return (f) => S.reshapeShape('reshape', f(a), target.map((d) => (d === -1 ? -1 : f([d])[0])));
});

checkCommutes('cat and stack', 300, (r) => {
  const a = randomShape(r, 3);
  const c = r() < 0.6 ? a.map((d) => (r() < 0.3 ? POOL[Math.floor(r() * POOL.length)] : d)) : randomShape(r, 3);
  const dim = Math.floor(r() * 5) - 2;
  return r() < 0.5 ? (f) => S.catShape('cat', [f(a), f(c)], dim) : (f) => S.stackShape('stack', [f(a), f(c)], dim);
});

checkCommutes('einsum', 200, (r) => {
  const a = randomShape(r, 2).filter(() => true);
  const c = randomShape(r, 2);
  const letters = 'ijk';
  const ta = a.map((_, i) => letters[i]).join('');
  const tc = c.map((_, i) => letters[(i + 1) % 3]).join('');
  return (f) => S.einsumShape(`${ta},${tc}`, [f(a), f(c)]);
});

checkCommutes('flatten, permute and transpose', 300, (r) => {
  const a = randomShape(r);
  const d0 = Math.floor(r() * 7) - 3;
  const d1 = Math.floor(r() * 7) - 3;
  const which = Math.floor(r() * 3);
  if (which === 0) return (f) => S.flattenShape('flatten', f(a), d0, d1);
  if (which === 1) return (f) => S.transposeShape('transpose', f(a), d0, d1);
  const perm = a.map((_, i) => i).sort(() => r() - 0.5);
  if (r() < 0.2 && perm.length > 1) perm[0] = perm[1];
  return (f) => S.permuteShape('permute', f(a), perm);
});

checkCommutes('indexing', 300, (r) => {
  const a = randomShape(r);
  const items: S.IndexItem[] = [];
  const count = Math.floor(r() * 4);
  for (let i = 0; i < count; i++) {
    const roll = r();
    if (roll < 0.2) items.push({ kind: 'int' });
    else if (roll < 0.4) items.push({ kind: 'slice', start: r() < 0.5 ? 1 : null, stop: r() < 0.5 ? -1 : null });
    else if (roll < 0.5) items.push({ kind: 'none' });
    else if (roll < 0.6) items.push({ kind: 'ellipsis' });
    else items.push({ kind: 'tensor', shape: randomShape(r, 2), dtype: 'int64' });
  }
  return (f) => S.indexShape(f(a), items.map((it) => (it.kind === 'tensor' ? { ...it, shape: f(it.shape) } : it)));
});

checkCommutes('expand, split, chunk and reductions', 400, (r) => {
  const a = randomShape(r);
  const dim = Math.floor(r() * 7) - 3;
  const which = Math.floor(r() * 4);
  if (which === 0) {
    const sizes = [...randomShape(r, 1), ...a.map((d) => (d === 1 || r() < 0.3 ? POOL[Math.floor(r() * POOL.length)] : r() < 0.3 ? -1 : d))];
    return (f) => S.expandShape('expand', f(a), sizes.map((d) => (d === -1 ? -1 : f([d])[0])));
  }
  // split and chunk answer [] when the number of pieces is not provable: that is "unknown".
  const pieces = (x: S.Shape[]) => (x.length === 0 ? [[S.unknownDim()]] : x);
  if (which === 1) return (f) => pieces(S.splitShapes('split', f(a), f([n])[0], dim));
  if (which === 2) return (f) => pieces(S.chunkShapes('chunk', f(a), 2, dim));
  const dims = r() < 0.2 ? null : [dim, ...(r() < 0.3 ? [Math.floor(r() * 7) - 3] : [])];
  const keepdim = r() < 0.5;
  return (f) => S.reduceShape('sum', f(a), dims, keepdim);
});
