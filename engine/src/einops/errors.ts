// einops errors. An EinopsError is a ShapeError (so the `einops-mismatch` rule and the
// interpreter handle it like any other shape failure) whose torchType is the Python
// exception einops raises: 'EinopsError' for pattern and shape problems, and the plain
// Python types where einops lets another error through (ValueError, RuntimeError, ...).
import { ShapeError } from '../shape';
import type { Dim, Shape } from '../shape';
import { showDim, showShapeTuple } from './dimMath';

export class EinopsError extends ShapeError {
  /** The einops function: 'rearrange', 'reduce', 'repeat', 'einsum', 'pack', 'unpack', 'parse_shape'. */
  readonly einopsOp: string;

  constructor(op: string, operands: Shape[], reason: string, torchType: string, message?: string, symbolic = false) {
    super({ op: `einops.${op}`, operands, reason, torchType, message: message ?? reason, symbolic });
    this.einopsOp = op;
    this.name = torchType;
  }
}

/** Raised by the recipe builder; the public functions wrap it with the pattern and shapes. */
export class EinopsRecipeError extends Error {
  override name = 'EinopsRecipeError';

  /** True when the failure depends on symbolic dims being distinct sizes. */
  constructor(message: string, readonly symbolic = false) {
    super(message);
  }
}

export function einopsError(op: string, operands: Shape[], reason: string, torchType: string, symbolic = false): EinopsError {
  return new EinopsError(op, operands, reason, torchType, undefined, symbolic);
}

/** Whether a comparison of these dims relied on symbols (so it holds "unless they are equal"). */
export function involvesSymbols(...dims: Dim[]): boolean {
  return dims.some((d) => typeof d !== 'number');
}

/** The shape module's convention for errors that rely on distinct symbols. */
export function unlessEqual(a: Dim, b: Dim): string {
  return involvesSymbols(a, b) ? ` (unless ${showDim(a)} == ${showDim(b)})` : '';
}

/** Python's repr of the axis-length kwargs dict, e.g. {'h': 2, 'w': w}. */
function showAxes(axes: ReadonlyMap<string, Dim>): string {
  return `{${[...axes].map(([k, v]) => `'${k}': ${showDim(v)}`).join(', ')}}`;
}

/**
 * einops' own wrapping of a recipe failure: it names the operation, the pattern, the input
 * shape and the axis lengths, then the reason.
 */
export function wrapRecipeError(
  error: EinopsRecipeError,
  op: string,
  pattern: string,
  shape: Shape,
  axes: ReadonlyMap<string, Dim>,
): EinopsError {
  const fn = op === 'rearrange' || op === 'repeat' ? op : 'reduce';
  const message = ` Error while processing ${op}-reduction pattern "${pattern}".\n`
    + ` Input tensor shape: ${showShapeTuple(shape)}. Additional info: ${showAxes(axes)}.\n`
    + ` ${error.message}`;
  return new EinopsError(fn, [shape], error.message, 'EinopsError', message, error.symbolic);
}
