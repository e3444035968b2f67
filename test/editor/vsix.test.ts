// The package, not the source tree: `npm run package` builds treaty-drafter.vsix; its zip central directory (read
// with node built-ins) must list only what the extension needs, well under 1 MB; then the .vsix is installed into a
// fresh code-server (`code-server --install-extension`), a draft is opened in the workbench through Playwright, and a
// diagnostic shows, served by the language server of the installed copy.
// Needs: bash scripts/editor/install-editor-host.sh.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { host, ROOT, type CodeServer } from './codeServerHost';

const ARTIFACTS = path.join(ROOT, '.test-artifacts');
const BUILTINS = new Set(builtinModules);
const MANIFEST = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; publisher: string; version: string; icon: string; scripts: Record<string, string> };

/** What the package must hold, and nothing else. */
const EXPECTED_FILES = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/LICENSE.txt',
  'extension/changelog.md',
  'extension/client/out/extension.js',
  'extension/images/icon.png',
  'extension/language-configuration.json',
  'extension/package.json',
  'extension/readme.md',
  'extension/server/out/server.js',
  'extension/syntaxes/treaty.tmLanguage.json',
];

const log = (...parts: unknown[]) => console.log('      ', ...parts);

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeader: number;
}

/** The entries of a zip archive, from its central directory (no ZIP64: a .vsix this small never needs it). */
function zipEntries(zip: Buffer): ZipEntry[] {
  const EOCD = 0x06054b50;
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  assert.ok(end >= 0, 'no end of central directory record: not a zip archive');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, `central directory entry ${i} is damaged`);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    entries.push({
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      localHeader: zip.readUInt32LE(at + 42),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** One entry's bytes (stored or deflated). */
function zipRead(zip: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localHeader;
  assert.equal(zip.readUInt32LE(at), 0x04034b50, `local header of ${entry.name} is damaged`);
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return Buffer.from(data);
  assert.equal(entry.method, 8, `${entry.name}: compression method ${entry.method}`);
  return zlib.inflateRawSync(data);
}

// The functions given to page.waitForFunction run in the browser; the repository compiles without the DOM library.
interface BrowserElement {
  textContent: string | null;
  complete?: boolean;
  naturalWidth?: number;
  querySelector(selector: string): BrowserElement | null;
}
declare const document: { querySelector(selector: string): BrowserElement | null; querySelectorAll(selector: string): ArrayLike<BrowserElement> };

describe('The .vsix package', function () {
  let tmp: string;
  let vsix: string | undefined;
  let zip: Buffer;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;

  before(function () {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'treaty-vsix-'));
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      await page.screenshot({ path: path.join(ARTIFACTS, 'vsix-failure.png') }).catch(() => undefined);
      log('failure screenshot: .test-artifacts/vsix-failure.png');
    }
  });

  after(async function () {
    this.timeout(30_000);
    await browser?.close().catch(() => undefined);
    server?.stop();
    if (server) fs.rmSync(server.tmp, { recursive: true, force: true });
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('npm run package builds it', function () {
    this.timeout(180_000);
    const out = /--out\s+(\S+)/.exec(MANIFEST.scripts.package)?.[1];
    assert.ok(out, `the package script names no --out file: ${MANIFEST.scripts.package}`);
    const built = path.resolve(ROOT, out);
    const existed = fs.existsSync(built);
    const started = Date.now();
    const run = spawnSync('npm', ['run', 'package'], { cwd: ROOT, encoding: 'utf8', timeout: 170_000, killSignal: 'SIGKILL' });
    const output = `${run.stdout}\n${run.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
    const hint = /Couldn't detect the repository/.test(output)
      ? '\n(vsce rewrites the README\'s relative links against a repository URL, and package.json names none: the package script needs --no-rewrite-relative-links, or --baseContentUrl/--baseImagesUrl, or a repository field)'
      : '';
    const tail = output.split('\n').filter((l) => l.trim() && !/npm warn Unknown (env|user) config/.test(l)).slice(-12).join('\n');
    assert.equal(run.status, 0, `npm run package failed (exit ${run.status}):\n${tail}${hint}`);
    assert.ok(fs.existsSync(built), `npm run package wrote no ${out}`);
    vsix = path.join(tmp, path.basename(built));
    fs.copyFileSync(built, vsix);
    if (!existed) fs.rmSync(built);
    log(`npm run package: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it('holds only what the extension needs, well under 1 MB', function () {
    assert.ok(vsix, 'no package: see the test before');
    zip = fs.readFileSync(vsix);
    const entries = zipEntries(zip);
    log(`${path.basename(vsix)}: ${zip.length} bytes (${(zip.length / 1024).toFixed(1)} KB), ${entries.length} files`);
    for (const e of [...entries].sort((a, b) => a.name.localeCompare(b.name))) log(`  ${String(e.size).padStart(8)}  ${e.name}`);
    assert.deepEqual(entries.map((e) => e.name).sort(), [...EXPECTED_FILES].sort());
    assert.ok(zip.length < 512 * 1024, `${zip.length} bytes: well under 1 MB means under 512 KB`);

    const read = (name: string) => zipRead(zip, entries.find((e) => e.name === name)!);
    const manifest = JSON.parse(read('extension/package.json').toString('utf8')) as typeof MANIFEST & { main: string };
    assert.equal(manifest.name, MANIFEST.name);
    assert.equal(manifest.version, MANIFEST.version);
    assert.equal(manifest.main, './client/out/extension.js');
    assert.equal(manifest.icon, 'images/icon.png');
    const vsixManifest = read('extension.vsixmanifest').toString('utf8');
    assert.match(vsixManifest, /<Icon>extension\/images\/icon\.png<\/Icon>/);
    assert.match(vsixManifest, new RegExp(`Id="${MANIFEST.name}"[^>]*Publisher="${MANIFEST.publisher}"|Publisher="${MANIFEST.publisher}"[^>]*Id="${MANIFEST.name}"`));
    // The icon: a 128×128 PNG, as generated by scripts/editor/make-icon.js.
    const icon = read('extension/images/icon.png');
    assert.equal(icon.subarray(1, 4).toString('ascii'), 'PNG');
    assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128]);
    // The bundles stand alone: no require of a dependency left outside them (only node built-ins and vscode).
    for (const bundle of ['extension/client/out/extension.js', 'extension/server/out/server.js']) {
      const code = read(bundle).toString('utf8');
      const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]).filter((m) => !m.startsWith('node:'));
      const outside = required.filter((m) => m !== 'vscode' && !BUILTINS.has(m.split('/')[0]));
      assert.deepEqual([...new Set(outside)], [], `${bundle} requires modules the package does not hold`);
    }
  });

  it('installs into a fresh code-server, which shows a diagnostic on a draft', async function () {
    this.timeout(180_000);
    assert.ok(vsix, 'no package: see the tests before');
    const started = Date.now();
    const extensionsDir = path.join(tmp, 'extensions');
    const userDataDir = path.join(tmp, 'install-user-data');
    const xdg = host.xdgDirs(path.join(tmp, 'install'));
    const installed = execFileSync(host.codeServerBinary(), ['--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir], {
      encoding: 'utf8',
      timeout: 60_000,
      killSignal: 'SIGKILL',
      env: { ...process.env, ...xdg },
    });
    const folderName = `${MANIFEST.publisher}.${MANIFEST.name}-${MANIFEST.version}`;
    log(`installed in ${Date.now() - started} ms: ${installed.trim().split('\n').pop()}`);
    const installedServer = path.join(extensionsDir, folderName, 'server', 'out', 'server.js');
    assert.ok(fs.existsSync(installedServer), `no ${folderName} in the extensions folder: ${fs.readdirSync(extensionsDir).join(', ')}`);

    const workspace = path.join(tmp, 'workspace');
    fs.mkdirSync(workspace);
    fs.copyFileSync(path.join(ROOT, 'samples', 'chair-statement.treaty'), path.join(workspace, 'chair-statement.treaty'));
    server = await host.startCodeServer({ folder: workspace, extensionsDir });
    browser = await host.launchBrowser(server.xdg);
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(30_000);
    // No extensionDevelopmentPath: the only Treaty Drafter this workbench knows is the installed package.
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page.waitForSelector('.statusbar');
    for (let attempt = 0; ; attempt++) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+P');
      if (await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 2000 }).then(() => true, () => false)) break;
      if (attempt >= 8) throw new Error('Quick Open did not show');
      await page.waitForTimeout(500);
    }
    await page.keyboard.type('chair-statement.treaty');
    await page.locator('.quick-input-list .monaco-list-row[aria-label*="chair-statement.treaty"]').first().waitFor();
    await page.keyboard.press('Enter');
    await page.waitForSelector('.monaco-editor .view-lines');
    await page.waitForFunction(() => /Treaty draft/.test(document.querySelector('#status\\.editor\\.mode')?.textContent ?? ''));
    await page.keyboard.press('Control+Shift+M');
    const expected = JSON.parse(fs.readFileSync(path.join(ROOT, 'samples', 'chair-statement.expected.json'), 'utf8')) as { diagnostics: Array<{ code: string; line: number; column: number }> };
    const first = expected.diagnostics[0];
    const row = page.locator('.markers-panel .monaco-list-row').filter({ hasText: `${first.code}` }).filter({ hasText: `[Ln ${first.line}, Col ${first.column}]` }).first();
    await row.waitFor({ timeout: 60_000 });
    log(`Problems row: ${(await row.innerText()).replace(/\s+/g, ' ').trim()}`);
    await page.waitForSelector('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning, .monaco-editor .squiggly-info');
    await page.screenshot({ path: path.join(ARTIFACTS, 'vsix-installed.png') });
    log(`diagnostic shown ${((Date.now() - started) / 1000).toFixed(1)} s after install began; screenshot .test-artifacts/vsix-installed.png`);
    // The Extensions view lists it, with its icon loaded from the package.
    await page.keyboard.press('Control+Shift+X');
    const item = page.locator('.extensions-viewlet .monaco-list-row').filter({ hasText: 'Treaty Drafter' }).first();
    await item.waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => {
      const row = Array.from(document.querySelectorAll('.extensions-viewlet .monaco-list-row')).find((r) => /Treaty Drafter/.test(r.textContent ?? ''));
      const img = row?.querySelector('img.icon');
      return !!img && img.complete && img.naturalWidth === 128;
    });
    log(`Extensions view: ${(await item.innerText()).replace(/\s+/g, ' ').trim()}`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'vsix-extensions-view.png') });
    // The language server that answered runs from the installed copy.
    const servers = fs
      .readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .map((p) => {
        try {
          return fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').join(' ');
        } catch {
          return '';
        }
      })
      .filter((cmd) => cmd.includes(installedServer));
    assert.ok(servers.length > 0, `no language server process runs ${installedServer}`);
    log(`language server: ${servers[0].slice(0, 200)}`);
  });
});
