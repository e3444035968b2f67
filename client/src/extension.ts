import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** Starts the bundled language server over IPC for treaty drafts; everything else lives in the server. */
export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'treaty' }],
    synchronize: { configurationSection: 'treaty' },
  };
  client = new LanguageClient('treaty', 'Treaty Drafter', serverOptions, clientOptions);
  context.subscriptions.push(client);
  await client.start();

}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
