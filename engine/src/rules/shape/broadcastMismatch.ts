import { registerRule } from '../registry';

export const broadcastMismatch = registerRule({
  code: 'broadcast-mismatch',
  category: 'shape',
  defaultSeverity: 'error',
  summary: 'Two operands of an elementwise operation have shapes that cannot broadcast.',
  docs: {
    whatItDoes: 'Reports elementwise operations (`+ - * /`, comparisons, `torch.where`, `masked_fill`, `expand`) whose operand shapes cannot broadcast: aligned from the right, each pair of dims must be equal or one of them 1. Symbolic dims with different names are treated as different sizes.',
    whyBad: 'torch raises `RuntimeError: The size of tensor a (n) must match the size of tensor b (batch)` at run time, often deep into a training run; when the two sizes happen to be equal in a test, the bug hides instead.',
    example: 'def f(x):\n    """x: shape (batch, n)"""\n    c = x.max(dim=-1).values      # (batch,)\n    return x - c                  # (batch, n) - (batch,)',
    useInstead: 'def f(x):\n    """x: shape (batch, n)"""\n    c = x.max(dim=-1, keepdim=True).values   # (batch, 1)\n    return x - c',
    fixSafety: 'When an operand comes from a reduction without `keepdim`, an unsafe fix adds `keepdim=True` to it (other uses of that value change shape too).',
  },
});
