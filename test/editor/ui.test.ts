// What a delegate does in VS Code, driven through the real workbench: code-server (VS Code as a server, the real node
// extension host) with the extension loaded from this source tree, Debian's chromium through playwright-core. On a
// temporary copy of samples/outcome-document.treaty: open the draft, see the squiggle of the unclosed bracket, read the
// Problems panel, hover a reference, open the negotiation status view, pick "Keep Alt 2 of paragraph 58" from the
// quick-fix menu, save and read the file. Screenshots go to .test-artifacts/; with UPDATE_SCREENSHOTS=1 the editor
// screenshot also replaces docs/images/editor.png (the README's picture).
// Needs: bash scripts/editor/install-editor-host.sh, npm run build.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { host, ROOT, type CodeServer } from './codeServerHost';

const ARTIFACTS = path.join(ROOT, '.test-artifacts');
const SAMPLE = 'outcome-document.treaty';

/** The workbench URL that loads the extension from a folder of the server's machine (no test module: a user drives it). */
function developmentUrl(base: string, extensionPath: string, folder: string): string {
  const authority = new URL(base).host;
  const payload = [['extensionDevelopmentPath', `vscode-remote://${authority}${extensionPath}`]];
  return `${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

const log = (...parts: unknown[]) => console.log('      ', ...parts);

// The functions given to page.waitForFunction run in the browser; the repository compiles without the DOM library.
interface BrowserElement {
  textContent: string | null;
  getBoundingClientRect(): { left: number; right: number; top: number; bottom: number };
}
declare const document: { querySelector(selector: string): BrowserElement | null; querySelectorAll(selector: string): ArrayLike<BrowserElement> };

describe('VS Code (code-server): a delegate works on a draft', function () {
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let workspace: string;
  let draftPath: string;
  let original: string;
  const t0 = Date.now();
  const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

  before(async function () {
    this.timeout(120_000);
    for (const built of ['client/out/extension.js', 'server/out/server.js']) {
      if (!fs.existsSync(path.join(ROOT, built))) throw new Error(`${built} is missing: run npm run build`);
    }
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    // The workspace folder's name shows in the Explorer (and in the README's picture).
    workspace = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'treaty-ui-ws-')), 'drafts');
    fs.mkdirSync(workspace);
    draftPath = path.join(workspace, SAMPLE);
    fs.copyFileSync(path.join(ROOT, 'samples', SAMPLE), draftPath);
    original = fs.readFileSync(draftPath, 'utf8');
    server = await host.startCodeServer({
      folder: workspace,
      settings: {
        'editor.wordWrap': 'on',
        'editor.minimap.enabled': false,
        'editor.stickyScroll.enabled': false,
        'editor.hover.delay': 100,
        'files.autoSave': 'off',
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'chat.commandCenter.enabled': false,
        'window.commandCenter': false,
      },
    });
    log(`code-server up at ${server.url} (${elapsed()})`);
    browser = await host.launchBrowser(server.xdg);
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(30_000);
    page.on('console', (m) => {
      if (m.type() === 'error' && /treaty/i.test(m.text())) log('[browser]', m.text().slice(0, 300));
    });
    await page.goto(developmentUrl(server.url, ROOT, workspace));
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page.waitForSelector('.statusbar', { timeout: 30_000 });
    log(`workbench up (${elapsed()})`);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      const shot = path.join(ARTIFACTS, `ui-failure-${this.currentTest.title.replace(/[^\w]+/g, '-').slice(0, 60)}.png`);
      await page.screenshot({ path: shot }).catch(() => undefined);
      log(`failure screenshot: ${path.relative(ROOT, shot)}`);
    }
  });

  after(async function () {
    this.timeout(30_000);
    await browser?.close().catch(() => undefined);
    server?.stop();
    if (workspace) fs.rmSync(path.dirname(workspace), { recursive: true, force: true });
    if (server) fs.rmSync(server.tmp, { recursive: true, force: true });
  });

  /** Quick Open (Ctrl+P), retried: the workbench may still take the focus for a moment after it loads. */
  async function openFile(name: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+P');
      const shown = await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 2000 }).then(() => true, () => false);
      if (shown) break;
      if (attempt >= 8) throw new Error('Quick Open did not show');
      await page.waitForTimeout(500);
    }
    await page.keyboard.type(name);
    await page.locator(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`).first().waitFor();
    await page.keyboard.press('Enter');
    await page.waitForSelector(`.tabs-container .tab.active[aria-label*="${name}"]`);
    await page.waitForSelector('.monaco-editor .view-lines');
  }

  /** Go to Line/Column (Ctrl+G), 1-based as the user types it. */
  async function goTo(line: number, column: number): Promise<void> {
    await page.keyboard.press('Control+1');
    await page.keyboard.press('Control+G');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type(`${line}:${column}`);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.quick-input-widget', { state: 'hidden' });
    await page.waitForFunction(
      ([l, c]) => new RegExp(`Ln ${l}, Col ${c}\\b`).test(document.querySelector('#status\\.editor\\.selection')?.textContent ?? ''),
      [line, column] as const,
    );
  }

  /** Runs a command from the command palette (F1), as a user does. */
  async function runCommand(title: string): Promise<void> {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type(title);
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title.replace(/^.*?: /, '') }).first().waitFor();
    await page.keyboard.press('Enter');
  }

  async function hoverAtCursor(expected: RegExp): Promise<string> {
    await page.keyboard.press('Escape');
    for (let attempt = 0; ; attempt++) {
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      const hover = page.locator('.monaco-hover-content').filter({ hasText: expected }).first();
      const shown = await hover.waitFor({ timeout: 10_000 }).then(() => true, () => false);
      if (shown) return (await page.locator('.monaco-hover-content').allInnerTexts()).join('\n---\n');
      if (attempt >= 2) {
        const seen = await page.locator('.monaco-hover-content').allInnerTexts();
        throw new Error(`no hover matching ${expected}; hovers shown: ${JSON.stringify(seen)}`);
      }
      await page.keyboard.press('Escape');
    }
  }

  it('opens the draft as a treaty draft and underlines the unclosed bracket', async function () {
    await openFile(SAMPLE);
    await page.waitForFunction(() => /Treaty draft/.test(document.querySelector('#status\\.editor\\.mode')?.textContent ?? ''));
    log(`draft open in Treaty draft mode (${elapsed()})`);
    // Paragraph 15: "…financial institutions to [scale up" on line 62, the "[" at column 68, never closed.
    assert.equal(original.split('\n')[61].indexOf('[scale up'), 67);
    await goTo(62, 68);
    await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 60_000 });
    // The squiggle under the cursor's line, at the cursor: the one of the unclosed bracket.
    const cursor = await page.locator('.monaco-editor .cursors-layer .cursor').first().boundingBox();
    assert.ok(cursor);
    await page.waitForFunction(
      ({ x, y }) =>
        Array.from(document.querySelectorAll('.monaco-editor .squiggly-error')).some((e) => {
          const r = e.getBoundingClientRect();
          return r.left - 2 <= x && x <= r.right + 2 && r.top - 20 <= y && y <= r.bottom + 4;
        }),
      { x: cursor.x, y: cursor.y + cursor.height / 2 },
    );
    log(`squiggle under the unclosed bracket (${elapsed()})`);
    const hover = await hoverAtCursor(/never closed/);
    assert.match(hover, /'\[' is never closed; for the rest of the analysis it is closed at the end of paragraph 15/);
    await page.keyboard.press('Escape');
  });

  it('lists unclosed-bracket and unresolved-bracket in the Problems panel', async function () {
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    // The panel fills after the squiggles: wait on the panel itself. Errors come first, then the warnings.
    await rows.filter({ hasText: 'unclosed-bracket' }).first().waitFor({ timeout: 30_000 });
    await rows.filter({ hasText: 'unresolved-bracket' }).first().waitFor({ timeout: 30_000 });
    const texts = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    log(`Problems panel (${texts.length} rows rendered, ${elapsed()}):`);
    for (const t of texts.slice(0, 8)) log('  ', t.slice(0, 150));
    const unclosed = texts.find((t) => t.includes('unclosed-bracket'));
    assert.ok(unclosed);
    assert.match(unclosed, /'\[' is never closed/);
    assert.match(unclosed, /\[Ln 62, Col 68\]/);
    assert.ok(texts.some((t) => /Unresolved bracket .*unresolved-bracket/.test(t)));
    assert.ok(texts.some((t) => t.includes('unmatched-bracket') && /\[Ln 131, Col 179\]/.test(t)));
    // The file's row counts every diagnostic the sample expects.
    const expected = JSON.parse(fs.readFileSync(path.join(ROOT, 'samples', 'outcome-document.expected.json'), 'utf8')) as { diagnostics: unknown[] };
    assert.equal(texts[0], `${SAMPLE} ${expected.diagnostics.length}`);

    // The picture of the README: the draft with its squiggles, the mouse over the unclosed bracket showing its
    // problem, the Problems panel below.
    await goTo(62, 68);
    await goTo(60, 1);
    const cursor = await page.locator('.monaco-editor .cursors-layer .cursor').first().boundingBox();
    assert.ok(cursor);
    const squiggles = await page.locator('.monaco-editor .squiggly-error').evaluateAll((elements) =>
      elements.map((e) => {
        const r = e.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }),
    );
    // Line 62 is two wrapped lines of paragraph 14 and a blank line below line 60's start: the lowest squiggle
    // in view at most ~5 lines down is the bracket's.
    const bracket = squiggles.filter((q) => q.y > cursor.y && q.y < cursor.y + cursor.height * 6).sort((a, b) => a.y - b.y)[0];
    assert.ok(bracket, `no error squiggle below line 60: ${JSON.stringify(squiggles)}`);
    await page.mouse.move(bracket.x, bracket.y);
    await page.locator('.monaco-hover-content').filter({ hasText: 'never closed' }).first().waitFor({ timeout: 15_000 });
    await page.waitForTimeout(300);
    const shot = path.join(ARTIFACTS, 'editor-diagnostics.png');
    await page.screenshot({ path: shot });
    log(`screenshot: ${path.relative(ROOT, shot)}`);
    if (process.env.UPDATE_SCREENSHOTS === '1') {
      const docs = path.join(ROOT, 'docs', 'images', 'editor.png');
      fs.mkdirSync(path.dirname(docs), { recursive: true });
      fs.copyFileSync(shot, docs);
      log(`UPDATE_SCREENSHOTS=1: copied to ${path.relative(ROOT, docs)}`);
    }
    await page.mouse.move(5, 450);
    await page.keyboard.press('Escape');
  });

  it('hovers "paragraph 45 (b)" and reads the target sub-paragraph', async function () {
    const line = original.split('\n')[177];
    const column = line.indexOf('paragraph 45 (b)');
    assert.ok(column >= 0, 'line 178 of the sample no longer refers to paragraph 45 (b)');
    await goTo(178, column + 1 + 'paragraph '.length);
    const hover = await hoverAtCursor(/protect the public core/);
    log(`hover: ${JSON.stringify(hover.slice(0, 200))}`);
    assert.match(hover, /Paragraph 45 \(b\)/);
    assert.match(hover, /protect the public core of the Internet against activities that could undermine its general availability or integrity/);
    await page.keyboard.press('Escape');
  });

  it('shows the negotiation status view (Treaty: Show Negotiation Status)', async function () {
    await page.keyboard.press('Control+1');
    // Room for the view: hide the side bar and the panel (the next test opens the Problems panel again).
    await page.keyboard.press('Control+B');
    await page.keyboard.press('Control+J');
    await page.waitForSelector('.part.sidebar', { state: 'hidden' });
    await page.waitForSelector('.part.panel', { state: 'hidden' });
    await runCommand('Treaty: Show Negotiation Status');
    await page.waitForSelector('.tabs-container .tab[aria-label*="Negotiation Status"]');
    // A webview: an iframe holding the active frame with the extension's HTML.
    const body = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('body');
    await body.locator('h2', { hasText: `Negotiation status: ${SAMPLE}` }).waitFor({ timeout: 30_000 });
    const legend = await body.locator('.legend').innerText();
    log(`status view legend: ${legend}`);
    assert.match(legend, /agreed 21/);
    assert.match(legend, /open 33/);
    assert.match(legend, /pending 8/);
    const rows = await body.locator('tr.row').count();
    assert.ok(rows >= 6, `${rows} sections in the status view`);
    await page.waitForTimeout(300);
    const shot = path.join(ARTIFACTS, 'negotiation-status.png');
    await page.screenshot({ path: shot });
    log(`screenshot: ${path.relative(ROOT, shot)}`);
  });

  it('keeps Alt 2 of paragraph 58 from the quick-fix menu (Ctrl+.), saves, and the file holds the result', async function () {
    const lines = original.split('\n');
    assert.equal(lines[219].slice(0, 10), '[Alt 1 58.');
    await goTo(220, 3);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+.');
    const rows = page.locator('.action-widget .monaco-list-row');
    const keep = rows.filter({ hasText: 'Keep Alt 2 of paragraph 58' }).first();
    await keep.waitFor({ timeout: 30_000 });
    const menu = (await rows.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
    log(`quick-fix menu: ${JSON.stringify(menu)}`);
    for (const title of ['Keep the original of paragraph 58', 'Keep Alt 1 of paragraph 58', 'Keep Alt 2 of paragraph 58']) {
      assert.ok(menu.some((t) => t.includes(title)), `"${title}" missing from the menu`);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'quick-fix-menu.png') });
    // Walk the keyboard focus down to the action, as a user does, then apply it.
    for (let i = 0; i < menu.length + 2; i++) {
      const focused = await page.locator('.action-widget .monaco-list-row.focused').innerText().catch(() => '');
      if (focused.includes('Keep Alt 2 of paragraph 58')) break;
      await page.keyboard.press('ArrowDown');
    }
    assert.match(await page.locator('.action-widget .monaco-list-row.focused').innerText(), /Keep Alt 2 of paragraph 58/);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.action-widget .monaco-list-row', { state: 'detached' }).catch(() => undefined);
    // The tab turns dirty once the edit is applied; save it.
    await page.waitForSelector(`.tabs-container .tab.dirty[aria-label*="${SAMPLE}"]`);
    await page.keyboard.press('Control+S');
    await page.waitForSelector(`.tabs-container .tab.dirty[aria-label*="${SAMPLE}"]`, { state: 'detached' });

    const expected = [
      ...lines.slice(0, 217),
      '58. We request the Secretary-General to explore, in consultation with',
      lines[222],
      lines[223],
      'eighty-second session.',
      ...lines.slice(225),
    ].join('\n');
    let saved = '';
    for (let i = 0; i < 50 && saved !== expected; i++) {
      saved = fs.readFileSync(draftPath, 'utf8');
      if (saved !== expected) await new Promise((r) => setTimeout(r, 100));
    }
    if (saved !== expected) {
      const a = saved.split('\n');
      const b = expected.split('\n');
      const first = a.findIndex((l, i) => l !== b[i]);
      assert.fail(`the saved draft differs from the expected one from line ${first + 1}:\n${a.slice(first - 2, first + 6).join('\n')}\n--- expected ---\n${b.slice(first - 2, first + 6).join('\n')}`);
    }
    log(`Alt 2 kept and saved (${elapsed()})`);
    // The alternatives' squiggles left with them: no unresolved-bracket on lines 218–225 any more.
    await page.keyboard.press('Control+Shift+M');
    await page.waitForFunction(() => !Array.from(document.querySelectorAll('.markers-panel .monaco-list-row')).some((r) => /Unresolved bracket \[Alt\.? [12] 58\./.test(r.textContent ?? '')));
  });
});
