import { registerRule } from '../registry';

export const shapeAnnotationMismatch = registerRule({
  code: 'shape-annotation-mismatch',
  category: 'shape',
  defaultSeverity: 'warning',
  summary: 'A value or a return provably contradicts the shape its annotation or docstring declares.',
  docs: {
    whatItDoes: 'Compares the shape the analysis computes with jaxtyping/torchtyping annotations of assignments and returns, and with docstring `Return: shape (...)` declarations. Only dims whose symbols the parameters declare are compared; comments are never used (they are often stale).',
    whyBad: 'A declaration that disagrees with the code misleads every reader and every caller that trusts it.',
    example: 'def f(x: Float[Tensor, "b n"]) -> Float[Tensor, "b n"]:\n    return x.sum(-1)',
    useInstead: 'def f(x: Float[Tensor, "b n"]) -> Float[Tensor, "b"]:\n    return x.sum(-1)',
    fixSafety: 'No automatic fix.',
  },
});
