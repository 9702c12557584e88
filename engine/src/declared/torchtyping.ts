// torchtyping annotations: `TensorType["batch", "n"]`, `TensorType["b", 3, float]`,
// `TensorType[..., "n"]`, `TensorType["batch": 10]`, `TensorType["batch": ..., "c"]`.
import { parseDimExpr } from './dimExpr';
import type { DimExpr } from './dimExpr';
import { splitTopLevel, stringLiteral, subscriptForm } from './text';
import type { DeclaredDim, DeclaredTensor, DtypeHint } from './types';
import { knownDim } from './types';

const DTYPE_ARGS: Record<string, DtypeHint> = {
  float: { family: 'float', exact: 'float32' },
  int: { family: 'int', exact: 'int64' },
  bool: { family: 'bool', exact: 'bool' },
  'torch.float': { family: 'float', exact: 'float32' },
  'torch.float32': { family: 'float', exact: 'float32' },
  'torch.float64': { family: 'float', exact: 'float64' },
  'torch.double': { family: 'float', exact: 'float64' },
  'torch.float16': { family: 'float', exact: 'float16' },
  'torch.half': { family: 'float', exact: 'float16' },
  'torch.bfloat16': { family: 'float', exact: 'bfloat16' },
  'torch.int64': { family: 'int', exact: 'int64' },
  'torch.long': { family: 'int', exact: 'int64' },
  'torch.int32': { family: 'int', exact: 'int32' },
  'torch.int': { family: 'int', exact: 'int32' },
  'torch.int16': { family: 'int', exact: 'int16' },
  'torch.int8': { family: 'int', exact: 'int8' },
  'torch.uint8': { family: 'int', exact: 'uint8' },
  'torch.bool': { family: 'bool', exact: 'bool' },
};

// Arguments that refine the type without touching shape or dtype.
const DETAILS = /^(is_named|is_float|torch\.(strided|sparse_coo))$/;

function isTensorTypeHead(head: string): boolean {
  return head === 'TensorType' || /^([A-Za-z_][A-Za-z0-9_]*\.)+TensorType$/.test(head);
}

/** One dim argument: `"n"`, `3`, `-1`, `...`, `"n": 3`, `"batch": ...`, `None: 3`. */
function readDim(arg: string): DeclaredDim | null {
  const text = arg.trim();
  if (text === '...') return { kind: 'variadic', name: null, broadcastable: false };
  if (/^-1$/.test(text)) return { kind: 'anonymous' };
  if (/^[0-9]+$/.test(text)) return knownDim({ kind: 'int', value: Number(text) });
  const name = stringLiteral(text);
  if (name !== null) return nameDim(name);
  const sized = splitTopLevel(text, ':');
  if (sized === null || sized.length !== 2) return null;
  const [left, right] = [sized[0].trim(), sized[1].trim()];
  if (left === 'None') {
    return /^[0-9]+$/.test(right) ? knownDim({ kind: 'int', value: Number(right) }) : null;
  }
  const label = stringLiteral(left);
  if (label === null || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(label)) return null;
  if (right === '...') return { kind: 'variadic', name: label, broadcastable: false };
  // A named dim with a size is checked as that size; the name is documentation.
  if (/^[0-9]+$/.test(right)) return knownDim({ kind: 'int', value: Number(right) });
  if (right === '-1') return { kind: 'anonymous' };
  return null;
}

function nameDim(name: string): DeclaredDim | null {
  const trimmed = name.trim();
  if (trimmed === '_') return { kind: 'anonymous' };
  const expr: DimExpr | null = parseDimExpr(trimmed);
  // torchtyping names are plain identifiers; an expression there is a typo we do not guess at.
  if (expr === null || expr.kind !== 'name') return null;
  return knownDim(expr);
}

/** Reads `TensorType[...]`; null when the text is not a torchtyping annotation we understand. */
export function parseTorchtyping(annotation: string): DeclaredTensor | null {
  let text = annotation.trim();
  const quoted = /^(['"])(.*)\1$/s.exec(text);
  if (quoted !== null && !quoted[2].includes(quoted[1])) text = quoted[2];
  if (isTensorTypeHead(text)) return { source: 'torchtyping', dims: null, dtype: { family: 'any' } };
  const form = subscriptForm(text);
  if (form === null || !isTensorTypeHead(form.head)) return null;
  const args = splitTopLevel(form.args);
  if (args === null) return null;
  const dims: DeclaredDim[] = [];
  let dtype: DtypeHint = { family: 'any' };
  let sawDtype = false;
  for (const raw of args) {
    const arg = raw.trim();
    if (arg === '' && args.length === 1) break;
    const hint = DTYPE_ARGS[arg];
    if (hint !== undefined) {
      if (sawDtype) return null;
      dtype = hint;
      sawDtype = true;
      continue;
    }
    if (DETAILS.test(arg)) continue;
    const dim = readDim(arg);
    if (dim === null) return null;
    dims.push(dim);
  }
  if (dims.filter((d) => d.kind === 'variadic').length > 1) return null;
  // `TensorType[float]` constrains the dtype only.
  return { source: 'torchtyping', dims: dims.length === 0 ? null : dims, dtype };
}
