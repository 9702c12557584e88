// The one module that knows the parser library (web-tree-sitter + tree-sitter-python).
// See docs/parser-choice.md for why this library was chosen.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { splatView } from './splatView';
import type { SyntaxNode, SyntaxTree } from './syntax';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const TreeSitter = require('web-tree-sitter') as typeof import('web-tree-sitter');

type TsParser = InstanceType<typeof TreeSitter.Parser>;

let parser: TsParser | null = null;
let initPromise: Promise<void> | null = null;

/** Looks for a wasm file next to the bundle first (dist/), then in node_modules. */
function locateWasm(fileName: string, packageSpecifier: string): string {
  const candidates = [
    path.join(__dirname, fileName),
    path.join(__dirname, '..', fileName),
  ];
  for (const candidate of candidates) {
    if (fs.existsSync(candidate)) return candidate;
  }
  return require.resolve(packageSpecifier);
}

/** Loads the WASM parser once; every entry point awaits this before analyzing. */
export function initParser(): Promise<void> {
  if (!initPromise) {
    initPromise = (async () => {
      const runtimeWasm = locateWasm('tree-sitter.wasm', 'web-tree-sitter/tree-sitter.wasm');
      await TreeSitter.Parser.init({ locateFile: () => runtimeWasm });
      const languageWasm = locateWasm('tree-sitter-python.wasm', 'tree-sitter-python/tree-sitter-python.wasm');
      const language = await TreeSitter.Language.load(fs.readFileSync(languageWasm));
      const p = new TreeSitter.Parser();
      p.setLanguage(language);
      parser = p;
    })();
  }
  return initPromise;
}

export function isParserReady(): boolean {
  return parser !== null;
}

/** Parses Python source. Never throws on bad syntax: errors are ERROR/MISSING nodes. */
export function parsePython(text: string): SyntaxTree {
  if (!parser) throw new Error('TensorLint parser not initialised: await initParser() first');
  let tree = parser.parse(text);
  if (!tree) throw new Error('parser returned no tree');
  let starred: Set<number> | null = null;
  if (tree.rootNode.hasError) {
    const patch = patchStarredAssignments(text, tree.rootNode as unknown as SyntaxNode);
    if (patch) {
      const retry = parser.parse(patch.text);
      if (retry && countErrors(retry.rootNode as unknown as SyntaxNode) < countErrors(tree.rootNode as unknown as SyntaxNode)) {
        tree.delete();
        tree = retry;
        starred = patch.starred;
      } else retry?.delete();
    }
  }
  const finalTree = tree;
  const root = finalTree.rootNode as unknown as SyntaxNode;
  return {
    rootNode: starred ? splatView(root, text, starred) : root,
    dispose: () => finalTree.delete(),
  };
}

// tree-sitter-python 0.25 rejects valid Python 3.8+ assignments whose right side is an
// unparenthesized tuple with a starred item (`host, *rest = endpoint, *[]`). On lines where
// the first parse failed, blanking those stars (same length, so every position stays right)
// gives a tree of the same shape, and splatView shows each item after a blanked star as the
// list_splat it was, so the line keeps its meaning.
const STARRED_RHS = /^([^#'"=]*[^=!<>:+\-*/%&|^@]=(?!=))(.*)$/;

function patchStarredAssignments(text: string, root: SyntaxNode): { text: string; starred: Set<number> } | null {
  const errorLines = new Set<number>();
  const visit = (n: SyntaxNode) => {
    // An ERROR node can start on an earlier statement and swallow the starred line after it.
    if (n.type === 'ERROR' || n.isMissing) for (let r = n.startPosition.row; r <= n.endPosition.row; r++) errorLines.add(r);
    if (n.hasError) for (const c of n.children) visit(c);
  };
  visit(root);
  const lines = text.split('\n');
  const lineStart: number[] = [];
  for (let row = 0, at = 0; row < lines.length; row++) {
    lineStart.push(at);
    at += lines[row].length + 1;
  }
  // Where each blanked star was, so splatView can show its item as the list_splat it is.
  const starred = new Set<number>();
  for (const row of errorLines) {
    // A CRLF line keeps its '\r', which `.` in the pattern would not match.
    const line = lines[row] ?? '';
    const cr = line.endsWith('\r') ? '\r' : '';
    const m = STARRED_RHS.exec(cr ? line.slice(0, -1) : line);
    if (!m || !/(^|,)\s*\*[\w([]/.test(m[2]) || !m[2].includes(',')) continue;
    lines[row] = m[1] + m[2].replace(/(^|,)(\s*)\*(?=[\w([])/g, (_all, sep: string, space: string, offset: number) => {
      starred.add(lineStart[row] + m[1].length + offset + sep.length + space.length + 1);
      return `${sep}${space} `;
    }) + cr;
  }
  return starred.size > 0 ? { text: lines.join('\n'), starred } : null;
}

function countErrors(root: SyntaxNode): number {
  let count = 0;
  const visit = (n: SyntaxNode) => {
    if (n.type === 'ERROR' || n.isMissing) count++;
    if (n.hasError) for (const c of n.children) visit(c);
  };
  visit(root);
  return count;
}
