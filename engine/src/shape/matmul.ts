// The matmul family: mm, bmm, torch.matmul in all its rank cases, and F.linear. Messages
// follow torch 1.13, which folds a >=3-D operand against a 1-D/2-D one into one mv/mm.
import { type Dim, type Shape, dimKnownDifferent, formatDim, shapeNumel, unknownDim } from './dim';
import { ShapeError } from './errors';
import { mat, symbolicOf, unless } from './messages';
import { broadcastShapes } from './broadcast';
import { expandShape } from './views';

export function mmShape(op: string, a: Shape, b: Shape): Shape {
  if (a.length !== 2) throw new ShapeError(op, [a, b], `self must be a matrix`, 'RuntimeError');
  if (b.length !== 2) throw new ShapeError(op, [a, b], `mat2 must be a matrix`, 'RuntimeError');
  checkInner(op, a, b, a[1], b[0]);
  return [a[0], b[1]];
}

function checkInner(op: string, a: Shape, b: Shape, k1: Dim, k2: Dim): void {
  if (dimKnownDifferent(k1, k2)) {
    throw new ShapeError(op, [a, b], `mat1 and mat2 shapes cannot be multiplied (${mat(a.slice(-2))} and ${mat(b.length === 1 ? b : b.slice(-2))})${unless(k1, k2)}`, 'RuntimeError', symbolicOf(k1, k2));
  }
}

export function bmmShape(op: string, a: Shape, b: Shape): Shape {
  if (a.length !== 3) throw new ShapeError(op, [a, b], `batch1 must be a 3D tensor`, 'RuntimeError');
  if (b.length !== 3) throw new ShapeError(op, [a, b], `batch2 must be a 3D tensor`, 'RuntimeError');
  if (dimKnownDifferent(a[0], b[0]) || dimKnownDifferent(a[2], b[1])) {
    throw new ShapeError(op, [a, b], `Expected size for first two dimensions of batch2 tensor to be: [${formatDim(a[0])}, ${formatDim(a[2])}] but got: [${formatDim(b[0])}, ${formatDim(b[1])}].`, 'RuntimeError', symbolicOf(a[0], b[0], a[2], b[1]));
  }
  return [a[0], a[1], b[2]];
}

export function matmulShape(op: string, a: Shape, b: Shape): Shape {
  if (a.length === 0 || b.length === 0) {
    throw new ShapeError(op, [a, b], `both arguments to matmul need to be at least 1D, but they are ${a.length}D and ${b.length}D`, 'RuntimeError');
  }
  if (a.length === 1 && b.length === 1) {
    if (dimKnownDifferent(a[0], b[0])) {
      throw new ShapeError(op, [a, b], `inconsistent tensor size, expected tensor [${formatDim(a[0])}] and src [${formatDim(b[0])}] to have the same number of elements, but got ${formatDim(a[0])} and ${formatDim(b[0])} elements respectively`, 'RuntimeError', symbolicOf(a[0], b[0]));
    }
    return [];
  }
  if (a.length === 2 && b.length === 1) {
    if (dimKnownDifferent(a[1], b[0])) {
      throw new ShapeError(op, [a, b], `size mismatch, got ${formatDim(a[0])}, ${mat(a)},${formatDim(b[0])}${unless(a[1], b[0])}`, 'RuntimeError', symbolicOf(a[1], b[0]));
    }
    return [a[0]];
  }
  if (a.length === 1 && b.length === 2) {
    checkInner(op, [1, a[0]], b, a[0], b[0]);
    return [b[1]];
  }
  if (a.length === 2 && b.length === 2) return mmShape(op, a, b);
  // torch folds a >=3-D operand against a 1-D/2-D one into a single mv/mm, and names the
  // folded matrix in its message; only two >=3-D operands go through a batched bmm.
  const k1 = a[a.length - 1];
  const k2 = b.length === 1 ? b[0] : b[b.length - 2];
  const fail = (reason: string) => new ShapeError(op, [a, b], reason + unless(k1, k2), 'RuntimeError', symbolicOf(k1, k2));
  if (b.length <= 2) {
    if (dimKnownDifferent(k1, k2)) {
      const rows = formatDim(shapeNumel(a.slice(0, -1)));
      throw fail(b.length === 1
        ? `size mismatch, got ${rows}, ${rows}x${formatDim(k1)},${formatDim(k2)}`
        : `mat1 and mat2 shapes cannot be multiplied (${rows}x${formatDim(k1)} and ${mat(b)})`);
    }
    return b.length === 1 ? a.slice(0, -1) : [...a.slice(0, -1), b[1]];
  }
  const bLast = b[b.length - 1];
  if (a.length <= 2) {
    if (dimKnownDifferent(k1, k2)) {
      const rows = formatDim(shapeNumel([...b.slice(0, -2), bLast]));
      throw fail(a.length === 1
        ? `size mismatch, got ${rows}, ${rows}x${formatDim(k2)},${formatDim(k1)}`
        : `mat1 and mat2 shapes cannot be multiplied (${rows}x${formatDim(k2)} and ${formatDim(k1)}x${formatDim(a[0])})`);
    }
    return a.length === 1 ? [...b.slice(0, -2), bLast] : [...b.slice(0, -2), a[0], bLast];
  }
  const batch = broadcastShapes(op, a.slice(0, -2), b.slice(0, -2));
  if (dimKnownDifferent(k1, k2)) {
    const size = formatDim(shapeNumel(batch));
    throw fail(`Expected size for first two dimensions of batch2 tensor to be: [${size}, ${formatDim(k1)}] but got: [${size}, ${formatDim(k2)}].`);
  }
  return [...batch, a[a.length - 2], bLast];
}

export function linearShape(input: Shape, weight: Shape, bias?: Shape | null): Shape {
  const op = 'linear';
  if (input.length === 0) throw new ShapeError(op, [input, weight], 'both arguments to linear need to be at least 1D, but they are 0D and 2D', 'RuntimeError');
  const inF = input[input.length - 1];
  if (weight.length === 2 && dimKnownDifferent(inF, weight[1])) {
    const rows = input.length === 1 ? '1' : formatDim(shapeNumel(input.slice(0, -1)));
    throw new ShapeError(op, [input, weight], `mat1 and mat2 shapes cannot be multiplied (${rows}x${formatDim(inF)} and ${formatDim(weight[1])}x${formatDim(weight[0])})${unless(inF, weight[1])}`, 'RuntimeError', symbolicOf(inF, weight[1]));
  }
  const out = [...input.slice(0, -1), weight.length === 2 ? weight[0] : unknownDim()];
  // A 2-D input goes through addmm, which expands the bias; other ranks add it after matmul.
  if (bias) return input.length === 2 ? expandShape(op, bias, out) : broadcastShapes(op, out, bias);
  return weight.length === 1 ? input.slice(0, -1) : out;
}
