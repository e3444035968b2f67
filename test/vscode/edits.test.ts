/*
 * The features that edit a draft, applied by VS Code itself: rename (F2), the "Keep Alt 2 of paragraph 58" quick fix,
 * Treaty: Renumber Paragraphs with its concordance, Insert Paragraph After…, and the negotiation status view. Each
 * test edits its own copy of a sample; what the text must become is written from samples/README.md, not computed
 * by the product.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  changedLines,
  copySample,
  expectDiagnostics,
  expectedOf,
  openDraft,
  positionOf,
  replaceOnLines,
  sleep,
  treatyDiagnostics,
  codeOf,
  waitFor,
  type ExpectedDiagnostic,
} from './helpers';

/**
 * Saves a test's copy after an edit, so no dirty editor is left behind. In code-server a save issued right after the
 * concordance opened beside the draft is sometimes answered false with nothing reported, and succeeds a moment later
 * (a host timing quirk, not the extension's: the save is not under test), so it is tried a few times.
 */
async function save(document: vscode.TextDocument): Promise<void> {
  for (let attempt = 1; document.isDirty && attempt <= 5; attempt++) {
    if (await document.save()) return;
    await sleep(250 * attempt);
  }
  assert.equal(document.isDirty, false, `${document.uri.path} saved`);
}

describe('Treaty Drafter in VS Code: edits', () => {
  describe('rename (F2) through vscode.executeDocumentRenameProvider', () => {
    let uri: vscode.Uri;
    let document: vscode.TextDocument;

    before(async () => {
      uri = await copySample('outcome-document.treaty', 'rename.treaty');
      document = (await openDraft(uri)).document;
    });

    after(async () => save(document));

    it('renaming paragraph 9 to 61 changes its label and the three references to it, nothing else', async () => {
      const before = document.getText();
      const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', uri, new vscode.Position(35, 0), '61');
      assert.ok(edit, 'a workspace edit');
      assert.deepEqual(
        edit.entries().map(([u]) => u.toString()),
        [uri.toString()],
        'only this draft is edited',
      );
      assert.ok(await vscode.workspace.applyEdit(edit), 'VS Code applied the rename');
      const expected = replaceOnLines(before, [
        [36, '9. We commit', '61. We commit'],
        [58, 'paragraph 9,', 'paragraph 61,'],
        [75, 'paras 9 and 13', 'paras 61 and 13'],
        [212, 'paragraphs 9 to 20', 'paragraphs 61 to 20'],
      ]);
      const after = document.getText();
      assert.deepEqual(changedLines(before, after), [36, 58, 75, 212]);
      assert.equal(after, expected);
    });

    it('a number already in use is refused with the reason, and nothing changes', async () => {
      const before = document.getText();
      // after the previous test, paragraph 61 is the old 9 (line 36); 10 exists (line 38)
      await assert.rejects(
        Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', uri, new vscode.Position(35, 0), '10')),
        (error: Error) => {
          assert.match(error.message, /10 already exists/);
          return true;
        },
      );
      assert.equal(document.getText(), before);
    });
  });

  describe('quick fix "Keep Alt 2 of paragraph 58"', () => {
    it('is offered on the Alt 2 bracket, keeps Alt 2 as paragraph 58 and clears its unresolved-bracket diagnostics', async () => {
      const uri = await copySample('outcome-document.treaty', 'keep-alt.treaty');
      const { document } = await openDraft(uri);
      const expected = await expectedOf('outcome-document.treaty');
      await expectDiagnostics(uri, expected.diagnostics);
      const before = document.getText();

      // [Alt. 2 58. …] is lines 222–225: its unresolved-bracket diagnostic
      const diagnostic = treatyDiagnostics(uri).find((d) => d.range.start.line === 221 && codeOf(d) === 'unresolved-bracket');
      assert.ok(diagnostic, 'an unresolved-bracket diagnostic on [Alt. 2 58. …] (line 222)');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value, 100);
      const titles = actions.map((a) => a.title);
      const keep = actions.find((a) => a.title === 'Keep Alt 2 of paragraph 58');
      assert.ok(keep, `"Keep Alt 2 of paragraph 58" is offered: ${titles.join(' | ')}`);
      assert.ok(titles.includes('Keep the original of paragraph 58') && titles.includes('Keep Alt 1 of paragraph 58'), `every member of the group is offered: ${titles.join(' | ')}`);
      assert.ok(keep.edit, 'the action carries its edit once resolved (itemResolveCount)');
      assert.ok(await vscode.workspace.applyEdit(keep.edit), 'VS Code applied the quick fix');
      if (keep.command) await vscode.commands.executeCommand(keep.command.command, ...(keep.command.arguments ?? []));

      // Lines 218–221 (the original 58, Alt 1 and their blank lines) go; Alt 2 loses its label and its brackets.
      const lines = before.split('\n');
      const expectedText = [
        ...lines.slice(0, 217),
        lines[221].replace('[Alt. 2 58. ', '58. '),
        ...lines.slice(222, 224),
        lines[224].replace('eighty-second session.]', 'eighty-second session.'),
        ...lines.slice(225),
      ].join('\n');
      assert.equal(document.getText(), expectedText);

      // Its two unresolved-bracket diagnostics (Alt 1 on 220, Alt 2 on 222–225) are gone; every later one moves up 4 lines.
      const remaining: ExpectedDiagnostic[] = expected.diagnostics
        .filter((d) => !(d.code === 'unresolved-bracket' && (d.line === 220 || d.line === 222)))
        .map((d) => (d.line > 225 ? { ...d, line: d.line - 4, endLine: d.endLine - 4 } : d));
      const after = await expectDiagnostics(uri, remaining);
      assert.ok(!after.some((d) => codeOf(d) === 'unresolved-bracket' && d.range.start.line >= 217 && d.range.start.line <= 220), 'no unresolved bracket on the new paragraph 58');
      await save(document);
    });
  });

  describe('Treaty: Renumber Paragraphs (treaty.renumber) and the concordance', () => {
    it('renumbers 54–60 down by one (53 is missing), with the references and Alt labels, and opens the concordance', async () => {
      const uri = await copySample('outcome-document.treaty', 'renumber.treaty');
      const { document } = await openDraft(uri);
      const before = document.getText();
      // Run by id as from the palette: no arguments, the client's middleware supplies the active draft.
      const result = await vscode.commands.executeCommand<{ concordance: Array<{ old: string; new: string; line: number }>; edits: number; warnings: string[] }>('treaty.renumber');
      assert.ok(result && Array.isArray(result.concordance), `treaty.renumber answers with a concordance: ${JSON.stringify(result)}`);
      await waitFor('the renumbering to reach the document', () => document.getText() !== before);
      const expected = replaceOnLines(before, [
        [201, '54. We stress', '53. We stress'],
        [203, '55. We decide', '54. We decide'],
        [203, 'paragraphs 49, 51 and 54', 'paragraphs 49, 51 and 53'],
        [210, '56. We decide', '55. We decide'],
        [214, '57. We request', '56. We request'],
        [218, '58. We decide', '57. We decide'],
        [220, '[Alt 1 58. We invite', '[Alt 1 57. We invite'],
        [220, 'in para 56.', 'in para 55.'],
        [222, '[Alt. 2 58. We request', '[Alt. 2 57. We request'],
        [227, '59. We invite', '58. We invite'],
        [229, '60. We decide', '59. We decide'],
      ]);
      assert.deepEqual(changedLines(before, document.getText()), [201, 203, 210, 214, 218, 220, 222, 227, 229]);
      assert.equal(document.getText(), expected);
      assert.equal(result.edits, 11);
      assert.deepEqual(
        result.concordance.filter((c) => c.old !== c.new).map((c) => `${c.old}→${c.new}`),
        ['54→53', '55→54', '56→55', '57→56', '58→57', '59→58', '60→59'],
      );

      const concordance = await waitFor('the concordance document (scheme treaty-concordance) to open', () =>
        vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'treaty-concordance'),
      );
      assert.match(concordance.getText(), /Concordance: renumber\.treaty/);
      assert.match(concordance.getText(), /7 of \d+ paragraphs changed number/);
      assert.match(concordance.getText(), /\|\s*54\s*\|\s*53\s*\|/);
      await waitFor('the concordance to be shown in an editor', () => vscode.window.visibleTextEditors.some((e) => e.document.uri.scheme === 'treaty-concordance'));
      await save(document);
    });

    it('Treaty: Show Concordance shows the last concordance again', async () => {
      await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
      for (const editor of vscode.window.visibleTextEditors.filter((e) => e.document.uri.scheme === 'treaty-concordance')) {
        await vscode.window.showTextDocument(editor.document, editor.viewColumn);
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      }
      await vscode.commands.executeCommand('treaty.showConcordance');
      await waitFor('the concordance to be shown again', () => vscode.window.visibleTextEditors.some((e) => e.document.uri.scheme === 'treaty-concordance'));
    });
  });

  describe('Treaty: Insert Paragraph After…', () => {
    it('after 44 (which has 44 bis and 44 ter) inserts 44 quater after 44 ter, without renumbering', async () => {
      const uri = await copySample('outcome-document.treaty', 'insert.treaty');
      const editor = await openDraft(uri);
      const before = editor.document.getText();
      const result = await vscode.commands.executeCommand<{ number: string }>('treaty.insertParagraphAfter', uri.toString(), '44');
      assert.equal(result?.number, '44 quater');
      await waitFor('the insertion to reach the document', () => editor.document.getText() !== before);
      const lines = editor.document.getText().split('\n');
      const at = lines.findIndex((l) => l.startsWith('44 quater.'));
      assert.ok(at > 0, 'a line starts with 44 quater.');
      // 44 ter's marker stands alone on line 164; 44 quater comes after 44 ter, before 45 (line 166 before the insertion)
      assert.ok(at + 1 > 164 && lines.slice(at + 1).some((l) => l.startsWith('45. ')), `44 quater is on line ${at + 1}, after 44 ter and before 45`);
      assert.equal(lines.filter((l) => /^\d+( bis| ter)?\. /.test(l)).length, before.split('\n').filter((l) => /^\d+( bis| ter)?\. /.test(l)).length, 'no other paragraph changes');
      await save(editor.document);
    });
  });

  describe('negotiation status', () => {
    it('the language status item runs treaty.showStatus, which opens the Negotiation Status webview', async () => {
      const commands = await vscode.commands.getCommands(true);
      assert.ok(commands.includes('treaty.showStatus'), 'the status item command treaty.showStatus exists');
      const uri = await copySample('outcome-document.treaty', 'status.treaty');
      await openDraft(uri);
      await vscode.commands.executeCommand('treaty.showStatus');
      const tab = await waitFor('a Negotiation Status webview tab', () =>
        vscode.window.tabGroups.all
          .flatMap((g) => g.tabs)
          .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('treaty.status')),
      );
      assert.equal(tab.label, 'Negotiation Status');
      // Running it again reveals the same panel rather than opening a second one.
      await vscode.commands.executeCommand('treaty.showStatus');
      await sleep(300);
      const panels = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('treaty.status'));
      assert.equal(panels.length, 1);
      await vscode.window.tabGroups.close(panels);
    });
  });
});
