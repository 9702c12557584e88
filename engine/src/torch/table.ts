// The torch API table: every entry, looked up by any of its qualified names, and the two
// ways to call one (concrete on engine tensors, meta on symbolic tensors).
import { bindArgs } from './bind';
import { CREATION } from './ops/creation';
import { ELEMENTWISE } from './ops/elementwise';
import { INDEXING } from './ops/indexing';
import { MATMUL } from './ops/matmul';
import { NN } from './ops/nn';
import { PROPERTIES } from './ops/properties';
import { REDUCTIONS } from './ops/reductions';
import { INPLACE } from './ops/inplace';
import { SHAPE_OPS } from './ops/shapeOps';
import type { MetaResult, OpEntry } from './types';
import { typeError } from './values';

export const ALL_OPS: readonly OpEntry[] = [
  ...CREATION,
  ...ELEMENTWISE,
  ...REDUCTIONS,
  ...NN,
  ...SHAPE_OPS,
  ...INDEXING,
  ...MATMUL,
  ...PROPERTIES,
  ...INPLACE,
];

/** `a + b` may reach the table as operator.add or as the method Tensor.__add__. */
function dunder(operatorName: string): string | null {
  if (!operatorName.startsWith('operator.')) return null;
  const base = operatorName.slice('operator.'.length).replace(/_$/, '');
  return `Tensor.__${base}__`;
}

for (const entry of ALL_OPS) {
  for (const name of [...entry.names]) {
    const alias = dunder(name);
    if (alias && !entry.names.includes(alias)) entry.names.push(alias);
  }
}

const BY_NAME = new Map<string, OpEntry>();
for (const entry of ALL_OPS) {
  for (const name of entry.names) {
    if (BY_NAME.has(name)) throw new Error(`torch table: ${name} is defined twice`);
    BY_NAME.set(name, entry);
  }
}

/** Import spellings that name the same module: `F.softmax` is `torch.nn.functional.softmax`. */
const PREFIXES: ReadonlyArray<[string, string]> = [
  ['torch.functional.', 'torch.'],
  ['torch.Tensor.', 'Tensor.'],
];

export function findOp(qualifiedName: string): OpEntry | undefined {
  const direct = BY_NAME.get(qualifiedName);
  if (direct) return direct;
  for (const [from, to] of PREFIXES) {
    if (qualifiedName.startsWith(from)) return BY_NAME.get(to + qualifiedName.slice(from.length));
  }
  return undefined;
}

function lookup(name: string): OpEntry {
  const entry = findOp(name);
  if (!entry) throw typeError(`${name} is not supported by the TensorLint engine`);
  return entry;
}

/** Calls the entry's kernel on engine tensors; throws TorchError where torch raises. */
export function callConcrete(name: string, positional: unknown[], keywords: Record<string, unknown> = {}): unknown {
  const entry = lookup(name);
  return entry.kernel(bindArgs(entry, positional, keywords));
}

/**
 * Calls the entry's shape rule on MetaTensors. Throws an error with `torchType` (TorchError,
 * or ShapeError from the shape module) where torch would raise for every tensor of these
 * shapes, and MetaUnknown where the answer depends on data.
 */
export function callMeta(name: string, positional: unknown[], keywords: Record<string, unknown> = {}): MetaResult {
  const entry = lookup(name);
  return entry.meta(bindArgs(entry, positional, keywords));
}
