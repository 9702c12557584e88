// The one entry point for analysis: text in, findings and facts out. Never throws.
import type { Analysis, AnalyzeOptions, Finding } from './api';
import { findCells } from './cells';
import { parsePython } from './python/parser';
import { collectSyntaxErrors } from './syntaxErrors';
import { filterFindings } from './select';
import './rules/all';

export { initParser as initEngine } from './python/parser';

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const analysis: Analysis = { findings: [], hovers: [], inlays: [], cells: findCells(text), notes: [], degraded: false };
  let findings: Finding[] = [];
  const tree = parsePython(text);
  try {
    findings = collectSyntaxErrors(tree.rootNode);
  } catch (error) {
    analysis.notes.push(`internal error during analysis: ${(error as Error).message}`);
  } finally {
    tree.dispose();
  }
  analysis.findings = filterFindings(findings, text, options);
  return analysis;
}
