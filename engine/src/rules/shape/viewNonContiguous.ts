import { registerRule } from '../registry';

export const viewNonContiguous = registerRule({
  code: 'view-non-contiguous',
  category: 'shape',
  defaultSeverity: 'warning',
  summary: '`view` straight after `transpose` / `permute` / `.T`, which fails on the non-contiguous result.',
  docs: {
    whatItDoes: 'Reports `.view(...)` that changes the rank of a tensor produced directly by `transpose`, `permute`, `.t()`, `.T` or `.mT` (with no `.contiguous()` in between).',
    whyBad: 'The transposed tensor is a strided view; merging or splitting its swapped dims raises `RuntimeError: view size is not compatible with input tensor\'s size and stride` unless those dims are 1 — so it can pass a test with batch size 1 and fail in training.',
    example: 'y = x.transpose(1, 2).view(b, -1)',
    useInstead: 'y = x.transpose(1, 2).reshape(b, -1)   # or .contiguous().view(b, -1)',
    fixSafety: 'Safe fix: `view` becomes `reshape`, which returns the same view where `view` works and a copy where it cannot.',
  },
});
