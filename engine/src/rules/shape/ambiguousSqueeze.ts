import { registerRule } from '../registry';

export const ambiguousSqueeze = registerRule({
  code: 'ambiguous-squeeze',
  category: 'shape',
  defaultSeverity: 'warning',
  summary: '`squeeze()` without a dim on a tensor with a symbolic dim that can be 1.',
  docs: {
    whatItDoes: 'Reports `squeeze()` / `torch.squeeze(x)` without a dim when the tensor has a symbolic dim such as `batch`: with a batch of one, that dim disappears too.',
    whyBad: 'Code that works for every batch size but 1 fails (or silently changes meaning) on the last, short batch of an epoch or at inference.',
    example: 'def f(x):\n    """x: shape (batch, 1)"""\n    return x.squeeze()',
    useInstead: 'def f(x):\n    """x: shape (batch, 1)"""\n    return x.squeeze(-1)',
    fixSafety: 'No automatic fix: which dim to squeeze is a decision.',
  },
});
