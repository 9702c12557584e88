// The server must never die from one bad request: every handler goes through `guard`, which
// logs the failure to the client's console and answers with a harmless fallback.
import { ResponseError } from 'vscode-languageserver/node';

export type Logger = (message: string) => void;

export function guard<P extends unknown[], R>(
  name: string,
  log: Logger,
  fallback: R,
  handler: (...args: P) => R | Promise<R>,
): (...args: P) => Promise<R> {
  return async (...args: P) => {
    try {
      return await handler(...args);
    } catch (error) {
      // Protocol errors (cancellation, bad arguments) are answers, not failures.
      if (error instanceof ResponseError) throw error;
      log(`tensorlint: ${name} failed: ${String((error as Error)?.stack ?? error)}`);
      return fallback;
    }
  };
}

/** For notifications, which have no answer: log and carry on. */
export function guardNotification<P extends unknown[]>(name: string, log: Logger, handler: (...args: P) => void | Promise<void>): (...args: P) => void {
  return (...args: P) => {
    try {
      const result = handler(...args);
      if (result instanceof Promise) result.catch((error: unknown) => log(`tensorlint: ${name} failed: ${String((error as Error)?.stack ?? error)}`));
    } catch (error) {
      log(`tensorlint: ${name} failed: ${String((error as Error)?.stack ?? error)}`);
    }
  };
}
