// The wire shapes the TensorLint server uses for its run commands. The client never imports
// engine/ or server/ code, so these mirror engine/src/api.ts (RunEntry) by hand.

export const RUN_CELL_COMMAND = 'tensorlint.runCell';
export const RUN_FILE_COMMAND = 'tensorlint.runFile';

export interface RunError {
  type: string;
  message: string;
}

export interface RunEntry {
  /** 1-based line in the file. */
  line: number;
  name: string;
  shape: number[] | null;
  dtype: string | null;
  value: unknown;
  printed: string;
  error: RunError | null;
  /** What a `print` call wrote (`printed` is its text). */
  output?: boolean;
}

export interface RunResult {
  entries: RunEntry[];
}

/** Accepts whatever came back from workspace/executeCommand and keeps only well-formed entries. */
export function toRunResult(raw: unknown): RunResult {
  const list = (raw as { entries?: unknown } | null | undefined)?.entries;
  if (!Array.isArray(list)) return { entries: [] };
  const entries: RunEntry[] = [];
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const e = item as Record<string, unknown>;
    if (typeof e.line !== 'number' || !Number.isFinite(e.line)) continue;
    const err = e.error as Record<string, unknown> | null | undefined;
    entries.push({
      line: Math.max(1, Math.floor(e.line)),
      name: typeof e.name === 'string' ? e.name : '',
      shape: Array.isArray(e.shape) && e.shape.every((d) => typeof d === 'number') ? (e.shape as number[]) : null,
      dtype: typeof e.dtype === 'string' ? e.dtype : null,
      value: e.value,
      printed: typeof e.printed === 'string' ? e.printed : '',
      error: err && typeof err === 'object' ? { type: String(err.type ?? 'Error'), message: String(err.message ?? '') } : null,
      ...(e.output === true ? { output: true } : {}),
    });
  }
  return { entries };
}
