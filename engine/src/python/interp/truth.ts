// Truth tests on tensors (`if`, `while`, `not`, `and`/`or`, conditional expressions). In
// `run` a tensor's truth is its one element's, as torch's; in analysis a tensor whose every dim
// is known and whose size is not 1 is a proven error: torch raises "Boolean value of Tensor with
// more than one value is ambiguous" (the classic `if loss < best:` on a per-sample loss).
import type { SyntaxNode } from '../syntax';
import { formatShape, shapeNumel } from '../../shape/dim';
import { rangeOf } from './context';
import type { Machine } from './machine';
import { truthy, type Value } from './values';

export function conditionTruth(m: Machine, v: Value, node: SyntaxNode): boolean | null {
  const numel = m.ctx.mode !== 'run' && v.kind === 'tensor' && v.shape ? shapeNumel(v.shape) : null;
  if (v.kind === 'tensor' && typeof numel === 'number') {
    if (numel !== 1) {
      const info = { text: node.text, range: rangeOf(node), shape: formatShape(v.shape) };
      const origin = v.node && v.node.text && v.node.text !== node.text && v.node.op !== 'unknown' ? { origin: { text: v.node.text, range: v.node.range } } : {};
      m.ctx.problem({
        op: 'bool',
        kind: 'bool',
        torchType: 'RuntimeError',
        reason: `Boolean value of Tensor with ${numel === 0 ? 'no values' : 'more than one value'} is ambiguous`,
        range: rangeOf(node),
        text: node.text,
        operands: [{ ...info, ...origin }],
      });
    }
  }
  return truthy(v, m.ctx.mode === 'run');
}
