// `tensorlint run` vs Python+torch on a 50-line cell, whole processes, medians over repeats.
// Target (issue 3): `run` <= 1/4 of the Python+torch process time. The kernels-vs-numpy
// comparison lives in tensor.bench.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PYTHON = '/usr/bin/python3';
const ROOT = path.join(__dirname, '..');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Python's environment without the machine-specific OpenBLAS overrides. */
function pythonEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

/** A 50-line cell of ordinary tensor code: creation, the seed notes' functions, losses. */
export function fiftyLineCell(): string {
  const lines = [
    'import torch',
    'import torch.nn.functional as F',
    'torch.manual_seed(0)',
    'x = torch.arange(48.0).reshape(4, 12) / 10',
    'labels = torch.tensor([1, 0, 3, 2])',
    'c = x.max(dim=-1, keepdim=True).values',
    'shifted = x - c',
    'lse = c.squeeze(-1) + shifted.exp().sum(dim=-1).log()',
    'sm = shifted.exp() / shifted.exp().sum(dim=-1, keepdim=True)',
    'lsm = x - (c + shifted.exp().sum(dim=-1, keepdim=True).log())',
    'ce = -lsm[torch.arange(4), labels]',
    'ref = F.cross_entropy(x, labels, reduction="none")',
    'diff = (ce - ref).abs().max()',
    'w = torch.ones(12, 6) / 12',
    'h = x @ w',
    'h2 = F.relu(h - 0.5)',
    'g = F.gelu(h2)',
    'n = F.layer_norm(g, (6,))',
    'p = F.softmax(n, dim=-1)',
    'lp = F.log_softmax(n, dim=-1)',
    'nll = F.nll_loss(lp, labels)',
    'oh = F.one_hot(labels, num_classes=6).float()',
    'mse = F.mse_loss(p, oh)',
    'bce = F.binary_cross_entropy_with_logits(n, oh)',
    't = h.transpose(0, 1).contiguous().view(-1)',
    'm = t.mean()',
    's = t.std()',
    'z = torch.zeros(3, 4)',
    'o = torch.ones_like(z)',
    'e = torch.eye(4)',
    'cat = torch.cat([z, o], dim=0)',
    'st = torch.stack([z, o]).shape',
    'q = torch.einsum("ij,jk->ik", x, w)',
    'r = (q - h).abs().sum()',
    'mask = x > 2.0',
    'cnt = mask.sum()',
    'filled = x.masked_fill(mask, 0.0)',
    'tri = torch.tril(torch.ones(4, 4))',
    'am = x.argmax(dim=-1)',
    'amin = x.amin(dim=0)',
    'cs = x.cumsum(dim=1)',
    'nm = x.norm(dim=-1)',
    'cl = x.clamp(0.5, 3.0)',
    'wh = torch.where(mask, x, -x)',
    'lin = torch.linspace(0, 1, 5)',
    'ar = torch.arange(0, 10, 2)',
    'sq = x.unsqueeze(0).squeeze(0).shape',
    'perm = x.reshape(2, 2, 12).permute(2, 0, 1).shape',
    'final = lse.sum() + m',
    'final',
  ];
  return lines.join('\n') + '\n';
}

function wallOnce(cmd: string, args: string[], env: NodeJS.ProcessEnv): { ms: number; ok: boolean; stderr: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', cwd: ROOT });
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, ok: r.status === 0, stderr: r.stderr };
}

/** Alternates the two processes so a busy machine slows both sides alike; medians. */
function wallPair(a: () => ReturnType<typeof wallOnce>, b: () => ReturnType<typeof wallOnce>, repeats: number) {
  const ta: number[] = [];
  const tb: number[] = [];
  let bOk = true;
  let bErr = '';
  for (let i = 0; i < repeats; i++) {
    ta.push(a().ms);
    const rb = b();
    tb.push(rb.ms);
    if (!rb.ok) {
      bOk = false;
      bErr = rb.stderr;
    }
  }
  return { a: median(ta), b: median(tb), bOk, bErr };
}

function runComparison(): void {
  const cli = path.join(ROOT, 'bin', 'tensorlint.js');
  if (!existsSync(path.join(ROOT, 'dist', 'cli.js'))) {
    console.log('run vs python: skipped (dist/cli.js missing; `npm run bench` builds it)');
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tensorlint-bench-'));
  try {
    const file = path.join(dir, 'cell.py');
    writeFileSync(file, fiftyLineCell());
    const probe = spawnSync(process.execPath, [cli, 'run', '--format', 'json', file], { encoding: 'utf8', cwd: ROOT });
    let entries: Array<{ error: unknown }> = [];
    try {
      entries = JSON.parse(probe.stdout) as Array<{ error: unknown }>;
    } catch {
      entries = [];
    }
    const list = Array.isArray(entries) ? entries : ((entries as { entries?: Array<{ error: unknown }> }).entries ?? []);
    if (list.length === 0) {
      console.log(`run vs python: skipped (runProgram produced no entries: ${probe.stderr.split('\n')[0] || probe.stdout.slice(0, 80)})`);
      return;
    }
    const failed = list.filter((e) => e.error !== null).length;
    const t = wallPair(
      () => wallOnce(process.execPath, [cli, 'run', '--format', 'json', file], process.env),
      () => wallOnce(PYTHON, [file], pythonEnv()),
      5,
    );
    const ratio = t.a / t.b;
    console.log(`run on a 50-line cell: tensorlint ${t.a.toFixed(0)} ms (${list.length} entries, ${failed} with errors), python+torch ${t.b.toFixed(0)} ms${t.bOk ? '' : ' (python failed: ' + t.bErr.split('\n').slice(-2)[0] + ')'}`);
    console.log(`  ratio ${ratio.toFixed(3)} (target <= 0.25): ${ratio <= 0.25 ? 'OK' : 'MISSED'}`);
    if (ratio > 0.25) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function bench(): Promise<void> {
  runComparison();
}
