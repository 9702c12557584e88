// The worker re-parses each document incrementally from its last version (a parse session per
// document). Over real JSON-RPC: after every edit, the edited document's diagnostics equal
// those of the same text opened fresh; closing a document and reopening it starts over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileUri, ROOT, startClient, type LspClient, type PublishedDiagnostics } from './lspClient';
import { Rng } from '../fuzz/mutate';

const SEED = fs.readFileSync(path.join(ROOT, 'examples', 'seed_naive.py'), 'utf8') +
  '# 中文注释 😀 emoji\nwide = t.zeros(2, 3) @ t.zeros(4, 5)  # 形状 👩‍👩‍👧\n';

interface Change {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

const INSERTS = ['x', '(', ')', ' ', '\n', '😀', '中', '# é', ', *d', '.exp()', '    ', ':', '"', '1'];
const LINES = ['y = t.zeros(2, 3) @ t.zeros(4, 5)\n', '# 中文 😀\n', 'z = t.log(t.softmax(extreme, dim=-1))\n'];

function change(text: string, start: number, end: number, insert: string): { change: Change; text: string; inverse: [number, number, string] } {
  return {
    change: { range: { start: positionAt(text, start), end: positionAt(text, end) }, text: insert },
    text: text.slice(0, start) + insert + text.slice(end),
    inverse: [start, start + insert.length, text.slice(start, end)],
  };
}

/**
 * A random edit as an LSP change: a keystroke anywhere (often a syntax error), a comment or a
 * top-level line (still valid code), or the undo of the edit before (fixing what it broke).
 */
function randomChange(text: string, rng: Rng, undo: [number, number, string] | null) {
  const roll = rng.next();
  if (undo && roll < 0.35) return change(text, ...undo);
  if (roll < 0.7) {
    // At the start of a top-level line, so the code stays valid.
    const at = rng.pick([...text.matchAll(/^(?=[a-z#])/gm)].map((m) => m.index!));
    return change(text, at, at, rng.pick(LINES));
  }
  let start = rng.int(text.length + 1);
  // Ranges never split a surrogate pair (an editor's never do).
  if (start > 0 && /[\ud800-\udbff]/.test(text[start - 1])) start--;
  let end = rng.next() < 0.5 ? start : Math.min(text.length, start + 1 + rng.int(12));
  if (end > 0 && end < text.length && /[\udc00-\udfff]/.test(text[end])) end++;
  return change(text, start, end, rng.next() < 0.3 ? '' : rng.pick(INSERTS));
}

/** The diagnostics a fresh open of `text` gets, with the other document's URI read as `as`. */
async function freshDiagnostics(client: LspClient, uri: string, as: string, text: string, version: number): Promise<string> {
  const since = client.published.length;
  client.open(uri, text, version);
  const fresh = await client.diagnosticsFor(uri, (p) => p.version === version, since);
  client.notify('textDocument/didClose', { textDocument: { uri } });
  await client.diagnosticsFor(uri, (p) => p.diagnostics.length === 0 && p.version === undefined, since);
  return JSON.stringify(fresh.diagnostics).split(JSON.stringify(uri).slice(1, -1)).join(JSON.stringify(as).slice(1, -1));
}

test('incremental didChange edits give the diagnostics of the same text opened fresh', async () => {
  const client = await startClient({ initializationOptions: { debounceMs: 0 } });
  try {
    const uri = fileUri(`${ROOT}/virtual/incremental_edit.py`);
    const other = fileUri(`${ROOT}/virtual/incremental_fresh.py`);
    const rng = new Rng(2026);
    let text = SEED;
    client.open(uri, text, 1);
    await client.diagnosticsFor(uri, (p) => p.version === 1);
    let withFindings = 0;
    let valid = 0;
    let undo: [number, number, string] | null = null;
    for (let version = 2; version <= 40; version++) {
      const since = client.published.length;
      const next = randomChange(text, rng, undo);
      text = next.text;
      undo = next.inverse;
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [next.change] });
      const edited: PublishedDiagnostics = await client.diagnosticsFor(uri, (p) => p.version === version, since);
      if (edited.diagnostics.some((d) => d.code !== 'syntax-error')) withFindings++;
      if (!edited.diagnostics.some((d) => d.code === 'syntax-error')) valid++;
      const fresh = await freshDiagnostics(client, other, uri, text, version);
      assert.equal(JSON.stringify(edited.diagnostics), fresh, `version ${version}: ${JSON.stringify(next.change)}`);
    }
    // Versions must be analysable (findings beyond syntax errors), and many free of syntax
    // errors: only those take the incremental path, the others are parsed afresh.
    assert.ok(withFindings > 10, `only ${withFindings} versions had findings beyond syntax errors`);
    assert.ok(valid > 10, `only ${valid} versions were free of syntax errors`);

    // Closing frees the document's session; reopening it with other text starts over.
    client.notify('textDocument/didClose', { textDocument: { uri } });
    const reopened = SEED.replace('naive_softmax', 'naive_softmax2');
    const since = client.published.length;
    client.open(uri, reopened, 1);
    const again = await client.diagnosticsFor(uri, (p) => p.version === 1, since);
    assert.equal(JSON.stringify(again.diagnostics), await freshDiagnostics(client, other, uri, reopened, 1));
  } finally {
    await client.stop();
  }
});
