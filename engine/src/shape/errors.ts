import type { Shape } from './dim';

export type TorchErrorType = 'RuntimeError' | 'IndexError' | 'ValueError' | 'TypeError' | 'EinopsError' | 'NotImplementedError';

export interface ShapeErrorFields {
  op: string;
  operands: Shape[];
  reason: string;
  torchType: TorchErrorType | string;
  /** The full message when it differs from the reason. */
  message?: string;
  symbolic?: boolean;
}

/**
 * A shape error that torch would raise (or einops, for its own patterns). Thrown only when
 * provable: concrete dims, or distinct named symbols (then `symbolic` is true and the message
 * says "unless ...").
 */
export class ShapeError extends Error {
  readonly op: string;
  readonly operands: Shape[];
  readonly reason: string;
  readonly torchType: TorchErrorType;
  /** The dims involved were symbolic: the error holds unless the named symbols are equal. */
  readonly symbolic: boolean;

  constructor(fields: ShapeErrorFields);
  constructor(op: string, operands: Shape[], reason: string, torchType?: TorchErrorType, symbolic?: boolean);
  constructor(
    opOrFields: string | ShapeErrorFields,
    operands: Shape[] = [],
    reason = '',
    torchType: TorchErrorType = 'RuntimeError',
    symbolic = false,
  ) {
    const f: ShapeErrorFields = typeof opOrFields === 'string' ? { op: opOrFields, operands, reason, torchType, symbolic } : opOrFields;
    super(f.message ?? f.reason);
    this.name = 'ShapeError';
    this.op = f.op;
    this.operands = f.operands;
    this.reason = f.reason;
    this.torchType = f.torchType as TorchErrorType;
    this.symbolic = f.symbolic ?? false;
  }
}
