// Creation entries: torch.tensor, zeros/ones/full/empty/eye/arange/linspace, the *_like
// forms, and the random creators with torch.manual_seed.
import * as cr from '../../tensor/create';
import * as rnd from '../../tensor/random';
import { runtimeError } from '../../tensor/errors';
import { DEFAULT_FLOAT, promoteTypes, scalarDType, type DType, type Scalar } from '../../tensor/dtype';
import { mt, op, py } from '../define';
import { MetaUnknown, type Dim } from '../metaShapes';
import type { MetaResult, OpEntry } from '../types';
import { dimExactDiv, dimSub, unknownDim } from '../../shape/dim';
import { isMetaTensor, isPyScalar, type Args } from '../values';

/** Shape and inferred dtype of a nested Python list, without reading values. */
function nestedMeta(data: unknown): { shape: Dim[]; dtype: DType } {
  const shape: Dim[] = [];
  let probe = data;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    if (probe.length === 0) break;
    probe = probe[0];
  }
  if (isMetaTensor(probe)) shape.push(...(probe.shape as unknown as Dim[]));
  let dtype: DType | null = null;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isMetaTensor(node)) dtype = dtype === null ? node.dtype : promoteTypes(dtype, node.dtype);
    else if (isPyScalar(node)) dtype = dtype === null ? scalarDType(node) : promoteTypes(dtype, scalarDType(node));
    else throw new MetaUnknown('tensor() of a value that is not a number');
  };
  walk(data);
  // Ragged lists raise in torch; only the kernel, which walks every element, can say where.
  const ragged = (node: unknown, depth: number): boolean =>
    Array.isArray(node) ? node.length !== shape[depth] || node.some((c) => ragged(c, depth + 1)) : !isMetaTensor(node) && depth !== shape.length;
  if (ragged(data, 0)) throw new MetaUnknown('ragged nested list');
  return { shape, dtype: dtype ?? DEFAULT_FLOAT };
}

const tensor = op({
  names: ['torch.tensor', 'torch.as_tensor'],
  sig: 'data, *, dtype=None, device=None, requires_grad=False',
  family: 'creation',
  meta(a) {
    const { shape, dtype } = nestedMeta(a.value('data'));
    return mt(shape, a.dtype('dtype') ?? dtype);
  },
  kernel: (a) => cr.tensorFromNested(a.value('data') as cr.NestedInput, a.dtype('dtype')),
});

function sizeCreator(names: string[], fill: (shape: number[], a: Args) => unknown, extra = ''): OpEntry {
  return op({
    names,
    sig: `*size, ${extra}dtype=None, device=None, requires_grad=False, generator=None`,
    family: 'creation',
    check(a) {
      for (const s of a.sizes('size')) {
        if (typeof s === 'number' && s < 0) {
          throw runtimeError(`Trying to create tensor with negative dimension ${s}: [${a.sizes('size').join(', ')}]`);
        }
      }
    },
    meta: (a) => mt(a.sizes('size'), a.dtype('dtype') ?? DEFAULT_FLOAT),
    kernel: (a) => fill(a.ints('size'), a),
  });
}

const full = op({
  names: ['torch.full'],
  sig: 'size, fill_value, *, dtype=None, device=None, requires_grad=False',
  family: 'creation',
  meta: (a) => mt(a.sizes('size'), a.dtype('dtype') ?? scalarDType(a.scalar('fill_value'))),
  kernel: (a) => cr.full(a.ints('size'), a.scalar('fill_value'), a.dtype('dtype')),
});

const eye = op({
  names: ['torch.eye'],
  sig: 'n, m=None, *, dtype=None, device=None, requires_grad=False',
  family: 'creation',
  meta(a) {
    // Sizes, not ints: the analysis passes symbolic ones (`torch.eye(x.shape[-1])`).
    const [n] = a.sizes('n');
    if (typeof n === 'number' && n < 0) throw runtimeError(`n must be greater or equal to 0, got ${n}`);
    const m = a.has('m') ? a.sizes('m')[0] : n;
    if (typeof m === 'number' && m < 0) throw runtimeError(`m must be greater or equal to 0, got ${m}`);
    return mt([n, m], a.dtype('dtype') ?? DEFAULT_FLOAT);
  },
  kernel: (a) => cr.eye(a.int('n'), a.optionalInt('m') ?? a.int('n'), a.dtype('dtype') ?? DEFAULT_FLOAT),
});

function arangeBounds(a: Args): { start: Scalar; end: Scalar; step: Scalar } {
  const start = a.scalar('start');
  if (!a.has('end')) return { start: 0n, end: start, step: a.scalar('step') };
  return { start, end: a.scalar('end'), step: a.scalar('step') };
}

function isDimObject(v: unknown): v is Dim {
  return typeof v === 'object' && v !== null && ((v as { kind?: unknown }).kind === 'sym' || (v as { kind?: unknown }).kind === 'unknown');
}

/**
 * `arange(n)` / `arange(a, b, step)` with a symbolic size (the analysis: `arange(len(x))`):
 * the length is (end - start) / step when that divides exactly, else unknown. Symbolic
 * sizes are Python ints, so the result is int64 unless a dtype is given.
 */
function symbolicArange(a: Args): MetaResult | null {
  const raw = [a.value('start'), a.value('end'), a.value('step')];
  if (!raw.some(isDimObject)) return null;
  const toDim = (v: unknown): Dim | undefined => (isDimObject(v) ? v : typeof v === 'bigint' ? Number(v) : undefined);
  const [start, end, step] = a.has('end') ? raw.map(toDim) : [0, toDim(raw[0]), toDim(raw[2])];
  const floats = raw.some((v) => typeof v === 'number');
  const length = start === undefined || end === undefined || step === undefined ? unknownDim() : dimExactDiv(dimSub(end, start), step) ?? unknownDim();
  return mt([length], a.dtype('dtype') ?? (floats ? DEFAULT_FLOAT : 'int64'));
}

const arange = op({
  names: ['torch.arange'],
  sig: 'start, end=None, step=1, *, dtype=None, device=None, requires_grad=False',
  family: 'creation',
  meta(a) {
    const symbolic = symbolicArange(a);
    if (symbolic) return symbolic;
    const { start, end, step } = arangeBounds(a);
    // The same checks and length rule as the kernel (engine/src/tensor/create.ts arange).
    const s = Number(start);
    const e = Number(end);
    const st = Number(step);
    if (st === 0) throw runtimeError('step must be nonzero');
    if ((st > 0 && e < s) || (st < 0 && e > s)) throw runtimeError('upper bound and larger bound inconsistent with step sign');
    const allInts = [start, end, step].every((v) => typeof v !== 'number');
    return mt([Math.ceil((e - s) / st)], a.dtype('dtype') ?? (allInts ? 'int64' : DEFAULT_FLOAT));
  },
  kernel(a) {
    const { start, end, step } = arangeBounds(a);
    return cr.arange(start, end, step, a.dtype('dtype'));
  },
});

const linspace = op({
  names: ['torch.linspace'],
  sig: 'start, end, steps, *, dtype=None, device=None, requires_grad=False',
  family: 'creation',
  meta(a) {
    const n = a.int('steps');
    if (n < 0) throw runtimeError('number of steps must be non-negative');
    return mt([n], a.dtype('dtype') ?? DEFAULT_FLOAT);
  },
  kernel: (a) => cr.linspace(a.scalar('start'), a.scalar('end'), a.int('steps'), a.dtype('dtype') ?? DEFAULT_FLOAT),
});

function like(name: string, kernel: (a: Args) => unknown, extra = ''): OpEntry {
  return op({
    names: [`torch.${name}`],
    sig: `input, ${extra}*, dtype=None, device=None, requires_grad=False`,
    family: 'creation',
    meta(a) {
      const x = a.meta('input');
      return mt(x.shape, a.dtype('dtype') ?? x.dtype);
    },
    kernel,
  });
}

function randintArgs(a: Args): { low: Scalar; high: Scalar; sizeDims: Dim[] } {
  // torch.randint(high, size) and torch.randint(low, high, size).
  if (!a.has('size')) {
    if (!a.has('high')) throw runtimeError('randint() missing size');
    return { low: 0n, high: a.scalar('low'), sizeDims: a.sizes('high') };
  }
  return { low: a.scalar('low'), high: a.scalar('high'), sizeDims: a.sizes('size') };
}

const randint = op({
  names: ['torch.randint'],
  sig: 'low, high=None, size=None, *, dtype=None, device=None, requires_grad=False, generator=None',
  family: 'creation',
  meta(a) {
    const r = randintArgs(a);
    return mt(r.sizeDims, a.dtype('dtype') ?? 'int64');
  },
  kernel(a) {
    const r = randintArgs(a);
    const shape = (r.sizeDims).map((d) => (typeof d === 'number' ? d : NaN));
    return rnd.randint(r.low, r.high, shape, a.dtype('dtype') ?? 'int64');
  },
});

const normal = op({
  names: ['torch.normal'],
  sig: 'mean, std=1.0, size=None, *, dtype=None, generator=None',
  family: 'creation',
  meta(a) {
    if (!a.has('size')) throw new MetaUnknown('torch.normal with tensor mean/std');
    return mt(a.sizes('size'), a.dtype('dtype') ?? DEFAULT_FLOAT);
  },
  kernel: (a) => rnd.normal(a.number('mean'), a.number('std'), a.ints('size'), a.dtype('dtype') ?? DEFAULT_FLOAT),
});

const manualSeed = op({
  names: ['torch.manual_seed', 'torch.random.manual_seed'],
  sig: 'seed',
  family: 'creation',
  meta: () => py(null),
  kernel(a) {
    rnd.manualSeed(BigInt(a.int('seed')));
    return null;
  },
});

export const CREATION: OpEntry[] = [
  tensor,
  sizeCreator(['torch.zeros'], (s, a) => cr.zeros(s, a.dtype('dtype') ?? DEFAULT_FLOAT)),
  sizeCreator(['torch.ones'], (s, a) => cr.ones(s, a.dtype('dtype') ?? DEFAULT_FLOAT)),
  sizeCreator(['torch.empty'], (s, a) => cr.empty(s, a.dtype('dtype') ?? DEFAULT_FLOAT)),
  sizeCreator(['torch.randn'], (s, a) => rnd.randn(s, a.dtype('dtype') ?? DEFAULT_FLOAT)),
  sizeCreator(['torch.rand'], (s, a) => rnd.rand(s, a.dtype('dtype') ?? DEFAULT_FLOAT)),
  full,
  eye,
  arange,
  linspace,
  like('zeros_like', (a) => cr.zerosLike(a.tensor('input'), a.dtype('dtype'))),
  like('ones_like', (a) => cr.onesLike(a.tensor('input'), a.dtype('dtype'))),
  like('empty_like', (a) => cr.emptyLike(a.tensor('input'), a.dtype('dtype'))),
  like('full_like', (a) => cr.fullLike(a.tensor('input'), a.scalar('fill_value'), a.dtype('dtype')), 'fill_value, '),
  like('rand_like', (a) => rnd.randLike(a.tensor('input'), a.dtype('dtype'))),
  like('randn_like', (a) => rnd.randnLike(a.tensor('input'), a.dtype('dtype'))),
  randint,
  normal,
  manualSeed,
];
