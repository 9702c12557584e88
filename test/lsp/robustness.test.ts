// The server must never die: malformed JSON-RPC, invalid parameters, unknown documents,
// binary junk and huge documents all leave it answering.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileUri, startClient, type LspClient } from './lspClient';

async function assertAlive(client: LspClient): Promise<void> {
  const status = (await client.request('workspace/executeCommand', { command: 'tensorlint.serverStatus', arguments: [] })) as { usesWorker: boolean };
  assert.equal(status.usesWorker, true);
  assert.equal(client.exited, false);
}

test('malformed JSON bodies and invalid parameters are survived', async () => {
  const client = await startClient();
  try {
    const junk = '{"jsonrpc": "2.0", "id": 99, "method": "textDocument/hover", "params": {oops';
    client.sendRaw(`Content-Length: ${Buffer.byteLength(junk)}\r\n\r\n${junk}`);
    client.sendRaw(`Content-Length: 4\r\n\r\nnull`);
    await assertAlive(client);
    const requests: Array<[string, unknown]> = [
      ['textDocument/hover', {}],
      ['textDocument/hover', { textDocument: { uri: 42 }, position: { line: -5, character: 1e12 } }],
      ['textDocument/codeAction', { textDocument: { uri: 'file:///x.py' }, range: null, context: { diagnostics: [{ source: 'tensorlint', data: { fixes: 'nope' } }, null] } }],
      ['textDocument/codeAction', { textDocument: { uri: 'file:///x.py' }, range: null, context: null }],
      ['textDocument/inlayHint', { textDocument: { uri: 'file:///x.py' } }],
      ['textDocument/codeLens', { textDocument: {} }],
      ['workspace/executeCommand', { command: 'tensorlint.runCell' }],
      ['workspace/executeCommand', { command: 'tensorlint.runFile', arguments: [{ evil: true }] }],
    ];
    for (const [method, params] of requests) await client.request(method, params).catch(() => undefined);
    client.notify('textDocument/didChange', { textDocument: { uri: 'file:///never-opened.py', version: 3 }, contentChanges: [{ text: 'x' }] });
    client.notify('textDocument/didClose', { textDocument: { uri: 'file:///never-opened.py' } });
    client.notify('notebookDocument/didChange', { notebookDocument: { uri: 'file:///nope.ipynb', version: 2 }, change: {} });
    client.notify('workspace/didChangeConfiguration', { settings: { tensorlint: { severity: 7, select: { a: 1 }, sampleSizes: [1, 2] } } });
    client.notify('totally/unknown', { x: 1 });
    await assertAlive(client);
  } finally {
    await client.stop();
  }
});

test('binary junk, odd unicode, a 1.2 MB and a 3.4 MB single line are analysed, lightened or skipped, never fatal', async () => {
  const client = await startClient();
  try {
    const junkUri = fileUri('/tmp/tensorlint-virtual/robust_junk.py');
    let junk = '';
    for (let i = 0; i < 20_000; i++) junk += String.fromCharCode((i * 7919) % 0xd7ff);
    client.open(junkUri, `\ufeff${junk}\r\n\t x = 1\u2028y = (\n`, 1);
    await client.diagnosticsFor(junkUri, () => true, 0, 20_000);
    const hugeUri = fileUri('/tmp/tensorlint-virtual/robust_huge.py');
    client.open(hugeUri, `x = [${'1, '.repeat(1_700_000)}]\n`, 1);
    assert.deepEqual((await client.diagnosticsFor(hugeUri, () => true, 0, 30_000)).diagnostics, []);
    assert.ok(client.logs.some((l) => l.includes('not analysed')), client.logs.join('\n'));
    // A 1.2 MB file is still checked for syntax errors (light analysis, no interpretation).
    const bigUri = fileUri('/tmp/tensorlint-virtual/robust_big.py');
    client.open(bigUri, `x = [${'1, '.repeat(400_000)}\n`, 1);
    const big = await client.diagnosticsFor(bigUri, () => true, 0, 30_000);
    assert.equal(big.diagnostics[0]?.code, 'syntax-error');
    for (const uri of [junkUri, hugeUri, bigUri]) {
      await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
      await client.request('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } } });
    }
    await assertAlive(client);
  } finally {
    await client.stop();
  }
});

/** Deterministic PRNG (mulberry32) so a failing sequence can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

test('300 random incremental edits leave the server with the same text as the client', async () => {
  const client = await startClient({ initializationOptions: { debounceMs: 20 } });
  try {
    const random = prng(0x7e5);
    const pieces = ['x', ')', '(', '\n', '    ', 'torch.', '.exp()', ':', '', 'é', '😀', '"', '#', '[1, 2]'];
    let text = 'import torch\n\ndef f(x):\n    c = x.max(dim=-1, keepdim=True).values\n    return (x - c).exp().sum(-1).log()\n';
    const uri = fileUri('/tmp/tensorlint-virtual/robust_edits.py');
    client.open(uri, text, 1);
    let version = 1;
    for (let i = 0; i < 300; i++) {
      const start = Math.floor(random() * (text.length + 1));
      const end = Math.min(text.length, start + Math.floor(random() * 4));
      // Never split a surrogate pair: the client would not either.
      if (/[\udc00-\udfff]/.test(text[start] ?? '') || /[\udc00-\udfff]/.test(text[end] ?? '')) continue;
      const insert = pieces[Math.floor(random() * pieces.length)];
      const range = { start: positionAt(text, start), end: positionAt(text, end) };
      text = text.slice(0, start) + insert + text.slice(end);
      version++;
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: insert }] });
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 30));
    }
    const incremental = await client.diagnosticsFor(uri, (p) => p.version === version, 0, 30_000);
    // The same final text opened fresh must give the same diagnostics: the incremental sync
    // reconstructed exactly the client's text.
    const freshUri = fileUri('/tmp/tensorlint-virtual/robust_edits_fresh.py');
    client.open(freshUri, text, 1);
    const fresh = await client.diagnosticsFor(freshUri, () => true, 0, 30_000);
    const strip = (list: typeof fresh.diagnostics) => JSON.stringify(list).split(freshUri).join('URI').split(uri).join('URI');
    assert.ok(incremental.diagnostics.length > 0, 'the comparison needs diagnostics that depend on the text');
    assert.equal(strip(incremental.diagnostics), strip(fresh.diagnostics));
    await assertAlive(client);
  } finally {
    await client.stop();
  }
});
