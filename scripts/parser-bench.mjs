// Measures the two Python parsers TensorLint considered (docs/parser-choice.md has the results):
// web-tree-sitter + tree-sitter-python (chosen) and @lezer/python, on real torch / torchvision
// sources when they are installed (Debian: python3-torch, python3-torchvision).
//   node scripts/parser-bench.mjs [--json] [files...]
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const args = process.argv.slice(2);
const asJson = args.includes('--json');
const DEFAULT_FILES = [
  '/usr/lib/python3/dist-packages/torch/nn/functional.py',
  '/usr/lib/python3/dist-packages/torchvision/models/resnet.py',
  '/usr/lib/python3/dist-packages/torchvision/models/vision_transformer.py',
  '/usr/lib/python3/dist-packages/torchvision/models/swin_transformer.py',
];
const files = (args.filter((a) => !a.startsWith('--')).length ? args.filter((a) => !a.startsWith('--')) : DEFAULT_FILES).filter((f) => fs.existsSync(f));
if (files.length === 0) {
  console.error('parser-bench: no input files (install python3-torch / python3-torchvision or pass files)');
  process.exit(2);
}
const RUNS = 15;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(fn, runs = RUNS) {
  fn(); // warm-up: JIT and, for tree-sitter, WASM tiering
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/** A one-character edit in the middle of the file: an identifier letter doubled. */
function oneCharEdit(text) {
  const at = text.indexOf('return ', Math.floor(text.length / 2)) + 7;
  return { at, text: text.slice(0, at) + 'x' + text.slice(at) };
}

/** Half-typed code: in the middle function, the last call line (a `return f(...)`, outside any
 * docstring) (or `y = f(...)`) is cut just after `f(x, dim=`, as when someone is still typing it. */
function halfTyped(text) {
  const defs = [...text.matchAll(/^(?:def|class) \w+/gm)].map((m) => m.index);
  const order = defs.map((_, i) => (i + Math.floor(defs.length / 2)) % defs.length);
  let middle = 0;
  let calls = [];
  for (middle of order) {
    const body = text.slice(defs[middle], defs[middle + 1] ?? text.length);
    // Only calls complete on one line, so the cut leaves the rest of the file intact.
    calls = [...body.matchAll(/^ {4,12}(?:return |\w+ = )[\w.]+\(.*\)[ \t]*$/gm)].filter((m) => m[0].split('(').length === m[0].split(')').length);
    if (calls.length > 0) break;
  }
  if (calls.length === 0) throw new Error('no call line to break');
  const call = calls[calls.length - 1];
  const lineStart = defs[middle] + call.index;
  const cut = text.indexOf('(', lineStart) + 1;
  const broken = text.slice(0, cut) + 'x, dim=' + text.slice(text.indexOf('\n', cut));
  const defsAfter = defs.filter((d) => d > cut).length;
  return { broken, defsAfter, errorAt: cut, line: text.slice(lineStart, text.indexOf('\n', lineStart)).trim() };
}

// ---- tree-sitter ----------------------------------------------------------------------------
const TreeSitter = require('web-tree-sitter');
let start = performance.now();
await TreeSitter.Parser.init({ locateFile: () => require.resolve('web-tree-sitter/tree-sitter.wasm') });
const language = await TreeSitter.Language.load(fs.readFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm')));
const tsParser = new TreeSitter.Parser();
tsParser.setLanguage(language);
const tsInitMs = performance.now() - start;

function tsErrors(tree) {
  let count = 0;
  const cursor = tree.walk();
  let done = false;
  while (!done) {
    const node = cursor.currentNode;
    if (node.type === 'ERROR' || node.isMissing) count++;
    if (node.hasError && cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        done = true;
        break;
      }
    }
  }
  return count;
}

function tsAnyDefsAfter(tree, offset) {
  return tree.rootNode.descendantsOfType('function_definition').filter((n) => n.startIndex > offset).length;
}

function tsTopDefsAfter(tree, offset) {
  // Definitions that survive as function_definition nodes at module level after the error.
  return tree.rootNode.namedChildren.filter((n) => (n.type === 'function_definition' || n.type === 'decorated_definition') && n.startIndex > offset).length;
}

function pointAt(text, index) {
  const before = text.slice(0, index);
  const row = (before.match(/\n/g) ?? []).length;
  return { row, column: index - before.lastIndexOf('\n') - 1 };
}

// ---- lezer ----------------------------------------------------------------------------------
const lezerPython = require('@lezer/python');
const { TreeFragment } = require('@lezer/common');
start = performance.now();
const lzParser = lezerPython.parser;
lzParser.parse('x = 1\n');
const lzInitMs = performance.now() - start;

function lzErrors(tree) {
  let count = 0;
  tree.iterate({ enter: (node) => { if (node.type.isError) count++; } });
  return count;
}

function lzAnyDefsAfter(tree, offset) {
  let count = 0;
  tree.iterate({ enter: (node) => { if (node.name === 'FunctionDefinition' && node.from > offset) count++; } });
  return count;
}

function lzTopDefsAfter(tree, offset) {
  let count = 0;
  const cursor = tree.topNode.cursor();
  if (cursor.firstChild()) {
    do {
      if ((cursor.name === 'FunctionDefinition' || cursor.name === 'DecoratedStatement') && cursor.from > offset) count++;
    } while (cursor.nextSibling());
  }
  return count;
}

// ---- measurements -----------------------------------------------------------------------------
const results = [];
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n').length;
  const edit = oneCharEdit(text);
  const half = halfTyped(text);

  const tsFull = time(() => tsParser.parse(text).delete());
  const tsOld = tsParser.parse(text);
  const tsIncremental = time(() => {
    const old = tsOld.copy();
    const p = pointAt(text, edit.at);
    old.edit({ startIndex: edit.at, oldEndIndex: edit.at, newEndIndex: edit.at + 1, startPosition: p, oldEndPosition: p, newEndPosition: { row: p.row, column: p.column + 1 } });
    tsParser.parse(edit.text, old).delete();
    old.delete();
  });
  const tsValid = tsParser.parse(text);
  const tsBroken = tsParser.parse(half.broken);
  const ts = {
    fullParseMs: tsFull,
    incrementalMs: tsIncremental,
    falseErrorsOnValid: tsErrors(tsValid),
    errorNodesHalfTyped: tsErrors(tsBroken),
    defsAfterErrorSurvive: `${tsTopDefsAfter(tsBroken, half.errorAt)}/${half.defsAfter}`,
    functionsAfterErrorAnywhere: `${tsAnyDefsAfter(tsBroken, half.errorAt)}/${tsAnyDefsAfter(tsValid, half.errorAt)}`,
  };
  [tsOld, tsValid, tsBroken].forEach((t) => t.delete());

  const lzFull = time(() => lzParser.parse(text));
  const lzOld = lzParser.parse(text);
  const lzFragments = TreeFragment.addTree(lzOld);
  const lzIncremental = time(() => {
    const fragments = TreeFragment.applyChanges(lzFragments, [{ fromA: edit.at, toA: edit.at, fromB: edit.at, toB: edit.at + 1 }]);
    lzParser.parse(edit.text, fragments);
  });
  const lzBroken = lzParser.parse(half.broken);
  const lz = {
    fullParseMs: lzFull,
    incrementalMs: lzIncremental,
    falseErrorsOnValid: lzErrors(lzOld),
    errorNodesHalfTyped: lzErrors(lzBroken),
    defsAfterErrorSurvive: `${lzTopDefsAfter(lzBroken, half.errorAt)}/${half.defsAfter}`,
    functionsAfterErrorAnywhere: `${lzAnyDefsAfter(lzBroken, half.errorAt)}/${lzAnyDefsAfter(lzOld, half.errorAt)}`,
  };
  results.push({ file: path.relative('/usr/lib/python3/dist-packages', file), lines, brokenLine: half.line, treeSitter: ts, lezer: lz });
}

// Bundling: what esbuild makes of each library for a CommonJS Node bundle like dist/cli.js.
async function bundleSize(contents) {
  const out = await build({ stdin: { contents, resolveDir: root }, bundle: true, platform: 'node', format: 'cjs', write: false, minify: true, logLevel: 'silent' });
  return out.outputFiles[0].contents.length;
}
const bundling = {
  treeSitterJsBytes: await bundleSize("require('web-tree-sitter')"),
  treeSitterWasmBytes: fs.statSync(require.resolve('web-tree-sitter/tree-sitter.wasm')).size + fs.statSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm')).size,
  lezerJsBytes: await bundleSize("require('@lezer/python')"),
};

const report = { node: process.version, runs: RUNS, init: { treeSitterMs: tsInitMs, lezerMs: lzInitMs }, results, bundling };
if (asJson) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const ms = (v) => v.toFixed(2);
  console.log(`Node ${process.version}, median of ${RUNS} runs; init tree-sitter ${ms(tsInitMs)} ms, lezer ${ms(lzInitMs)} ms`);
  console.log('| file | lines | parser | full parse ms | 1-char reparse ms | errors on valid file | error nodes, half-typed | later top-level defs kept | later functions found anywhere |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    for (const [name, m] of [['tree-sitter', r.treeSitter], ['lezer', r.lezer]]) {
      console.log(`| ${r.file} | ${r.lines} | ${name} | ${ms(m.fullParseMs)} | ${ms(m.incrementalMs)} | ${m.falseErrorsOnValid} | ${m.errorNodesHalfTyped} | ${m.defsAfterErrorSurvive} | ${m.functionsAfterErrorAnywhere} |`);
    }
  }
  for (const r of results) console.log(`half-typed ${r.file}: cut \`${r.brokenLine}\` after its first \"(\"`);
  const kb = (b) => `${(b / 1024).toFixed(0)} KiB`;
  console.log(`bundle (esbuild, minified cjs): tree-sitter JS ${kb(bundling.treeSitterJsBytes)} + WASM ${kb(bundling.treeSitterWasmBytes)}; lezer JS ${kb(bundling.lezerJsBytes)}`);
}
