// Shared state for one run of the stability rules over a file's op graph.
import type { Finding, Fix, FixStyle, Range, TextEdit, ValuePreview } from '../../api';
import type { OpNode } from '../../facts/opGraph';
import type { SyntaxNode } from '../../python/syntax';
import type { TorchSpelling } from './imports';
import { SourceIndex, canMoveExpression, operandSyntax, rangeOf } from './sites';
import { findRule } from '../registry';

export interface StabilityContext {
  nodes: readonly OpNode[];
  src: SourceIndex;
  spelling: TorchSpelling;
  fixStyle: FixStyle;
  /** Node ids already explained by an earlier (more specific) finding. */
  claimed: Set<number>;
  findings: Finding[];
  /** Computes value previews for a finding kind; supplied by the caller (engine kernels). */
  preview?: (kind: string, args: Record<string, unknown>) => ValuePreview[];
}

/** The operand of `node` as written at `node`'s own site, if it can be moved to `target`. */
export function movableOperand(ctx: StabilityContext, node: OpNode, target: OpNode, which: 'first' | 'left' | 'right' = 'first'): SyntaxNode | null {
  const site = ctx.src.nodeAt(node.range);
  const targetSite = ctx.src.nodeAt(target.range);
  if (!site || !targetSite) return null;
  const operand = operandSyntax(site, which);
  if (!operand || !canMoveExpression(operand, targetSite)) return null;
  return operand;
}

export function replaceEdit(range: Range, newText: string): TextEdit {
  return { range, newText };
}

/** The statement containing `range` that a helper line can be inserted above, or null. */
export function insertionPoint(ctx: StabilityContext, range: Range): { line: number; indent: string } | null {
  let node = ctx.src.nodeAt(range);
  while (node && node.parent && node.parent.type !== 'block' && node.parent.type !== 'module') node = node.parent;
  if (!node || !['expression_statement', 'return_statement'].includes(node.type)) return null;
  if (node.startPosition.row !== range.start.line && node.type !== 'expression_statement') return null;
  return { line: node.startPosition.row, indent: ctx.src.lineIndent(node.startPosition.row) };
}

/**
 * True when `at` sits in the body of `if V.numel() == 0:` (or `not V.numel()`, `V.nelement()
 * == 0`, `V.numel() < 1`) and `x` is V itself, not reassigned in that body before `at`: an empty
 * tensor has no element to overflow, so code written for that case is not unstable.
 */
export function guardedEmpty(ctx: StabilityContext, at: OpNode, x: OpNode | null): boolean {
  if (!x || !/^[A-Za-z_]\w*$/.test(x.text)) return false;
  const name = x.text;
  const count = `${name}\\s*\\.\\s*(?:numel|nelement)\\s*\\(\\s*\\)`;
  const empty = new RegExp(`^(?:${count}\\s*(?:==\\s*0|<\\s*1)|0\\s*==\\s*${count}|not\\s+${count})$`);
  let node = ctx.src.nodeAt(at.range);
  while (node?.parent) {
    const parent: SyntaxNode = node.parent;
    if ((parent.type === 'if_statement' || parent.type === 'elif_clause') && parent.childForFieldName('consequence')?.id === node.id) {
      const condition = parent.childForFieldName('condition')?.text.replace(/^\((.*)\)$/s, '$1').trim() ?? '';
      if (empty.test(condition)) {
        const before = ctx.src.text.slice(ctx.src.offsetOf({ line: node.startPosition.row, character: 0 }), ctx.src.offsetOf(at.range.start));
        return !new RegExp(`(^|\\n)[ \\t]*${name}\\s*(?:[-+*/@]?=(?!=)|,)`).test(before);
      }
    }
    node = parent;
  }
  return false;
}

/** A fresh name not used anywhere in the file. */
export function freshName(ctx: StabilityContext, base: string): string {
  const used = new RegExp(`\\b${base}\\b`);
  if (!used.test(ctx.src.text)) return base;
  for (let i = 2; ; i++) if (!new RegExp(`\\b${base}${i}\\b`).test(ctx.src.text)) return `${base}${i}`;
}

export function dimText(dims: number[] | null): string | null {
  if (dims === null) return null;
  return dims.length === 1 ? String(dims[0]) : `(${dims.join(', ')})`;
}

export function report(
  ctx: StabilityContext,
  code: string,
  at: OpNode,
  message: string,
  fixes: Fix[],
  related: Array<{ node: OpNode; message: string }>,
  claim: OpNode[],
): void {
  if (claim.some((n) => ctx.claimed.has(n.id)) || ctx.claimed.has(at.id)) return;
  // A function analyzed at several call sites yields one node per site for the same text.
  const sameSpot = (f: Finding) => f.code === code && f.range.start.line === at.range.start.line && f.range.start.character === at.range.start.character;
  if (ctx.findings.some(sameSpot)) return;
  for (const n of [at, ...claim]) ctx.claimed.add(n.id);
  const severity = findRule(code)?.defaultSeverity ?? 'warning';
  ctx.findings.push({
    code,
    severity,
    message,
    range: at.range,
    fixes: fixes.filter((f) => f.edits.length > 0),
    related: related.filter((r) => r.node.range.start.line !== at.range.start.line || r.node.range.start.character !== at.range.start.character)
      .map((r) => ({ range: r.node.range, message: r.message })),
  });
}

export function lineOf(node: OpNode): number {
  return node.range.start.line + 1;
}

export { rangeOf };

/**
 * Edits that delete the statements `name = <intermediate>` made dead by a rewrite of `target`:
 * a statement goes only when every other use of its name is inside the rewritten target or
 * inside another statement that goes. Other uses of an intermediate are never broken.
 */
export function deadIntermediateEdits(ctx: StabilityContext, intermediates: readonly OpNode[], target: OpNode): TextEdit[] {
  const targetSite = ctx.src.nodeAt(target.range);
  if (!targetSite) return [];
  const scope = enclosingScope(targetSite);
  const candidates: Array<{ statement: SyntaxNode; name: string }> = [];
  for (const node of intermediates) {
    const site = ctx.src.nodeAt(node.range);
    const assignment = site?.parent;
    const statement = assignment?.parent;
    if (!site || assignment?.type !== 'assignment' || statement?.type !== 'expression_statement') continue;
    if (assignment.childForFieldName('right')?.id !== site.id) continue;
    const left = assignment.childForFieldName('left');
    if (left?.type !== 'identifier' || enclosingScope(statement).id !== scope.id) continue;
    if (statement.startIndex >= targetSite.startIndex) continue;
    if (!candidates.some((c) => c.statement.id === statement.id)) candidates.push({ statement, name: left.text });
  }
  const uses = (name: string): SyntaxNode[] => {
    const out: SyntaxNode[] = [];
    const visit = (n: SyntaxNode) => {
      if (n.type === 'identifier' && n.text === name) out.push(n);
      for (const c of n.namedChildren) visit(c);
    };
    visit(scope);
    return out;
  };
  const inside = (n: SyntaxNode, outer: SyntaxNode) => n.startIndex >= outer.startIndex && n.endIndex <= outer.endIndex;
  let kept = candidates;
  for (let changed = true; changed; ) {
    changed = false;
    const next = kept.filter((c) => uses(c.name).every((u) => inside(u, targetSite) || kept.some((k) => inside(u, k.statement))));
    if (next.length !== kept.length) {
      kept = next;
      changed = true;
    }
  }
  return kept.map(({ statement }) => ({
    range: { start: { line: statement.startPosition.row, character: 0 }, end: { line: statement.endPosition.row + 1, character: 0 } },
    newText: '',
  }));
}

function enclosingScope(node: SyntaxNode): SyntaxNode {
  let current: SyntaxNode | null = node.parent;
  while (current && current.type !== 'function_definition' && current.type !== 'module') current = current.parent;
  return current ?? node;
}
