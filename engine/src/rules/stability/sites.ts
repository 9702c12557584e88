// Syntax-side helpers for building fixes: find the syntax node behind an op-graph node's
// range, read an operation's operand as the user wrote it, and check that a name still
// means the same value where a rewrite would use it.
import type { Position, Range } from '../../api';
import type { SyntaxNode } from '../../python/syntax';

export class SourceIndex {
  private starts: number[] | null = null;

  constructor(readonly text: string, readonly root: SyntaxNode) {}

  /** Read on first use: most files have no stability finding and never need it. */
  private get lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
    return (this.starts = starts);
  }

  offsetOf(p: Position): number {
    return (this.lineStarts[p.line] ?? this.text.length) + p.character;
  }

  textOf(range: Range): string {
    return this.text.slice(this.offsetOf(range.start), this.offsetOf(range.end));
  }

  /** The outermost syntax node spanning exactly `range`, ignoring wrapping parentheses. */
  nodeAt(range: Range): SyntaxNode | null {
    const start = this.offsetOf(range.start);
    const end = this.offsetOf(range.end);
    let node = this.root.descendantForIndex(start, Math.max(start, end - 1));
    while (node && !(node.startIndex <= start && node.endIndex >= end)) node = node.parent;
    if (!node || node.startIndex !== start || node.endIndex !== end) return null;
    while (node.parent && node.parent.startIndex === start && node.parent.endIndex === end) node = node.parent;
    return node;
  }

  lineIndent(line: number): string {
    const start = this.lineStarts[line] ?? 0;
    const m = /^[ \t]*/.exec(this.text.slice(start, start + 200));
    return m ? m[0] : '';
  }
}

export function rangeOf(node: SyntaxNode): Range {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}

function stripParens(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.type === 'parenthesized_expression' && current.namedChildCount === 1) current = current.namedChildren[0];
  return current;
}

/**
 * The expression the user wrote as the tensor operand of a call or operator:
 * `x` in `x.exp()`, `torch.exp(x)`, `exp(input=x)`, `-x`; `left`/`right` for binary operators.
 */
export function operandSyntax(expression: SyntaxNode, which: 'first' | 'left' | 'right' = 'first'): SyntaxNode | null {
  const node = stripParens(expression);
  if (node.type === 'binary_operator') {
    const side = node.childForFieldName(which === 'right' ? 'right' : 'left');
    return side ? stripParens(side) : null;
  }
  if (node.type === 'unary_operator') {
    const arg = node.childForFieldName('argument');
    return arg ? stripParens(arg) : null;
  }
  if (node.type !== 'call') return null;
  const fn = node.childForFieldName('function');
  const args = node.childForFieldName('arguments');
  const positional = args ? args.namedChildren.filter((c) => c.type !== 'keyword_argument' && c.type !== 'comment') : [];
  const keyword = (name: string) =>
    args?.namedChildren.find((c) => c.type === 'keyword_argument' && c.childForFieldName('name')?.text === name)?.childForFieldName('value') ?? null;
  // A method call on a tensor (`x.exp()`) has its operand as the receiver; a module-level
  // function (`torch.exp(x)`, `F.softmax(x)`) has it as the first argument.
  if (fn && fn.type === 'attribute' && !looksLikeModule(fn.childForFieldName('object'))) {
    const receiver = fn.childForFieldName('object');
    return receiver ? stripParens(receiver) : null;
  }
  const first = positional[0] ?? keyword('input') ?? keyword('x');
  return first ? stripParens(first) : null;
}

const MODULE_NAMES = /^(torch|t|th|F|nn|functional|np|einops|torch\.nn|torch\.nn\.functional|torch\.special|special)$/;

function looksLikeModule(object: SyntaxNode | null): boolean {
  if (!object) return false;
  return MODULE_NAMES.test(object.text.replace(/\s+/g, ''));
}

/** Wraps an operand's text in parentheses when it is not an atom. */
export function atomText(node: SyntaxNode): string {
  const atoms = new Set(['identifier', 'attribute', 'call', 'subscript', 'parenthesized_expression', 'integer', 'float']);
  return atoms.has(node.type) ? node.text : `(${node.text})`;
}

function enclosingFunction(node: SyntaxNode | null): SyntaxNode | null {
  let current = node?.parent ?? null;
  while (current && current.type !== 'function_definition' && current.type !== 'lambda') current = current.parent;
  return current;
}

/**
 * True when the expression `operand` (written at its own site) can be moved to `target`:
 * both in the same function, and no name it reads is rebound between the two sites.
 */
export function canMoveExpression(operand: SyntaxNode, target: SyntaxNode): boolean {
  const from = enclosingFunction(operand);
  const to = enclosingFunction(target);
  if ((from?.id ?? -1) !== (to?.id ?? -1)) return false;
  if (operand.startIndex >= target.startIndex && operand.endIndex <= target.endIndex) return true;
  const names = new Set<string>();
  const collect = (n: SyntaxNode) => {
    if (n.type === 'identifier') names.add(n.text);
    for (const c of n.namedChildren) collect(c);
  };
  collect(operand);
  const scope = to ?? target.parent ?? target;
  let rebound = false;
  const visit = (n: SyntaxNode) => {
    if (rebound || n.endIndex < operand.endIndex || n.startIndex > target.startIndex) return;
    if (n.type === 'assignment' || n.type === 'augmented_assignment' || n.type === 'for_statement' || n.type === 'named_expression') {
      const left = n.childForFieldName('left') ?? n.childForFieldName('name');
      if (left && left.startIndex >= operand.endIndex && left.startIndex < target.startIndex && bindsAny(left, names)) rebound = true;
    }
    for (const c of n.namedChildren) visit(c);
  };
  visit(scope);
  return !rebound;
}

function bindsAny(target: SyntaxNode, names: Set<string>): boolean {
  if (target.type === 'identifier') return names.has(target.text);
  if (target.type === 'subscript' || target.type === 'attribute') {
    const object = target.childForFieldName('value') ?? target.childForFieldName('object');
    return object ? bindsAny(object, names) : false;
  }
  return target.namedChildren.some((c) => bindsAny(c, names));
}

/** The seed notes' spelling of a kept-dim max: `x.max(dim=-1, keepdim=True).values` (amax for several dims). */
export function maxExpr(x: string, dims: readonly number[]): string {
  return dims.length === 1 ? `${x}.max(dim=${dims[0]}, keepdim=True).values` : `${x}.amax(dim=(${dims.join(', ')}), keepdim=True)`;
}
