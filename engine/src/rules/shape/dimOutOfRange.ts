import { registerRule } from '../registry';

export const dimOutOfRange = registerRule({
  code: 'dim-out-of-range',
  category: 'shape',
  defaultSeverity: 'error',
  summary: 'A dim argument or an index is out of range for the tensor\'s rank.',
  docs: {
    whatItDoes: 'Reports reductions, softmax, transpose, permute, squeeze/unsqueeze, cat and indexing whose `dim` (or number of indices) exceeds the tensor\'s rank, an integer index past the end of a dim whose size is known (`logits[:, 10]` on 10 classes), and `.mT` of a 1-D tensor. Code inside a `try` whose handlers catch the error, or inside `with pytest.raises(...)` or `self.assertRaises(...)`, is not reported.',
    whyBad: 'torch raises `IndexError: Dimension out of range (expected to be in range of [-2, 1], but got 2)` or `IndexError: index 10 is out of bounds for dimension 1 with size 10`.',
    example: 'x = torch.randn(4, 5)\ny = x.sum(dim=2)',
    useInstead: 'y = x.sum(dim=1)',
    fixSafety: 'No automatic fix.',
  },
});
