// Integration tests that run inside a real VS Code extension host (the `run()` contract of
// @vscode/test-electron). The E2E driver loads them into code-server through the smoke-test
// payload; test/vscode/runTest.js loads them into a downloaded VS Code. The workspace is a copy
// of test/e2e/workspace.
import { runTests } from './harness';
import { extensionTests } from './extension.itest';
import { editorTests } from './editor.itest';
import { runCellTests } from './runCell.itest';
import { notebookTests } from './notebook.itest';

export async function run(): Promise<void> {
  const { failed } = await runTests([...extensionTests, ...editorTests, ...runCellTests, ...notebookTests]);
  if (failed > 0) throw new Error(`${failed} TensorLint integration test(s) failed`);
}
