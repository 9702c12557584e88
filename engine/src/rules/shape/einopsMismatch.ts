import { registerRule } from '../registry';

export const einopsMismatch = registerRule({
  code: 'einops-mismatch',
  category: 'shape',
  defaultSeverity: 'error',
  summary: 'An einops pattern does not fit the tensor it is applied to.',
  docs: {
    whatItDoes: 'Reports `rearrange` / `reduce` / `repeat` / `einsum` calls whose pattern has a different number of axes than the tensor, uses an axis that is not defined, or splits a composed axis that does not divide.',
    whyBad: 'einops raises `EinopsError` when the code runs.',
    example: 'x = torch.randn(2, 3, 4)\ny = rearrange(x, "b c -> c b")',
    useInstead: 'y = rearrange(x, "b c h -> c b h")',
    fixSafety: 'No automatic fix.',
  },
});
