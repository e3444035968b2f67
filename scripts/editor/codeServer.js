// A real VS Code on a machine with no internet: code-server (VS Code 1.100 as a server, real node extension host)
// driven by Debian's chromium through playwright-core. Shared by the in-editor suite runner, the UI test and the
// packaging test. Learned from ../shared/vscode-host/run-ext-tests.js; the project does not depend on ../shared.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');

/** The code-server binary: $CODE_SERVER, or the one scripts/editor/install-editor-host.sh put in .editor-host. */
function codeServerBinary() {
  const bin = process.env.CODE_SERVER || path.join(ROOT, '.editor-host', 'node_modules', '.bin', 'code-server');
  if (!fs.existsSync(bin)) throw new Error(`code-server not found at ${bin}: run bash scripts/editor/install-editor-host.sh`);
  return bin;
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts a fresh code-server on a free loopback port with its own user data, extensions and XDG folders, workspace
 * trust and the welcome page off. Options: folder (the workspace), extensionsDir (to reuse one with an installed
 * .vsix), settings (user settings), env (extra environment for the server and its extension host).
 * Returns { url, port, folder, tmp, userDataDir, extensionsDir, output(), stop() }.
 */
async function startCodeServer(options = {}) {
  const bin = codeServerBinary();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'treaty-cs-'));
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = options.extensionsDir || path.join(tmp, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({
      'security.workspace.trust.enabled': false,
      'workbench.startupEditor': 'none',
      'telemetry.telemetryLevel': 'off',
      'extensions.autoUpdate': false,
      'extensions.autoCheckUpdates': false,
      'files.hotExit': 'off',
      'update.mode': 'none',
      'workbench.tips.enabled': false,
      ...(options.settings || {}),
    }),
  );
  fs.writeFileSync(path.join(tmp, 'config.yaml'), 'auth: none\ncert: false\n');
  const folder = options.folder || fs.mkdtempSync(path.join(tmp, 'workspace-'));
  const port = await freePort();
  const xdg = xdgDirs(tmp);
  const server = spawn(
    bin,
    ['--config', path.join(tmp, 'config.yaml'), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
      '--disable-getting-started-override', folder],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, ...xdg, ...(options.env || {}) } },
  );
  let output = '';
  server.stdout.on('data', (d) => (output += d));
  server.stderr.on('data', (d) => (output += d));
  const stop = () => {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {}
  };
  const started = Date.now();
  while (!/HTTP server listening|Extension host agent listening/.test(output)) {
    if (server.exitCode !== null || Date.now() - started > 60_000) {
      stop();
      throw new Error(`code-server did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `http://127.0.0.1:${port}`, port, folder, tmp, userDataDir, extensionsDir, output: () => output, stop, xdg };
}

function xdgDirs(tmp) {
  return { XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'), XDG_DATA_HOME: path.join(tmp, 'xdg-data'), XDG_CACHE_HOME: path.join(tmp, 'xdg-cache') };
}

/** Debian's chromium, headless, with the flags this closed network needs. */
async function launchBrowser(xdg) {
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    env: { ...process.env, ...(xdg || {}) },
  });
}

/** The workbench URL that runs an extension from source and a test module in the extension host (the test-electron contract). */
function extensionTestUrl(host, extensionPath, testsPath, folder) {
  const auth = new URL(host).host;
  const payload = [['extensionDevelopmentPath', `vscode-remote://${auth}${extensionPath}`], ['extensionTestsPath', `vscode-remote://${auth}${testsPath}`]];
  return `${host}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

module.exports = { ROOT, codeServerBinary, startCodeServer, launchBrowser, extensionTestUrl, xdgDirs };
