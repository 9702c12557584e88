// Analysis checks around the shared torch table's shape rules that the table cannot make,
// because they need the op graph or are warnings rather than errors torch raises:
// `squeeze()` without a dim on a symbolic size that may be 1, and `view` straight after a
// transpose or permute (the table tracks layout only for views it made itself).
import { formatDim, formatShape, isSymDim } from '../../shape/dim';
import { rangeOf } from './context';
import type { OpCall } from './ops/registry';
import type { Value } from './values';

const TRANSPOSING = new Set(['torch.transpose', 'torch.permute', 'Tensor.T', 'Tensor.mT', 'torch.t']);

/** Warnings to give before the rule runs. */
export function beforeTableRule(call: OpCall): void {
  if (call.op !== 'torch.squeeze' || !call.isNone('dim')) return;
  const t = call.tensor('input');
  if (!t || t.shape === null) return;
  // Without a dim every size-1 dim goes; a symbolic dim may be 1, so the rank is unknown.
  const symbolic = t.shape.filter((d) => isSymDim(d));
  if (symbolic.length === 0) return;
  call.warn('squeeze', `squeeze() without a dim on ${formatShape(t.shape)} also drops ${symbolic.map((d) => formatDim(d)).join(', ')} whenever ${symbolic.length === 1 ? 'it is' : 'one of them is'} 1 (e.g. a batch of one); pass the dim to squeeze`);
}

/** Adjusts or checks the rule's result; returns the value the analysis keeps. */
export function afterTableRule(call: OpCall, result: Value): Value {
  if (call.op === 'torch.squeeze' && call.isNone('dim') && result.kind === 'tensor') {
    // The table keeps symbols (generic sizes are not 1); a squeeze without a dim is exactly
    // where a symbol can be 1, so its rank is not a fact.
    const t = call.tensor('input');
    if (t && t.shape !== null && t.shape.some((d) => typeof d !== 'number')) return { ...result, shape: null };
  }
  if (call.op === 'Tensor.view') checkViewAfterTranspose(call, result);
  return result;
}

/**
 * `view` straight after transpose/permute changes the rank: torch raises "view size is not
 * compatible with input tensor's size and stride" whenever the merged or split dims are the
 * swapped ones and neither is 1. `reshape` is the same where `view` works, and copies where
 * it cannot, so the fix is certain.
 */
function checkViewAfterTranspose(c: OpCall, result: Value): void {
  const t = c.tensor('input');
  if (!t || result.kind !== 'tensor' || !TRANSPOSING.has(t.node.op) || t.shape === null || result.shape === null) return;
  if (result.shape.length === t.shape.length) return;
  if (t.node.op === 'torch.transpose') {
    // Swapping a size-1 dim leaves the memory layout contiguous.
    const src = t.node.inputs[0]?.shape as readonly unknown[] | null | undefined;
    const d0 = t.node.params.dim0;
    const d1 = t.node.params.dim1;
    if (!src || typeof d0 !== 'number' || typeof d1 !== 'number') return;
    const at = (d: number) => src[d < 0 ? d + src.length : d];
    if (at(d0) === 1 || at(d1) === 1) return;
  }
  const fn = c.syntax?.childForFieldName('function');
  const attr = fn?.type === 'attribute' ? fn.childForFieldName('attribute') : null;
  c.warn('contiguity', `\`.view\` on the result of \`${t.node.text.length > 50 ? `${t.node.text.slice(0, 47)}...` : t.node.text}\` (non-contiguous after ${t.node.op.split('.').pop()}) fails with "view size is not compatible with input tensor's size and stride" unless the swapped dims are 1; use .reshape(...) or call .contiguous() first`,
    attr ? { title: 'Use .reshape instead of .view', range: rangeOf(attr), newText: 'reshape' } : undefined);
}
