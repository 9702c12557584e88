// Language-server latency and memory, TensorLint against pyright-langserver on the same real
// file in the same run: diagnostics after a one-character edit (p50/p95), hover (p50), and
// the server process's peak RSS. Targets: edit p95 ≤ 100 ms, hover p50 ≤ 20 ms, RSS ≤ 300 MiB.
// Two kinds of edit are timed: one in a comment, and one in code (renaming an assignment
// target inside a function body in the second half of the file), so a speedup that only
// helps edits that change no code would show.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureServerBuilt, fileUri, LspClient, ROOT } from '../test/lsp/lspClient';

const SOURCES = ['/usr/lib/python3/dist-packages/torch/nn/functional.py'];
const EDITS = Number(process.env.TL_BENCH_EDITS ?? 40);
const HOVERS = Number(process.env.TL_BENCH_HOVERS ?? 60);
const TARGET_LINES = 5000;

interface EditFigures {
  p50: number;
  p95: number;
  /** TensorLint only: time inside the engine, from the server's timing trace. */
  engineP50?: number;
  engineP95?: number;
}

interface Figures {
  server: string;
  firstDiagnosticsMs: number;
  comment: EditFigures;
  code: EditFigures;
  hoverP50: number;
  peakRssMiB: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function peakRssMiB(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return NaN;
  }
}

/** A real-code file of at least TARGET_LINES lines, cut at a top-level definition. */
function buildCorpus(dir: string): { file: string; text: string; lines: number } {
  const available = SOURCES.filter((s) => fs.existsSync(s));
  if (available.length === 0) throw new Error(`none of ${SOURCES.join(', ')} exists: apt-get install python3-torch`);
  let lines: string[] = [];
  while (lines.length < TARGET_LINES) for (const source of available) lines.push(...fs.readFileSync(source, 'utf8').split('\n'));
  const cut = lines.findIndex((l, i) => i >= TARGET_LINES && /^(def|class) /.test(l));
  if (cut > 0) lines = lines.slice(0, cut);
  const text = lines.join('\n') + '\n';
  const file = path.join(dir, 'functional_bench.py');
  fs.writeFileSync(file, text);
  return { file, text, lines: lines.length };
}

interface EditSite {
  line: number;
  character: number;
}

/**
 * A line that holds a plain identifier to hover, and two places for one-character edits in
 * the second half of the file: the end of a comment line, and the end of the target name of
 * an assignment inside a function body (`    out = f(x)` becomes `    outx = f(x)`, so the
 * edited name's later uses are unbound: the code's meaning really changes).
 */
function findProbe(text: string): { hoverLine: number; hoverCharacter: number; comment: EditSite; code: EditSite } {
  const lines = text.split('\n');
  const hoverLine = lines.findIndex((l) => /^\s+\w+ = \w+\(/.test(l) && l.length < 100);
  const hoverCharacter = lines[hoverLine].search(/\w/) + 1;
  const commentLine = lines.findIndex((l, i) => i > lines.length / 2 && /^\s+# /.test(l));
  const codeLine = lines.findIndex((l, i) => i > lines.length / 2 && /^ {4,}[a-z_]\w* = \w+\(/.test(l));
  const codeCharacter = /^ *[a-z_]\w*/.exec(lines[codeLine])![0].length;
  return { hoverLine, hoverCharacter, comment: { line: commentLine, character: lines[commentLine].length }, code: { line: codeLine, character: codeCharacter } };
}

async function timeEdits(client: LspClient, uri: string, site: EditSite, firstVersion: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    const version = firstVersion + i;
    const insert = i % 2 === 0;
    const at = { line: site.line, character: site.character };
    const change = insert
      ? { range: { start: at, end: at }, text: 'x' }
      : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
    const mark = client.published.length;
    const started = performance.now();
    client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    await client.diagnosticsFor(uri, (p) => p.version === undefined || p.version === version, mark, 60_000);
    times.push(performance.now() - started);
    // A pause longer than a typing burst, so each edit is measured on its own.
    await new Promise((r) => setTimeout(r, 250));
  }
  return times;
}

function engineTimes(client: LspClient, from: number): number[] {
  return client.logs
    .slice(from)
    .map((l) => /engine (\d+) ms/.exec(l)?.[1])
    .filter((m): m is string => m !== undefined)
    .map(Number);
}

function editFigures(times: number[], engine: number[]): EditFigures {
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    engineP50: engine.length > 0 ? percentile(engine, 50) : undefined,
    engineP95: engine.length > 0 ? percentile(engine, 95) : undefined,
  };
}

async function measure(name: string, command: string[], corpus: { file: string; text: string }, dir: string, env?: Record<string, string>): Promise<Figures> {
  const client = new LspClient({ command, cwd: dir, workspaceFolders: [dir], env });
  try {
    await client.initialize();
    const uri = fileUri(corpus.file);
    const probe = findProbe(corpus.text);
    let started = performance.now();
    client.open(uri, corpus.text, 1);
    await client.diagnosticsFor(uri, () => true, 0, 120_000);
    const firstDiagnosticsMs = performance.now() - started;
    // Let the server settle (pyright checks in the background after the first publish).
    await new Promise((r) => setTimeout(r, 1000));

    // Edits alternate insert and delete: with an even count each case ends on the original text.
    // The comment edits come first, right after the open, so they also carry the JIT warm-up
    // of the engine (its first few analyses are slower); the code edits run on a warm engine.
    let logMark = client.logs.length;
    const commentTimes = await timeEdits(client, uri, probe.comment, 2);
    const commentEngine = engineTimes(client, logMark);
    logMark = client.logs.length;
    const codeTimes = await timeEdits(client, uri, probe.code, 2 + EDITS);
    const codeEngine = engineTimes(client, logMark);

    const hoverTimes: number[] = [];
    for (let i = 0; i < HOVERS; i++) {
      started = performance.now();
      await client.request('textDocument/hover', { textDocument: { uri }, position: { line: probe.hoverLine, character: probe.hoverCharacter } });
      hoverTimes.push(performance.now() - started);
    }
    return {
      server: name,
      firstDiagnosticsMs,
      comment: editFigures(commentTimes, commentEngine),
      code: editFigures(codeTimes, codeEngine),
      hoverP50: percentile(hoverTimes, 50),
      peakRssMiB: peakRssMiB(client.pid),
    };
  } finally {
    await client.stop();
  }
}

export default async function lspBench(): Promise<void> {
  ensureServerBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-lsp-bench-'));
  try {
    const corpus = buildCorpus(dir);
    const probe = findProbe(corpus.text);
    console.log(`file: ${corpus.lines} lines from ${SOURCES.map((s) => path.basename(s)).join(', ')}; ${EDITS} one-character edits in a comment (line ${probe.comment.line + 1}) and ${EDITS} in code (line ${probe.code.line + 1}), ${HOVERS} hovers`);
    const results: Figures[] = [];
    results.push(await measure('tensorlint', [process.execPath, path.join(ROOT, 'dist', 'server.js'), '--stdio'], corpus, dir, { TENSORLINT_TRACE_TIMING: '1' }));
    const pyright = path.join(ROOT, 'node_modules', 'pyright', 'langserver.index.js');
    if (process.env.TL_BENCH_NO_PYRIGHT === '1') console.log('pyright skipped (TL_BENCH_NO_PYRIGHT=1)');
    else if (fs.existsSync(pyright)) results.push(await measure('pyright-langserver', [process.execPath, pyright, '--stdio'], corpus, dir));
    else console.log('pyright is not installed (npm install --save-dev pyright): no comparison');

    const f = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');
    console.log('\n| server | first diagnostics ms | comment edit→diagnostics p50 ms | p95 ms | code edit→diagnostics p50 ms | p95 ms | hover p50 ms | peak RSS MiB |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of results) {
      console.log(`| ${r.server} | ${f(r.firstDiagnosticsMs)} | ${f(r.comment.p50)} | ${f(r.comment.p95)} | ${f(r.code.p50)} | ${f(r.code.p95)} | ${f(r.hoverP50)} | ${f(r.peakRssMiB)} |`);
    }
    const ours = results[0];
    for (const [label, e] of [['comment', ours.comment], ['code', ours.code]] as const) {
      if (e.engineP50 !== undefined) {
        console.log(`tensorlint ${label} edits: engine analyze() p50 ${f(e.engineP50)} ms, p95 ${f(e.engineP95 ?? NaN)} ms, of the ${f(e.p50)} ms edit→diagnostics p50 (the rest is sync, scheduling, worker transfer and JSON-RPC)`);
      }
    }
    const checks: Array<[string, boolean]> = [
      [`comment edit→diagnostics p95 ${f(ours.comment.p95)} ms ≤ 100 ms`, ours.comment.p95 <= 100],
      [`code edit→diagnostics p95 ${f(ours.code.p95)} ms ≤ 100 ms`, ours.code.p95 <= 100],
      [`hover p50 ${f(ours.hoverP50)} ms ≤ 20 ms`, ours.hoverP50 <= 20],
      [`peak RSS ${f(ours.peakRssMiB)} MiB ≤ 300 MiB`, ours.peakRssMiB <= 300],
    ];
    for (const [label, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'} tensorlint ${label}`);
    if (checks.some(([, ok]) => !ok)) process.exitCode = 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
