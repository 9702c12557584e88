// Broadcasts that succeed but almost certainly compute the wrong thing: a reduction without
// keepdim combined back with its own source (on a square tensor it lines up with the wrong
// dim), and `(n,)` against `(n, 1)`, which silently grows to `(n, n)`.
import type { OpNode } from '../../facts/opGraph';
import type { SyntaxNode } from '../syntax';
import { rangeOf } from './context';
import { dimEquals, formatShape, isUnknownDim } from '../../shape/dim';
import type { Arg, Machine } from './machine';
import type { TensorValue } from './values';

const REDUCTIONS = /^(torch|Tensor)\.(sum|mean|amax|amin|max|min|logsumexp|prod|std|var|norm|nansum|nanmean)$/;
/** Ops that show the user shaped the operand on purpose (`x[:, None]`, `unsqueeze`, `view`). */
const DELIBERATE = /^(Tensor\.__getitem__|torch\.unsqueeze|Tensor\.unsqueeze|torch\.reshape|Tensor\.reshape|Tensor\.view|Tensor\.expand|Tensor\.expand_as|torch\.outer|unknown)$/;

function reducedDim(n: OpNode, rank: number): number | null {
  if (!REDUCTIONS.test(n.op) || n.params.keepdim === true || n.params.output === 'indices') return null;
  const d = Array.isArray(n.params.dim) && n.params.dim.length === 1 ? n.params.dim[0] : n.params.dim;
  if (typeof d !== 'number') return null;
  const norm = d < 0 ? d + rank : d;
  return norm > 0 && norm < rank ? norm : null;
}

export function checkSuspiciousBroadcast(m: Machine, a: Arg, b: Arg, result: TensorValue, node: SyntaxNode): void {
  if (a.value.kind !== 'tensor' || b.value.kind !== 'tensor' || result.shape === null) return;
  const ta = a.value;
  const tb = b.value;
  if (ta.shape === null || tb.shape === null) return;
  const report = (reason: string) => m.ctx.problem({
    op: result.node.op, kind: 'suspicious', torchType: '', reason, range: rangeOf(node), text: node.text,
    operands: [a, b].map((x) => ({ text: x.syntax?.text ?? '', range: rangeOf(x.syntax ?? node), shape: formatShape((x.value as TensorValue).shape) })),
  });
  for (const [source, reduced, rArg] of [[ta, tb, b], [tb, ta, a]] as const) {
    const input = reduced.node.inputs[0];
    if (!input || input !== source.node || source.shape === null) continue;
    const d = reducedDim(reduced.node, source.shape.length);
    if (d === null) continue;
    report(`\`${rArg.syntax?.text ?? reduced.node.text}\` reduces dim ${d} of ${formatShape(source.shape)} without keepdim, so broadcasting it back lines its values up with the last dim instead of dim ${d} — pass keepdim=True`);
    return;
  }
  // (n,) against (n, 1) -> (n, n)
  for (const [vec, col] of [[ta, tb], [tb, ta]] as const) {
    if (vec.shape!.length !== 1 || col.shape!.length !== 2) continue;
    if (DELIBERATE.test(vec.node.op) || DELIBERATE.test(col.node.op)) continue;
    const n = vec.shape![0];
    if (col.shape![1] !== 1 || n === 1 || isUnknownDim(n) || !dimEquals(col.shape![0], n)) continue;
    report(`${formatShape(vec.shape)} against ${formatShape(col.shape)} broadcasts to ${formatShape(result.shape)}, every pair instead of elementwise — reshape one side if elementwise was meant`);
    return;
  }
}
