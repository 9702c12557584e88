import type { OpNode } from '../../facts/opGraph';
import { registerRule } from '../registry';
import { guardedEmpty, movableOperand, report, type StabilityContext } from './context';
import { expCannotOverflow } from './facts';
import { binaryOperands, input, is, unwrap, isOp } from './graph';
import { functionalCall } from './imports';
import { atomText } from './sites';

export const unstableSoftplus = registerRule({
  code: 'unstable-softplus',
  category: 'stability',
  defaultSeverity: 'warning',
  summary: '`log(1 + exp(x))` overflows to inf for x > 88.7; use F.softplus.',
  docs: {
    whatItDoes: 'Flags log(1 + exp(x)), log(exp(x) + 1) and log1p(exp(x)) when nothing proves x small enough.',
    whyBad: 'exp(1000.) is inf in float32, so log(1 + exp(1000.)) is inf although the true value is 1000. F.softplus returns x itself above a threshold and log1p(exp(x)) below it.',
    example: 'y = torch.log(1 + torch.exp(x))',
    useInstead: 'y = F.softplus(x)\n# or, explicitly:\ny = x.clamp(min=0) + torch.log1p(torch.exp(-x.abs()))',
    fixSafety: 'Safe: F.softplus equals the naive value wherever that is finite (to float32 rounding). Adds `import torch.nn.functional as F` only when needed.',
  },
});

function expOperandOfOnePlus(node: OpNode | null): OpNode | null {
  const n = unwrap(node);
  if (!n || !is(n, 'add')) return null;
  const [a, b] = binaryOperands(n);
  if (a.scalar === 1 && is(unwrap(b.node), 'exp')) return unwrap(b.node);
  if (b.scalar === 1 && is(unwrap(a.node), 'exp')) return unwrap(a.node);
  return null;
}

export function checkSoftplus(ctx: StabilityContext): void {
  for (const node of ctx.nodes) {
    let exp: OpNode | null = null;
    let parts: OpNode[] = [];
    if (isOp(node, 'log')) {
      exp = expOperandOfOnePlus(input(node));
      parts = exp ? [unwrap(input(node))!, exp] : [];
    } else if (isOp(node, 'log1p') && is(unwrap(input(node)), 'exp')) {
      exp = unwrap(input(node));
      parts = [exp!];
    }
    if (!exp || expCannotOverflow(input(exp)) || guardedEmpty(ctx, node, input(exp))) continue;
    const operand = movableOperand(ctx, exp, node);
    const fixes = [];
    const fn = operand ? functionalCall(ctx.spelling, 'softplus') : null;
    const previews = ctx.preview?.('softplus', {}) ?? [];
    if (operand && fn) fixes.push({ title: 'Use F.softplus', style: 'builtin' as const, safety: 'safe' as const, previews, edits: [{ range: node.range, newText: `${fn.callee}(${atomText(operand)})` }, ...fn.extraEdits] });
    if (operand && ctx.spelling.torch && operand.type === 'identifier') {
      const x = operand.text;
      fixes.push({ title: 'Rewrite as max(x, 0) + log1p(exp(-|x|))', style: 'explicit' as const, safety: 'safe' as const, previews,
        edits: [{ range: node.range, newText: `(${x}.clamp(min=0) + ${ctx.spelling.torch}.log1p(${ctx.spelling.torch}.exp(-${x}.abs())))` }] });
    }
    report(ctx, unstableSoftplus.code, node,
      'log(1 + exp(x)) overflows to inf in float32 when x > 88.7 (x = 1000. gives inf, not 1000.); use F.softplus(x)',
      fixes, [{ node: exp, message: 'exp(x) can overflow here' }], parts);
  }
}
