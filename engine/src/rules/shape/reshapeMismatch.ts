import { registerRule } from '../registry';

export const reshapeMismatch = registerRule({
  code: 'reshape-mismatch',
  category: 'shape',
  defaultSeverity: 'error',
  summary: 'A view/reshape asks for a shape with a different number of elements.',
  docs: {
    whatItDoes: 'Reports `view`, `reshape`, `unflatten` and `view_as` calls whose target shape provably holds a different number of elements than the tensor, or whose `-1` cannot be inferred.',
    whyBad: 'torch raises `RuntimeError: shape \'[...]\' is invalid for input of size N`.',
    example: 'x = torch.randn(4, 6)\ny = x.view(5, -1)',
    useInstead: 'y = x.view(3, -1)   # 24 elements: (3, 8)',
    fixSafety: 'No automatic fix.',
  },
});
