import type { Fix } from '../../api';
import type { OpNode } from '../../facts/opGraph';
import { registerRule } from '../registry';
import { movableOperand, report, type StabilityContext } from './context';
import { intervalOf } from './facts';
import { binaryOperands, input, is, unwrap, isOp } from './graph';
import { functionalCall } from './imports';
import { atomText } from './sites';

export const unstableLogSigmoid = registerRule({
  code: 'unstable-log-sigmoid',
  category: 'stability',
  defaultSeverity: 'warning',
  summary: '`log(sigmoid(x))` is -inf for very negative x, and binary_cross_entropy(sigmoid(x), y) saturates; use F.logsigmoid / BCE-with-logits.',
  docs: {
    whatItDoes: 'Flags log(sigmoid(x)), log(1 - sigmoid(x)) and binary_cross_entropy(sigmoid(x), y) (F.binary_cross_entropy or nn.BCELoss) when nothing proves x moderate.',
    whyBad: 'sigmoid(-1000.) rounds to 0 in float32, so log(sigmoid(-1000.)) is -inf instead of -1000; sigmoid(20.) rounds to 1, so log(1 - sigmoid(20.)) is -inf and BCE clamps its log at -100, giving wrong losses and zero gradients. F.logsigmoid and binary_cross_entropy_with_logits work from x directly.',
    example: 'loss = F.binary_cross_entropy(torch.sigmoid(logits), targets)',
    useInstead: 'loss = F.binary_cross_entropy_with_logits(logits, targets)',
    fixSafety: 'Safe: equal wherever the naive value is finite and unclamped. Adds `import torch.nn.functional as F` only when needed.',
  },
});

function sigmoidOf(node: OpNode | null): OpNode | null {
  const n = unwrap(node);
  return n && is(n, 'sigmoid') ? n : null;
}

export function checkLogSigmoid(ctx: StabilityContext): void {
  for (const node of ctx.nodes) {
    if (isOp(node, 'log')) {
      const direct = sigmoidOf(input(node));
      if (direct) {
        if (intervalOf(input(direct)).lo > -80) continue;
        emit(ctx, node, direct, 'logsigmoid', false);
        continue;
      }
      const inner = unwrap(input(node));
      if (inner && is(inner, 'sub', 'rsub')) {
        const [a, b] = binaryOperands(inner);
        const s = a.scalar === 1 ? sigmoidOf(b.node) : null;
        if (s && intervalOf(input(s)).hi >= 15) emit(ctx, node, s, 'logsigmoid', true, [inner]);
      }
    } else if (isOp(node, 'binary_cross_entropy')) {
      const s = sigmoidOf(input(node));
      if (s) emitBce(ctx, node, s);
    }
  }
}

function emit(ctx: StabilityContext, log: OpNode, sigmoid: OpNode, fnName: string, negate: boolean, extra: OpNode[] = []): void {
  const operand = movableOperand(ctx, sigmoid, log);
  const fixes: Fix[] = [];
  const fn = operand ? functionalCall(ctx.spelling, fnName) : null;
  if (operand && fn) {
    fixes.push({ title: 'Use F.logsigmoid', style: 'builtin', safety: 'safe', previews: ctx.preview?.('logsigmoid', { negate }) ?? [],
      edits: [{ range: log.range, newText: `${fn.callee}(${negate ? '-' : ''}${atomText(operand)})` }, ...fn.extraEdits] });
  }
  report(ctx, unstableLogSigmoid.code, log,
    negate
      ? 'log(1 - sigmoid(x)) is -inf in float32 when x > 16.6 (sigmoid rounds to 1); use F.logsigmoid(-x)'
      : 'log(sigmoid(x)) is -inf in float32 when x < -88.7 (sigmoid rounds to 0; x = -1000. gives -inf, not -1000.); use F.logsigmoid(x)',
    fixes, [{ node: sigmoid, message: 'sigmoid computed here' }], [sigmoid, ...extra]);
}

function emitBce(ctx: StabilityContext, bce: OpNode, sigmoid: OpNode): void {
  const call = ctx.src.nodeAt(bce.range);
  const fn = call?.childForFieldName('function');
  const first = call?.childForFieldName('arguments')?.namedChildren[0];
  const operand = movableOperand(ctx, sigmoid, bce);
  const fixes: Fix[] = [];
  if (call?.type === 'call' && fn && first && first.type !== 'keyword_argument' && operand && /binary_cross_entropy$/.test(fn.text)) {
    fixes.push({ title: 'Use binary_cross_entropy_with_logits', style: 'builtin', safety: 'safe', previews: ctx.preview?.('bce', {}) ?? [],
      edits: [
        { range: { start: { line: fn.endPosition.row, character: fn.endPosition.column }, end: { line: fn.endPosition.row, character: fn.endPosition.column } }, newText: '_with_logits' },
        { range: { start: { line: first.startPosition.row, character: first.startPosition.column }, end: { line: first.endPosition.row, character: first.endPosition.column } }, newText: operand.text },
      ] });
  }
  report(ctx, unstableLogSigmoid.code, bce,
    'binary_cross_entropy(sigmoid(x), y) saturates in float32: sigmoid rounds to 0 or 1 for |x| > 17 and the loss is clamped at 100; use binary_cross_entropy_with_logits(x, y)',
    fixes, [{ node: sigmoid, message: 'sigmoid computed here' }], [sigmoid]);
}
