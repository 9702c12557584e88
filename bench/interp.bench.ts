// Shape analysis over real model code: findings (must be 0 shape findings: the corpus is
// correct code) and throughput of in-process `analyze` (target: 20,000 lines/s). Also the
// latency of one `analyze` of the language-server bench's 5,000-line file (from
// torch/nn/functional.py) after one-character edits in code, the engine's share of
// edit→diagnostics (see lsp.bench.ts).
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
  editLatency();
}

const FUNCTIONAL = path.join(DIST, 'torch/nn/functional.py');

function editLatency(): void {
  if (!existsSync(FUNCTIONAL)) return;
  // The same 5,000-line file lsp.bench.ts builds: functional.py cut at a top-level definition.
  let lines: string[] = [];
  while (lines.length < 5000) lines.push(...readFileSync(FUNCTIONAL, 'utf8').split('\n'));
  const cut = lines.findIndex((l, i) => i >= 5000 && /^(def|class) /.test(l));
  if (cut > 0) lines = lines.slice(0, cut);
  // Renaming an assignment target in a function body in the second half, back and forth.
  const at = lines.findIndex((l, i) => i > lines.length / 2 && /^ {4,}[a-z_]\w* = \w+\(/.test(l));
  const name = /^ *[a-z_]\w*/.exec(lines[at])![0];
  const variants = [lines, lines.map((l, i) => (i === at ? name + 'x' + l.slice(name.length) : l))].map((ls) => ls.join('\n') + '\n');
  for (let i = 0; i < 5; i++) analyze(variants[i % 2]);
  const times: number[] = [];
  for (let i = 0; i < 40; i++) {
    const t0 = performance.now();
    analyze(variants[i % 2]);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
  console.log(`interp: analyze of the ${lines.length}-line lsp bench file after a code edit: p50 ${p(0.5)} ms, p95 ${p(0.95)} ms (in-process, no worker)`);
}
