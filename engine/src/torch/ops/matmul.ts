// The matmul family: `@`/matmul, mm, bmm, mv, dot, outer, einsum.
import * as mm from '../../tensor/matmul';
import { runtimeError } from '../../tensor/errors';
import { scalarTypeName } from '../../tensor/dtype';
import { broadcast, differ, fmtDim, MetaUnknown, matmulShape, type Dim, type MShape } from '../metaShapes';
import { dtypeOf, mt, op, promote, shapeOf } from '../define';
import type { OpEntry } from '../types';

function sameDTypes(x: unknown, y: unknown): void {
  const a = dtypeOf(x);
  const b = dtypeOf(y);
  if (a === b) return;
  // torch skips the check when an operand is empty (a literal 0 dim), and the result's dtype
  // then depends on the kernel: nothing is proved either way.
  if ([shapeOf(x), shapeOf(y)].some((s) => s.some((d) => d === 0))) throw new MetaUnknown('product of an empty operand with mixed dtypes');
  throw runtimeError(`expected scalar type ${scalarTypeName(a)} but found ${scalarTypeName(b)}`);
}

const matmul = op({
  names: ['torch.matmul', 'Tensor.matmul', 'operator.matmul'],
  sig: 'input, other',
  family: 'matmul',
  meta(a) {
    const x = a.meta('input');
    const y = a.meta('other');
    const shape = matmulShape(shapeOf(x), shapeOf(y));
    sameDTypes(x, y);
    return mt(shape, x.dtype);
  },
  kernel: (a) => mm.matmul(a.tensor('input'), a.tensor('other')),
});

const mmEntry = op({
  names: ['torch.mm', 'Tensor.mm'],
  sig: 'input, mat2',
  family: 'matmul',
  meta(a) {
    const x = a.meta('input');
    const y = a.meta('mat2');
    if (x.shape.length !== 2) throw runtimeError('self must be a matrix');
    if (y.shape.length !== 2) throw runtimeError('mat2 must be a matrix');
    const shape = matmulShape(shapeOf(x), shapeOf(y));
    sameDTypes(x, y);
    return mt(shape, x.dtype);
  },
  kernel: (a) => mm.mm(a.tensor('input'), a.tensor('mat2')),
});

const bmm = op({
  names: ['torch.bmm', 'Tensor.bmm'],
  sig: 'input, mat2',
  family: 'matmul',
  meta(a) {
    const x = a.meta('input');
    const y = a.meta('mat2');
    const xs = shapeOf(x);
    const ys = shapeOf(y);
    if (xs.length !== 3) throw runtimeError('batch1 must be a 3D tensor');
    if (ys.length !== 3) throw runtimeError('batch2 must be a 3D tensor');
    if (differ(xs[0], ys[0]) || differ(xs[2], ys[1])) {
      throw runtimeError(
        `Expected size for first two dimensions of batch2 tensor to be: [${fmtDim(xs[0])}, ${fmtDim(xs[2])}] but got: [${fmtDim(ys[0])}, ${fmtDim(ys[1])}].`,
      );
    }
    sameDTypes(x, y);
    return mt([xs[0], xs[1], ys[2]], x.dtype);
  },
  kernel: (a) => mm.bmm(a.tensor('input'), a.tensor('mat2')),
});

const mv = op({
  names: ['torch.mv', 'Tensor.mv'],
  sig: 'input, vec',
  family: 'matmul',
  meta(a) {
    const x = a.meta('input');
    const v = a.meta('vec');
    if (x.shape.length !== 2 || v.shape.length !== 1) {
      throw runtimeError(`vector + matrix @ vector expected, got 1, ${x.shape.length}, ${v.shape.length}`);
    }
    const shape = matmulShape(shapeOf(x), shapeOf(v));
    sameDTypes(x, v);
    return mt(shape, x.dtype);
  },
  kernel: (a) => mm.mv(a.tensor('input'), a.tensor('vec')),
});

const dot = op({
  names: ['torch.dot', 'Tensor.dot', 'torch.inner'],
  sig: 'input, other',
  family: 'matmul',
  meta(a) {
    const x = a.meta('input');
    const y = a.meta('other');
    if (x.shape.length !== 1 || y.shape.length !== 1) {
      throw runtimeError(`1D tensors expected, but got ${x.shape.length}D and ${y.shape.length}D tensors`);
    }
    if (x.dtype !== y.dtype) {
      throw runtimeError(`dot : expected both vectors to have same dtype, but found ${scalarTypeName(x.dtype)} and ${scalarTypeName(y.dtype)}`);
    }
    return mt(matmulShape(shapeOf(x), shapeOf(y)), x.dtype);
  },
  kernel: (a) => mm.dot(a.tensor('input'), a.tensor('other')),
});

const outer = op({
  names: ['torch.outer', 'Tensor.outer', 'torch.ger'],
  sig: 'input, vec2',
  family: 'matmul',
  meta(a) {
    const x = a.meta('input');
    const y = a.meta('vec2');
    if (x.shape.length !== 1) throw runtimeError(`outer: Expected 1-D argument self, but got ${x.shape.length}-D`);
    if (y.shape.length !== 1) throw runtimeError(`outer: Expected 1-D argument vec2, but got ${y.shape.length}-D`);
    return mt([x.shape[0] as Dim, y.shape[0] as Dim], promote(x, y));
  },
  kernel: (a) => mm.outer(a.tensor('input'), a.tensor('vec2')),
});

/** einsum's shape rule: subscripts bind sizes (size 1 broadcasts), '...' binds a batch shape. */
export function einsumShape(equation: string, shapes: readonly MShape[]): Dim[] {
  const eq = equation.replace(/\s+/g, '');
  const [lhs, rhs] = eq.includes('->') ? eq.split('->') : [eq, undefined];
  const terms = lhs.split(',');
  if (terms.length !== shapes.length) throw runtimeError('einsum(): more operands were provided than specified in the equation');
  const sizes = new Map<string, Dim>();
  const counts = new Map<string, number>();
  let batch: Dim[] = [];
  terms.forEach((term, k) => {
    const shape = shapes[k];
    const hasEllipsis = term.includes('...');
    const letters = term.replace('...', '').split('');
    const nBatch = shape.length - letters.length;
    if (hasEllipsis ? nBatch < 0 : nBatch !== 0) {
      throw runtimeError(
        `einsum(): the number of subscripts in the equation (${letters.length}) does not match the number of dimensions (${shape.length}) for operand ${k}${hasEllipsis ? '' : ' and no ellipsis was given'}`,
      );
    }
    const before = hasEllipsis ? term.indexOf('...') : letters.length;
    if (hasEllipsis) batch = broadcast(batch, shape.slice(before, before + nBatch));
    letters.forEach((ch, i) => {
      const size = shape[i < before ? i : i + nBatch];
      counts.set(ch, (counts.get(ch) ?? 0) + 1);
      const seen = sizes.get(ch);
      if (seen === undefined || seen === 1) sizes.set(ch, size);
      else if (differ(seen, size) && size !== 1) {
        throw runtimeError(
          `einsum(): subscript ${ch} has size ${fmtDim(size)} for operand ${k} which does not broadcast with previously seen size ${fmtDim(seen)}`,
        );
      }
    });
  });
  const output = rhs ?? (lhs.includes('...') ? '...' : '') + [...counts.keys()].filter((c) => counts.get(c) === 1).sort().join('');
  const out: Dim[] = [];
  const outLetters = output.replace('...', '');
  for (const ch of outLetters) {
    if (!sizes.has(ch)) throw runtimeError(`einsum(): output subscript ${ch} does not appear in the equation for any input operand`);
  }
  const at = output.includes('...') ? output.indexOf('...') : -1;
  outLetters.split('').forEach((ch, i) => {
    if (i === at) out.push(...batch);
    out.push(sizes.get(ch) as Dim);
  });
  if (at >= 0 && at >= outLetters.length) out.push(...batch);
  return out;
}

/** Whether an einsum equation sums anything away (a label or the '...' dims missing from the output). */
function einsumSums(equation: string): boolean {
  const eq = equation.replace(/\s+/g, '');
  const [lhs, rhs] = eq.includes('->') ? eq.split('->') : [eq, undefined];
  const letters = lhs.replace(/\.\.\./g, '').replace(/,/g, '').split('');
  if (rhs === undefined) return letters.some((l) => letters.indexOf(l) !== letters.lastIndexOf(l));
  if (lhs.includes('...') && !rhs.includes('...')) return true;
  return letters.some((l) => !rhs.includes(l));
}

const einsum = op({
  names: ['torch.einsum'],
  sig: 'equation, *operands',
  family: 'matmul',
  meta(a) {
    const eq = a.str('equation');
    const raw = a.value('operands') as unknown[];
    const ops = raw.length === 1 && Array.isArray(raw[0]) ? (raw[0] as unknown[]) : raw;
    if (ops.some((o) => !(typeof o === 'object' && o !== null && (o as { kind?: unknown }).kind === 'meta'))) {
      throw new MetaUnknown('einsum operand is not a tensor');
    }
    const shape = einsumShape(eq, ops.map(shapeOf));
    // Summing a bool operand's private label happens before the product and gives int64, and
    // whether a label is private depends on which sizes are 1 (tensor/einsum.ts): the dtype is
    // only the promoted one when nothing is summed.
    if (ops.some((o) => dtypeOf(o) === 'bool') && einsumSums(eq)) throw new MetaUnknown('einsum that sums bool operands');
    return mt(shape, promote(...ops));
  },
  kernel(a) {
    const raw = a.value('operands') as unknown[];
    const ops = raw.length === 1 && Array.isArray(raw[0]) ? (raw[0] as unknown[]) : raw;
    return mm.einsum(a.str('equation'), ...(ops as never[]));
  },
});

export const MATMUL: OpEntry[] = [matmul, mmEntry, bmm, mv, dot, outer, einsum];
