import { registerRule } from '../registry';

export const itemNotScalar = registerRule({
  code: 'item-not-scalar',
  category: 'shape',
  defaultSeverity: 'error',
  summary: '`.item()` on a tensor that provably has more than one element (or none).',
  docs: {
    whatItDoes: 'Reports `x.item()` where every dim of `x` is known and their product is not 1, e.g. a loss computed with `reduction="none"`.',
    whyBad: 'torch raises `ValueError: only one element tensors can be converted to Python scalars`.',
    example: 'loss = F.cross_entropy(logits, y, reduction="none")\ntotal += loss.item()',
    useInstead: 'total += loss.sum().item()',
    fixSafety: 'No automatic fix: sum, mean or indexing are all plausible.',
  },
});
