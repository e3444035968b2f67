/*
 * Pull diagnostics with result ids (LSP 3.17 `DocumentDiagnosticReport`), against the BUILT server over stdio. A
 * client re-asking with the id of its last answer is told `unchanged` while nothing the diagnostics depend on has
 * changed; an edit, a settings change, a change of a linked draft (on disk or in the editor), workspace trust, or the
 * draft being closed and opened again must each give a full report with a new id.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { fileUri, LspTestClient, repoRoot, type Diagnostic } from './harness/lspClient';

/** A folder that does not exist: these documents only ever live in the editor. */
const VIRTUAL_DIR = path.join(repoRoot(), 'test', 'lsp', 'virtual');
const HINT = 4;
const WARNING = 2;

let counter = 0;
function virtualUri(name: string): string {
  counter++;
  return fileUri(path.join(VIRTUAL_DIR, `results-${counter}-${name}`));
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function pull(client: LspTestClient, uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
  return client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri }, ...(previousResultId === undefined ? {} : { previousResultId }) });
}

/** The report must be full and carry an id; its items as `code@line:character`, and the id. */
function full(report: DocumentDiagnosticReport, what: string): { items: Diagnostic[]; shown: string[]; resultId: string } {
  assert.strictEqual(report.kind, 'full', `${what}: expected a full report, got ${JSON.stringify(report)}`);
  if (report.kind !== 'full') throw new Error('unreachable');
  assert.ok(typeof report.resultId === 'string' && report.resultId.length > 0, `${what}: a full report without a resultId: ${JSON.stringify(report).slice(0, 200)}`);
  return { items: report.items, shown: report.items.map((d) => `${String(d.code)}@${d.range.start.line}:${d.range.start.character}`), resultId: report.resultId };
}

function unchanged(report: DocumentDiagnosticReport, resultId: string, what: string): void {
  assert.deepStrictEqual(report, { kind: 'unchanged', resultId }, `${what}: expected unchanged with the same id`);
}

/** Waits until the server has asked for section 'treaty' more than `before` times, then for one round trip. */
async function settingsRead(client: LspTestClient, before: number): Promise<void> {
  const asked = () => client.configurationRequests.filter((items) => items.some((i) => i.section === 'treaty')).length;
  const deadline = Date.now() + 15_000;
  while (asked() <= before && Date.now() < deadline) await sleep(10);
  assert.ok(asked() > before, 'the server never asked workspace/configuration for the treaty section');
  // The answer to the configuration request is handled before the answer to this one is sent.
  await client.request('treaty/status', { textDocument: { uri: virtualUri('settle.treaty') } });
}

function treatyConfigurationRequests(client: LspTestClient): number {
  return client.configurationRequests.filter((items) => items.some((i) => i.section === 'treaty')).length;
}

describe('language server: pull diagnostics with result ids (LSP 3.17)', function () {
  this.timeout(30_000);

  describe('one draft', () => {
    let client: LspTestClient;
    before(async () => {
      client = await LspTestClient.start({ pullDiagnostics: true, configuration: {} });
      await settingsRead(client, 0);
    });
    after(async () => {
      await client?.shutdown();
    });

    it('re-pulling an unchanged draft is unchanged; an edit, then a settings change, give full reports with new ids', async () => {
      const uri = virtualUri('draft.treaty');
      await client.open(uri, '1. The Parties [shall] act.\n\n2. The Parties will cooperate.\n');

      const first = full(await pull(client, uri), 'first pull');
      assert.deepStrictEqual(first.shown, ['unresolved-bracket@0:15']);
      unchanged(await pull(client, uri, first.resultId), first.resultId, 're-pull with the id just given');
      unchanged(await pull(client, uri, first.resultId), first.resultId, 'and again');
      assert.deepStrictEqual(full(await pull(client, uri, 'not-an-id-of-this-server'), 'a foreign id').shown, first.shown);
      assert.deepStrictEqual(full(await pull(client, uri), 'no previous id').resultId, first.resultId, 'the same state has the same id');

      // An unclosed "[" in paragraph 2.
      await client.change(uri, 2, [{ range: { start: { line: 2, character: 15 }, end: { line: 2, character: 15 } }, text: '[' }]);
      const edited = full(await pull(client, uri, first.resultId), 'pull after an edit');
      assert.notStrictEqual(edited.resultId, first.resultId);
      assert.deepStrictEqual(edited.shown, ['unresolved-bracket@0:15', 'unclosed-bracket@2:15']);
      unchanged(await pull(client, uri, edited.resultId), edited.resultId, 're-pull after the edit');

      const before = treatyConfigurationRequests(client);
      await client.setConfiguration({ diagnostics: { 'unresolved-bracket': 'hint' } });
      await settingsRead(client, before);
      const configured = full(await pull(client, uri, edited.resultId), 'pull after a settings change');
      assert.notStrictEqual(configured.resultId, edited.resultId);
      assert.deepStrictEqual(configured.shown, edited.shown);
      assert.deepStrictEqual(
        configured.items.map((d) => [d.code, d.severity]),
        [
          ['unresolved-bracket', HINT],
          ['unclosed-bracket', 1],
        ],
      );
      unchanged(await pull(client, uri, configured.resultId), configured.resultId, 're-pull after the settings change');

      // Back to the defaults: the id must change again, not return to one the client may still hold.
      const again = treatyConfigurationRequests(client);
      await client.setConfiguration({});
      await settingsRead(client, again);
      const restored = full(await pull(client, uri, configured.resultId), 'pull after the settings are restored');
      assert.deepStrictEqual(restored.items.map((d) => d.severity), [WARNING, 1]);
      assert.ok(![first.resultId, edited.resultId, configured.resultId].includes(restored.resultId), restored.resultId);
    });

    it('a draft closed and opened again with other text at version 1 is not answered with the old id', async () => {
      const uri = virtualUri('reopened.treaty');
      await client.open(uri, '1. The Parties [shall] act.\n');
      const before = full(await pull(client, uri), 'before closing');
      assert.deepStrictEqual(before.shown, ['unresolved-bracket@0:15']);
      await client.close(uri);
      await client.open(uri, '1. The Parties act.\n');
      const after = full(await pull(client, uri, before.resultId), 'after opening again');
      assert.deepStrictEqual(after.shown, []);
      assert.notStrictEqual(after.resultId, before.resultId);
    });
  });

  describe('linked drafts and workspace trust', () => {
    const GENEVA = ['Geneva Declaration of Principles', '', '1. We declare.', '', '2. We recognize.', ''].join('\n');
    const GENEVA_WITH_99 = `${GENEVA}\n99. We add a paragraph.\n`;
    const MAIN = ['Draft outcome', '', '1. Recall paragraph 99 of the Geneva Declaration of Principles.', ''].join('\n');
    const DOCUMENTS = { documents: { 'Geneva Declaration of Principles': 'geneva.treaty' } };
    let tmp: string;
    let genevaFile: string;
    let mainUri: string;
    let genevaUri: string;

    beforeEach(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'treaty-results-'));
      genevaFile = path.join(tmp, 'geneva.treaty');
      fs.writeFileSync(genevaFile, GENEVA);
      fs.writeFileSync(path.join(tmp, 'main.treaty'), MAIN);
      mainUri = fileUri(path.join(tmp, 'main.treaty'));
      genevaUri = fileUri(genevaFile);
    });
    afterEach(() => {
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    const dangling = (items: Diagnostic[]) => items.filter((d) => d.code === 'dangling-reference').map((d) => d.message);
    const MISSING_99 = ['Geneva Declaration of Principles has no paragraph 99.'];

    it('a linked draft changing on disk, opening in the editor and being edited there each give a full report', async () => {
      const client = await LspTestClient.start({ pullDiagnostics: true, workspaceFolders: [tmp], configuration: DOCUMENTS });
      try {
        await settingsRead(client, 0);
        await client.open(mainUri, MAIN);
        const first = full(await pull(client, mainUri), 'first pull');
        assert.deepStrictEqual(dangling(first.items), MISSING_99);
        unchanged(await pull(client, mainUri, first.resultId), first.resultId, 're-pull');

        fs.writeFileSync(genevaFile, GENEVA_WITH_99);
        const onDisk = full(await pull(client, mainUri, first.resultId), 'after Geneva changed on disk');
        assert.deepStrictEqual(dangling(onDisk.items), []);
        unchanged(await pull(client, mainUri, onDisk.resultId), onDisk.resultId, 're-pull after the disk change');

        // The editor's text wins over the file: here it has no paragraph 99.
        await client.open(genevaUri, GENEVA);
        const opened = full(await pull(client, mainUri, onDisk.resultId), 'after Geneva was opened with other text');
        assert.deepStrictEqual(dangling(opened.items), MISSING_99);
        unchanged(await pull(client, mainUri, opened.resultId), opened.resultId, 're-pull after opening Geneva');

        await client.change(genevaUri, 2, [{ text: GENEVA_WITH_99 }]);
        const edited = full(await pull(client, mainUri, opened.resultId), 'after Geneva was edited in the editor');
        assert.deepStrictEqual(dangling(edited.items), []);
        unchanged(await pull(client, mainUri, edited.resultId), edited.resultId, 're-pull after the edit of Geneva');
      } finally {
        await client.shutdown();
      }
    });

    it('granting workspace trust gives a full report that reads the linked drafts', async () => {
      const client = await LspTestClient.start({ pullDiagnostics: true, workspaceFolders: [tmp], configuration: DOCUMENTS, initializationOptions: { trusted: false } });
      try {
        await settingsRead(client, 0);
        await client.open(mainUri, MAIN);
        const untrusted = full(await pull(client, mainUri), 'untrusted');
        assert.deepStrictEqual(dangling(untrusted.items), [], 'an untrusted workspace reads no other draft');
        unchanged(await pull(client, mainUri, untrusted.resultId), untrusted.resultId, 're-pull while untrusted');

        await client.notify('treaty/workspaceTrusted', {});
        const trusted = full(await pull(client, mainUri, untrusted.resultId), 'after trust was granted');
        assert.deepStrictEqual(dangling(trusted.items), MISSING_99);
      } finally {
        await client.shutdown();
      }
    });
  });
});
