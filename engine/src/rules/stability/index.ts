// Runs the stability rules over a file's op graph, most specific pattern first, so that
// e.g. a naive cross-entropy is reported once, not also as its log-softmax and softmax.
import type { Finding, FixStyle, ValuePreview } from '../../api';
import type { OpNode } from '../../facts/opGraph';
import type { SyntaxNode } from '../../python/syntax';
import type { StabilityContext } from './context';
import { checkCrossEntropy } from './crossEntropy';
import { checkDoubleSoftmax } from './doubleSoftmax';
import { readTorchSpelling } from './imports';
import { checkLog1pExpm1 } from './log1pExpm1';
import { checkLogSigmoid } from './logSigmoid';
import { checkLogSoftmax } from './logSoftmax';
import { checkLogSumExp } from './logsumexp';
import { previewFor } from './previews';
import { SourceIndex } from './sites';
import { checkSoftmax } from './softmax';
import { checkSoftplus } from './softplus';

export interface StabilityInput {
  nodes: readonly OpNode[];
  root: SyntaxNode;
  text: string;
  fixStyle?: FixStyle;
  preview?: (kind: string, args: Record<string, unknown>) => ValuePreview[];
}

const CHECKS = [checkDoubleSoftmax, checkCrossEntropy, checkLogSoftmax, checkLogSumExp, checkSoftmax, checkSoftplus, checkLogSigmoid, checkLog1pExpm1];

export function runStabilityRules(input: StabilityInput): Finding[] {
  const ctx: StabilityContext = {
    // Creation order, so a pattern's findings come out in the order the code runs.
    nodes: [...input.nodes].sort((a, b) => a.id - b.id),
    src: new SourceIndex(input.text, input.root),
    spelling: readTorchSpelling(input.root),
    fixStyle: input.fixStyle ?? 'builtin',
    claimed: new Set(),
    findings: [],
    preview: input.preview ?? ((kind) => previewFor(kind)),
  };
  for (const check of CHECKS) check(ctx);
  return ctx.findings;
}
