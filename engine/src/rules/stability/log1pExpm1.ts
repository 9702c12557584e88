import type { Fix } from '../../api';
import type { OpNode } from '../../facts/opGraph';
import type { SyntaxNode } from '../../python/syntax';
import { registerRule } from '../registry';
import { report, type StabilityContext } from './context';
import { intervalOf } from './facts';
import { binaryOperands, input, is, opOf, unwrap, isOp } from './graph';
import { torchCall } from './imports';
import { atomText, operandSyntax } from './sites';

export const unstableLog1pExpm1 = registerRule({
  code: 'unstable-log1p-expm1',
  category: 'stability',
  defaultSeverity: 'info',
  summary: '`log(1 + x)` and `exp(x) - 1` lose all precision for small x; use torch.log1p / torch.expm1.',
  docs: {
    whatItDoes: 'Flags log(1 + x) and exp(x) - 1 when x can be close to 0.',
    whyBad: 'In float32 1 + 1e-10 rounds to exactly 1, so log(1 + 1e-10) is 0 and exp(1e-10) - 1 is 0, although both are 1e-10: the relative error is 100%. log1p and expm1 are exact there.',
    example: 'y = torch.log(1 + x)\nz = torch.exp(x) - 1',
    useInstead: 'y = torch.log1p(x)\nz = torch.expm1(x)',
    fixSafety: 'Safe: log1p(x) and expm1(x) equal the naive forms up to rounding, and are more accurate near 0.',
  },
});

/** x can be within 1e-3 of zero. */
function canBeNearZero(x: OpNode | null): boolean {
  // A value chosen by torch.where is the author steering around a region (often exactly the
  // small-x one); without knowing the condition, stay silent.
  if (is(unwrap(x), 'where')) return false;
  const i = intervalOf(x);
  return i.lo < 1e-3 && i.hi > -1e-3;
}

export function checkLog1pExpm1(ctx: StabilityContext): void {
  for (const node of ctx.nodes) {
    if (isOp(node, 'log')) {
      const add = unwrap(input(node));
      if (!add || !is(add, 'add')) continue;
      const [a, b] = binaryOperands(add);
      const other = a.scalar === 1 ? b : b.scalar === 1 ? a : null;
      if (!other?.node || is(unwrap(other.node), 'exp') || !canBeNearZero(other.node)) continue;
      const site = ctx.src.nodeAt(add.range);
      const xSyntax = site ? operandSyntax(site, a.scalar === 1 ? 'right' : 'left') : null;
      emit(ctx, node, 'log1p', xSyntax, 'log(1 + x) loses all precision in float32 when |x| < 6e-8 (log(1 + 1e-10) is 0, not 1e-10); use torch.log1p(x)', [add]);
    } else if (isOp(node, 'sub')) {
      const [a, b] = binaryOperands(node);
      const exp: OpNode | null = unwrap(a.node);
      if (b.scalar !== 1 || exp === null || opOf(exp) !== 'exp' || !canBeNearZero(input(exp))) continue;
      const expSite = ctx.src.nodeAt(exp.range);
      const site = ctx.src.nodeAt(node.range);
      const sameStatement = !!expSite && !!site && expSite.startIndex >= site.startIndex && expSite.endIndex <= site.endIndex;
      const xSyntax = sameStatement && expSite ? operandSyntax(expSite) : null;
      emit(ctx, node, 'expm1', xSyntax, 'exp(x) - 1 loses all precision in float32 when |x| < 6e-8 (exp(1e-10) - 1 is 0, not 1e-10); use torch.expm1(x)', [exp]);
    }
  }
}

function emit(ctx: StabilityContext, node: OpNode, fn: string, x: SyntaxNode | null, message: string, parts: OpNode[]): void {
  const fixes: Fix[] = [];
  const callee = torchCall(ctx.spelling, fn);
  const site = ctx.src.nodeAt(node.range);
  const inside = x && site && x.startIndex >= site.startIndex && x.endIndex <= site.endIndex;
  if (callee && x && inside) {
    fixes.push({ title: `Use torch.${fn}`, style: 'builtin', safety: 'safe', previews: ctx.preview?.(fn, {}) ?? [], edits: [{ range: node.range, newText: `${callee}(${stripOuter(atomText(x))})` }] });
  }
  report(ctx, unstableLog1pExpm1.code, node, message, fixes, [], parts);
}

function stripOuter(text: string): string {
  return text.startsWith('(') && text.endsWith(')') ? text.slice(1, -1) : text;
}
