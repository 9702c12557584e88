import type { Finding } from './api';
import type { SyntaxNode } from './python/syntax';
import { findTabError } from './rules/tabError';

const MAX_SYNTAX_FINDINGS = 20;

/**
 * One finding per outermost ERROR or MISSING node (nested errors add nothing useful), plus
 * CPython's TabError, which the tree-sitter grammar does not know, when `text` is given.
 */
export function collectSyntaxErrors(root: SyntaxNode, text?: string): Finding[] {
  const findings = collectParseErrors(root);
  const tab = text === undefined ? null : findTabError(text);
  if (!tab) return findings;
  // The parser's own error on that line, if any, is the same problem told less precisely.
  const others = findings.filter((f) => f.range.start.line !== tab.range.start.line);
  return [...others, tab].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function collectParseErrors(root: SyntaxNode): Finding[] {
  const findings: Finding[] = [];
  if (!root.hasError) return findings;
  const visit = (node: SyntaxNode): void => {
    if (findings.length >= MAX_SYNTAX_FINDINGS) return;
    if (node.isMissing) {
      findings.push(syntaxFinding(node, `expected ${JSON.stringify(node.type)}`));
      return;
    }
    if (node.type === 'ERROR') {
      const snippet = node.text.split('\n')[0].slice(0, 40);
      findings.push(syntaxFinding(node, snippet ? `invalid syntax near ${JSON.stringify(snippet)}` : 'invalid syntax'));
      return;
    }
    if (!node.hasError) return;
    for (const child of node.children) visit(child);
  };
  visit(root);
  return findings;
}

function syntaxFinding(node: SyntaxNode, message: string): Finding {
  const start = { line: node.startPosition.row, character: node.startPosition.column };
  let end = { line: node.endPosition.row, character: node.endPosition.column };
  if (end.line === start.line && end.character === start.character) end = { line: start.line, character: start.character + 1 };
  return { code: 'syntax-error', severity: 'error', message, range: { start, end }, fixes: [], related: [] };
}
