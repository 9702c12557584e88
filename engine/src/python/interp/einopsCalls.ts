// einops calls (rearrange / reduce / repeat). Until the einops module's shape rules are
// wired in, results are tensors of unknown shape: the op graph still records the call.
import type { SyntaxNode } from '../syntax';
import type { Arg, Machine } from './machine';
import { UNKNOWN, type Value } from './values';

export function callEinops(m: Machine, qualname: string, args: Arg[], _kwargs: Map<string, Arg>, node: SyntaxNode): Value {
  const x = args[0]?.value;
  if (!x || x.kind !== 'tensor') return UNKNOWN;
  const pattern = args[1]?.value;
  const params: Record<string, unknown> = pattern?.kind === 'str' ? { pattern: pattern.value } : {};
  return m.ctx.tensor(null, x.dtype, m.ctx.node(qualname, node, [x.node], params));
}
