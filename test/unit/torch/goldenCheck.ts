// One check() per golden case, for the concrete path and the meta path. Cases come from
// scripts/golden/gen_goldens.py (real torch 1.13); see that file for the encoding.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { callConcrete, callMeta, dtypeValue, isDTypeValue, MetaUnknown } from '../../../engine/src/torch';
import type { DTypeName, MetaResult, MetaTensor } from '../../../engine/src/torch';
import { tensorFromNested, zeros } from '../../../engine/src/tensor/create';
import { isTensor, readData, type Tensor } from '../../../engine/src/tensor/tensor';

export interface GoldenCase {
  id: string;
  call: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
  expect: Expect;
}

type Expect =
  | { shape: number[]; dtype: DTypeName; values: unknown }
  | { shape: number[]; dtype: DTypeName; stats: { mean?: [number, number]; std?: [number, number] } }
  | { tuple: Expect[] }
  | { python: unknown }
  | { error: { type: string; message: string } };

const GOLDEN_DIR = path.join(__dirname, '..', '..', 'golden');

export function loadGoldens(): Map<string, GoldenCase[]> {
  const out = new Map<string, GoldenCase[]>();
  for (const file of readdirSync(GOLDEN_DIR).filter((f) => /^ops\..*\.json$/.test(f)).sort()) {
    const doc = JSON.parse(readFileSync(path.join(GOLDEN_DIR, file), 'utf8')) as { meta: { family: string }; cases: GoldenCase[] };
    out.set(doc.meta.family, doc.cases);
  }
  return out;
}

function decodeFloat(v: unknown): number {
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  if (v === 'nan') return NaN;
  return v as number;
}

function decodeNested(v: unknown): unknown {
  return Array.isArray(v) ? v.map(decodeNested) : typeof v === 'string' ? decodeFloat(v) : v;
}

function nestedShape(v: unknown): number[] {
  const shape: number[] = [];
  let p = v;
  while (Array.isArray(p)) {
    shape.push(p.length);
    if (p.length === 0) break;
    p = p[0];
  }
  return shape;
}

type Mode = 'concrete' | 'meta';

/** Decodes one argument into the interpreter's value conventions. */
export function decode(v: unknown, mode: Mode): unknown {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map((x) => decode(x, mode));
  const o = v as Record<string, unknown>;
  if ('tensor' in o) {
    const dtype = o.dtype as DTypeName;
    const shape = (o.shape as number[] | undefined) ?? nestedShape(o.tensor);
    if (mode === 'meta') return { kind: 'meta', shape, dtype } satisfies MetaTensor;
    // An empty nested list has no element shape of its own: build torch's recorded shape.
    if (shape.some((s) => s === 0)) return zeros(shape, dtype);
    return tensorFromNested(decodeNested(o.tensor) as never, dtype);
  }
  if ('int' in o) return BigInt(o.int as number);
  if ('float' in o) return decodeFloat(o.float);
  if ('dtype' in o) return dtypeValue(o.dtype as DTypeName);
  if ('ellipsis' in o) return { kind: 'ellipsis' };
  if ('slice' in o) {
    const [start, stop, step] = (o.slice as unknown[]).map((x) => decode(x, mode));
    return { kind: 'slice', start, stop, step };
  }
  if ('call' in o) {
    const args = (o.args as unknown[]).map((x) => decode(x, mode));
    const kwargs = Object.fromEntries(Object.entries(o.kwargs as Record<string, unknown>).map(([k, x]) => [k, decode(x, mode)]));
    return mode === 'meta' ? callMeta(o.call as string, args, kwargs) : callConcrete(o.call as string, args, kwargs);
  }
  throw new Error(`undecodable golden value ${JSON.stringify(v)}`);
}

function tolerance(dtype: DTypeName): { rtol: number; atol: number } {
  return dtype === 'float64' ? { rtol: 1e-10, atol: 1e-12 } : { rtol: 1e-5, atol: 1e-6 };
}

function flat(v: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(v)) v.forEach((x) => flat(x, out));
  else out.push(v);
  return out;
}

function closeFloat(got: number, want: number, rtol: number, atol: number): boolean {
  if (Number.isNaN(want)) return Number.isNaN(got);
  if (!Number.isFinite(want)) return got === want;
  return Math.abs(got - want) <= atol + rtol * Math.abs(want);
}

function compareTensor(got: unknown, want: { shape: number[]; dtype: DTypeName; values?: unknown; stats?: { mean?: [number, number]; std?: [number, number] } }): string | null {
  if (!isTensor(got)) return `expected a tensor, got ${describe(got)}`;
  const t = got as Tensor;
  if (t.dtype !== want.dtype) return `dtype ${t.dtype}, expected ${want.dtype}`;
  if (t.shape.length !== want.shape.length || t.shape.some((s, i) => s !== want.shape[i])) {
    return `shape [${t.shape.join(', ')}], expected [${want.shape.join(', ')}]`;
  }
  const data = Array.from(readData(t));
  if (want.stats) {
    if (data.length === 0) return null;
    const mean = data.reduce((a, b) => a + b, 0) / data.length;
    const std = Math.sqrt(data.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(data.length - 1, 1));
    if (want.stats.mean && (mean < want.stats.mean[0] || mean > want.stats.mean[1])) return `mean ${mean} outside [${want.stats.mean.join(', ')}]`;
    if (want.stats.std && (std < want.stats.std[0] || std > want.stats.std[1])) return `std ${std} outside [${want.stats.std.join(', ')}]`;
    return null;
  }
  const expected = flat(decodeNested(want.values));
  if (expected.length !== data.length) return `${data.length} values, expected ${expected.length}`;
  const { rtol, atol } = tolerance(want.dtype);
  for (let i = 0; i < data.length; i++) {
    const w = expected[i];
    const g = data[i];
    const ok = want.dtype === 'bool' ? (g !== 0) === w : want.dtype === 'int64' ? g === w : closeFloat(g, w as number, rtol, atol);
    if (!ok) return `value [${i}] = ${g}, expected ${String(w)}`;
  }
  return null;
}

function describe(v: unknown): string {
  if (isTensor(v)) return `tensor ${v.dtype} [${v.shape.join(', ')}]`;
  if (typeof v === 'bigint') return `${v}n`;
  try {
    return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x)) ?? String(v);
  } catch {
    return String(v);
  }
}

function samePython(got: unknown, want: unknown): boolean {
  if (Array.isArray(want)) return Array.isArray(got) && got.length === want.length && want.every((w, i) => samePython(got[i], w));
  if (want !== null && typeof want === 'object') {
    const o = want as Record<string, unknown>;
    if ('int' in o) return typeof got === 'bigint' && got === BigInt(o.int as number);
    if ('float' in o) return typeof got === 'number' && closeFloat(got, decodeFloat(o.float), 1e-5, 1e-6);
    if ('dtype' in o) return isDTypeValue(got) && got.name === o.dtype;
  }
  return got === want;
}

/** Compares a concrete result with the expectation; null when it matches. */
export function compareConcrete(got: unknown, want: Expect): string | null {
  if ('tuple' in want) {
    if (!Array.isArray(got) || got.length !== want.tuple.length) return `expected a ${want.tuple.length}-tuple, got ${describe(got)}`;
    for (let i = 0; i < got.length; i++) {
      const r = compareConcrete(got[i], want.tuple[i]);
      if (r) return `item ${i}: ${r}`;
    }
    return null;
  }
  if ('python' in want) return samePython(got, want.python) ? null : `got ${describe(got)}, expected ${JSON.stringify(want.python)}`;
  if ('error' in want) return `returned ${describe(got)}, expected ${want.error.type}: ${want.error.message}`;
  return compareTensor(got, want);
}

export interface Outcome {
  ok: boolean;
  detail: string;
  /** The meta path raised where torch raised, or stayed silent on a data-dependent error. */
  kind?: 'value' | 'error' | 'silent' | 'unknown';
  messageMatches?: boolean;
}

export function runConcrete(c: GoldenCase): Outcome {
  let result: unknown;
  try {
    const args = c.args.map((a) => decode(a, 'concrete'));
    const kwargs = Object.fromEntries(Object.entries(c.kwargs).map(([k, v]) => [k, decode(v, 'concrete')]));
    result = callConcrete(c.call, args, kwargs);
  } catch (error) {
    const torchType = (error as { torchType?: string }).torchType;
    if ('error' in c.expect) {
      const ok = torchType === c.expect.error.type;
      return { ok, kind: 'error', detail: ok ? '' : `raised ${torchType ?? (error as Error).name}: ${(error as Error).message}, expected ${c.expect.error.type}`, messageMatches: (error as Error).message === c.expect.error.message };
    }
    return { ok: false, detail: `raised ${torchType ?? (error as Error).name}: ${(error as Error).message}` };
  }
  const r = compareConcrete(result, c.expect);
  return { ok: r === null, kind: 'value', detail: r ?? '' };
}

/** Errors that depend on tensor values, which a shape rule must not (and cannot) predict. */
const DATA_DEPENDENT = [
  /out of bounds/, /Class values must/, /ZeroDivisionError/, /between 0 and 1/, /Integers to negative integer powers/,
  /INDICES element/, /index out of range/, /Can not infer total number/, /expected sequence of length/, /only one element tensors/,
];

/** Calls where the meta result legitimately depends on data (MetaUnknown is the right answer). */
const DATA_SHAPED = new Set(['torch.nn.functional.one_hot', 'Tensor.__getitem__', 'torch.tensor', 'Tensor.tolist', 'Tensor.item']);

function compareMeta(got: MetaResult, want: Expect): string | null {
  if ('tuple' in want) {
    if (got.kind !== 'tuple' || got.items.length !== want.tuple.length) return `expected a ${want.tuple.length}-tuple, got ${describe(got)}`;
    for (let i = 0; i < want.tuple.length; i++) {
      const r = compareMeta(got.items[i], want.tuple[i]);
      if (r) return `item ${i}: ${r}`;
    }
    return null;
  }
  if ('python' in want) {
    if (got.kind === 'unknown') return null;
    if (got.kind !== 'python') return `expected a Python value, got ${describe(got)}`;
    return samePython(got.value, want.python) ? null : `got ${describe(got.value)}, expected ${JSON.stringify(want.python)}`;
  }
  if ('error' in want) return `returned ${describe(got)}`;
  if (got.kind !== 'meta') return `expected a tensor, got ${describe(got)}`;
  if (got.dtype !== want.dtype) return `dtype ${got.dtype}, expected ${want.dtype}`;
  const shape = got.shape as unknown[];
  // An unknown dim (a boolean mask's count) matches any size; runMeta restricts where.
  const unknownAt = (d: unknown) => typeof d === 'object' && d !== null && (d as { kind?: unknown }).kind === 'unknown';
  if (shape.length !== want.shape.length || shape.some((s, i) => s !== want.shape[i] && !unknownAt(s))) {
    return `shape ${describe(shape)}, expected [${want.shape.join(', ')}]`;
  }
  return null;
}

export function runMeta(c: GoldenCase): Outcome {
  let result: MetaResult;
  try {
    const args = c.args.map((a) => decode(a, 'meta'));
    const kwargs = Object.fromEntries(Object.entries(c.kwargs).map(([k, v]) => [k, decode(v, 'meta')]));
    result = callMeta(c.call, args, kwargs);
  } catch (error) {
    if (error instanceof MetaUnknown) {
      const ok = DATA_SHAPED.has(c.call);
      return { ok, kind: 'unknown', detail: ok ? '' : `gave up: ${error.message}` };
    }
    const torchType = (error as { torchType?: string }).torchType;
    if ('error' in c.expect) {
      const ok = torchType === c.expect.error.type;
      return { ok, kind: 'error', detail: ok ? '' : `raised ${torchType ?? (error as Error).name}: ${(error as Error).message}, expected ${c.expect.error.type}` };
    }
    return { ok: false, detail: `raised ${torchType ?? (error as Error).name}: ${(error as Error).message}` };
  }
  if ('error' in c.expect) {
    const silent = DATA_DEPENDENT.some((re) => re.test((c.expect as { error: { message: string } }).error.message));
    return silent ? { ok: true, kind: 'silent', detail: '' } : { ok: false, detail: `returned ${describe(result)}, torch raised ${c.expect.error.type}: ${c.expect.error.message}` };
  }
  const r = compareMeta(result, c.expect);
  if (r === null && hasUnknownDim(result)) {
    const ok = DATA_SHAPED.has(c.call);
    return { ok, kind: 'unknown', detail: ok ? '' : `unknown dim in ${describe(result)}` };
  }
  return { ok: r === null, kind: 'value', detail: r ?? '' };
}

function hasUnknownDim(r: MetaResult): boolean {
  if (r.kind === 'tuple') return r.items.some(hasUnknownDim);
  if (r.kind !== 'meta') return false;
  return (r.shape as unknown[]).some((d) => typeof d === 'object' && d !== null && (d as { kind?: unknown }).kind === 'unknown');
}
