// jaxtyping annotations: `Float[Tensor, "batch n"]`, `Int64[torch.Tensor, "*batch 3"]`,
// `Shaped[Tensor, "... #n _"]`. The reader accepts what jaxtyping accepts and returns null
// for anything else, including shape strings jaxtyping itself would reject.
import { parseDimExpr } from './dimExpr';
import { stringLiteral, splitTopLevel, subscriptForm } from './text';
import type { DeclaredDim, DeclaredTensor, DtypeHint } from './types';
import { knownDim } from './types';

const DTYPES: Record<string, DtypeHint> = {
  Shaped: { family: 'any' },
  Num: { family: 'number' },
  Real: { family: 'number' },
  Inexact: { family: 'number' },
  Float: { family: 'float' },
  Float16: { family: 'float', exact: 'float16' },
  BFloat16: { family: 'float', exact: 'bfloat16' },
  Float32: { family: 'float', exact: 'float32' },
  Float64: { family: 'float', exact: 'float64' },
  Complex: { family: 'complex' },
  Complex64: { family: 'complex' },
  Complex128: { family: 'complex' },
  Integer: { family: 'int' },
  Int: { family: 'int' },
  Int8: { family: 'int', exact: 'int8' },
  Int16: { family: 'int', exact: 'int16' },
  Int32: { family: 'int', exact: 'int32' },
  Int64: { family: 'int', exact: 'int64' },
  UInt: { family: 'int' },
  UInt8: { family: 'int', exact: 'uint8' },
  Bool: { family: 'bool', exact: 'bool' },
};

/** The dtype hint for a jaxtyping class name (with or without a module prefix). */
export function jaxtypingDtype(head: string): DtypeHint | null {
  const name = head.split('.').pop() ?? '';
  const prefix = head.slice(0, head.length - name.length);
  // `foo.Float` is jaxtyping only when the prefix is a plain module path.
  if (prefix !== '' && !/^([A-Za-z_][A-Za-z0-9_]*\.)+$/.test(prefix)) return null;
  return DTYPES[name] ?? null;
}

/**
 * Reads a jaxtyping shape string. Null when jaxtyping would reject it (two variadic groups,
 * an item that is neither a name, an int, nor an expression).
 */
export function parseJaxtypingShape(shape: string): DeclaredDim[] | null {
  const items = shape.trim() === '' ? [] : shape.trim().split(/\s+/);
  const dims: DeclaredDim[] = [];
  let variadics = 0;
  for (const raw of items) {
    let item = raw;
    let broadcastable = false;
    let variadic = false;
    // Modifiers may come in either order: `*#batch` and `#*batch`.
    for (let k = 0; k < 2; k++) {
      if (item.startsWith('#')) {
        broadcastable = true;
        item = item.slice(1);
      } else if (item.startsWith('*')) {
        variadic = true;
        item = item.slice(1);
      }
    }
    if (item === '...') {
      if (broadcastable) return null;
      dims.push({ kind: 'variadic', name: null, broadcastable: false });
      variadics++;
      continue;
    }
    if (variadic) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(item)) return null;
      dims.push({ kind: 'variadic', name: item.startsWith('_') ? null : item, broadcastable });
      variadics++;
      continue;
    }
    // `_` and `_name` are anonymous: any size, not matched against other dims.
    if (/^_[A-Za-z0-9_]*$/.test(item)) {
      dims.push({ kind: 'anonymous' });
      continue;
    }
    // `?name` varies across a PyTree; for a single value it says nothing we can bind.
    if (item.startsWith('?')) {
      if (!/^\?[A-Za-z_][A-Za-z0-9_]*$/.test(item)) return null;
      dims.push({ kind: 'anonymous' });
      continue;
    }
    const expr = parseDimExpr(item);
    if (expr === null) return null;
    dims.push(knownDim(expr, broadcastable));
  }
  if (variadics > 1) return null;
  return dims;
}

/** Removes the quotes of a string (forward-reference) annotation: `"Float[Tensor, 'n']"`. */
function unquoteAnnotation(text: string): string {
  const t = text.trim();
  const m = /^(['"])(.*)\1$/s.exec(t);
  return m !== null && !m[2].includes(m[1]) ? m[2] : t;
}

/** Reads `Dtype[ArrayType, "shape"]`; null when the text is not a jaxtyping annotation. */
export function parseJaxtyping(annotation: string): DeclaredTensor | null {
  const form = subscriptForm(unquoteAnnotation(annotation));
  if (form === null) return null;
  const dtype = jaxtypingDtype(form.head);
  if (dtype === null) return null;
  const args = splitTopLevel(form.args);
  if (args === null || args.length !== 2) return null;
  const arrayType = args[0].trim();
  if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(arrayType)) return null;
  const shape = stringLiteral(args[1]);
  if (shape === null) return null;
  const dims = parseJaxtypingShape(shape);
  if (dims === null) return null;
  // A lone `...` declares nothing about the shape.
  const saysNothing = dims.length === 1 && dims[0].kind === 'variadic' && dims[0].name === null;
  return { source: 'jaxtyping', dims: saysNothing ? null : dims, dtype, arrayType };
}
