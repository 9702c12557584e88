// Placeholder client; the extension issue replaces this.
import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  client = new LanguageClient(
    'tensorlint',
    'TensorLint',
    { run: { module: serverModule, transport: TransportKind.ipc }, debug: { module: serverModule, transport: TransportKind.ipc } },
    { documentSelector: [{ language: 'python' }, { notebook: '*', language: 'python' }] },
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
