// Errors raised by tensor kernels. Callers (the torch table, `run`) report them as the
// Python exception torch would raise, so the type and the wording follow torch 1.13.

export type TorchErrorType = 'RuntimeError' | 'IndexError' | 'ValueError' | 'TypeError' | 'NotImplementedError';

export class TorchError extends Error {
  readonly torchType: TorchErrorType;

  constructor(torchType: TorchErrorType, message: string) {
    super(message);
    this.name = torchType;
    this.torchType = torchType;
  }
}

export function runtimeError(message: string): TorchError {
  return new TorchError('RuntimeError', message);
}

export function indexError(message: string): TorchError {
  return new TorchError('IndexError', message);
}

export function valueError(message: string): TorchError {
  return new TorchError('ValueError', message);
}

export function typeError(message: string): TorchError {
  return new TorchError('TypeError', message);
}

const TYPES: ReadonlySet<string> = new Set(['RuntimeError', 'IndexError', 'ValueError', 'TypeError', 'NotImplementedError']);

/**
 * Runs a shape rule and converts a shape-module error (anything carrying `torchType`) into a
 * TorchError with the same type and message, so callers of the kernels see one error class.
 */
export function withTorchErrors<T>(rule: () => T): T {
  try {
    return rule();
  } catch (error) {
    if (error instanceof TorchError) throw error;
    const torchType = (error as { torchType?: unknown } | null)?.torchType;
    if (typeof torchType === 'string' && TYPES.has(torchType)) {
      throw new TorchError(torchType as TorchErrorType, (error as Error).message);
    }
    throw error;
  }
}
