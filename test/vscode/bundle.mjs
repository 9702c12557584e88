// Bundles the extension-host suite (test/vscode/suite/index.ts) into one CommonJS file that a
// VS Code extension host can load as extensionTestsPath. Usage: node bundle.mjs OUTFILE
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export async function bundleSuite(outfile) {
  await build({
    entryPoints: [path.join(here, 'suite', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode'],
    logLevel: 'warning',
  });
  return outfile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: node test/vscode/bundle.mjs OUTFILE');
    process.exit(2);
  }
  await bundleSuite(path.resolve(out));
  console.log(`bundled the extension-host suite to ${out}`);
}
