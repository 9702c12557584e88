import { registerRule } from '../registry';

export const matmulMismatch = registerRule({
  code: 'matmul-mismatch',
  category: 'shape',
  defaultSeverity: 'error',
  summary: 'The inner dimensions of a matrix product (or a Linear layer\'s in_features) do not match.',
  docs: {
    whatItDoes: 'Reports `@`, `torch.matmul`, `mm`, `bmm`, `dot`, `F.linear` and `nn.Linear` / `nn.Conv*` / `nn.MultiheadAttention` calls whose contracted dimensions differ, e.g. a Linear layer whose `in_features` is not the size of the flattened input.',
    whyBad: 'torch raises `RuntimeError: mat1 and mat2 shapes cannot be multiplied` when the code runs.',
    example: 'w = torch.randn(64, 10)\nx = torch.randn(32, 100)\ny = x @ w            # (32, 100) @ (64, 10)',
    useInstead: 'w = torch.randn(100, 10)\ny = x @ w            # (32, 100) @ (100, 10) -> (32, 10)',
    fixSafety: 'No automatic fix: which side is wrong is a design decision.',
  },
});
