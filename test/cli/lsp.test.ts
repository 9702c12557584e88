// `tensorlint lsp --stdio` starts the real language server: it answers `initialize` over stdio
// and exits on `exit`. (The server's features are tested in test/lsp/.)
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { ensureBuilt, ROOT } from './helpers';

before(() => ensureBuilt());

function frame(message: object): string {
  const body = JSON.stringify({ jsonrpc: '2.0', ...message });
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

test('lsp --stdio answers initialize and exits cleanly on exit', async () => {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'tensorlint.js'), 'lsp', '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const timer = setTimeout(() => child.kill(), 20_000);
  try {
    child.stdin.write(frame({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
    const started = Date.now();
    while (!stdout.includes('"id":1') && Date.now() - started < 15_000) await new Promise((r) => setTimeout(r, 50));
    const body = stdout.slice(stdout.indexOf('{'));
    const response = JSON.parse(body.slice(0, body.indexOf('}{') > 0 ? body.indexOf('}{') + 1 : undefined));
    assert.equal(response.id, 1);
    assert.ok(response.result.capabilities, 'the server advertises capabilities');
    assert.equal(response.result.serverInfo?.name?.toLowerCase().includes('tensorlint') ?? true, true);
    child.stdin.write(frame({ id: 2, method: 'shutdown' }));
    child.stdin.write(frame({ method: 'exit' }));
    assert.equal(await exited, 0);
  } finally {
    clearTimeout(timer);
    child.kill();
  }
});
