import type { Fix } from '../../api';
import { registerRule } from '../registry';
import { movableOperand, report, type StabilityContext } from './context';
import { input, is, unwrap } from './graph';
import { rangeOf } from './sites';

export const doubleSoftmax = registerRule({
  code: 'double-softmax',
  category: 'stability',
  defaultSeverity: 'warning',
  summary: 'A softmax output fed to cross_entropy / CrossEntropyLoss, which applies log_softmax itself.',
  docs: {
    whatItDoes: 'Flags probabilities (softmax, including nn.Softmax at the end of a model) passed to F.cross_entropy or nn.CrossEntropyLoss, directly or through variables. A log_softmax passed to cross_entropy is reported only as info: log_softmax is idempotent, so it is merely redundant.',
    whyBad: 'cross_entropy expects logits and applies log_softmax to them. Given probabilities in [0, 1], the loss is squeezed into a narrow range (at most log(C) apart between perfect and worst predictions) and its gradients shrink, so training stalls.',
    example: 'loss = F.cross_entropy(F.softmax(logits, dim=1), labels)',
    useInstead: 'loss = F.cross_entropy(logits, labels)',
    fixSafety: 'Unsafe for softmax: removing it changes the loss value (to the intended one). Safe for log_softmax: the value is unchanged.',
  },
});

export function checkDoubleSoftmax(ctx: StabilityContext): void {
  for (const loss of ctx.nodes) {
    if (!is(loss, 'cross_entropy')) continue;
    const first = unwrap(input(loss));
    if (!first || !is(first, 'softmax', 'log_softmax')) continue;
    const isLog = is(first, 'log_softmax');
    const operand = movableOperand(ctx, first, loss);
    const call = ctx.src.nodeAt(loss.range);
    const args = call?.childForFieldName('arguments');
    const argSyntax = args?.namedChildren[0];
    const fixes: Fix[] = [];
    if (operand && argSyntax && argSyntax.type !== 'keyword_argument') {
      fixes.push({
        title: isLog ? 'Remove the redundant log_softmax' : 'Pass the logits, not the softmax',
        style: 'builtin',
        safety: isLog ? 'safe' : 'unsafe',
        safetyReason: isLog ? undefined : 'the loss value changes (to the intended one)',
        edits: [{ range: rangeOf(argSyntax), newText: operand.text }],
      });
    }
    const before = ctx.findings.length;
    report(ctx, doubleSoftmax.code, loss,
      isLog
        ? 'cross_entropy applies log_softmax itself; the log_softmax here is redundant (harmless: log_softmax is idempotent)'
        : 'cross_entropy applies log_softmax itself; passing softmax probabilities squeezes the loss and shrinks its gradients — pass the logits',
      fixes, [{ node: first, message: isLog ? 'log_softmax applied here' : 'softmax applied here' }], []);
    if (isLog && ctx.findings.length > before) {
      const f = ctx.findings[ctx.findings.length - 1];
      f.severity = 'info';
      f.tags = ['unnecessary'];
    }
    ctx.claimed.delete(loss.id);
  }
}
