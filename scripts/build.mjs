// Bundles the extension client, the language server (+ its analysis worker) and the CLI
// into dist/. Type errors fail the build: tsc runs first unless --no-typecheck is given.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const args = new Set(process.argv.slice(2));

if (!args.has('--no-typecheck')) {
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '--noEmit', '-p', root], { stdio: 'inherit' });
  } catch {
    console.error('build: type errors, not bundling');
    process.exit(1);
  }
}

const entries = [
  { in: 'client/src/extension.ts', out: 'extension' },
  { in: 'server/src/main.ts', out: 'server' },
  { in: 'server/src/worker.ts', out: 'worker' },
  { in: 'bin/src/cli.ts', out: 'cli' },
].filter((e) => existsSync(path.join(root, e.in)));

mkdirSync(path.join(root, 'dist'), { recursive: true });
await build({
  absWorkingDir: root,
  entryPoints: entries.map((e) => ({ in: e.in, out: e.out })),
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: true,
  external: ['vscode'],
  logLevel: 'warning',
  minify: args.has('--minify'),
});

copyFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'), path.join(root, 'dist', 'tree-sitter.wasm'));
copyFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm'), path.join(root, 'dist', 'tree-sitter-python.wasm'));
console.log(`build: ${entries.map((e) => `dist/${e.out}.js`).join(', ')}`);
