// torch.einsum equations: parsing with torch's own validation (and its messages, which point
// at the offending character of the equation), label sizes that broadcast across operands but
// must agree exactly within one, and ellipsis dims that broadcast right-aligned.
import { type Dim, type Shape, dimKnownDifferent, formatDim, isUnknownDim } from './dim';
import { ShapeError } from './errors';
import { symbolicOf } from './messages';

const ELLIPSIS = '...';
type Label = string;

interface Parsed {
  operands: Label[][];
  /** Null when the equation has no `->` (torch then builds the output itself). */
  output: Label[] | null;
}

function parseEquation(equation: string, fail: (m: string) => ShapeError): Parsed {
  const arrow = equation.indexOf('->');
  const lhsEnd = arrow < 0 ? equation.length : arrow;
  const operands: Label[][] = [[]];
  const readTerm = (from: number, to: number, labels: Label[], who: string, onComma?: () => Label[]) => {
    let current = labels;
    for (let i = from; i < to; i++) {
      const ch = equation[i];
      if (ch === ' ') continue;
      if (ch === ',' && onComma) {
        current = onComma();
      } else if (ch === '.') {
        const name = who === 'output' ? 'output' : `operand ${operands.length - 1}`;
        if (current.includes(ELLIPSIS)) {
          throw fail(who === 'output' ? "found '.' for output but an ellipsis (...) was already found" : `found '.' for ${name} for which an ellipsis was already found`);
        }
        if (equation.slice(i, i + 3) !== ELLIPSIS || i + 3 > to) {
          throw fail(who === 'output' ? "found '.' for output that is not part of any ellipsis (...)" : `found '.' for ${name} that is not part of any ellipsis`);
        }
        current.push(ELLIPSIS);
        i += 2;
      } else if (/[a-zA-Z]/.test(ch)) {
        current.push(ch);
      } else {
        throw fail(`invalid subscript given at index ${i} in the equation string, subscripts must be in [a-zA-Z]`);
      }
    }
  };
  readTerm(0, lhsEnd, operands[0], 'input', () => {
    operands.push([]);
    return operands[operands.length - 1];
  });
  if (arrow < 0) return { operands, output: null };
  const output: Label[] = [];
  readTerm(arrow + 2, equation.length, output, 'output');
  return { operands, output };
}

/** The output shape of torch.einsum(equation, *operands). */
export function einsumShape(equation: string, shapes: readonly Shape[]): Shape {
  const fail = (message: string, symbolic = false) => new ShapeError('einsum', [...shapes], `einsum(): ${message}`, 'RuntimeError', symbolic);
  const { operands, output: explicit } = parseEquation(equation, fail);
  if (operands.length > shapes.length) throw fail('fewer operands were provided than specified in the equation');
  if (operands.length < shapes.length) throw fail('more operands were provided than specified in the equation');

  const inputLabels = new Set(operands.flat());
  const anyEllipsis = inputLabels.has(ELLIPSIS);
  inputLabels.delete(ELLIPSIS);
  let output: Label[];
  if (explicit) {
    const seen = new Set<Label>();
    for (const label of explicit) {
      if (label === ELLIPSIS) continue;
      if (seen.has(label)) throw fail(`output subscript ${label} appears more than once in the output`);
      if (!inputLabels.has(label)) throw fail(`output subscript ${label} does not appear in the equation for any input operand`);
      seen.add(label);
    }
    output = explicit;
  } else {
    // Implicit output: the ellipsis, then every label used exactly once, in ASCII order.
    const counts = new Map<Label, number>();
    for (const label of operands.flat()) counts.set(label, (counts.get(label) ?? 0) + 1);
    output = [...(anyEllipsis ? [ELLIPSIS] : []), ...[...inputLabels].filter((l) => counts.get(l) === 1).sort()];
  }

  const sizes = new Map<Label, Dim>();
  // Right-aligned broadcast of the dims every ellipsis covers, stored left-padded.
  let ellipsisDims: Dim[] = [];
  operands.forEach((labels, k) => {
    const shape = shapes[k];
    const named = labels.filter((l) => l !== ELLIPSIS);
    const hasEllipsis = named.length !== labels.length;
    if (!hasEllipsis && named.length !== shape.length) {
      throw fail(`the number of subscripts in the equation (${named.length}) does not match the number of dimensions (${shape.length}) for operand ${k} and no ellipsis was given`);
    }
    if (hasEllipsis && named.length > shape.length) {
      throw fail(`the number of subscripts in the equation (${named.length}) is more than the number of dimensions (${shape.length}) for operand ${k}`);
    }
    const covered = shape.length - named.length;
    const local = new Map<Label, Dim>();
    let axis = 0;
    for (const label of labels) {
      if (label === ELLIPSIS) {
        ellipsisDims = mergeEllipsis(ellipsisDims, shape.slice(axis, axis + covered), k, fail);
        axis += covered;
        continue;
      }
      const d = shape[axis++];
      const first = local.get(label);
      if (first !== undefined) {
        if (dimKnownDifferent(first, d)) {
          throw fail(`subscript ${label} is repeated for operand ${k} but the sizes don't match, ${formatDim(d)} != ${formatDim(first)}`, symbolicOf(first, d));
        }
        continue;
      }
      local.set(label, d);
      const prev = sizes.get(label);
      if (prev === undefined || prev === 1 || (isUnknownDim(prev) && d !== 1)) sizes.set(label, d);
      else if (d !== 1 && dimKnownDifferent(prev, d)) {
        throw fail(`subscript ${label} has size ${formatDim(d)} for operand ${k} which does not broadcast with previously seen size ${formatDim(prev)}`, symbolicOf(prev, d));
      }
    }
  });
  return output.flatMap((label) => (label === ELLIPSIS ? ellipsisDims : [sizes.get(label)!]));
}

function mergeEllipsis(seen: Dim[], dims: Shape, k: number, fail: (m: string, symbolic?: boolean) => ShapeError): Dim[] {
  const rank = Math.max(seen.length, dims.length);
  const a = [...Array(rank - seen.length).fill(1), ...seen];
  const b = [...Array(rank - dims.length).fill(1), ...dims];
  return a.map((prev, j) => {
    const d = b[j];
    if (prev === 1 || (isUnknownDim(prev) && d !== 1)) return d;
    if (d === 1) return prev;
    if (dimKnownDifferent(prev, d)) {
      throw fail(`dimension ${j} covered by ellipsis in operand ${k}has size ${formatDim(d)} which does not broadcast with previously seen ellipsis with size ${formatDim(prev)} for the respective dimension`, symbolicOf(prev, d));
    }
    return prev;
  });
}
