// One helper per question the interpreter tests ask: the analysis of a snippet, the hover
// for a piece of text, the findings by code.
import { analyze } from '../../../engine/src/index';
import type { Analysis, HoverFact } from '../../../engine/src/api';
import { parsePython } from '../../../engine/src/python/parser';
import { interpret, type InterpretResult } from '../../../engine/src/python/interp/index';

export function check(text: string): Analysis {
  return analyze(text);
}

export function interpretText(text: string, options: Parameters<typeof interpret>[2] = {}): InterpretResult {
  const tree = parsePython(text);
  try {
    return interpret(tree.rootNode, text, options);
  } finally {
    tree.dispose();
  }
}

/** The hover whose source text is exactly `text` (on the given 1-based line, when given). */
export function hoverFor(a: { hovers: HoverFact[] }, text: string, line?: number): HoverFact | undefined {
  return a.hovers.find((h) => h.text === text && (line === undefined || h.range.start.line === line - 1));
}

export function codes(a: Analysis): string[] {
  return a.findings.map((f) => f.code).filter((c) => c !== 'syntax-error');
}

export function dedent(s: string): string {
  const lines = s.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}
