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
  const tree = parser.parse(text);
  if (!tree) throw new Error('parser returned no tree');
  return {
    rootNode: tree.rootNode as unknown as SyntaxNode,
    dispose: () => tree.delete(),
  };
}
