import type { Fix, TextEdit } from '../../api';
import type { OpNode } from '../../facts/opGraph';
import type { SyntaxNode } from '../../python/syntax';
import { registerRule } from '../registry';
import { deadIntermediateEdits, lineOf, movableOperand, report, type StabilityContext } from './context';
import { rankOf, spreadIsSmall } from './facts';
import { binaryOperands, dimsOf, input, is, opOf, unwrap, isOp } from './graph';
import { functionalCall, torchCall } from './imports';
import { atomText, canMoveExpression } from './sites';
import { matchLogSoftmax, type LogSoftmaxMatch } from './logSoftmax';

export const unstableCrossEntropy = registerRule({
  code: 'unstable-cross-entropy',
  category: 'stability',
  defaultSeverity: 'warning',
  summary: 'Cross-entropy built from log(softmax(x)) is inf where softmax underflows; use F.cross_entropy on the logits.',
  docs: {
    whatItDoes: 'Flags cross-entropy computed from a naive log-softmax: `-log(softmax(x))[range(n), labels]`, `-(y * log(softmax(x))).sum(-1)`, and `nll_loss(log(softmax(x)), y)`.',
    whyBad: 'When the true class\'s logit is 1000 below the largest, softmax rounds its probability to 0 in float32 and the loss is inf (and its gradient nan), although the true loss is 1000. F.cross_entropy works from the logits with logsumexp and stays finite.',
    example: 'log_prob = torch.log(torch.softmax(logits, dim=-1))\nloss = -log_prob[torch.arange(len(labels)), labels]',
    useInstead: "loss = F.cross_entropy(logits, labels, reduction='none')",
    fixSafety: "Safe: reduction='none' keeps the per-example losses; probability targets map to F.cross_entropy's probability-target form. Added `import torch.nn.functional as F` only when the file has no alias for it.",
  },
});

export function checkCrossEntropy(ctx: StabilityContext): void {
  for (const node of ctx.nodes) {
    if (isOp(node, 'neg')) {
      checkIndexedForm(ctx, node) || checkProbabilityForm(ctx, node);
    } else if (isOp(node, 'nll_loss')) {
      checkNllForm(ctx, node);
    }
  }
}

function naiveLogSoftmax(node: OpNode | null): LogSoftmaxMatch | null {
  const m = node ? matchLogSoftmax(unwrap(node)!) : null;
  return m && !spreadIsSmall(m.x) ? m : null;
}

function isClassDim(dim: number, rank: number | undefined): boolean {
  return rank === 2 ? dim === 1 || dim === -1 : rank === 1 ? dim === 0 || dim === -1 : false;
}

/** -log_prob[arange(n), labels] */
function checkIndexedForm(ctx: StabilityContext, neg: OpNode): boolean {
  const item = unwrap(input(neg));
  if (!item || !is(item, 'getitem')) return false;
  const m = naiveLogSoftmax(input(item));
  if (!m) return false;
  const subscript = ctx.src.nodeAt(item.range);
  const labels = subscript ? indexedLabels(subscript) : null;
  const operand = movableOperand(ctx, m.xHolder, neg);
  const fixes: Fix[] = [];
  if (labels && operand && isClassDim(m.dim, rankOf(m.x)) && rankOf(m.x) === 2 && canMoveExpression(labels, ctx.src.nodeAt(neg.range)!)) {
    const ce = functionalCall(ctx.spelling, 'cross_entropy');
    if (ce) fixes.push({
      title: 'Use F.cross_entropy on the logits', style: 'builtin', safety: 'safe',
      previews: ctx.preview?.('cross_entropy', {}) ?? [],
      edits: [{ range: neg.range, newText: `${ce.callee}(${atomText(operand)}, ${labels.text}, reduction='none')` }, ...ce.extraEdits, ...leftovers(ctx, m, neg)],
    });
  }
  report(ctx, unstableCrossEntropy.code, neg,
    `cross-entropy from log(softmax(x)) is inf in float32 when a true class's probability underflows to 0; use F.cross_entropy(logits, labels, reduction='none')` +
      (m.log.range.start.line !== neg.range.start.line ? ` (log(softmax) on line ${lineOf(m.log)})` : ''),
    fixes, [{ node: m.log, message: 'naive log-softmax here' }], m.parts.concat([m.log, item]));
  return true;
}

/** `labels` in `log_prob[torch.arange(n), labels]`, when the first index is an arange/range. */
function indexedLabels(subscript: SyntaxNode): SyntaxNode | null {
  const indices = subscript.childrenForFieldName('subscript');
  const parts = indices.length === 1 && indices[0].type === 'tuple' ? indices[0].namedChildren : indices;
  if (parts.length !== 2) return null;
  if (!/^(\w+\.)*(arange|range)\s*\(/.test(parts[0].text)) return null;
  return parts[1];
}

/** -(y * log(softmax(x))).sum(-1) */
function checkProbabilityForm(ctx: StabilityContext, neg: OpNode): boolean {
  const sum = unwrap(input(neg));
  if (!sum || !is(sum, 'sum')) return false;
  const mul = unwrap(input(sum));
  if (!mul || !is(mul, 'mul')) return false;
  const [a, b] = binaryOperands(mul);
  const mA = naiveLogSoftmax(a.node);
  const mB = mA ? null : naiveLogSoftmax(b.node);
  const m = mA ?? mB;
  if (!m) return false;
  const target = mA ? b.node : a.node;
  if (!target) return false;
  const fixes: Fix[] = [];
  const dims = dimsOf(sum);
  const mulSite = ctx.src.nodeAt(mul.range);
  const operand = movableOperand(ctx, m.xHolder, neg);
  const targetSyntax = mulSite ? (mA ? mulSite.childForFieldName('right') : mulSite.childForFieldName('left')) : null;
  // Probability targets must be floating point; an integer one-hot target is cast, and a
  // target of unknown dtype gets no fix.
  const targetDtype = target.dtype ?? null;
  const cast = targetDtype === 'int64' || targetDtype === 'bool' ? '.float()' : '';
  const dtypeKnown = targetDtype !== null && targetDtype !== undefined;
  if (operand && targetSyntax && rankOf(m.x) === 2 && isClassDim(m.dim, 2) && dims && dims.length === 1 && isClassDim(dims[0], 2)) {
    const ce = functionalCall(ctx.spelling, 'cross_entropy');
    if (ce) fixes.push({
      title: 'Use F.cross_entropy with probability targets', style: 'builtin',
      safety: dtypeKnown ? 'safe' : 'unsafe',
      safetyReason: dtypeKnown ? undefined : 'the target\'s dtype is not known here; F.cross_entropy needs floating-point probability targets',
      previews: ctx.preview?.('cross_entropy', {}) ?? [],
      edits: [{ range: neg.range, newText: `${ce.callee}(${atomText(operand)}, ${atomText(targetSyntax)}${cast}, reduction='none')` }, ...ce.extraEdits, ...leftovers(ctx, m, neg)],
    });
  }
  report(ctx, unstableCrossEntropy.code, neg,
    `cross-entropy from log(softmax(x)) is inf or nan in float32 when probabilities underflow to 0; use F.cross_entropy(logits, target_probs, reduction='none')`,
    fixes, [{ node: m.log, message: 'naive log-softmax here' }], m.parts.concat([m.log, mul, sum]));
  return true;
}

/** nll_loss(log(softmax(x)), y) */
function checkNllForm(ctx: StabilityContext, nll: OpNode): void {
  const m = naiveLogSoftmax(input(nll));
  if (!m) return;
  const call = ctx.src.nodeAt(nll.range);
  const args = call?.childForFieldName('arguments');
  const first = args?.namedChildren[0];
  const fn = call?.childForFieldName('function');
  const operand = movableOperand(ctx, m.xHolder, nll);
  const fixes: Fix[] = [];
  // Only the functional form: an nn.NLLLoss module may carry weight/reduction settings that a
  // rewritten call would silently drop.
  const functional = !!fn && /(^|\.)nll_loss$/.test(fn.text);
  if (call && first && fn && operand && functional && first.type !== 'keyword_argument' && opOf(nll) === 'nll_loss' && isClassDim(m.dim, rankOf(m.x))) {
    const ce = fn.type === 'attribute'
      ? { callee: `${fn.childForFieldName('object')!.text}.cross_entropy`, extraEdits: [] }
      : functionalCall(ctx.spelling, 'cross_entropy');
    if (ce) fixes.push({
      title: 'Use F.cross_entropy on the logits', style: 'builtin', safety: 'safe',
      previews: ctx.preview?.('cross_entropy', {}) ?? [],
      edits: [{ range: rangeOfNode(fn), newText: ce.callee }, { range: rangeOfNode(first), newText: operand.text }, ...ce.extraEdits, ...leftovers(ctx, m, nll)],
    });
  }
  report(ctx, unstableCrossEntropy.code, nll,
    'nll_loss(log(softmax(x))) is inf in float32 where softmax underflows to 0; use F.cross_entropy on the logits',
    fixes, [{ node: m.log, message: 'naive log-softmax here' }], m.parts.concat([m.log]));
}

function rangeOfNode(n: SyntaxNode) {
  return { start: { line: n.startPosition.row, character: n.startPosition.column }, end: { line: n.endPosition.row, character: n.endPosition.column } };
}

/**
 * After the loss is rewritten, the naive log-softmax it used is deleted when nothing else
 * reads it, and otherwise rewritten into the stable torch.log_softmax, so no other use breaks.
 */
function leftovers(ctx: StabilityContext, m: LogSoftmaxMatch, target: OpNode): TextEdit[] {
  const inTarget = (n: OpNode) => ctx.src.offsetOf(n.range.start) >= ctx.src.offsetOf(target.range.start) && ctx.src.offsetOf(n.range.end) <= ctx.src.offsetOf(target.range.end);
  if (inTarget(m.log)) return [];
  const deleted = deadIntermediateEdits(ctx, [m.log, ...m.parts], target);
  if (deleted.some((e) => e.range.start.line <= m.log.range.start.line && e.range.end.line > m.log.range.start.line)) return deleted;
  const operand = movableOperand(ctx, m.xHolder, m.log);
  const fn = torchCall(ctx.spelling, 'log_softmax');
  if (!operand || !fn) return deleted;
  return [...deleted, { range: m.log.range, newText: `${fn}(${atomText(operand)}, dim=${m.dim})` }];
}
