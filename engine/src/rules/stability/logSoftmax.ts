import type { Fix } from '../../api';
import type { OpNode } from '../../facts/opGraph';
import { registerRule } from '../registry';
import { deadIntermediateEdits, freshName, insertionPoint, lineOf, movableOperand, report, type StabilityContext } from './context';
import { spreadIsSmall } from './facts';
import { dimsOf, input, is, unwrap } from './graph';
import { torchCall } from './imports';
import { atomText, maxExpr } from './sites';
import { matchNaiveSoftmax } from './softmax';

export const unstableLogSoftmax = registerRule({
  code: 'unstable-log-softmax',
  category: 'stability',
  defaultSeverity: 'warning',
  summary: '`log(softmax(x))` is -inf where softmax underflows to 0; use torch.log_softmax.',
  docs: {
    whatItDoes: 'Flags the log of a softmax (torch.softmax, F.softmax, Tensor.softmax, or exp(x)/sum(exp(x))) in any spelling.',
    whyBad: 'softmax([0., -1000.]) is [1., 0.] in float32: the small probability underflows to exactly 0, and log(0) is -inf (the true value is -1000). A naive softmax is also nan for large inputs. log_softmax computes x - logsumexp(x) directly and stays finite.',
    example: 'log_prob = torch.log(torch.softmax(logits, dim=-1))',
    useInstead: 'log_prob = torch.log_softmax(logits, dim=-1)\n# or, explicitly (the seed notes\' form):\nc = logits.amax(dim=-1, keepdim=True)\nlog_prob = logits - c - (logits - c).exp().sum(dim=-1, keepdim=True).log()',
    fixSafety: 'Safe: equal to the naive value wherever that is finite; keeps the dim.',
  },
});

export interface LogSoftmaxMatch {
  log: OpNode;
  /** The node whose operand is x: the softmax call, or the exp of a naive softmax. */
  xHolder: OpNode;
  x: OpNode | null;
  dim: number;
  parts: OpNode[];
}

/** log(softmax(x, dim)) in any spelling → the pieces, or null. */
export function matchLogSoftmax(log: OpNode): LogSoftmaxMatch | null {
  if (!is(log, 'log')) return null;
  const p = unwrap(input(log));
  if (!p) return null;
  if (is(p, 'softmax')) {
    const dims = dimsOf(p);
    if (!dims || dims.length !== 1) return null;
    return { log, xHolder: p, x: input(p), dim: dims[0], parts: [p] };
  }
  const naive = matchNaiveSoftmax(p);
  if (naive) return { log, xHolder: naive.exp, x: naive.x, dim: naive.dim, parts: [p, naive.exp, naive.sum] };
  return null;
}

export function checkLogSoftmax(ctx: StabilityContext): void {
  for (const node of ctx.nodes) {
    const m = matchLogSoftmax(node);
    if (!m || spreadIsSmall(m.x)) continue;
    report(ctx, unstableLogSoftmax.code, m.log,
      `log(softmax(x)) is -inf in float32 where softmax underflows to 0 (softmax([0., -1000.]) = [1., 0.], log gives -inf instead of -1000); use torch.log_softmax(x, dim=${m.dim})` +
        (m.xHolder.range.start.line !== m.log.range.start.line ? ` (softmax on line ${lineOf(m.xHolder)})` : ''),
      logSoftmaxFixes(ctx, m),
      [{ node: m.xHolder, message: 'softmax computed here' }],
      m.parts);
  }
}

export function logSoftmaxFixes(ctx: StabilityContext, m: LogSoftmaxMatch): Fix[] {
  const operand = movableOperand(ctx, m.xHolder, m.log);
  if (!operand) return [];
  const x = atomText(operand);
  const previews = ctx.preview?.('log_softmax', { dim: m.dim }) ?? [];
  const cleanup = deadIntermediateEdits(ctx, m.parts, m.log);
  const fixes: Fix[] = [];
  const fn = torchCall(ctx.spelling, 'log_softmax');
  if (fn) fixes.push({ title: 'Use torch.log_softmax', style: 'builtin', safety: 'safe', previews, edits: [{ range: m.log.range, newText: `${fn}(${x}, dim=${m.dim})` }, ...cleanup] });
  const at = insertionPoint(ctx, m.log.range);
  if (at && operand.type === 'identifier') {
    const c = freshName(ctx, 'c');
    fixes.push({
      title: 'Subtract the max (explicit log-softmax)', style: 'explicit', safety: 'safe', previews,
      edits: [
        { range: { start: { line: at.line, character: 0 }, end: { line: at.line, character: 0 } }, newText: `${at.indent}${c} = ${maxExpr(x, [m.dim])}\n` },
        { range: m.log.range, newText: `(${x} - ${c} - (${x} - ${c}).exp().sum(dim=${m.dim}, keepdim=True).log())` },
        ...cleanup,
      ],
    });
  }
  return fixes;
}

