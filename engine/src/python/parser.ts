// The one module that knows the parser library (web-tree-sitter + tree-sitter-python).
// See docs/parser-choice.md for why this library was chosen.
import * as fs from 'node:fs';
import * as path from 'node:path';
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
  if (tree.rootNode.hasError) {
    const patched = patchStarredAssignments(text, tree.rootNode as unknown as SyntaxNode);
    if (patched !== text) {
      const retry = parser.parse(patched);
      if (retry && countErrors(retry.rootNode as unknown as SyntaxNode) < countErrors(tree.rootNode as unknown as SyntaxNode)) {
        tree.delete();
        tree = retry;
      } else retry?.delete();
    }
  }
  const finalTree = tree;
  return {
    rootNode: finalTree.rootNode as unknown as SyntaxNode,
    dispose: () => finalTree.delete(),
  };
}

// tree-sitter-python 0.25 rejects valid Python 3.8+ assignments whose right side is an
// unparenthesized tuple with a starred item (`host, *rest = endpoint, *[]`). On lines where
// the first parse failed, blanking those stars (same length, so every position stays right)
// gives a tree of the same shape; the starred item then reads as a plain element.
const STARRED_RHS = /^([^#'"=]*[^=!<>:+\-*/%&|^@]=(?!=))(.*)$/;

function patchStarredAssignments(text: string, root: SyntaxNode): string {
  const errorLines = new Set<number>();
  const visit = (n: SyntaxNode) => {
    if (n.type === 'ERROR' || n.isMissing) errorLines.add(n.startPosition.row);
    if (n.hasError) for (const c of n.children) visit(c);
  };
  visit(root);
  const lines = text.split('\n');
  let changed = false;
  for (const row of errorLines) {
    const m = STARRED_RHS.exec(lines[row] ?? '');
    if (!m || !/(^|,)\s*\*[\w([]/.test(m[2]) || !m[2].includes(',')) continue;
    lines[row] = m[1] + m[2].replace(/(^|,)(\s*)\*(?=[\w([])/g, '$1$2 ');
    changed = true;
  }
  return changed ? lines.join('\n') : text;
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
