// Basic and advanced indexing (numpy/torch rules), gather and index_select.
import { type Dim, type Shape, dimAdd, dimFloorDiv, dimKnownDifferent, dimSub, unknownDim } from './dim';
import { ShapeError } from './errors';
import { list } from './messages';
import { broadcastAll, normalizeDim } from './broadcast';

export type IndexItem =
  /** `value`, when known, is bounds-checked against the dim it indexes. */
  | { kind: 'int'; value?: number | null }
  | { kind: 'slice'; start?: Dim | null; stop?: Dim | null; step?: number | null }
  | { kind: 'none' }
  | { kind: 'ellipsis' }
  | { kind: 'tensor'; shape: Shape; dtype: 'bool' | 'int64' };

function sliceLength(size: Dim, item: { start?: Dim | null; stop?: Dim | null; step?: number | null }): Dim {
  const step = item.step ?? 1;
  if (step <= 0) throw new ShapeError('getitem', [], 'step must be greater than zero', 'ValueError');
  const start = item.start ?? null;
  const stop = item.stop ?? null;
  if (typeof size === 'number' && (start === null || typeof start === 'number') && (stop === null || typeof stop === 'number')) {
    const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + size : v, 0), size);
    const a = start === null ? 0 : clamp(start);
    const b = stop === null ? size : clamp(stop);
    return b > a ? Math.ceil((b - a) / step) : 0;
  }
  if (start === null && stop === null) return step === 1 ? size : dimFloorDiv(dimAdd(size, step - 1), step);
  if (step === 1 && (start === null || typeof start === 'number') && (stop === null || typeof stop === 'number')) {
    // x[:-1] on a symbolic dim is n-1; x[1:] is n-1 — valid when the dim is at least as long.
    const a = start === null ? 0 : start;
    if (stop === null) return a >= 0 ? dimSub(size, a) : -a;
    if (stop < 0 && a >= 0) return dimSub(dimAdd(size, stop), a);
    if (stop >= 0 && a >= 0) return unknownDim();
  }
  return unknownDim();
}

export function indexShape(s: Shape, index: readonly IndexItem[]): Shape {
  const op = 'getitem';
  const consuming = (it: IndexItem) => (it.kind === 'int' || it.kind === 'slice' ? 1 : it.kind === 'tensor' ? (it.dtype === 'bool' ? it.shape.length : 1) : 0);
  const used = index.reduce((n, it) => n + consuming(it), 0);
  const ellipses = index.filter((it) => it.kind === 'ellipsis').length;
  if (used > s.length) {
    throw new ShapeError(op, [s], `too many indices for tensor of dimension ${s.length}`, 'IndexError');
  }
  // torch 1.13 lets every ellipsis skip the unindexed dims again: a later ellipsis is harmless
  // when nothing is left to skip or only ellipses follow it, and otherwise pushes the next index
  // past the last dim, which raises an IndexError (checked against torch in the unit tests).
  const secondEllipsis = index.findIndex((it, k) => it.kind === 'ellipsis' && index.slice(0, k).some((x) => x.kind === 'ellipsis'));
  if (ellipses > 1 && s.length > used && index.slice(secondEllipsis + 1).some((it) => it.kind !== 'ellipsis')) {
    throw new ShapeError(op, [s], 'an index can only have a single ellipsis ("...")', 'IndexError');
  }
  const items: IndexItem[] = [];
  let ellipsisSeen = false;
  for (const it of index) {
    if (it.kind !== 'ellipsis') items.push(it);
    else if (!ellipsisSeen) for (let i = 0; i < s.length - used; i++) items.push({ kind: 'slice' });
    ellipsisSeen ||= it.kind === 'ellipsis';
  }
  while (items.reduce((n, it) => n + consuming(it), 0) < s.length) items.push({ kind: 'slice' });
  const out: Dim[] = [];
  const advancedShapes: Shape[] = [];
  let advancedAt = -1;
  let advancedSeparated = false;
  let lastAdvanced = -2;
  let pos = 0;
  items.forEach((it, k) => {
    if (it.kind === 'none') {
      out.push(1);
    } else if (it.kind === 'int') {
      const size = s[pos];
      const v = it.value;
      if (typeof v === 'number' && typeof size === 'number' && (v >= size || v < -size)) {
        throw new ShapeError(op, [s], `index ${v} is out of bounds for dimension ${pos} with size ${size}`, 'IndexError');
      }
      pos++;
    } else if (it.kind === 'slice') {
      out.push(sliceLength(s[pos], it));
      pos++;
    } else if (it.kind === 'tensor') {
      if (advancedAt < 0) advancedAt = out.length;
      else if (lastAdvanced !== k - 1) advancedSeparated = true;
      lastAdvanced = k;
      if (it.dtype === 'bool') {
        it.shape.forEach((d, j) => {
          if (dimKnownDifferent(d, s[pos + j])) {
            throw new ShapeError(op, [s, it.shape], `The shape of the mask ${list(it.shape)} at index ${j} does not match the shape of the indexed tensor ${list(s)} at index ${pos + j}`, 'IndexError');
          }
        });
        advancedShapes.push([unknownDim()]);
        pos += it.shape.length;
      } else {
        advancedShapes.push(it.shape);
        pos++;
      }
    }
  });
  if (advancedShapes.length === 0) return out;
  const adv = advancedShapes.length === 1 ? advancedShapes[0] : broadcastIndices(s, advancedShapes);
  if (advancedSeparated) return [...adv, ...out];
  return [...out.slice(0, advancedAt), ...adv, ...out.slice(advancedAt)];
}

function broadcastIndices(s: Shape, shapes: Shape[]): Shape {
  try {
    return broadcastAll('index', shapes);
  } catch (e) {
    if (!(e instanceof ShapeError)) throw e;
    throw new ShapeError({
      op: 'getitem', operands: [s, ...shapes], torchType: 'IndexError', symbolic: e.symbolic,
      reason: `shape mismatch: indexing tensors could not be broadcast together with shapes ${shapes.map(list).join(', ')}`,
    });
  }
}

function provablyLarger(a: Dim, b: Dim): boolean {
  const diff = dimSub(a, b);
  return typeof diff === 'number' && diff > 0;
}

export function gatherShape(op: string, s: Shape, dim: number, index: Shape): Shape {
  const d = normalizeDim(op, dim, s.length);
  if (index.length !== s.length && !(s.length === 0 && index.length <= 1)) {
    throw new ShapeError(op, [s, index], 'Index tensor must have the same number of dimensions as input tensor', 'RuntimeError');
  }
  // Outside `dim` the index may be smaller than the input but never larger.
  const larger = s.findIndex((size, i) => i !== d && provablyLarger(index[i], size));
  if (larger >= 0) {
    throw new ShapeError(op, [s, index], `Size does not match at dimension ${larger} expected index ${list(index)} to be smaller than self ${list(s)} apart from dimension ${d}`, 'RuntimeError');
  }
  return index;
}

export function indexSelectShape(op: string, s: Shape, dim: number, index: Shape): Shape {
  const d = normalizeDim(op, dim, s.length);
  if (index.length > 1) throw new ShapeError(op, [s, index], 'index_select(): Index is supposed to be a vector', 'IndexError');
  const n = index.length === 0 ? 1 : index[0];
  if (s.length === 0) return [];
  return s.map((x, i) => (i === d ? n : x));
}
