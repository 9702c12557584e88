// A second real LSP client: Neovim's built-in client attached headless to the server.
// Neovim is a test dependency (CI installs it with apt); without it this test fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureServerBuilt, ROOT } from './lspClient';

function nvimPath(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v nvim'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** `tensorlint lsp --stdio` once the CLI has the subcommand; the bundled server until then. */
function serverCommand(): string[] {
  const cliSources = path.join(ROOT, 'bin', 'src');
  const cliHasLsp = fs.readdirSync(cliSources, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .some((f) => /startServer/.test(fs.readFileSync(path.join(cliSources, f), 'utf8')));
  return cliHasLsp
    ? [process.execPath, path.join(ROOT, 'bin', 'tensorlint.js'), 'lsp', '--stdio']
    : [process.execPath, path.join(ROOT, 'dist', 'server.js'), '--stdio'];
}

test('Neovim attaches headless: diagnostics, a hover, a quick-fix applied, code lenses and a run', () => {
  const nvim = nvimPath();
  assert.ok(nvim, 'nvim is not installed: `apt-get install -y neovim` (the LSP tests need a second real client)');
  ensureServerBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-nvim-'));
  try {
    const file = path.join(dir, 'model.py');
    fs.writeFileSync(file, '# %% setup\nimport torch\nlogits = torch.randn(4, 10) * 1000\nlse = logits.exp().sum(dim=-1).log()\n# %% more\ndef broken(:\n    pass\n');
    const result = spawnSync(nvim!, ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(__dirname, 'neovim', 'attach.lua')}`], {
      cwd: dir,
      env: { ...process.env, TL_CMD: JSON.stringify(serverCommand()), TL_FILE: file, TL_ROOT: dir, HOME: dir, XDG_STATE_HOME: dir, XDG_CACHE_HOME: dir },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const out = result.stdout;
    if (process.env.TL_NVIM_DEBUG) console.log(out);
    assert.equal(result.status, 0, `nvim failed (${result.status}): ${out}\n${result.stderr}`);
    assert.match(out, /^DIAG tensorlint syntax-error 5:\d+ /m);
    assert.match(out, /^DIAG tensorlint unstable-logsumexp 3:6 /m);
    assert.match(out, /^HOVER markdown `logits: \(4, 10\)`/m);
    assert.match(out, /^ACTION Use torch\.logsumexp.* \[preferred\]$/m);
    assert.match(out, /^APPLIED lse = torch\.logsumexp\(logits, dim=-1\)$/m);
    const lenses = out.split('\n').filter((l) => l.startsWith('LENS '));
    assert.deepEqual(lenses.map((l) => l.split(' ').slice(0, 3).join(' ')), ['LENS 0 tensorlint.runCell', 'LENS 4 tensorlint.runCell']);
    assert.match(lenses[1], /, ?2\]$/);
    assert.match(out, /^RUN \d+$/m);
    assert.match(out, /^DONE$/m);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
