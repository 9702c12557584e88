// Conformance of the shape rules with real torch: every case of test/golden/shapes.json
// (written by scripts/golden/gen_shape_goldens.py with torch 1.13) is replayed with the same
// all-number shapes. The rule must give torch's shape, or throw torch's exception type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as S from '../../../engine/src/shape';

interface GoldenCase {
  id: string;
  op: string;
  args: any;
  expect: { shape?: number[]; shapes?: number[][]; error?: { type: string; message: string } };
}

const golden: { torch: string; cases: GoldenCase[] } = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'golden', 'shapes.json'), 'utf8'),
);

type Result = S.Shape | S.Shape[];

function run(c: GoldenCase): Result {
  const a = c.args;
  switch (c.op) {
    case 'broadcast': return S.broadcastShapes('add', a.a, a.b);
    case 'broadcastAll': return S.broadcastAll('broadcast_tensors', a.shapes);
    case 'matmul': return S.matmulShape('matmul', a.a, a.b);
    case 'mm': return S.mmShape('mm', a.a, a.b);
    case 'bmm': return S.bmmShape('bmm', a.a, a.b);
    case 'linear': return S.linearShape(a.input, a.weight, a.bias);
    case 'reshape': return S.reshapeShape('reshape', a.shape, a.target);
    case 'view': return S.viewShape('view', a.shape, a.target);
    case 'flatten': return S.flattenShape('flatten', a.shape, a.start, a.end);
    case 'unflatten': return S.unflattenShape('unflatten', a.shape, a.dim, a.sizes);
    case 'permute': return S.permuteShape('permute', a.shape, a.dims);
    case 'transpose': return S.transposeShape('transpose', a.shape, a.d0, a.d1);
    case 'squeeze': return S.squeezeShape('squeeze', a.shape, a.dim).shape;
    case 'unsqueeze': return S.unsqueezeShape('unsqueeze', a.shape, a.dim);
    case 'expand': return S.expandShape('expand', a.shape, a.sizes);
    case 'repeat': return S.repeatShape('repeat', a.shape, a.repeats);
    case 'cat': return S.catShape('cat', a.shapes, a.dim);
    case 'stack': return S.stackShape('stack', a.shapes, a.dim);
    case 'split': return S.splitShapes('split', a.shape, a.size, a.dim);
    case 'chunk': return S.chunkShapes('chunk', a.shape, a.chunks, a.dim);
    case 'index': return S.indexShape(a.shape, a.index);
    case 'reduce': return S.reduceShape('sum', a.shape, a.dims, a.keepdim);
    case 'gather': return S.gatherShape('gather', a.shape, a.dim, a.index);
    case 'indexSelect': return S.indexSelectShape('index_select', a.shape, a.dim, a.index);
    case 'conv': return S.convNdShape(a.input, a);
    case 'oneHot': return S.oneHotShape(a.shape, a.numClasses);
    case 'pad': return S.padShape('pad', a.shape, a.pad);
    case 'einsum': return S.einsumShape(a.equation, a.shapes);
    default: throw new Error(`golden op ${c.op} has no replay`);
  }
}

// A boolean mask selects a data-dependent number of elements: the rule may answer unknown there.
const dataDependent = (c: GoldenCase) => c.op === 'index' && c.args.index.some((it: any) => it.kind === 'tensor' && it.dtype === 'bool');

function sameShape(got: S.Shape, want: number[], allowUnknown: boolean): boolean {
  return got.length === want.length && got.every((d, i) => d === want[i] || (allowUnknown && S.isUnknownDim(d)));
}

interface Outcome {
  failures: string[];
  messageMatches: number;
  errors: number;
}

function replayAll(): Outcome {
  const failures: string[] = [];
  let messageMatches = 0;
  let errors = 0;
  for (const c of golden.cases) {
    let got: Result | undefined;
    let thrown: unknown;
    try {
      got = run(c);
    } catch (e) {
      thrown = e;
    }
    const { expect } = c;
    if (expect.error) {
      errors++;
      if (!(thrown instanceof S.ShapeError)) {
        failures.push(`${c.id}: torch raised ${expect.error.type} "${expect.error.message}", rule gave ${thrown ? String(thrown) : JSON.stringify(got)}`);
      } else if (thrown.torchType !== expect.error.type) {
        failures.push(`${c.id}: torch raised ${expect.error.type}, rule threw ${thrown.torchType}: ${thrown.message}`);
      } else if (thrown.message === expect.error.message) {
        messageMatches++;
      }
      continue;
    }
    if (thrown !== undefined) {
      failures.push(`${c.id}: torch gave ${JSON.stringify(expect.shape ?? expect.shapes)}, rule threw ${String(thrown)}`);
      continue;
    }
    const ok = expect.shapes
      ? Array.isArray(got) && got.length === expect.shapes.length && (got as S.Shape[]).every((s, i) => sameShape(s, expect.shapes![i], false))
      : sameShape(got as S.Shape, expect.shape!, dataDependent(c));
    if (!ok) failures.push(`${c.id}: torch gave ${JSON.stringify(expect.shape ?? expect.shapes)}, rule gave ${JSON.stringify(got)}`);
  }
  return { failures, messageMatches, errors };
}

test(`every shape golden from torch ${golden.torch} gives the same shape or the same exception type`, (t) => {
  assert.ok(golden.cases.length >= 300, `only ${golden.cases.length} golden cases`);
  const { failures, messageMatches, errors } = replayAll();
  t.diagnostic(`${golden.cases.length} cases, ${errors} torch errors, ${messageMatches} with torch's exact message`);
  assert.deepEqual(failures, []);
});

// Users read these messages: every error must carry torch's own text, except where torch's
// text is an accident of its implementation: an internal failure, or (for a second ellipsis
// followed by more indices) an index into a dim past the last one.
const accidentalText = (c: GoldenCase) =>
  /^unflatten got an unexpected error/.test(c.expect.error!.message)
  || (c.op === 'index' && c.args.index.filter((it: any) => it.kind === 'ellipsis').length > 1);

test("errors carry torch's exact message", () => {
  const mismatched: string[] = [];
  for (const c of golden.cases) {
    if (!c.expect.error || accidentalText(c)) continue;
    try {
      run(c);
      mismatched.push(`${c.id}: no error`);
    } catch (e) {
      if ((e as Error).message !== c.expect.error.message) mismatched.push(`${c.id}: "${(e as Error).message}" vs torch "${c.expect.error.message}"`);
    }
  }
  assert.deepEqual(mismatched, []);
});
