// Placeholder CLI entry; the CLI issue replaces this with check / run / lsp.
import { analyze, initEngine } from '../../engine/src/index';
import * as fs from 'node:fs';

export async function main(argv: string[]): Promise<void> {
  await initEngine();
  const [command, file] = argv;
  if (command !== 'check' || !file) {
    process.stderr.write('usage: tensorlint check PATH\n');
    process.exitCode = 2;
    return;
  }
  const result = analyze(fs.readFileSync(file, 'utf8'), { fileName: file });
  process.stdout.write(JSON.stringify(result.findings) + '\n');
  process.exitCode = result.findings.length > 0 ? 1 : 0;
}
