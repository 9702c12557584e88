import type { Fix } from '../../api';
import type { OpNode } from '../../facts/opGraph';
import { registerRule } from '../registry';
import { deadIntermediateEdits, guardedEmpty, insertionPoint, freshName, lineOf, movableOperand, report, type StabilityContext } from './context';
import { expCannotOverflow, isMaxShifted, rankOf } from './facts';
import { binaryOperands, dimsOf, input, is, keepdimOf, unwrap } from './graph';
import { torchCall } from './imports';
import { atomText, maxExpr } from './sites';

export const unstableSoftmax = registerRule({
  code: 'unstable-softmax',
  category: 'stability',
  defaultSeverity: 'warning',
  summary: '`exp(x) / exp(x).sum(dim, keepdim=True)` gives nan when x > 88.7; use torch.softmax.',
  docs: {
    whatItDoes: 'Flags a softmax written as exp(x) divided by the sum of exp(x) along a dim, when nothing proves x small enough.',
    whyBad: 'In float32 exp(1000.) is inf, and inf / inf is nan: softmax([1000., 1000.]) computed naively is [nan, nan] instead of [0.5, 0.5]. Subtracting the row max first keeps every exp ≤ 1.',
    example: 'e = x.exp()\np = e / e.sum(dim=-1, keepdim=True)',
    useInstead: 'p = torch.softmax(x, dim=-1)\n# or, explicitly:\nshifted_exp = (x - x.amax(dim=-1, keepdim=True)).exp()\np = shifted_exp / shifted_exp.sum(dim=-1, keepdim=True)',
    fixSafety: 'Safe: both fixes equal the naive value wherever that is finite and keep the dim.',
  },
});

export interface NaiveSoftmax {
  div: OpNode;
  exp: OpNode;
  sum: OpNode;
  x: OpNode | null;
  dim: number;
}

/** exp(x) / sum(exp(x), dim, keepdim=True) → the pieces, or null. */
export function matchNaiveSoftmax(div: OpNode): NaiveSoftmax | null {
  if (!is(div, 'div')) return null;
  const [num, den] = binaryOperands(div);
  const exp = unwrap(num.node);
  const sum = unwrap(den.node);
  if (!exp || !sum || !is(exp, 'exp') || !is(sum, 'sum')) return null;
  const summed = unwrap(input(sum));
  if (!summed || !is(summed, 'exp')) return null;
  const sameExp = summed.id === exp.id || (input(summed) !== null && input(summed)?.id === input(exp)?.id);
  if (!sameExp) return null;
  const dims = dimsOf(sum);
  const rank = rankOf(exp);
  let dim: number;
  if (dims && dims.length === 1 && (keepdimOf(sum) || rank === 1)) dim = dims[0];
  else if (dims === null && rank === 1) dim = 0;
  else return null;
  return { div, exp, sum, x: input(exp), dim };
}

export function checkSoftmax(ctx: StabilityContext): void {
  for (const div of ctx.nodes) {
    const m = matchNaiveSoftmax(div);
    if (!m || isMaxShifted(m.x, [m.dim], rankOf(m.x)) || expCannotOverflow(m.x) || guardedEmpty(ctx, div, m.x)) continue;
    report(ctx, unstableSoftmax.code, div,
      `exp(x) / sum(exp(x)) is nan in float32 when x > 88.7 (inf / inf; softmax([1000., 1000.]) gives [nan, nan]); use torch.softmax(x, dim=${m.dim}) or subtract the max first` +
        (m.exp.range.start.line !== div.range.start.line ? ` (exp on line ${lineOf(m.exp)})` : ''),
      softmaxFixes(ctx, m),
      [{ node: m.exp, message: 'exp(x) can overflow here' }, { node: m.sum, message: 'normalizer summed here' }],
      [m.exp, m.sum]);
  }
}

function softmaxFixes(ctx: StabilityContext, m: NaiveSoftmax): Fix[] {
  const operand = movableOperand(ctx, m.exp, m.div);
  if (!operand) return [];
  const x = atomText(operand);
  const previews = ctx.preview?.('softmax', { dim: m.dim }) ?? [];
  const cleanup = deadIntermediateEdits(ctx, [m.exp, m.sum], m.div);
  const fixes: Fix[] = [];
  const softmax = torchCall(ctx.spelling, 'softmax');
  if (softmax) fixes.push({ title: 'Use torch.softmax', style: 'builtin', safety: 'safe', previews, edits: [{ range: m.div.range, newText: `${softmax}(${x}, dim=${m.dim})` }, ...cleanup] });
  const at = insertionPoint(ctx, m.div.range);
  if (at && operand.type === 'identifier') {
    const name = freshName(ctx, 'shifted_exp');
    fixes.push({
      title: 'Subtract the max before exp (explicit softmax)', style: 'explicit', safety: 'safe', previews,
      edits: [
        { range: { start: { line: at.line, character: 0 }, end: { line: at.line, character: 0 } }, newText: `${at.indent}${name} = (${x} - ${maxExpr(x, [m.dim])}).exp()\n` },
        { range: m.div.range, newText: `${name} / ${name}.sum(dim=${m.dim}, keepdim=True)` },
        ...cleanup,
      ],
    });
  }
  return fixes;
}

