import { registerRule } from '../registry';

export const tensorAsBool = registerRule({
  code: 'tensor-as-bool',
  category: 'shape',
  defaultSeverity: 'error',
  summary: 'A tensor with a known size other than 1 used as a condition (`if`, `while`, `not`, `and`/`or`).',
  docs: {
    whatItDoes: 'Reports a truth test on a tensor whose every dim is known and whose size is not 1, e.g. comparing a per-sample loss in an `if`.',
    whyBad: 'torch raises `RuntimeError: Boolean value of Tensor with more than one value is ambiguous`.',
    example: 'losses = F.cross_entropy(logits, y, reduction="none")\nif losses < best:\n    best = losses',
    useInstead: 'if losses.mean() < best:  # or (losses < best).all() / .any()',
    fixSafety: 'No automatic fix: mean, all and any mean different things.',
  },
});
