// Analysed and run code can never reach the file system, processes, the network or the
// environment: each escape attempt is refused by analyze(), runProgram() and `tensorlint run`,
// and the side effect it asks for (a marker file) never happens.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, initEngine, runProgram } from '../../../engine/src/index';
import { cli, ensureBuilt, noStackTrace } from '../../cli/helpers';

const MARKERS = fs.mkdtempSync(path.join(os.tmpdir(), 'tensorlint-safety-'));
const marker = (name: string) => path.join(MARKERS, name);

// Each attempt would create its marker file if it ever ran natively.
const ATTEMPTS: Array<{ name: string; code: string }> = [
  { name: 'open-write', code: `f = open('${marker('open-write')}', 'w')\nf.write('pwned')\nf.close()` },
  { name: 'open-read', code: `data = open('/etc/passwd').read()\nopen('${marker('open-read')}', 'w').write(data)` },
  { name: 'os-system', code: `import os\nos.system('touch ${marker('os-system')}')` },
  { name: 'subprocess', code: `import subprocess\nsubprocess.run(['touch', '${marker('subprocess')}'])` },
  { name: 'dunder-import', code: `m = __import__('os')\nm.system('touch ${marker('dunder-import')}')` },
  { name: 'eval', code: `eval("__import__('os').system('touch ${marker('eval')}')")` },
  { name: 'exec', code: `exec("open('${marker('exec')}', 'w').write('x')")` },
  { name: 'importlib', code: `import importlib\nimportlib.import_module('os').system('touch ${marker('importlib')}')` },
  { name: 'getattr', code: `import os\ngetattr(os, 'system')('touch ${marker('getattr')}')` },
  { name: 'socket', code: `import socket\ns = socket.socket()\ns.connect(('127.0.0.1', 9))\nopen('${marker('socket')}', 'w')` },
  { name: 'environ', code: `import os\nhome = os.getenv('HOME')\nopen('${marker('environ')}', 'w').write(home)` },
  { name: 'pathlib', code: `import pathlib\npathlib.Path('${marker('pathlib')}').write_text('x')` },
  { name: 'torch-save', code: `import torch\ntorch.save(torch.zeros(2), '${marker('torch-save')}')` },
  { name: 'builtins-open', code: `import builtins\nbuiltins.open('${marker('builtins-open')}', 'w')` },
  { name: 'subclasses', code: `x = ().__class__.__base__.__subclasses__()\nopen('${marker('subclasses')}', 'w')` },
];

before(async () => {
  await initEngine();
});

function assertNoMarkers(): void {
  assert.deepEqual(fs.readdirSync(MARKERS), [], 'an analysed or run program touched the file system');
}

test('analyze() of every escape attempt does nothing and never throws', () => {
  for (const { name, code } of ATTEMPTS) {
    const analysis = analyze(code, { fileName: `${name}.py` });
    assert.ok(!analysis.notes.some((n) => /internal error/i.test(n)), `${name}: ${analysis.notes.join('; ')}`);
  }
  assertNoMarkers();
});

test('analyze() says which call it refused to follow', () => {
  const analysis = analyze(`import os\nos.system('touch ${marker('note')}')\n`);
  assert.ok(analysis.notes.some((n) => n.includes('os.system') && n.includes('never')), analysis.notes.join('; '));
  assertNoMarkers();
});

test('runProgram() stops each escape attempt with an UnsupportedError entry', () => {
  for (const { name, code } of ATTEMPTS) {
    const entries = runProgram(code, { fileName: `${name}.py` });
    const failed = entries.find((e) => e.error);
    assert.ok(failed, `${name}: ran without an error: ${JSON.stringify(entries)}`);
    assert.equal(failed.error?.type, 'UnsupportedError', `${name}: ${JSON.stringify(failed.error)}`);
  }
  assertNoMarkers();
});

test('`tensorlint run` refuses with a message and exit 1, never a stack trace', () => {
  ensureBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tensorlint-safety-cli-'));
  for (const { name, code } of ATTEMPTS) {
    const file = path.join(dir, `${name}.py`);
    fs.writeFileSync(file, `${code}\n`);
    const result = cli(['run', file]);
    assert.equal(result.status, 1, `${name}: exit ${result.status}\n${result.stdout}\n${result.stderr}`);
    assert.match(result.stdout, /UnsupportedError/, `${name}: ${result.stdout}`);
    assert.ok(noStackTrace(result.stderr), result.stderr);
    const check = cli(['check', file]);
    assert.ok(check.status === 0 || check.status === 1, `${name}: check exit ${check.status}: ${check.stderr}`);
  }
  assertNoMarkers();
});
