// Shape analysis over real model code: findings (must be 0 shape findings: the corpus is
// correct code) and throughput of in-process `analyze` (target: 20,000 lines/s).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { analyze, allRules, initEngine } from '../engine/src/index';

const DIST = '/usr/lib/python3/dist-packages';
const CORPUS = ['torchvision/models', 'torchaudio/models', 'torch/nn', 'torch/distributions'].map((d) => path.join(DIST, d));

function pythonFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== '__pycache__') pythonFiles(p, out);
    } else if (name.endsWith('.py')) out.push(p);
  }
  return out;
}

export default async function main(): Promise<void> {
  await initEngine();
  const roots = CORPUS.filter((d) => existsSync(d));
  if (roots.length === 0) {
    console.log('interp: corpus not installed (apt-get install python3-torch python3-torchvision python3-torchaudio); skipped');
    return;
  }
  const texts = roots.flatMap((r) => pythonFiles(r)).map((f) => ({ f, text: readFileSync(f, 'utf8') }));
  const shapeCodes = new Set(allRules().filter((r) => r.category === 'shape').map((r) => r.code));
  for (const { text } of texts.slice(0, 20)) analyze(text); // warm the JIT
  let lines = 0;
  let worst = { ms: 0, file: '' };
  const shapeFindings: string[] = [];
  const start = performance.now();
  for (const { f, text } of texts) {
    lines += text.split('\n').length;
    const t0 = performance.now();
    const a = analyze(text);
    const ms = performance.now() - t0;
    if (ms > worst.ms) worst = { ms, file: f };
    for (const x of a.findings) if (shapeCodes.has(x.code)) shapeFindings.push(`${f}:${x.range.start.line + 1} ${x.code}`);
  }
  const seconds = (performance.now() - start) / 1000;
  const rate = Math.round(lines / seconds);
  console.log(`interp: ${texts.length} files, ${lines} lines in ${seconds.toFixed(2)} s = ${rate} lines/s (target >= 20000); worst ${worst.ms.toFixed(0)} ms ${worst.file}`);
  console.log(`interp: ${shapeFindings.length} shape findings on correct code (target 0)`);
  for (const s of shapeFindings) console.log(`  ${s}`);
  if (shapeFindings.length > 0 || rate < 20000) process.exitCode = 1;
}
