// `x[...]` on tensors: ints, slices with steps, None, Ellipsis, integer-tensor (advanced)
// indexing and boolean masks, following torch's (numpy's) placement rules.
import { dimAdd, dimKnownDifferent, formatDim, formatShape, unknownDim, type Dim, type Shape } from '../../../shape/dim';
import { concreteInt, type Value } from '../values';
import { OpError, broadcastShapes } from './shapeRules';

function sliceLength(size: Dim, s: Extract<Value, { kind: 'slice' }>): Dim {
  const isNone = (v: Value) => v.kind === 'none';
  if (isNone(s.start) && isNone(s.stop) && (isNone(s.step) || concreteInt(s.step) === 1)) return size;
  const step = isNone(s.step) ? 1 : concreteInt(s.step);
  if (step === null || step === 0) return unknownDim();
  if (typeof size !== 'number') {
    // `x[:, 1:]` on a symbolic size n is n-1 only when n >= 1; `x[:k]` is min(n, k): unknown.
    if (step === 1 && isNone(s.stop)) {
      const start = concreteInt(s.start);
      if (start !== null && start >= 0) return dimAdd(size, -start);
    }
    return unknownDim();
  }
  const norm = (v: Value, dflt: number): number | null => {
    if (isNone(v)) return dflt;
    const n = concreteInt(v);
    if (n === null) return null;
    const x = n < 0 ? n + size : n;
    return step > 0 ? Math.min(Math.max(x, 0), size) : Math.min(Math.max(x, -1), size - 1);
  };
  const start = norm(s.start, step > 0 ? 0 : size - 1);
  const stop = norm(s.stop, step > 0 ? size : -1);
  if (start === null || stop === null) return unknownDim();
  return step > 0 ? Math.max(0, Math.ceil((stop - start) / step)) : Math.max(0, Math.ceil((start - stop) / -step));
}

/** Result shape of indexing a tensor of `shape` with `index`; null when not computable. */
export function indexShape(shape: Shape, index: Value): Shape | null {
  const items = index.kind === 'tuple' ? index.items : [index];
  const consumes = (v: Value): number => {
    if (v.kind === 'none' || v.kind === 'ellipsis') return 0;
    // A bool mask consumes as many dims as it has: a 0-d mask consumes none and adds a dim
    // of size 0 or 1 (`x[x > 0]` on a 0-d x is fine in torch).
    if (v.kind === 'tensor' && v.dtype === 'bool') return v.shape ? v.shape.length : -1;
    return 1;
  };
  let used = 0;
  for (const it of items) {
    const n = consumes(it);
    if (n < 0) return null;
    used += n;
  }
  const ellipses = items.filter((v) => v.kind === 'ellipsis').length;
  if (ellipses > 1) return null;
  if (used > shape.length) {
    throw new OpError('dim', 'IndexError', `too many indices for tensor of dimension ${shape.length}: ${formatShape(shape)} indexed with ${used}`);
  }
  const out: Array<Dim | 'adv'> = [];
  const advShapes: Shape[] = [];
  let advPositions: number[] = [];
  let d = 0;
  for (const it of items) {
    switch (it.kind) {
      case 'none':
        out.push(1);
        break;
      case 'ellipsis': {
        const fill = shape.length - used;
        for (let k = 0; k < fill; k++) out.push(shape[d++]);
        break;
      }
      case 'int':
      case 'bool': {
        if (it.kind === 'bool') return null;
        const v = concreteInt(it);
        const size = shape[d];
        if (v !== null && typeof size === 'number' && (v >= size || v < -size)) {
          throw new OpError('dim', 'IndexError', `index ${v} is out of bounds for dimension ${d} with size ${size}`);
        }
        d++;
        break;
      }
      case 'slice':
        out.push(sliceLength(shape[d++], it));
        break;
      case 'tensor': {
        if (it.shape === null) return null;
        if (it.dtype === 'bool') {
          // The mask must match the dims it covers (a size-provably-different dim raises).
          it.shape.forEach((m, k) => {
            if (dimKnownDifferent(m, shape[d + k])) {
              throw new OpError('dim', 'IndexError', `The shape of the mask [${it.shape!.map(formatDim).join(', ')}] at index ${k} does not match the shape of the indexed tensor [${shape.map(formatDim).join(', ')}] at index ${d + k}`);
            }
          });
          advShapes.push([unknownDim()]);
          d += it.shape.length;
        } else {
          advShapes.push(it.shape);
          d++;
        }
        advPositions.push(out.length);
        out.push('adv');
        break;
      }
      case 'list':
      case 'tuple': {
        if (!it.items.every((x) => x.kind === 'int')) return null;
        advShapes.push([it.items.length]);
        advPositions.push(out.length);
        out.push('adv');
        d++;
        break;
      }
      default:
        return null;
    }
  }
  while (d < shape.length) out.push(shape[d++]);
  if (advShapes.length === 0) return out as Shape;
  let adv: Shape | null = advShapes[0];
  for (const s of advShapes.slice(1)) adv = broadcastShapes(adv, s);
  if (adv === null) return null;
  advPositions = advPositions.sort((a, b) => a - b);
  const adjacent = advPositions.every((p, i) => i === 0 || p === advPositions[i - 1] + 1);
  const rest = out.filter((x) => x !== 'adv') as Shape;
  if (!adjacent) return [...adv, ...rest];
  const at = advPositions[0];
  const before = out.slice(0, at).filter((x) => x !== 'adv') as Shape;
  const after = out.slice(at).filter((x) => x !== 'adv') as Shape;
  return [...before, ...adv, ...after];
}
