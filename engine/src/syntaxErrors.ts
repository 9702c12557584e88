import type { Finding } from './api';
import type { SyntaxNode } from './python/syntax';

const MAX_SYNTAX_FINDINGS = 20;

/** One finding per outermost ERROR or MISSING node; nested errors add nothing useful. */
export function collectSyntaxErrors(root: SyntaxNode): Finding[] {
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
