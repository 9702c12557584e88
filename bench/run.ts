// `npm run bench`: runs every bench/*.bench.ts in turn and prints their reports.
// Benchmarks own the timing thresholds; unit tests never assert on time.
import { readdirSync } from 'node:fs';
import path from 'node:path';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.bench.ts')).sort()
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
  for (const file of files) {
    console.log(`\n=== ${file}`);
    const mod = await import(path.join(__dirname, file));
    if (typeof mod.default === 'function') await mod.default();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
