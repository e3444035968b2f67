/*
 * The read-only features through VS Code's own provider commands, on outcome-document.treaty (positions from
 * samples/README.md; 1-based lines there, 0-based in the vscode API).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoverText, openDraft, positionOf, sampleUri } from './helpers';

function locationsOf(result: Array<vscode.Location | vscode.LocationLink> | undefined): Array<{ uri: string; line: number; character: number }> {
  return (result ?? []).map((l) =>
    'targetUri' in l
      ? { uri: l.targetUri.toString(), line: (l.targetSelectionRange ?? l.targetRange).start.line, character: (l.targetSelectionRange ?? l.targetRange).start.character }
      : { uri: l.uri.toString(), line: l.range.start.line, character: l.range.start.character },
  );
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function documentationOf(item: vscode.CompletionItem): string {
  const doc = item.documentation;
  return doc === undefined ? '' : typeof doc === 'string' ? doc : doc.value;
}

describe('Treaty Drafter in VS Code: hover, folding, outline, completion, navigation', () => {
  const uri = () => sampleUri('outcome-document.treaty');
  let document: vscode.TextDocument;

  before(async () => {
    document = (await openDraft(uri())).document;
  });

  it('hover on a reference (`para 56`, line 220) shows the target and its opening words', async () => {
    const at = positionOf(document, 220, 'para 56', 'para '.length);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri(), at);
    const text = hoverText(hovers);
    assert.match(text, /Paragraph 56/);
    assert.match(text, /We decide that the implementation of this outcome document shall be reviewed/);
  });

  it('hover on a paragraph number (9., line 36) shows its status, brackets and who refers to it', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri(), new vscode.Position(35, 0));
    const text = hoverText(hovers);
    assert.match(text, /Paragraph 9\b/);
    assert.match(text, /open/);
    assert.match(text, /bracket/);
    // referred to from lines 58 (`paragraph 9`), 75 (`paras 9 and 13`) and 212 (`paragraphs 9 to 20`)
    for (const line of ['58', '75', '212']) assert.match(text, new RegExp(`line ${line}\\b`));
  });

  it('hover on paragraph 58 (line 218) names its alternatives', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri(), new vscode.Position(217, 0));
    const text = hoverText(hovers);
    assert.match(text, /Paragraph 58/);
    assert.match(text, /Alt 1/);
    assert.match(text, /Alt 2/);
  });

  it('folding: sections, a bracket over three blocks, the alternative group of 58 and its multi-line Alt 2', async () => {
    const ranges = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri());
    const has = (start: number, end: number) => ranges.some((r) => r.start === start - 1 && r.end === end - 1);
    const shown = ranges.map((r) => `${r.start + 1}-${r.end + 1}`).join(' ');
    // section 1. (heading line 8) up to the blank line before section 2. (line 33)
    assert.ok(ranges.some((r) => r.start === 7 && r.kind === vscode.FoldingRangeKind.Region), `section 1 folds from line 8: ${shown}`);
    // [24. …] over lines 86–91
    assert.ok(has(86, 91), `[24. …] folds over lines 86–91: ${shown}`);
    // 58, [Alt 1 58. …] and [Alt. 2 58. …] on lines 218–225; Alt 2 alone on lines 222–225
    assert.ok(has(218, 225), `the alternatives of 58 fold together over lines 218–225: ${shown}`);
    assert.ok(has(222, 225), `[Alt. 2 58. …] folds over lines 222–225: ${shown}`);
  });

  it('document symbols: hierarchical sections > paragraphs > alternatives and options, status in the detail', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri());
    assert.ok(symbols.length > 0);
    assert.ok(symbols.every((s) => Array.isArray(s.children)), 'hierarchical symbols (DocumentSymbol with children)');
    const names = symbols.map((s) => s.name);
    assert.deepEqual(
      names.filter((n) => /^\d+\./.test(n)).map((n) => n.split('.')[0]),
      ['1', '2', '3', '4', '5', '6'],
      `the six sections at the top: ${names.join(' | ')}`,
    );
    const section1 = symbols.find((s) => s.name.startsWith('1.'))!;
    const paragraph1 = section1.children.find((c) => c.name === '1');
    assert.ok(paragraph1, 'paragraph 1 under section 1');
    assert.match(paragraph1.detail, /agreed/);
    const section6 = symbols.find((s) => s.name.startsWith('6.'))!;
    assert.match(section6.name, /Follow-up and review/);
    const p58 = section6.children.find((c) => c.name === '58');
    assert.ok(p58, 'paragraph 58 under section 6');
    assert.match(p58.detail, /open/);
    assert.deepEqual(
      p58.children.map((c) => c.name),
      ['Alt 1', 'Alt 2'],
    );
    const p57 = section6.children.find((c) => c.name === '57')!;
    assert.deepEqual(
      p57.children.map((c) => c.name),
      ['Option 1', 'Option 2'],
    );
    const section2 = symbols.find((s) => s.name.startsWith('2.'))!;
    assert.match(section2.children.find((c) => c.name === '11')!.detail, /pending/, 'paragraph 11 (encoding damage, no marker) is pending');
    assert.equal(p58.range.start.line, 217);
  });

  it('completion after `paragraph ` offers the draft\'s numbers with their status and opening words', async () => {
    const at = positionOf(document, 58, 'paragraph 9', 'paragraph '.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri(), at);
    const byLabel = new Map(list.items.map((i) => [labelOf(i), i]));
    for (const n of ['1', '9', '44 bis', '44 ter', '56', '60']) assert.ok(byLabel.has(n), `completion offers ${n}: ${[...byLabel.keys()].join(', ')}`);
    assert.ok(!byLabel.has('53'), 'there is no paragraph 53');
    const p56 = byLabel.get('56')!;
    assert.match(p56.detail ?? '', /open/);
    assert.match(documentationOf(p56), /We decide that the implementation/);
  });

  it('go to definition from `para 56` (line 220) lands on paragraph 56 (line 210)', async () => {
    const at = positionOf(document, 220, 'para 56', 'para 5'.length);
    const result = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', uri(), at);
    assert.deepEqual(locationsOf(result), [{ uri: uri().toString(), line: 209, character: 0 }]);
  });

  it('find references from paragraph 9 (line 36): its label and the references on lines 58, 75 and 212', async () => {
    const result = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', uri(), new vscode.Position(35, 0));
    const found = locationsOf(result)
      .map((l) => `${l.line + 1}:${l.character + 1}`)
      .sort();
    const expected = [positionOf(document, 36, '9.'), positionOf(document, 58, 'paragraph 9,', 10), positionOf(document, 75, 'paras 9 and', 6), positionOf(document, 212, 'paragraphs 9 to', 11)]
      .map((p) => `${p.line + 1}:${p.character + 1}`)
      .sort();
    assert.deepEqual(found, expected);
    assert.ok(locationsOf(result).every((l) => l.uri === uri().toString()));
  });

  it('document highlights on `para 56` mark the label 56. and the reference', async () => {
    const at = positionOf(document, 220, 'para 56', 'para '.length);
    const highlights = await vscode.commands.executeCommand<vscode.DocumentHighlight[]>('vscode.executeDocumentHighlights', uri(), at);
    assert.deepEqual(
      highlights.map((h) => `${h.range.start.line + 1}:${h.range.start.character + 1}-${h.range.end.character + 1}`).sort(),
      [`210:1-3`, `220:${at.character + 1}-${at.character + 3}`].sort(),
    );
  });

  it('a reference to another document (`paragraph 49 of the Geneva Declaration`, line 162) goes nowhere', async () => {
    const at = positionOf(document, 162, 'paragraph 49 of the Geneva', 'paragraph '.length);
    const result = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', uri(), at);
    assert.deepEqual(locationsOf(result), []);
  });
});
