// The one entry point for analysis: text in, findings and facts out. Never throws.
import type { Analysis, AnalyzeOptions, Finding } from './api';
import { findCells } from './cells';
import { parsePython } from './python/parser';
import { interpret } from './python/interp/index';
import { collectSyntaxErrors } from './syntaxErrors';
import { filterFindings } from './select';
import { shapeFindings } from './rules/shape/index';
import { runStabilityRules } from './rules/stability/index';
import './rules/all';

export { initParser as initEngine, createParseSession } from './python/parser';

/** Above this size a file gets syntax checking only, so the editor never waits on it. */
const MAX_ANALYZED_CHARS = 600_000;

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const analysis: Analysis = { findings: [], hovers: [], inlays: [], cells: findCells(text), notes: [], degraded: false };
  let findings: Finding[] = [];
  // A session's tree belongs to the session (its dispose() below does nothing).
  const tree = options.parseSession ? options.parseSession.parse(text) : parsePython(text);
  try {
    findings = collectSyntaxErrors(tree.rootNode, text);
    if (options.syntaxOnly) {
      analysis.degraded = true;
      analysis.notes.push('large or slow file: only syntax errors are checked');
    } else if (text.length > MAX_ANALYZED_CHARS) {
      analysis.degraded = true;
      analysis.notes.push(`file larger than ${MAX_ANALYZED_CHARS} characters: only syntax is checked`);
    } else {
      const result = interpret(tree.rootNode, text, { sampleSizes: options.sampleSizes, isCancelled: options.isCancelled, resolveModule: options.resolveModule });
      findings.push(...shapeFindings(result.problems, result.nodes));
      analysis.hovers = result.hovers;
      analysis.inlays = result.inlays;
      analysis.notes.push(...result.notes);
      try {
        findings.push(...runStabilityRules({ nodes: result.nodes, root: tree.rootNode, text, fixStyle: options.fixStyle }));
      } catch (error) {
        analysis.notes.push(`internal error in stability rules: ${(error as Error).message}`);
      }
    }
  } catch (error) {
    analysis.notes.push(`internal error during analysis: ${(error as Error).message}`);
  } finally {
    tree.dispose();
  }
  analysis.findings = filterFindings(findings, text, options);
  return analysis;
}
