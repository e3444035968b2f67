/*
 * A request sent right after an edit, before the server could have answered anything in between, is answered for the
 * new version: its positions are read in the new text and its edits name the new version, so a client can never
 * apply them to the wrong one. An action offered for an older version is refused when resolved or run. Against the
 * BUILT server over stdio.
 */
import * as assert from 'assert';
import * as path from 'path';
import type { CodeAction, WorkspaceEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileUri, LspTestClient, repoRoot } from './harness/lspClient';

const dir = path.join(repoRoot(), 'test', 'lsp', 'virtual');
const DRAFT = '1. We [reaffirm] the goal.\n\n2. Recall paragraph 1.\n\n3. Note paragraph 2.\n';
let counter = 0;
const uriOf = (name: string) => fileUri(path.join(dir, `stale-${++counter}-${name}.treaty`));

/** The document's text after the one versioned edit of `edit`, which must name `version`. */
function applied(text: string, uri: string, version: number, edit: WorkspaceEdit | null): string {
  assert.ok(edit?.documentChanges?.length === 1, `expected one versioned document edit, got ${JSON.stringify(edit)}`);
  const change = edit.documentChanges[0] as { textDocument: { uri: string; version: number }; edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }> };
  assert.deepStrictEqual(change.textDocument, { uri, version });
  return TextDocument.applyEdits(TextDocument.create(uri, 'treaty', version, text), change.edits);
}

describe('language server: requests racing edits', function () {
  this.timeout(30_000);
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ pullDiagnostics: true });
  });
  after(async () => {
    await client.shutdown();
  });

  it('a rename sent with an edit in flight is answered on the new version', async () => {
    const uri = uriOf('rename');
    await client.open(uri, DRAFT);
    const inserted = '0. Preamble paragraph.\n\n';
    const newText = inserted + DRAFT;
    // Not awaited in between: the change and the rename leave together, the rename positioned in the new text.
    const changed = client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: inserted }]);
    const renamed = client.request<WorkspaceEdit | null>('textDocument/rename', { textDocument: { uri }, position: { line: 4, character: 0 }, newName: '7' });
    await changed;
    const after = applied(newText, uri, 2, await renamed);
    assert.equal(after, '0. Preamble paragraph.\n\n1. We [reaffirm] the goal.\n\n7. Recall paragraph 1.\n\n3. Note paragraph 7.\n');
  });

  it('a quick fix offered for version 1 is refused once the draft is at version 2', async () => {
    const uri = uriOf('action');
    await client.open(uri, DRAFT);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 7 }, end: { line: 0, character: 7 } },
      context: { diagnostics: [] },
    });
    const accept = actions.find((a) => /Accept/.test(a.title));
    assert.ok(accept, `no accept action among ${actions.map((a) => a.title).join(', ')}`);
    await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Draft\n\n' }]);
    const resolved = client.request<CodeAction>('codeAction/resolve', accept);
    await assert.rejects(resolved, /changed|version/i, 'resolving an action of version 1 at version 2 must be refused');
  });
});
