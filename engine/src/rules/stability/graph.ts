// Reading the op graph the way the stability rules need it: one short name per operation
// whatever its spelling (torch.exp, Tensor.exp, t.exp, `from torch import exp`), the operands
// of binary operators, and the dim/keepdim arguments of reductions.
import type { OpNode } from '../../facts/opGraph';

const PREFIXES = ['torch.nn.functional.', 'torch.special.', 'torch.nn.', 'torch.', 'Tensor.', 'operator.', 'F.'];

const ALIASES: Record<string, string> = {
  __add__: 'add', radd: 'add', __radd__: 'add', iadd: 'add', __iadd__: 'add',
  __sub__: 'sub', subtract: 'sub', isub: 'sub', __isub__: 'sub', __rsub__: 'rsub',
  __mul__: 'mul', multiply: 'mul', rmul: 'mul', __rmul__: 'mul', imul: 'mul',
  __truediv__: 'div', truediv: 'div', divide: 'div', true_divide: 'div', itruediv: 'div',
  rtruediv: 'rdiv', __rtruediv__: 'rdiv',
  __neg__: 'neg', negative: 'neg',
  __getitem__: 'getitem', getitem: 'getitem',
  special_logsumexp: 'logsumexp',
  Softmax: 'softmax', LogSoftmax: 'log_softmax', Sigmoid: 'sigmoid',
  'Softmax.__call__': 'softmax', 'LogSoftmax.__call__': 'log_softmax', 'Sigmoid.__call__': 'sigmoid',
  CrossEntropyLoss: 'cross_entropy', 'CrossEntropyLoss.__call__': 'cross_entropy',
  NLLLoss: 'nll_loss', 'NLLLoss.__call__': 'nll_loss', BCELoss: 'binary_cross_entropy', 'BCELoss.__call__': 'binary_cross_entropy',
  amax: 'amax', max_values: 'max_values', values: 'max_values',
};

/** The short canonical name of the operation that produced `node`. */
export function opOf(node: OpNode | null | undefined): string {
  if (!node) return '';
  let name = node.op;
  for (const prefix of PREFIXES) {
    if (name.startsWith(prefix)) {
      name = name.slice(prefix.length);
      break;
    }
  }
  return ALIASES[name] ?? name;
}

export function is(node: OpNode | null | undefined, ...ops: string[]): node is OpNode {
  return !!node && ops.includes(opOf(node));
}

/** First tensor operand (self / input). */
export function input(node: OpNode, index = 0): OpNode | null {
  return node.inputs[index] ?? null;
}

/** A Python-scalar value from bound params (bigint for ints, number for floats). */
export function scalarParam(node: OpNode, ...names: string[]): number | undefined {
  for (const name of names) {
    const v = node.params[name];
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'number') return v;
    if (typeof v === 'boolean') return v ? 1 : 0;
  }
  return undefined;
}

/** The two operands of a binary operator: a tensor node or a Python scalar. */
export interface Operand {
  node: OpNode | null;
  scalar?: number;
}

export function binaryOperands(node: OpNode): [Operand, Operand] {
  const a = node.inputs[0] ?? null;
  const b = node.inputs[1] ?? null;
  const scalarA = a ? undefined : scalarParam(node, 'self', 'input');
  const scalarB = b ? undefined : scalarParam(node, 'other');
  const left: Operand = { node: a, scalar: scalarA };
  const right: Operand = { node: b, scalar: scalarB };
  return opOf(node) === 'rsub' || opOf(node) === 'rdiv' ? [right, left] : [left, right];
}

export type DimSpec = number[] | null;

/** The reduction dims of a sum/max/softmax node: null means "all dims" (or unknown). */
export function dimsOf(node: OpNode): DimSpec {
  const v = node.params.dim ?? node.params.axis;
  if (v === undefined || v === null) return null;
  const list = Array.isArray(v) ? v : [v];
  const out: number[] = [];
  for (const item of list) {
    if (typeof item === 'bigint') out.push(Number(item));
    else if (typeof item === 'number' && Number.isInteger(item)) out.push(item);
    else return null;
  }
  return out;
}

export function keepdimOf(node: OpNode): boolean {
  return node.params.keepdim === true;
}

export function sameDims(a: DimSpec, b: DimSpec, rank: number | undefined): boolean {
  if (a === null || b === null) return a === b;
  const norm = (d: number[]) => d.map((x) => (x < 0 && rank !== undefined ? x + rank : x)).sort().join(',');
  return norm(a) === norm(b);
}

/** Follows identity-like wrappers that keep values (contiguous, clone, float32 casts). */
export function unwrap(node: OpNode | null): OpNode | null {
  let current = node;
  while (current && is(current, 'contiguous', 'clone', 'float', 'to', 'detach')) current = input(current);
  return current;
}

/** Like `is`, without narrowing (for else-if chains over the same node). */
export function isOp(node: OpNode, ...ops: string[]): boolean {
  return ops.includes(opOf(node));
}
