// The op graph: every tensor value the interpreter produces remembers the operation and the
// source range that made it, across statements and through user functions. Stability rules
// are queries over these nodes, never over text.
import type { Range } from '../api';
import type { Shape } from '../shape';

export interface Interval {
  /** Lower and upper bounds of every element; -Infinity/Infinity when unbounded. */
  lo: number;
  hi: number;
}

export interface OpNode {
  id: number;
  /**
   * Canonical qualified op name: the torch API table entry's first name ('torch.exp',
   * 'torch.sum', 'torch.nn.functional.softmax', 'torch.sub' for `a - b`, 'Tensor.__getitem__'),
   * or 'input' (function parameter / declared value), 'literal', 'unknown'.
   */
  op: string;
  /** Tensor operands in parameter order (null where that operand is a Python scalar). */
  inputs: Array<OpNode | null>;
  /** Bound non-tensor arguments by parameter name (dim, keepdim, scalar operands, ...). */
  params: Record<string, unknown>;
  /** Source range of the expression that produced the value. */
  range: Range;
  text: string;
  /** What is proven about the values, when anything is. */
  interval?: Interval;
  /** Symbolic shape and dtype of the produced tensor, when known (set by the interpreter). */
  shape?: Shape | null;
  dtype?: string | null;
}

let nextId = 1;

export function makeNode(fields: Omit<OpNode, 'id'>): OpNode {
  return { id: nextId++, ...fields };
}
