import { registerRule } from '../registry';

export const dtypeMismatch = registerRule({
  code: 'dtype-mismatch',
  category: 'shape',
  defaultSeverity: 'error',
  summary: 'An op gets a dtype torch has no kernel for (mean of a bool or int tensor, bitwise ops on floats, matmul of float and int).',
  docs: {
    whatItDoes:
      'Reports calls that torch refuses for their dtypes alone: `mean`/`std`/`var`/`norm` of int or bool tensors, `&`/`|` on floats, ' +
      '`matmul` of a float and an int tensor, activations and losses on int tensors, `-` on bools. Reported only when every dtype involved is known.',
    whyBad: "torch raises, e.g. `RuntimeError: mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Bool` for the classic `(pred == y).mean()`.",
    example: 'pred = logits.argmax(dim=-1)\naccuracy = (pred == y).mean()',
    useInstead: 'accuracy = (pred == y).float().mean()',
    fixSafety: 'No automatic fix: the right dtype depends on what the value is for.',
  },
});
