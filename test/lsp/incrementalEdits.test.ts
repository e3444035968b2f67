/*
 * Edits sent as ranges (incremental sync) are re-analysed around the edit (core/incremental.ts via DraftCache); the
 * diagnostics and outline after any sequence of them must be exactly those of the final text opened afresh. Against
 * the BUILT server over stdio.
 */
import * as assert from 'assert';
import * as path from 'path';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileUri, LspTestClient, repoRoot, type Diagnostic } from './harness/lspClient';

const dir = path.join(repoRoot(), 'test', 'lsp', 'virtual');
const DRAFT = [
  'Draft decision',
  '',
  'I. General',
  '',
  '1. [Reaffirm] the goal of paragraph 3 [in full].\r',
  '',
  '2. Decide [to act/not to act]:',
  '(a) on [finance];',
  '(b) on [technology]. (Agreed)',
  '',
  '3. Recall paras 1 and 2.',
  '[Alt 1 3. Recall para 1.]',
  '[Alt 2 3. Recall the sectorâ€™s role.]',
  '',
  '4. [Urge Parties',
  '(a) to act;',
  '(b) to report.]',
  '',
].join('\n');

type Step = { find: string; replace: string; at?: 'after' };
/** Each edit as the text it finds and what it writes there, turned into a range change in the text of its moment. */
const steps: Step[][] = [
  [{ find: '[Reaffirm]', replace: 'Reaffirm' }],
  [{ find: '2. Decide', replace: '5. Decide' }],
  // Two changes in one version, the second in offsets of the text after the first.
  [{ find: 'I. General', replace: 'I. General provisions' }, { find: '3. Recall paras', replace: '3. Recall [paras' }],
  [{ find: '(b) on [technology]', replace: '(b) on [technology]\n\n6. New paragraph citing para 5.' }],
  [{ find: '[Urge Parties', replace: 'Urge Parties' }],
  [{ find: '\r', replace: '' }, { find: 'Draft decision\n', replace: '' }],
  [{ find: '(a) to act;', replace: '(a) to act [now;' }],
  [{ find: '[Alt 1 3. Recall para 1.]\n', replace: '' }],
];

function change(document: TextDocument, step: Step): TextDocumentContentChangeEvent {
  const start = document.getText().indexOf(step.find);
  assert.ok(start >= 0, `the draft no longer holds ${JSON.stringify(step.find)}`);
  return { range: { start: document.positionAt(start), end: document.positionAt(start + step.find.length) }, text: step.replace };
}

describe('language server: incremental edits', function () {
  this.timeout(60_000);
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ pullDiagnostics: true });
  });
  after(async () => {
    await client.shutdown();
  });

  it('after every version, diagnostics and outline equal those of the same text opened afresh', async () => {
    const uri = fileUri(path.join(dir, 'incremental-edited.treaty'));
    let document = TextDocument.create(uri, 'treaty', 1, DRAFT);
    await client.open(uri, DRAFT);
    // Ask once so that the server holds an analysis to re-analyse from.
    await client.diagnostics(uri);
    for (const [i, versionSteps] of steps.entries()) {
      const changes: TextDocumentContentChangeEvent[] = [];
      for (const step of versionSteps) {
        const c = change(document, step);
        changes.push(c);
        document = TextDocument.update(document, [c], document.version + 1);
      }
      const version = i + 2;
      await client.change(uri, version, changes);
      const fresh = fileUri(path.join(dir, `incremental-fresh-${i}.treaty`));
      await client.open(fresh, document.getText());
      const shown = (ds: Diagnostic[]) => ds.map((d) => `${String(d.code)}@${d.range.start.line}:${d.range.start.character} ${JSON.stringify(d.message)}`);
      assert.deepEqual(shown(await client.diagnostics(uri)), shown(await client.diagnostics(fresh)), `diagnostics after version ${version}`);
      const outline = (u: string) => client.request('textDocument/documentSymbol', { textDocument: { uri: u } });
      assert.deepEqual(await outline(uri), await outline(fresh), `outline after version ${version}`);
      await client.close(fresh);
    }
  });
});
