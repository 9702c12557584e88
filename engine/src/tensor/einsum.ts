// torch.einsum: equation parsing (explicit and implicit output, '...', repeated labels as
// diagonals) with torch's error wording. Two operands contract as one batched matrix product;
// other cases broadcast-multiply in the full label space and sum the contracted labels.
import { scalarTypeName } from './dtype';
import { runtimeError } from './errors';
import { bmm } from './matmul';
import { mul } from './binary';
import { sum } from './reduce';
import { contiguous, expand, permute, reshape, unsqueeze } from './shapeOps';
import { numelOf, Tensor } from './tensor';

const ELLIPSIS_BASE = 0x2460;

/** torch.einsum(equation, *operands). */
export function einsum(equation: string, ...operands: Tensor[]): Tensor {
  const eq = equation.replace(/\s+/g, '');
  const arrow = eq.indexOf('->');
  const lhs = arrow >= 0 ? eq.slice(0, arrow) : eq;
  const inputs = lhs.split(',');
  if (inputs.length > operands.length) throw runtimeError('einsum(): fewer operands were provided than specified in the equation');
  if (inputs.length < operands.length) throw runtimeError('einsum(): more operands were provided than specified in the equation');
  // Each '...' becomes private labels aligned to the right, so broadcasting lines up.
  let ellDims = 0;
  const parsed = inputs.map((term, i) => {
    const hasEll = term.includes('...');
    const letters = [...term.replace('...', '')];
    for (const c of letters) {
      if (!/[a-zA-Z]/.test(c)) throw runtimeError(`einsum(): invalid subscript given at index ${eq.indexOf(c)} in the equation string, subscripts must be in [a-zA-Z]`);
    }
    const nd = operands[i].ndim;
    if (!hasEll && letters.length !== nd) {
      throw runtimeError(
        `einsum(): the number of subscripts in the equation (${letters.length}) does not match the number of dimensions (${nd}) for operand ${i} and no ellipsis was given`,
      );
    }
    if (hasEll && letters.length > nd) {
      throw runtimeError(
        `einsum(): the number of subscripts in the equation (${letters.length}) is more than the number of dimensions (${nd}) for operand ${i}`,
      );
    }
    const e = hasEll ? nd - letters.length : 0;
    ellDims = Math.max(ellDims, e);
    return { hasEll, term, e };
  });
  const ellLabel = (k: number): string => String.fromCharCode(ELLIPSIS_BASE + k);
  const labelsOf = parsed.map(({ hasEll, term, e }) => {
    if (!hasEll) return [...term];
    const [before, after] = term.split('...');
    const ell = Array.from({ length: e }, (_, k) => ellLabel(ellDims - e + k));
    return [...before, ...ell, ...after];
  });
  const counts = new Map<string, number>();
  labelsOf.flat().forEach((l) => counts.set(l, (counts.get(l) ?? 0) + 1));
  const ellOut = Array.from({ length: ellDims }, (_, k) => ellLabel(k));
  let outLabels: string[];
  if (arrow >= 0) {
    const rhs = eq.slice(arrow + 2);
    const [before, after] = rhs.includes('...') ? rhs.split('...') : [rhs, ''];
    outLabels = [...before, ...(rhs.includes('...') ? ellOut : []), ...after];
    const seen = new Set<string>();
    for (const l of outLabels) {
      if (seen.has(l)) throw runtimeError(`einsum(): output subscript ${l} appears more than once in the output`);
      seen.add(l);
      if (!counts.has(l)) throw runtimeError(`einsum(): output subscript ${l} does not appear in the equation for any input operand`);
    }
  } else {
    const single = [...counts.keys()].filter((l) => counts.get(l) === 1 && l.charCodeAt(0) < ELLIPSIS_BASE).sort();
    outLabels = [...ellOut, ...single];
  }
  const sizes = new Map<string, number>();
  const diagonals = presum(operands.map((op, i) => diagonalView(op, labelsOf[i], sizes, i)), outLabels);
  // Contracted labels still shared after presum (private ones are summed already).
  const contracted = [...counts.keys()].filter((l) => !outLabels.includes(l) && diagonals.some((d) => d.labels.includes(l)));
  const all = [...outLabels, ...contracted];
  checkContractionDTypes(diagonals, contracted);
  if (diagonals.length === 2 && operands[0].dtype !== 'bool' && operands[1].dtype === operands[0].dtype) {
    const fast = contractPair(diagonals[0], diagonals[1], outLabels);
    if (fast) return fast;
  }
  // General case: bring each operand to the full label order (size-1 dims for absent
  // labels), multiply with broadcasting, and sum the contracted labels away.
  let product: Tensor | null = null;
  for (const d of diagonals) {
    const aligned = alignToLabels(d, all);
    product = product === null ? aligned : mul(product, aligned);
  }
  const prod = product as unknown as Tensor;
  const full = all.map((l) => sizes.get(l) ?? 1);
  const expanded = prod.numel === numelOf(full) ? prod : expand(prod, full);
  if (contracted.length === 0) return contiguous(expanded);
  return sum(expanded, contracted.map((_, k) => outLabels.length + k));
}

/**
 * torch's order of work: a summed label of size 1 in an operand is squeezed out of it (a
 * broadcast, so a bool product stays bool), and a summed label only one operand carries is
 * summed in that operand before any product. The order decides inf * 0: einsum('i,i->', v, w)
 * with v = [inf, 1e-8, 0] and w = [inf] (broadcast) is inf * (inf + 1e-8 + 0) = inf in torch,
 * where multiplying first would give nan.
 */
function presum(ops: Labeled[], out: readonly string[]): Labeled[] {
  const squeezed = ops.map((o) => {
    const drop = o.labels.map((l, d) => (!out.includes(l) && o.view.shape[d] === 1 ? d : -1)).filter((d) => d >= 0);
    if (drop.length === 0) return o;
    const keep = o.labels.map((_, d) => d).filter((d) => !drop.includes(d));
    return { view: reshape(o.view, keep.map((d) => o.view.shape[d])), labels: keep.map((d) => o.labels[d]) };
  });
  return squeezed.map((o) => {
    const others = squeezed.filter((x) => x !== o);
    const drop = o.labels.map((l, d) => (out.includes(l) || others.some((x) => x.labels.includes(l)) ? -1 : d)).filter((d) => d >= 0);
    if (drop.length === 0) return o;
    return { view: sum(o.view, drop), labels: o.labels.filter((_, d) => !drop.includes(d)) };
  });
}

/**
 * torch contracts a label that two operands both carry with size > 1 through bmm, which
 * wants one dtype; everything else (size-1 labels, outer and elementwise products) goes
 * through mul and promotes. So mixed dtypes raise only when such a contraction exists.
 */
function checkContractionDTypes(ops: readonly Labeled[], contracted: readonly string[]): void {
  const shared = contracted.some((l) => ops.filter((o) => o.view.shape[o.labels.indexOf(l)] > 1).length >= 2);
  if (!shared) return;
  const first = ops[0].view.dtype;
  const other = ops.find((o) => o.view.dtype !== first);
  if (other) throw runtimeError(`expected scalar type ${scalarTypeName(first)} but found ${scalarTypeName(other.view.dtype)}`);
  if (first === 'bool') throw runtimeError(`"bmm" not implemented for 'Bool'`);
}

interface Labeled {
  view: Tensor;
  /** One distinct label per dim of `view`. */
  labels: string[];
}

/** Repeated labels within one operand take the diagonal: one dim whose stride is the sum. */
function diagonalView(op: Tensor, labels: string[], sizes: Map<string, number>, index: number): Labeled {
  const uniq: string[] = [];
  const shape: number[] = [];
  const strides: number[] = [];
  labels.forEach((l, d) => {
    const at = uniq.indexOf(l);
    if (at >= 0) {
      if (shape[at] !== op.shape[d]) {
        throw runtimeError(`einsum(): subscript ${l} is repeated for operand ${index} but the sizes don't match, ${shape[at]} != ${op.shape[d]}`);
      }
      strides[at] += op.strides[d];
      return;
    }
    uniq.push(l);
    shape.push(op.shape[d]);
    strides.push(op.strides[d]);
  });
  uniq.forEach((l, k) => {
    const size = shape[k];
    const seen = sizes.get(l);
    if (seen === undefined || seen === 1) sizes.set(l, size);
    else if (size !== seen && size !== 1) {
      throw runtimeError(`einsum(): subscript ${l} has size ${size} for operand ${index} which does not broadcast with previously seen size ${seen}`);
    }
  });
  return { view: new Tensor(op.data, op.dtype, shape, strides, op.offset), labels: uniq };
}

function alignToLabels({ view, labels }: Labeled, all: string[]): Tensor {
  const order = all.filter((l) => labels.includes(l)).map((l) => labels.indexOf(l));
  let v = permute(view, order);
  // Insert size-1 dims for labels this operand lacks.
  all.forEach((l, pos) => {
    if (!labels.includes(l)) v = unsqueeze(v, pos);
  });
  return v;
}

/** Sums away the labels of one operand that neither the other operand nor the output uses. */
function sumPrivate(x: Labeled, other: Labeled, out: readonly string[]): Labeled {
  const drop = x.labels.map((l, d) => (other.labels.includes(l) || out.includes(l) ? -1 : d)).filter((d) => d >= 0);
  if (drop.length === 0) return x;
  return { view: sum(x.view, drop), labels: x.labels.filter((_, d) => !drop.includes(d)) };
}

/**
 * Two-operand einsum as one batched matrix product: shared output labels are the batch,
 * shared summed labels the inner dimension, the rest rows and columns. Returns null when a
 * shared label broadcasts (size 1 on one side), which the general path handles.
 */
function contractPair(a0: Labeled, b0: Labeled, out: readonly string[]): Tensor | null {
  const a = sumPrivate(a0, b0, out);
  const b = sumPrivate(b0, a0, out);
  const size = (x: Labeled, l: string) => x.view.shape[x.labels.indexOf(l)];
  for (const l of a.labels) if (b.labels.includes(l) && size(a, l) !== size(b, l)) return null;
  const batch = out.filter((l) => a.labels.includes(l) && b.labels.includes(l));
  const rows = out.filter((l) => a.labels.includes(l) && !b.labels.includes(l));
  const cols = out.filter((l) => b.labels.includes(l) && !a.labels.includes(l));
  const inner = a.labels.filter((l) => b.labels.includes(l) && !out.includes(l));
  const prodOf = (x: Labeled, ls: string[]) => ls.reduce((acc, l) => acc * size(x, l), 1);
  const at = (x: Labeled, ls: string[]) => ls.map((l) => x.labels.indexOf(l));
  const am = reshape(permute(a.view, at(a, [...batch, ...rows, ...inner])), [prodOf(a, batch), prodOf(a, rows), prodOf(a, inner)]);
  const bm = reshape(permute(b.view, at(b, [...batch, ...inner, ...cols])), [prodOf(b, batch), prodOf(b, inner), prodOf(b, cols)]);
  const produced = [...batch, ...rows, ...cols];
  const shape = produced.map((l) => (a.labels.includes(l) ? size(a, l) : size(b, l)));
  const result = reshape(bmm(am, bm), shape);
  return contiguous(permute(result, out.map((l) => produced.indexOf(l))));
}
