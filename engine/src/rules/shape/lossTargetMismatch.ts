import { registerRule } from '../registry';

export const lossTargetMismatch = registerRule({
  code: 'loss-target-mismatch',
  category: 'shape',
  defaultSeverity: 'error',
  summary: 'cross_entropy / nll_loss targets of the wrong rank, size or dtype.',
  docs: {
    whatItDoes: 'Reports `F.cross_entropy`, `F.nll_loss`, `nn.CrossEntropyLoss` and `nn.NLLLoss` calls whose class-index targets do not have one dim fewer than the input, differ in the batch dims, or are floats (class indices must be int64).',
    whyBad: 'torch raises `expected scalar type Long but found Float` or a size mismatch when the loss runs.',
    example: 'loss = F.cross_entropy(logits, labels.float())',
    useInstead: 'loss = F.cross_entropy(logits, labels)   # int64 class indices, shape (batch,)',
    fixSafety: 'No automatic fix.',
  },
});
