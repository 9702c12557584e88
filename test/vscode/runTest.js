// `npm run test:vscode`: runs the extension-host suite in a VS Code downloaded by
// @vscode/test-electron (needs internet; on machines without it use `npm run test:e2e`).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runTests } = require('@vscode/test-electron');

async function main() {
  const root = path.resolve(__dirname, '..', '..');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tensorlint-vscode-'));
  const workspace = path.join(scratch, 'workspace');
  fs.cpSync(path.join(root, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  const { bundleSuite } = await import('./bundle.mjs');
  const suite = await bundleSuite(path.join(scratch, 'suite', 'index.js'));
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: suite,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(scratch, 'user-data')],
    });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`test:vscode failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
