// A small test harness for the extension host (no mocha in this repo): named async tests run in
// order with a timeout each; the summary line "N passed, N failed" is what the E2E driver reads.

export interface HostTest {
  name: string;
  timeoutMs?: number;
  fn: () => Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 30_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Polls `probe` until it returns a value other than undefined/false, or fails with `what`. */
export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value as T;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`waited ${timeoutMs} ms for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
}

export async function runTests(tests: HostTest[]): Promise<{ passed: number; failed: number }> {
  let passed = 0;
  let failed = 0;
  for (const t of tests) {
    const started = Date.now();
    try {
      await withTimeout(t.fn(), t.timeoutMs ?? DEFAULT_TIMEOUT_MS, t.name);
      passed++;
      console.log(`[tensorlint-test] ok - ${t.name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed++;
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.log(`[tensorlint-test] not ok - ${t.name} (${Date.now() - started} ms)\n${text}`);
    }
  }
  console.log(`[tensorlint-test] ${passed} passed, ${failed} failed`);
  return { passed, failed };
}
