// Configuration over the protocol: pulled per document, changed without a restart, merged
// over [tool.tensorlint] from pyproject.toml, and multi-root workspace folders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileUri, startClient } from './lspClient';

const BROKEN = 'import torch\nx = torch.ones(2, 3\n';

test('settings are pulled per document; ignore, severity and enable changes re-publish without a restart', async () => {
  const client = await startClient();
  try {
    const uri = fileUri('/tmp/tensorlint-virtual/config_change.py');
    client.open(uri, BROKEN, 1);
    const first = await client.diagnosticsFor(uri);
    assert.equal(first.diagnostics[0]?.severity, 1);
    const pulled = client.configurationRequests as Array<{ items: Array<{ scopeUri?: string; section?: string }> }>;
    assert.ok(pulled.some((p) => p.items.some((i) => i.scopeUri === uri && i.section === 'tensorlint')));

    let mark = client.published.length;
    client.settings = { severity: { 'syntax-error': 'warning' } };
    client.notify('workspace/didChangeConfiguration', { settings: null });
    const warned = await client.diagnosticsFor(uri, () => true, mark);
    assert.equal(warned.diagnostics[0]?.severity, 2);

    mark = client.published.length;
    client.settings = { ignore: ['syntax-error'] };
    client.notify('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual((await client.diagnosticsFor(uri, () => true, mark)).diagnostics, []);

    mark = client.published.length;
    client.settings = {};
    client.notify('workspace/didChangeConfiguration', { settings: null });
    assert.equal((await client.diagnosticsFor(uri, () => true, mark)).diagnostics.length, 1);

    mark = client.published.length;
    client.settings = { enable: false };
    client.notify('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual((await client.diagnosticsFor(uri, () => true, mark)).diagnostics, []);
  } finally {
    await client.stop();
  }
});

test('a client without workspace/configuration can push settings in didChangeConfiguration', async () => {
  const client = await startClient({ capabilities: { workspace: {} } });
  try {
    const uri = fileUri('/tmp/tensorlint-virtual/config_push.py');
    client.open(uri, BROKEN, 1);
    await client.diagnosticsFor(uri, (p) => p.diagnostics.length === 1);
    const mark = client.published.length;
    client.notify('workspace/didChangeConfiguration', { settings: { tensorlint: { severity: { 'syntax-error': 'info' } } } });
    const info = await client.diagnosticsFor(uri, () => true, mark);
    assert.equal(info.diagnostics[0]?.severity, 3);
    assert.equal(client.configurationRequests.length, 0);
  } finally {
    await client.stop();
  }
});

test('[tool.tensorlint] in the nearest pyproject.toml applies per workspace folder, client settings on top', async () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-lsp-config-'));
  const quiet = path.join(base, 'quiet');
  const loud = path.join(base, 'loud');
  fs.mkdirSync(path.join(quiet, 'src'), { recursive: true });
  fs.mkdirSync(loud);
  fs.writeFileSync(path.join(quiet, 'pyproject.toml'), '[tool.tensorlint]\nignore = ["syntax-error"]\n');
  fs.writeFileSync(path.join(loud, 'pyproject.toml'), '[tool.tensorlint.severity]\nsyntax-error = "info"\n');
  const client = await startClient({ workspaceFolders: [quiet, loud] });
  try {
    const quietUri = fileUri(path.join(quiet, 'src', 'model.py'));
    const loudUri = fileUri(path.join(loud, 'model.py'));
    client.open(quietUri, BROKEN, 1);
    client.open(loudUri, BROKEN, 1);
    assert.deepEqual((await client.diagnosticsFor(quietUri)).diagnostics, []);
    assert.equal((await client.diagnosticsFor(loudUri)).diagnostics[0]?.severity, 3);
    // Editing pyproject.toml takes effect on the next analysis (mtime is checked each time).
    fs.writeFileSync(path.join(loud, 'pyproject.toml'), '[tool.tensorlint.severity]\nsyntax-error = "warning"\n');
    fs.utimesSync(path.join(loud, 'pyproject.toml'), new Date(), new Date(Date.now() + 5000));
    let mark = client.published.length;
    client.notify('textDocument/didChange', { textDocument: { uri: loudUri, version: 2 }, contentChanges: [{ text: `${BROKEN}# edited\n` }] });
    assert.equal((await client.diagnosticsFor(loudUri, () => true, mark)).diagnostics[0]?.severity, 2);
    // The client's severity wins over the project's.
    mark = client.published.length;
    client.settings = { severity: { 'syntax-error': 'error' } };
    client.notify('workspace/didChangeConfiguration', { settings: null });
    assert.equal((await client.diagnosticsFor(loudUri, () => true, mark)).diagnostics[0]?.severity, 1);
    // A broken pyproject.toml is reported once in the log and otherwise ignored.
    fs.writeFileSync(path.join(quiet, 'pyproject.toml'), '[tool.tensorlint\n');
    fs.utimesSync(path.join(quiet, 'pyproject.toml'), new Date(), new Date(Date.now() + 10000));
    mark = client.published.length;
    client.notify('textDocument/didChange', { textDocument: { uri: quietUri, version: 2 }, contentChanges: [{ text: `${BROKEN}# edited\n` }] });
    assert.equal((await client.diagnosticsFor(quietUri, () => true, mark)).diagnostics[0]?.code, 'syntax-error');
    assert.ok(client.logs.some((l) => l.includes('configuration problem') && l.includes('invalid TOML')), client.logs.join('\n'));
  } finally {
    await client.stop();
    fs.rmSync(base, { recursive: true, force: true });
  }
});

test('a workspace folder added at run time bounds the pyproject search of the files inside it', async () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-lsp-folders-'));
  const inner = path.join(base, 'inner');
  fs.mkdirSync(inner);
  fs.writeFileSync(path.join(base, 'pyproject.toml'), '[tool.tensorlint]\nignore = ["syntax-error"]\n');
  const client = await startClient({ workspaceFolders: [path.join(base, 'elsewhere')] });
  try {
    const uri = fileUri(path.join(inner, 'model.py'));
    client.open(uri, BROKEN, 1);
    // Outside every workspace folder, the search goes up to base/pyproject.toml.
    assert.deepEqual((await client.diagnosticsFor(uri)).diagnostics, []);
    const mark = client.published.length;
    client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: fileUri(inner), name: 'inner' }], removed: [] } });
    const inside = await client.diagnosticsFor(uri, () => true, mark);
    assert.equal(inside.diagnostics[0]?.code, 'syntax-error');
  } finally {
    await client.stop();
    fs.rmSync(base, { recursive: true, force: true });
  }
});
