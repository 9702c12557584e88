// `run`: executes a file or one `# %%` cell in the bundled engine (never natively).
import type { RunEntry, RunOptions } from './api';

export function runProgram(_text: string, _options: RunOptions = {}): RunEntry[] {
  return [];
}
