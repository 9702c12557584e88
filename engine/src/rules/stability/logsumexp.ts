import type { Fix, TextEdit } from '../../api';
import type { OpNode } from '../../facts/opGraph';
import { registerRule } from '../registry';
import { deadIntermediateEdits, dimText, freshName, guardedEmpty, insertionPoint, lineOf, movableOperand, report, type StabilityContext } from './context';
import { expCannotOverflow, isMaxShifted, rankOf } from './facts';
import { dimsOf, input, is, keepdimOf, unwrap } from './graph';
import { torchCall } from './imports';
import { atomText, maxExpr } from './sites';

export const unstableLogsumexp = registerRule({
  code: 'unstable-logsumexp',
  category: 'stability',
  defaultSeverity: 'warning',
  summary: '`log(sum(exp(x)))` overflows to inf for large x and gives -inf for very negative x; use torch.logsumexp.',
  docs: {
    whatItDoes: 'Flags `log(sum(exp(x)))` in every spelling (methods, functions, aliases, spread over variables) when nothing proves x small enough.',
    whyBad: 'In float32, exp(x) overflows to inf for x > 88.7, so log(sum(exp([1000., 1000.]))) is inf instead of 1000.6931; for x < -103.9 every exp rounds to 0 and the log is -inf. Subtracting the max first (the seed notes\' trick) keeps every exp ≤ 1 and the sum ≥ 1.',
    example: 'lse = x.exp().sum(dim=-1).log()',
    useInstead: 'lse = torch.logsumexp(x, dim=-1)\n# or, explicitly:\nc = x.max(dim=-1, keepdim=True).values\nlse = c.squeeze(-1) + (x - c).exp().sum(dim=-1).log()',
    fixSafety: 'The torch.logsumexp fix is safe: it equals the naive value wherever that is finite, keeps dim and keepdim, and uses the file\'s torch alias. The explicit max-subtracted fix is unsafe: a slice that is entirely -inf gives nan instead of -inf.',
  },
});

/** log(sum(exp(x), dim)) → the pieces, or null. */
export function matchLogSumExp(log: OpNode): { sum: OpNode; exp: OpNode; x: OpNode | null } | null {
  if (!is(log, 'log')) return null;
  const sum = unwrap(input(log));
  if (!sum || !is(sum, 'sum')) return null;
  const exp = unwrap(input(sum));
  if (!exp || !is(exp, 'exp')) return null;
  return { sum, exp, x: input(exp) };
}

export function checkLogSumExp(ctx: StabilityContext): void {
  for (const log of ctx.nodes) {
    const m = matchLogSumExp(log);
    if (!m) continue;
    const dims = dimsOf(m.sum);
    if (isMaxShifted(m.x, dims, rankOf(m.x)) || expCannotOverflow(m.x) || guardedEmpty(ctx, log, m.x)) continue;
    const keepdim = keepdimOf(m.sum);
    const fixes = buildFixes(ctx, log, m.exp, dims, keepdim, deadIntermediateEdits(ctx, [m.sum, m.exp], log));
    report(ctx, unstableLogsumexp.code, log,
      `log(sum(exp(x))) overflows to inf in float32 when x > 88.7 (e.g. [1000., 1000.] gives inf, not 1000.6932); use torch.logsumexp or subtract the max first` +
        (m.exp.range.start.line !== log.range.start.line ? ` (exp on line ${lineOf(m.exp)}, sum on line ${lineOf(m.sum)})` : ''),
      fixes,
      [{ node: m.exp, message: 'exp(x) can overflow here' }, { node: m.sum, message: 'summed here' }],
      [m.sum, m.exp]);
  }
}

function buildFixes(ctx: StabilityContext, log: OpNode, exp: OpNode, dims: number[] | null, keepdim: boolean, cleanup: TextEdit[]): Fix[] {
  const operand = movableOperand(ctx, exp, log);
  if (!operand) return [];
  const x = atomText(operand);
  const fixes: Fix[] = [];
  const previews = ctx.preview?.('logsumexp', { dims, keepdim }) ?? [];
  const lse = torchCall(ctx.spelling, 'logsumexp');
  if (lse) {
    const call = dims === null ? `${lse}(${x}.flatten(), dim=0)` : `${lse}(${x}, dim=${dimText(dims)}${keepdim ? ', keepdim=True' : ''})`;
    fixes.push({ title: `Use ${lse.split('.').slice(-2).join('.')}`, style: 'builtin', safety: 'safe', edits: [{ range: log.range, newText: call }, ...cleanup], previews });
  }
  const at = insertionPoint(ctx, log.range);
  if (at && dims !== null && operand.type === 'identifier') {
    const c = freshName(ctx, 'c');
    const d = dimText(dims)!;
    const line = `${at.indent}${c} = ${maxExpr(x, dims)}\n`;
    const body = keepdim ? `(${c} + (${x} - ${c}).exp().sum(dim=${d}, keepdim=True).log())` : `(${c}.squeeze(${d}) + (${x} - ${c}).exp().sum(dim=${d}).log())`;
    if (dims.length === 1 || keepdim) {
      fixes.push({
        title: 'Subtract the max before exp (explicit logsumexp)', style: 'explicit', safety: 'unsafe',
        safetyReason: 'a slice that is entirely -inf gives nan instead of -inf', previews,
        edits: [{ range: { start: { line: at.line, character: 0 }, end: { line: at.line, character: 0 } }, newText: line }, { range: log.range, newText: body }, ...cleanup],
      });
    }
  }
  return fixes;
}
