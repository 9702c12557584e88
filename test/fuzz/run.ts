// `npm run fuzz [-- --seed N --iterations N --minutes N --lsp-edits N --cli-files N --no-corpus]`
// Seeded and reproducible: the same seed and iteration count give the same inputs. Failing
// inputs are written to /tmp/tensorlint-fuzz-failures/ so they can become regression fixtures.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fuzzCli, fuzzInProcess, fuzzLsp, newStats, recordInputsTo } from './harness';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value)) throw new Error(`--${name} needs a number`);
  return value;
}

async function main(): Promise<void> {
  const seed = flag('seed', 1);
  const iterations = flag('iterations', 2000);
  const minutes = flag('minutes', 10);
  const options = {
    seed,
    iterations,
    deadlineMs: minutes * 60_000,
    useCorpus: !process.argv.includes('--no-corpus'),
    cliFiles: flag('cli-files', 60),
    lspEdits: flag('lsp-edits', 500),
    runEvery: flag('run-every', 4),
    log: (line: string) => console.log(line),
  };
  console.log(`fuzz: seed ${seed}, up to ${iterations} cases or ${minutes} min, corpus ${options.useCorpus ? 'on' : 'off'}`);
  const current = '/tmp/tensorlint-fuzz-current.py';
  recordInputsTo(current);
  console.log(`each input is written to ${current} before it runs (for crashes that kill the process)`);
  const stats = newStats(seed);
  const started = Date.now();
  await fuzzInProcess(options, stats);
  fuzzCli(options, stats);
  const lsp = await fuzzLsp(options, stats);
  const seconds = (Date.now() - started) / 1000;
  console.log(`cases ${stats.cases} (+ pathological programs), analyze ${stats.analyzeCalls}, runProgram ${stats.runCalls}, CLI runs ${stats.cliCalls}, LSP edits ${stats.lspEdits}, ${seconds.toFixed(1)} s`);
  console.log(`slowest analysis (<= 5000 lines): ${stats.worstMs.toFixed(0)} ms, ${stats.worstLines} lines, ${stats.worstInput}`);
  console.log(`in-process RSS: ${stats.rssBeforeMiB.toFixed(0)} MiB -> ${stats.rssAfterMiB.toFixed(0)} MiB`);
  if (lsp) console.log(`server RSS: ${lsp.rssBeforeMiB.toFixed(0)} MiB -> ${lsp.rssAfterMiB.toFixed(0)} MiB; hover after the storm ${lsp.hoverMs.toFixed(0)} ms`);
  const outDir = '/tmp/tensorlint-fuzz-failures';
  const seen = new Set<string>();
  for (const [i, f] of stats.failures.entries()) {
    const key = `${f.driver} ${f.kind} ${f.detail.split('\n')[0]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    console.log(`FAIL ${f.driver} ${f.kind}: ${f.input}\n  ${f.detail.split('\n').slice(0, 8).join('\n  ')}`);
    if (f.text !== undefined) {
      fs.mkdirSync(outDir, { recursive: true });
      const file = path.join(outDir, `seed${seed}_${i}_${f.driver}.py`);
      fs.writeFileSync(file, f.text);
      console.log(`  input saved: ${file}`);
    }
  }
  console.log(`${stats.failures.length} failures (${seen.size} distinct)`);
  if (stats.failures.length > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
