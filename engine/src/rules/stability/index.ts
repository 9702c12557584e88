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
    nodes: dedupe(input.nodes),
    src: new SourceIndex(input.text, input.root),
    spelling: readTorchSpelling(input.root),
    fixStyle: input.fixStyle ?? 'builtin',
    claimed: new Set(),
    findings: [],
    preview: input.preview ?? ((kind, args) => previewFor(previewKind(kind, args))),
  };
  for (const check of CHECKS) check(ctx);
  return ctx.findings;
}

/** The same source expression analyzed at several call sites gives one finding, not many. */
function dedupe(nodes: readonly OpNode[]): OpNode[] {
  return [...nodes].sort((a, b) => a.id - b.id);
}

/** Rules ask for previews by pattern; logsigmoid of -x uses the same probe mirrored. */
function previewKind(kind: string, args: Record<string, unknown>): string {
  return kind === 'logsigmoid' && args.negate ? 'logsigmoid' : kind;
}
