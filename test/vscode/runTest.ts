/*
 * `npm run test:vscode`: the in-editor suite (out/test/vscode/index.js) in a VS Code that @vscode/test-electron
 * downloads, for machines that can reach the download site. Where they cannot, `npm run test:editor` runs the same
 * suite in code-server. The workspace is a temporary copy of samples/, removed afterwards.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  // out/test/vscode/runTest.js → the repository root
  const root = path.resolve(__dirname, '..', '..', '..');
  const extensionTestsPath = path.join(__dirname, 'index.js');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'treaty-vscode-ws-'));
  fs.cpSync(path.join(root, 'samples'), workspace, { recursive: true });
  try {
    await runTests({
      version: process.env.VSCODE_VERSION || 'stable',
      extensionDevelopmentPath: root,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('The in-editor tests failed or could not run:', error instanceof Error ? error.message : error);
  process.exit(1);
});
