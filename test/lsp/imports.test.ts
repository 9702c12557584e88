// Imports between workspace files over real JSON-RPC: absolute imports resolved against every
// workspace folder (multi-root), relative imports inside a package, and the text of an open
// editor taking precedence over the file on disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileUri, startClient, type PublishedDiagnostics } from './lspClient';

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

const codes = (p: PublishedDiagnostics) => p.diagnostics.map((d) => d.code);

function workspace(): { base: string; app: string; lib: string } {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'tensorlint-imports-'));
  const app = path.join(base, 'app');
  const lib = path.join(base, 'lib');
  write(path.join(app, 'pkg', '__init__.py'), '');
  write(path.join(app, 'pkg', 'layers.py'), 'import torch\n\nW = torch.zeros(3, 5)\n');
  write(path.join(app, 'pkg', 'model.py'), 'import torch\nfrom .layers import W\n\ny = W @ torch.zeros(4, 2)\n');
  // A second workspace folder: `import shared` in app/ resolves there.
  write(path.join(lib, 'shared.py'), 'import torch\n\n\ndef project(x):\n    return x @ torch.ones(8, 16)\n');
  return { base, app, lib };
}

test('a relative import inside a package brings the imported shape into the importing file', async () => {
  const { base, app, lib } = workspace();
  const client = await startClient({ workspaceFolders: [app, lib] });
  try {
    const uri = fileUri(path.join(app, 'pkg', 'model.py'));
    client.open(uri, fs.readFileSync(path.join(app, 'pkg', 'model.py'), 'utf8'), 1);
    const published = await client.diagnosticsFor(uri);
    assert.deepEqual(codes(published), ['matmul-mismatch']);
    assert.match(published.diagnostics[0].message, /3, 5|\(3, 5\)/);
  } finally {
    await client.stop();
    fs.rmSync(base, { recursive: true, force: true });
  }
});

test('an absolute import resolves in another workspace folder, and a correct call stays silent', async () => {
  const { base, app, lib } = workspace();
  const client = await startClient({ workspaceFolders: [app, lib] });
  try {
    const uri = fileUri(path.join(app, 'main.py'));
    const text = ['import torch', 'from shared import project', '', 'ok = project(torch.zeros(2, 8))', 'bad = project(torch.zeros(2, 7))', ''].join('\n');
    client.open(uri, text, 1);
    const published = await client.diagnosticsFor(uri);
    assert.deepEqual(codes(published), ['matmul-mismatch']);
    assert.equal(published.diagnostics[0].range.start.line, 4, 'only the call with 7 columns is wrong');
    // Without the folder that holds shared.py the call is unknown, hence silent.
    const alone = await startClient({ workspaceFolders: [app] });
    try {
      alone.open(uri, text, 1);
      assert.deepEqual(codes(await alone.diagnosticsFor(uri)), []);
    } finally {
      await alone.stop();
    }
  } finally {
    await client.stop();
    fs.rmSync(base, { recursive: true, force: true });
  }
});

test('the text of an open editor beats the file on disk for an imported module', async () => {
  const { base, app, lib } = workspace();
  const client = await startClient({ workspaceFolders: [app, lib] });
  try {
    const layersUri = fileUri(path.join(app, 'pkg', 'layers.py'));
    const modelUri = fileUri(path.join(app, 'pkg', 'model.py'));
    // The unsaved editor fixes W's shape; the disk still says (3, 5).
    client.open(layersUri, 'import torch\n\nW = torch.zeros(3, 4)\n', 1);
    await client.diagnosticsFor(layersUri);
    client.open(modelUri, fs.readFileSync(path.join(app, 'pkg', 'model.py'), 'utf8'), 1);
    assert.deepEqual(codes(await client.diagnosticsFor(modelUri)), []);
  } finally {
    await client.stop();
    fs.rmSync(base, { recursive: true, force: true });
  }
});

test('editing an imported module re-analyses the open files that import it', async () => {
  const { base, app, lib } = workspace();
  const client = await startClient({ workspaceFolders: [app, lib] });
  try {
    const layersPath = path.join(app, 'pkg', 'layers.py');
    const layersUri = fileUri(layersPath);
    const modelUri = fileUri(path.join(app, 'pkg', 'model.py'));
    client.open(modelUri, fs.readFileSync(path.join(app, 'pkg', 'model.py'), 'utf8'), 1);
    assert.deepEqual(codes(await client.diagnosticsFor(modelUri)), ['matmul-mismatch']);
    // In an editor: fixing W clears model.py's error although model.py was not touched.
    client.open(layersUri, fs.readFileSync(layersPath, 'utf8'), 1);
    await client.diagnosticsFor(layersUri);
    let mark = client.published.length;
    client.notify('textDocument/didChange', { textDocument: { uri: layersUri, version: 2 }, contentChanges: [{ text: 'import torch\n\nW = torch.zeros(3, 4)\n' }] });
    assert.deepEqual(codes(await client.diagnosticsFor(modelUri, () => true, mark)), []);
    // Closed again, the disk version (3, 5) counts once the client reports the file changed.
    client.notify('textDocument/didClose', { textDocument: { uri: layersUri } });
    mark = client.published.length;
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: layersUri, type: 2 }] });
    assert.deepEqual(codes(await client.diagnosticsFor(modelUri, (p) => p.diagnostics.length > 0, mark)), ['matmul-mismatch']);
    // A file nobody imports changes nothing: no republish for model.py.
    mark = client.published.length;
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(path.join(app, 'unrelated.py')), type: 2 }] });
    const probe = fileUri(path.join(app, 'probe.py'));
    client.open(probe, 'x = 1\n', 1);
    await client.diagnosticsFor(probe, () => true, mark);
    assert.equal(client.published.slice(mark).filter((p) => p.uri === modelUri).length, 0);
  } finally {
    await client.stop();
    fs.rmSync(base, { recursive: true, force: true });
  }
});
