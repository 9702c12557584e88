// The one module that knows the parser library (web-tree-sitter + tree-sitter-python).
// See docs/parser-choice.md for why this library was chosen.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { splatView } from './splatView';
import type { Point, SyntaxNode, SyntaxTree } from './syntax';

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

type TsTree = NonNullable<ReturnType<TsParser['parse']>>;

/** Parses Python source. Never throws on bad syntax: errors are ERROR/MISSING nodes. */
export function parsePython(text: string): SyntaxTree {
  const { tree, starred } = parseFresh(text);
  return {
    rootNode: viewOf(tree, text, starred),
    dispose: () => tree.delete(),
  };
}

function requireParser(): TsParser {
  if (!parser) throw new Error('TensorLint parser not initialised: await initParser() first');
  return parser;
}

/** A from-scratch parse, with the starred-assignment workaround (starred is null when unused). */
function parseFresh(text: string): { tree: TsTree; starred: Set<number> | null } {
  const p = requireParser();
  let tree = p.parse(text);
  if (!tree) throw new Error('parser returned no tree');
  let starred: Set<number> | null = null;
  if (tree.rootNode.hasError) {
    const patch = patchStarredAssignments(text, tree.rootNode as unknown as SyntaxNode);
    if (patch) {
      const retry = p.parse(patch.text);
      if (retry && countErrors(retry.rootNode as unknown as SyntaxNode) < countErrors(tree.rootNode as unknown as SyntaxNode)) {
        tree.delete();
        tree = retry;
        starred = patch.starred;
      } else retry?.delete();
    }
  }
  return { tree, starred };
}

function viewOf(tree: TsTree, text: string, starred: Set<number> | null): SyntaxNode {
  const root = tree.rootNode as unknown as SyntaxNode;
  return starred ? splatView(root, text, starred) : root;
}

/**
 * Parses successive versions of one document, each from the last: tree-sitter re-lexes only
 * around the edit and reuses the rest, ~1-2 ms instead of a full parse for a keystroke. The
 * session owns its trees: a tree it returns stays valid until the next parse() or dispose(),
 * and the tree's own dispose() does nothing.
 */
export interface ParseSession {
  parse(text: string): SyntaxTree;
  dispose(): void;
  /**
   * How many parses were incremental and how many from scratch, and how many incremental
   * attempts were stopped at a syntax error (for tests and tracing).
   */
  readonly counts: { incremental: number; full: number; stopped: number };
}

export function createParseSession(): ParseSession {
  /** The last tree, reusable as the base of the next parse when it is of `text` itself. */
  let base: { text: string; tree: TsTree; hasError: boolean } | null = null;
  /** The tree the last parse returned (the caller may still read it until the next parse). */
  let current: TsTree | null = null;
  let disposed = false;
  const counts = { incremental: 0, full: 0, stopped: 0 };

  const release = () => {
    if (current && current !== base?.tree) current.delete();
    base?.tree.delete();
    current = null;
    base = null;
  };

  /** An incremental parse from `from` (edited here), or null where it cannot be used. */
  const reparse = (from: { text: string; tree: TsTree }, text: string): TsTree | null => {
    from.tree.edit(editBetween(from.text, text));
    // Gives up as soon as every parse stack is in error recovery: such a tree is thrown away
    // below anyway, and recovery over reused nodes can cost more than a full parse.
    const p = requireParser();
    const tree = p.parse(text, from.tree, { progressCallback: (state) => state.hasError });
    if (!tree) {
      // A stopped parse would otherwise resume on the next call: the fallback's full parse.
      p.reset();
      counts.stopped++;
      return null;
    }
    // tree-sitter only promises the same tree as a fresh parse where error recovery did not
    // run: recovery depends on the parse history, which reused nodes shortcut. So a tree with
    // any error, which the starred workaround may also need to redo, is parsed afresh.
    if (tree.rootNode.hasError) {
      tree.delete();
      return null;
    }
    return tree;
  };

  return {
    counts,
    parse(text: string): SyntaxTree {
      if (disposed) return parsePython(text);
      let tree: TsTree | null = null;
      let starred: Set<number> | null = null;
      try {
        // While the text is broken the next version most likely is too, and an incremental
        // parse with errors costs a full one on top, so a broken base is not used.
        if (base && !base.hasError) tree = reparse(base, text);
        if (tree) counts.incremental++;
        else {
          counts.full++;
          ({ tree, starred } = parseFresh(text));
        }
      } finally {
        // The old trees go only once the new one exists (the parse reads the old tree; the
        // subtrees they share are reference-counted). On a throw they go too: the base may
        // be edited already and would no longer match its text.
        release();
      }
      current = tree;
      // A patched tree is of other text than the document's, so it cannot be the next base.
      if (!starred) base = { text, tree, hasError: tree.rootNode.hasError };
      return { rootNode: viewOf(tree, text, starred), dispose: () => undefined };
    },
    dispose(): void {
      disposed = true;
      release();
    },
  };
}

/** The one edit that turns `before` into `after`: everything between their common prefix and suffix. */
function editBetween(before: string, after: string): Edit {
  const limit = Math.min(before.length, after.length);
  let start = 0;
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Never split a surrogate pair: the edit starts at the character, not in its middle.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let suffix = 0;
  const maxSuffix = limit - start;
  while (suffix < maxSuffix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
  const oldEnd = before.length - suffix;
  const newEnd = after.length - suffix;
  const startPosition = pointAt(before, start);
  return {
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition,
    oldEndPosition: pointAfter(before, start, startPosition, oldEnd),
    newEndPosition: pointAfter(after, start, startPosition, newEnd),
  };
}

interface Edit {
  startIndex: number;
  oldEndIndex: number;
  newEndIndex: number;
  startPosition: Point;
  oldEndPosition: Point;
  newEndPosition: Point;
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

// web-tree-sitter takes and reports indices and columns in UTF-16 code units (it converts to
// the parser's UTF-16LE bytes itself), and a row ends at '\n' only: '\r' is a column.
function pointAt(text: string, index: number): Point {
  return pointAfter(text, 0, { row: 0, column: 0 }, index);
}

/** The point of `index`, counting on from `from` (whose point is `at`; text before it agrees). */
function pointAfter(text: string, from: number, at: Point, index: number): Point {
  let row = at.row;
  let lineStart = from - at.column;
  for (let i = text.indexOf('\n', from); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: index - lineStart };
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
