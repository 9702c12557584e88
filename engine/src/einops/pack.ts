// einops.pack / einops.unpack on shapes. A pattern like "b * c" names the axes every tensor
// shares (matched from the front and from the back) and `*` the axes that are flattened and
// concatenated; unpack splits them back using the packed shapes.
import type { Dim, Shape } from '../shape';
import { dimProduct, divideExactly, knownDifferent, showDim, showShapeTuple, subtractDims, sumDims } from './dimMath';
import { einopsError, involvesSymbols, unlessEqual } from './errors';
import { axisNameProblem } from './pattern';

export interface PackPattern {
  before: number;
  after: number;
  minAxes: number;
}

export interface PackedShapes {
  shape: Shape;
  /** What `*` covered in each input (einops' "PS"). */
  packedShapes: Shape[];
}

export function analyzePackPattern(pattern: string, opname: 'pack' | 'unpack', shapes: Shape[] = []): PackPattern {
  const axes = pattern.split(/\s+/).filter((a) => a !== '');
  if (new Set(axes).size !== axes.length) {
    throw einopsError(opname, shapes, `Duplicates in axes names in ${opname}(..., "${pattern}")`, 'EinopsError');
  }
  if (!axes.includes('*')) throw einopsError(opname, shapes, `No *-axis in ${opname}(..., "${pattern}")`, 'EinopsError');
  for (const axis of axes) {
    if (axis !== '*' && axisNameProblem(axis) !== null) {
      throw einopsError(opname, shapes, `Invalid axis name ${axis} in ${opname}(..., "${pattern}")`, 'EinopsError');
    }
  }
  const before = axes.indexOf('*');
  const after = axes.length - before - 1;
  return { before, after, minAxes: before + after };
}

/** A list of shapes the way Python prints it: [(), (7,), (7, 9)]. */
function showShapeList(shapes: Shape[]): string {
  return `[${shapes.map(showShapeTuple).join(', ')}]`;
}

/** `einops.pack(tensors, pattern)` on shapes. */
export function packShapes(shapes: Shape[], pattern: string): PackedShapes {
  const p = analyzePackPattern(pattern, 'pack', shapes);
  if (shapes.length === 0) throw einopsError('pack', shapes, 'list index out of range', 'IndexError');
  const packedShapes: Shape[] = [];
  const flattened: Shape[] = [];
  shapes.forEach((shape, i) => {
    if (shape.length < p.minAxes) {
      throw einopsError('pack', shapes,
        `packed tensor #${i} (enumeration starts with 0) has shape ${showShapeTuple(shape)}, while pattern ${pattern} assumes at least ${p.minAxes} axes`,
        'EinopsError');
    }
    const end = shape.length - p.after;
    packedShapes.push(shape.slice(p.before, end));
    flattened.push([...shape.slice(0, p.before), dimProduct(shape.slice(p.before, end)), ...shape.slice(end)]);
  });
  // torch.cat along the packed axis: every other dim must agree with the first tensor's.
  const first = flattened[0];
  flattened.forEach((shape, i) => {
    shape.forEach((d, axis) => {
      if (axis !== p.before && knownDifferent(d, first[axis])) {
        throw einopsError('pack', shapes,
          `Sizes of tensors must match except in dimension ${p.before}. Expected size ${showDim(first[axis])} but got size ${showDim(d)} for tensor number ${i} in the list.${unlessEqual(d, first[axis])}`,
          'RuntimeError', involvesSymbols(d, first[axis]));
      }
    });
  });
  const total = sumDims(flattened.map((s) => s[p.before]));
  return { shape: [...first.slice(0, p.before), total, ...first.slice(p.before + 1)], packedShapes };
}

/** `einops.unpack(tensor, packed_shapes, pattern)` on shapes. */
export function unpackShapes(shape: Shape, packedShapes: Shape[], pattern: string): Shape[] {
  const p = analyzePackPattern(pattern, 'unpack', [shape]);
  if (shape.length !== p.before + 1 + p.after) {
    throw einopsError('unpack', [shape], `unpack(..., ${pattern}) received input of wrong dim with shape ${showShapeTuple(shape)}`, 'EinopsError');
  }
  const inferredAt = packedShapes.map((ps) => ps.indexOf(-1));
  const unknownCount = inferredAt.filter((i) => i !== -1).length;
  if (unknownCount > 1) {
    throw einopsError('unpack', [shape],
      `unpack(..., ${pattern}) received more than one -1 in ${showShapeList(packedShapes)} and can't infer dimensions`,
      'EinopsError');
  }
  const total = shape[p.before];
  const cannotSplit = (symbolic = false): never => {
    throw einopsError('unpack', [shape],
      `Error during unpack(..., "${pattern}"): could not split axis of size ${showDim(total)} into requested ${showShapeList(packedShapes)}`,
      'EinopsError', symbolic);
  };
  const resolved = packedShapes.map((ps) => [...ps]);
  const known = packedShapes.map((ps, i) => (inferredAt[i] === -1 ? dimProduct(ps) : null));
  const knownSum = sumDims(known.filter((k): k is Dim => k !== null));
  if (unknownCount === 0) {
    if (knownDifferent(knownSum, total)) cannotSplit(involvesSymbols(knownSum, total));
  } else {
    const which = inferredAt.findIndex((i) => i !== -1);
    const remainder = subtractDims(total, knownSum);
    if (typeof remainder === 'number' && remainder < 0) cannotSplit();
    const rest = dimProduct(packedShapes[which].filter((_, j) => j !== inferredAt[which]));
    const quotient = divideExactly(remainder, rest);
    if (quotient === 'indivisible') cannotSplit();
    resolved[which][inferredAt[which]] = quotient as Dim;
  }
  const start = shape.slice(0, p.before);
  const end = shape.slice(p.before + 1);
  return resolved.map((ps) => [...start, ...ps, ...end]);
}
