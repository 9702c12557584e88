// Operators: arithmetic and comparisons on tensors go through the op table (and record the
// broadcast for hover, and suspicious broadcasts), on Python values through `arith` and a
// small equality that knows symbolic sizes.
import type { SyntaxNode } from '../syntax';
import { dimEquals, formatShape } from '../../shape/dim';
import { PyError, rangeOf } from './context';
import { arith, exactInt, NUMBER_KINDS } from './arith';
import { callOp } from './calls';
import { evalExpr, recordHover } from './expressions';
import type { Arg, Machine } from './machine';
import type { Scope } from './scope';
import { checkSuspiciousBroadcast } from './suspicious';
import { UNKNOWN, concreteNumber, type Value } from './values';

const BINARY_OPS: Record<string, string> = {
  '+': 'torch.add', '-': 'torch.sub', '*': 'torch.mul', '/': 'torch.div', '//': 'torch.floor_divide', '%': 'torch.remainder',
  '**': 'torch.pow', '@': 'torch.matmul', '&': 'torch.bitwise_and', '|': 'torch.bitwise_or', '^': 'torch.bitwise_xor',
};
const COMPARE_OPS: Record<string, string> = { '==': 'torch.eq', '!=': 'torch.ne', '<': 'torch.lt', '<=': 'torch.le', '>': 'torch.gt', '>=': 'torch.ge' };

export function binary(m: Machine, node: SyntaxNode, scope: Scope): Value {
  const leftNode = node.childForFieldName('left')!;
  const rightNode = node.childForFieldName('right')!;
  const op = node.childForFieldName('operator')!.text;
  const a = evalExpr(m, leftNode, scope);
  const b = evalExpr(m, rightNode, scope);
  if (a.kind === 'tensor' || b.kind === 'tensor') {
    const name = BINARY_OPS[op];
    if (!name) return UNKNOWN;
    if (op === '@' && (NUMBER_KINDS.has(a.kind) || NUMBER_KINDS.has(b.kind))) return matmulWithNumber(m, node, a, b);
    return tensorBinary(m, name, op, { value: a, syntax: leftNode }, { value: b, syntax: rightNode }, node);
  }
  return arith(op, a, b, m.ctx.mode === 'run') ?? UNKNOWN;
}

/** `x @ 2.0`: Tensor.__matmul__ refuses a Python number and Python raises its TypeError. */
function matmulWithNumber(m: Machine, node: SyntaxNode, a: Value, b: Value): Value {
  const name = (v: Value) => (v.kind === 'tensor' ? 'Tensor' : v.kind);
  const reason = `unsupported operand type(s) for @: '${name(a)}' and '${name(b)}'`;
  if (m.ctx.mode === 'run') throw new PyError('TypeError', reason);
  const t = a.kind === 'tensor' ? a : b;
  const tNode = a.kind === 'tensor' ? node.childForFieldName('left')! : node.childForFieldName('right')!;
  m.ctx.problem({
    op: 'torch.matmul',
    kind: 'matmul',
    torchType: 'TypeError',
    reason,
    range: rangeOf(node),
    text: node.text,
    operands: t.kind === 'tensor' ? [{ text: tNode.text, range: rangeOf(tNode), shape: formatShape(t.shape) }] : [],
  });
  return UNKNOWN;
}

/** A binary operator with a tensor operand; records the broadcast for hover. */
export function tensorBinary(m: Machine, name: string, op: string, a: Arg, b: Arg, node: SyntaxNode): Value {
  const numericOrTensor = (v: Value) => v.kind === 'tensor' || v.kind === 'int' || v.kind === 'float' || v.kind === 'bool';
  if (!numericOrTensor(a.value) || !numericOrTensor(b.value)) return UNKNOWN;
  const result = callOp(m, name, [a, b], new Map(), node, concreteOperator(op, a, b));
  if (result.kind === 'tensor' && name !== 'torch.matmul') checkSuspiciousBroadcast(m, a, b, result, node);
  if (result.kind === 'tensor' && name !== 'torch.matmul') {
    const show = (v: Value) => (v.kind === 'tensor' ? formatShape(v.shape) : 'scalar');
    if (result.shape !== null) recordHover(m, node, result, `${show(a.value)} ${op} ${show(b.value)} → ${formatShape(result.shape)}`);
  }
  return result;
}

const PY_OPERATORS: Record<string, string> = {
  '+': 'add', '-': 'sub', '*': 'mul', '/': 'truediv', '//': 'floordiv', '%': 'mod', '**': 'pow', '@': 'matmul', '&': 'and_', '|': 'or_', '^': 'xor',
  '==': 'eq', '!=': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge',
};
const REFLECTED = new Set(['add', 'sub', 'mul', 'truediv', 'floordiv', 'mod', 'pow']);
const MIRRORED: Record<string, string> = { lt: 'gt', gt: 'lt', le: 'ge', ge: 'le', eq: 'eq', ne: 'ne', and_: 'and_', or_: 'or_', xor: 'xor' };

/** The `operator.*` table entry for a Python operator, reflected when only the right operand is a tensor. */
function concreteOperator(op: string, a: Arg, b: Arg): { concreteName?: string; concreteArgs?: Arg[] } {
  const name = PY_OPERATORS[op];
  if (!name) return {};
  if (a.value.kind === 'tensor' || b.value.kind !== 'tensor') return { concreteName: `operator.${name}`, concreteArgs: [a, b] };
  if (REFLECTED.has(name)) return { concreteName: `operator.r${name}`, concreteArgs: [b, a] };
  if (MIRRORED[name]) return { concreteName: `operator.${MIRRORED[name]}`, concreteArgs: [b, a] };
  return {};
}

/** Value kinds Tensor.__eq__ refuses (everything but tensors and numbers that the analysis models). */
const NOT_COMPARABLE: ReadonlySet<string> = new Set(['tuple', 'list', 'none', 'str', 'dict', 'dtype', 'nn', 'function', 'class']);

export function compare(m: Machine, node: SyntaxNode, scope: Scope): Value {
  const operands = node.namedChildren.filter((c) => c.type !== 'comment');
  const ops = node.children.filter((c) => !c.isNamed).map((c) => c.text);
  // `a < b < c` chains; only the common single comparison is evaluated precisely.
  if (operands.length !== 2) return { kind: 'bool', value: null };
  const a = evalExpr(m, operands[0], scope);
  const b = evalExpr(m, operands[1], scope);
  const op = node.children.slice(1, -1).map((c) => c.text).join(' ') || ops[0];
  if (a.kind === 'tensor' || b.kind === 'tensor') {
    // Tensor.__eq__ turns a non-tensor, non-number operand into NotImplemented, and Python
    // then compares identities: `x == (1, 2)` and `x == None` are False, not an error.
    const other = a.kind === 'tensor' ? b : a;
    if ((op === '==' || op === '!=') && NOT_COMPARABLE.has(other.kind)) return { kind: 'bool', value: op === '!=' };
    const name = COMPARE_OPS[op];
    if (!name) return op === 'is' || op === 'is not' ? { kind: 'bool', value: op === 'is not' } : UNKNOWN;
    const pa = { value: a, syntax: operands[0] };
    const pb = { value: b, syntax: operands[1] };
    const result = callOp(m, name, [pa, pb], new Map(), node, concreteOperator(op, pa, pb));
    if (result.kind === 'tensor') checkSuspiciousBroadcast(m, pa, pb, result, node);
    return result;
  }
  return { kind: 'bool', value: compareValues(op, a, b) };
}

function compareValues(op: string, a: Value, b: Value): boolean | null {
  if (op === 'is' || op === 'is not') {
    if (a.kind === 'unknown' || b.kind === 'unknown') return null;
    const same = a.kind === 'none' && b.kind === 'none' ? true : a.kind === 'none' || b.kind === 'none' ? false : a === b ? true : null;
    return same === null ? null : op === 'is' ? same : !same;
  }
  if (op === '==' || op === '!=') {
    const eq = valuesEqual(a, b);
    return eq === null ? null : op === '==' ? eq : !eq;
  }
  if (op === 'in' || op === 'not in') {
    if (b.kind === 'tuple' || b.kind === 'list') {
      const hits = b.items.map((x) => valuesEqual(a, x));
      const found = hits.some((h) => h === true) ? true : hits.every((h) => h === false) ? false : null;
      return found === null ? null : op === 'in' ? found : !found;
    }
    if (b.kind === 'dict' && a.kind === 'str') return op === 'in' ? b.entries.has(a.value) : !b.entries.has(a.value);
    return null;
  }
  const ex = exactInt(a);
  const ey = exactInt(b);
  // Ints compare exactly, also past 2^53.
  const [x, y] = ex !== null && ey !== null ? [ex, ey] : [concreteNumber(a), concreteNumber(b)];
  if (x === null || y === null) return null;
  switch (op) {
    case '<': return x < y;
    case '<=': return x <= y;
    case '>': return x > y;
    case '>=': return x >= y;
    default: return null;
  }
}

export function valuesEqual(a: Value, b: Value): boolean | null {
  const ex = exactInt(a);
  const ey = exactInt(b);
  if (ex !== null && ey !== null) return ex === ey;
  if (a.kind === 'int' && b.kind === 'int') return dimEquals(a.value, b.value) ? true : typeof a.value === 'number' && typeof b.value === 'number' ? false : null;
  const x = concreteNumber(a);
  const y = concreteNumber(b);
  if (x !== null && y !== null) return x === y;
  if (a.kind === 'str' && b.kind === 'str') return a.value === b.value;
  if (a.kind === 'none' || b.kind === 'none') return a.kind === 'unknown' || b.kind === 'unknown' ? null : a.kind === b.kind;
  if ((a.kind === 'tuple' || a.kind === 'list') && (b.kind === 'tuple' || b.kind === 'list')) {
    if (a.items.length !== b.items.length) return false;
    let all: boolean | null = true;
    for (let i = 0; i < a.items.length; i++) {
      const e = valuesEqual(a.items[i], b.items[i]);
      if (e === false) return false;
      if (e === null) all = null;
    }
    return all;
  }
  return null;
}
