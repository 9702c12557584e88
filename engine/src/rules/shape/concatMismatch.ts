import { registerRule } from '../registry';

export const concatMismatch = registerRule({
  code: 'concat-mismatch',
  category: 'shape',
  defaultSeverity: 'error',
  summary: 'Tensors passed to cat/stack disagree in a dimension that must match.',
  docs: {
    whatItDoes: 'Reports `torch.cat` / `torch.stack` calls whose tensors have different ranks, or differ in a dimension other than the concatenation dim (any dimension for stack).',
    whyBad: 'torch raises `RuntimeError: Sizes of tensors must match except in dimension 1`.',
    example: 'a = torch.randn(4, 3)\nb = torch.randn(5, 3)\nc = torch.cat([a, b], dim=1)',
    useInstead: 'c = torch.cat([a, b], dim=0)   # (9, 3)',
    fixSafety: 'No automatic fix.',
  },
});
