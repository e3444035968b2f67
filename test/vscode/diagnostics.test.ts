/*
 * In a real VS Code: the extension activates for a draft, its commands are registered, and each sample draft gets
 * exactly the diagnostics its samples/*.expected.json lists (positions, codes, source, default severities), also when
 * the draft is a .txt file associated with the language through files.associations.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, DEFAULT_SEVERITY, EXTENSION_ID, expectDiagnostics, expectedOf, openDraft, readText, sampleUri, workspaceRoot } from './helpers';

const SAMPLES = ['outcome-document.treaty', 'framework-convention.treaty', 'chair-statement.treaty'];

describe('Treaty Drafter in VS Code: activation and diagnostics', () => {
  it('activates when a .treaty draft is opened, which gets the language "treaty"', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded from the development path`);
    // activationEvents: onLanguage:treaty only (this file runs first, before any draft is opened)
    assert.equal(extension.isActive, false, 'not active before a draft is opened');
    const editor = await openDraft(sampleUri('outcome-document.treaty'));
    assert.equal(editor.document.languageId, 'treaty');
    assert.equal((await activeExtension()).isActive, true);
  });

  it('registers its commands (renumber, insert, concordance, status, compare)', async () => {
    await activeExtension();
    const commands = await vscode.commands.getCommands(true);
    for (const command of ['treaty.renumber', 'treaty.insertParagraphAfter', 'treaty.showConcordance', 'treaty.showStatus', 'treaty.compare']) {
      assert.ok(commands.includes(command), `command ${command} is registered`);
    }
  });

  for (const sample of SAMPLES) {
    it(`${sample}: exactly the diagnostics of its expected.json, source "treaty", default severities`, async () => {
      const uri = sampleUri(sample);
      await openDraft(uri);
      const expected = await expectedOf(sample);
      const actual = await expectDiagnostics(uri, expected.diagnostics);
      for (const d of actual) {
        assert.equal(d.source, 'treaty');
        const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
        assert.equal(d.severity, DEFAULT_SEVERITY[code], `severity of ${code} at ${d.range.start.line + 1}:${d.range.start.character + 1}`);
        assert.ok(d.message.length > 0, `${code} has a message`);
      }
    });
  }

  describe('a .txt draft associated through files.associations', () => {
    const association = () => vscode.workspace.getConfiguration('files');
    let previous: Record<string, string> | undefined;

    before(async () => {
      previous = association().inspect<Record<string, string>>('associations')?.workspaceValue;
      await association().update('associations', { ...(previous ?? {}), '*.txt': 'treaty' }, vscode.ConfigurationTarget.Workspace);
    });

    after(async () => {
      await association().update('associations', previous, vscode.ConfigurationTarget.Workspace);
    });

    it('gets the language "treaty" and the diagnostics of the same draft as .treaty', async () => {
      const uri = vscode.Uri.joinPath(workspaceRoot(), 'chair-statement-copy.txt');
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(await readText(sampleUri('chair-statement.treaty'))));
      const editor = await openDraft(uri);
      assert.equal(editor.document.languageId, 'treaty');
      await expectDiagnostics(uri, (await expectedOf('chair-statement.treaty')).diagnostics);
    });
  });
});
