/*
 * Integration tests of the BUILT language server (server/out/server.js, made by `npm run build`) over stdio, for
 * what NOTATION §5 and §7 (and docs/notation-decisions.md §5, §7) promise about paragraph numbers: go to definition,
 * find references, document highlights, prepare rename and rename, the `treaty.renumber` and
 * `treaty.insertParagraphAfter` commands, completion, and references into another draft of the workspace.
 *
 * Fixtures are in test/lsp/fixtures/. Places in a draft are named by an anchor (a piece of text that occurs exactly
 * once) and a needle inside it (by default its first number), so that the tables read like the draft.
 * Every edit the server returns or sends is applied here, by this file's own applier, and the resulting text is
 * compared in full.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type {
  CompletionItem,
  CompletionList,
  DocumentHighlight,
  Hover,
  Location,
  MarkupContent,
  Position,
  Range,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import { fileUri, LspTestClient, repoRoot } from './harness/lspClient';

const ROOT = repoRoot();
const FIXTURES = path.join(ROOT, 'test', 'lsp', 'fixtures');
/** A folder that does not exist: these documents only ever live in the editor. */
const VIRTUAL_DIR = path.join(ROOT, 'test', 'lsp', 'virtual');

function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

const OUTCOME = fixture('references-outcome.treaty');
const ARTICLES = fixture('references-articles.treaty');
const RESOLUTION = fixture('renumber-resolution.treaty');
const DOCS = { outcome: OUTCOME, articles: ARTICLES, resolution: RESOLUTION } as const;
type DocName = keyof typeof DOCS;

const CRLF = (text: string) => text.replace(/\r?\n/g, '\r\n');

let virtualCounter = 0;
/** A fresh URI per document, so that no test sees another's edits. */
function virtualUri(name: string): string {
  virtualCounter++;
  return fileUri(path.join(VIRTUAL_DIR, `${virtualCounter}-${name}.treaty`));
}

// ------------------------------------------------------------------------------------------------ positions

/** Offsets of line starts as LSP counts lines: \r\n, \n and a lone \r all end one. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') {
      starts.push(i + 2);
      i++;
    } else if (text[i] === '\n' || text[i] === '\r') {
      starts.push(i + 1);
    }
  }
  return starts;
}

function positionAt(text: string, offset: number): Position {
  const starts = lineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return { line, character: offset - starts[line] };
}

function offsetAt(text: string, position: Position): number {
  const starts = lineStarts(text);
  assert.ok(position.line >= 0 && position.line < starts.length, `line ${position.line} is outside the text (${starts.length} lines)`);
  const lineEnd = position.line + 1 < starts.length ? starts[position.line + 1] : text.length;
  const offset = starts[position.line] + position.character;
  assert.ok(offset <= lineEnd, `character ${position.character} is past the end of line ${position.line}`);
  return offset;
}

/** A place in a draft: the needle (default: the first number) inside the one occurrence of the anchor. */
type Spot = [anchor: string, needle?: string];

function spotRange(text: string, [anchor, needle]: Spot): Range {
  const at = text.indexOf(anchor);
  assert.ok(at >= 0, `anchor ${JSON.stringify(anchor)} is not in the draft`);
  assert.strictEqual(text.indexOf(anchor, at + 1), -1, `anchor ${JSON.stringify(anchor)} occurs more than once`);
  const inner = needle ?? /\d+/.exec(anchor)?.[0];
  assert.ok(inner !== undefined, `anchor ${JSON.stringify(anchor)} holds no number`);
  const within = anchor.indexOf(inner);
  assert.ok(within >= 0, `needle ${JSON.stringify(inner)} is not in anchor ${JSON.stringify(anchor)}`);
  return { start: positionAt(text, at + within), end: positionAt(text, at + within + inner.length) };
}

function show(text: string, range: Range): string {
  const slice = text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character} ${JSON.stringify(slice)}`;
}

function byPosition(a: Range, b: Range): number {
  return a.start.line - b.start.line || a.start.character - b.start.character;
}

/** The text with whole lines replaced: each `[old line, new text]` names a line that occurs exactly once. */
function withLines(text: string, changes: Array<[string, string]>): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(eol);
  for (const [oldLine, newText] of changes) {
    const hits = lines.flatMap((l, i) => (l === oldLine ? [i] : []));
    assert.strictEqual(hits.length, 1, `expected line ${JSON.stringify(oldLine)} exactly once in the draft, found ${hits.length}`);
    lines[hits[0]] = newText.replace(/\n/g, eol);
  }
  return lines.join(eol);
}

/** 1-based line of the one line that starts with `prefix`. */
function lineNumberOf(text: string, prefix: string): number {
  const lines = text.split(/\r?\n/);
  const hits = lines.flatMap((l, i) => (l.startsWith(prefix) ? [i + 1] : []));
  assert.strictEqual(hits.length, 1, `expected one line starting ${JSON.stringify(prefix)}`);
  return hits[0];
}

// ------------------------------------------------------------------------------------------------ edits

interface CheckedEdit {
  /** The one document the edit changes, at the version it was computed for. */
  uri: string;
  version: number | null;
  edits: TextEdit[];
  /** What each edit replaces, in order. */
  replaced: string[];
  result: string;
}

/**
 * Applies a WorkspaceEdit of `documentChanges` to `text` the way a careful client does: one document, text edits
 * sorted by position and not overlapping (asserted), applied from the end.
 */
function applyWorkspaceEdit(text: string, edit: WorkspaceEdit): CheckedEdit {
  assert.ok(edit && Array.isArray(edit.documentChanges), `expected documentChanges: ${JSON.stringify(edit)}`);
  assert.strictEqual(edit.changes, undefined, 'an edit with documentChanges carries no `changes` as well');
  assert.strictEqual(edit.documentChanges.length, 1, `one document changes: ${JSON.stringify(edit.documentChanges)}`);
  const change = edit.documentChanges[0];
  assert.ok('textDocument' in change && 'edits' in change, `a text document edit, not a resource operation: ${JSON.stringify(change)}`);
  const edits = change.edits as TextEdit[];
  const spans = edits.map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }));
  for (let i = 0; i < spans.length; i++) {
    assert.ok(spans[i].start <= spans[i].end, `edit ${i} has a reversed range`);
    if (i > 0) {
      assert.ok(spans[i - 1].end <= spans[i].start, `edits ${i - 1} and ${i} are not sorted or overlap: ${JSON.stringify(edits.slice(i - 1, i + 1))}`);
      assert.ok(!(spans[i - 1].start === spans[i].start && spans[i - 1].end === spans[i].end), `edits ${i - 1} and ${i} replace the same range`);
    }
  }
  let result = text;
  for (let i = spans.length - 1; i >= 0; i--) result = result.slice(0, spans[i].start) + spans[i].newText + result.slice(spans[i].end);
  return {
    uri: change.textDocument.uri,
    version: change.textDocument.version,
    edits,
    replaced: spans.map((s) => text.slice(s.start, s.end)),
    result,
  };
}

/** What a rename or renumbering may touch: a number's digits and suffix, nothing around them. */
const NUMBER_ONLY = /^\d+( ?[a-z]+)?$/;

function assertOnlyNumbers(checked: CheckedEdit): void {
  checked.replaced.forEach((old, i) => {
    assert.match(old, NUMBER_ONLY, `edit ${i} replaces ${JSON.stringify(old)}, which is not a number (${JSON.stringify(checked.edits[i])})`);
    assert.match(checked.edits[i].newText, NUMBER_ONLY, `edit ${i} writes ${JSON.stringify(checked.edits[i].newText)}`);
  });
}

/** The whole document replaced, as an editor reports the edit it has just applied. */
function replaceAll(client: LspTestClient, uri: string, version: number, text: string): Promise<void> {
  return client.change(uri, version, [{ text }]);
}

/** A request the server must refuse: resolves to the error (code and message). */
async function refusal(promise: Promise<unknown>): Promise<{ code?: number; message: string }> {
  try {
    const answer = await promise;
    assert.fail(`expected an error, the server answered ${JSON.stringify(answer)}`);
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    const err = e as Error & { code?: number };
    return { code: err.code, message: err.message };
  }
}

const INVALID_REQUEST = -32600;
const REQUEST_FAILED = -32803;

async function settled(client: LspTestClient): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!client.configurationRequests.some((items) => items.some((i) => i.section === 'treaty')) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.ok(
    client.configurationRequests.some((items) => items.some((i) => i.section === 'treaty')),
    'the server never asked workspace/configuration for section "treaty"',
  );
  // A round trip: the configuration answer has been read before this one is answered.
  await client.request('treaty/status', { textDocument: { uri: virtualUri('settle') } });
}

function completionItems(answer: CompletionItem[] | CompletionList | null): CompletionItem[] {
  if (!answer) return [];
  return Array.isArray(answer) ? answer : answer.items;
}

function markup(value: CompletionItem['documentation'] | Hover['contents'] | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : v.value)).join('\n');
  return (value as MarkupContent).value;
}

// ------------------------------------------------------------------------------------------------ tests

describe('language server: references, rename, renumbering, insertion, completion (NOTATION §5, §7)', function () {
  this.timeout(30_000);
  let client: LspTestClient;
  const opened = new Map<DocName, string>();

  before(async () => {
    client = await LspTestClient.start({ pullDiagnostics: true });
    await settled(client);
    for (const name of Object.keys(DOCS) as DocName[]) {
      const uri = virtualUri(name);
      await client.open(uri, DOCS[name]);
      opened.set(name, uri);
    }
  });
  after(async () => {
    assert.ok(client.isAlive(), `the server died during the tests:\n${client.stderr}`);
    await client?.shutdown();
  });

  const uriOf = (doc: DocName) => opened.get(doc)!;

  // ---------------------------------------------------------------------------------------------- navigation

  describe('definition, references and document highlights', () => {
    interface NavigationCase {
      name: string;
      doc: DocName;
      /** Where the cursor stands: the first character of the needle. */
      from: Spot;
      /** The paragraph's own number: the definition, and the declaration. */
      label: Spot;
      /** `Alt k N.` labels that name it. */
      alternatives?: Spot[];
      /** Internal references to it. */
      references: Spot[];
    }

    const REFS_TO_43: Spot[] = [['paras 43 and 45'], ['governments described in paragraph 43'], ['paragraphs 43 to 47']];
    const CASES: NavigationCase[] = [
      { name: 'a paragraph number label', doc: 'outcome', from: ['43. Recognize'], label: ['43. Recognize'], references: REFS_TO_43 },
      { name: 'the first number of "paras 43 and 45"', doc: 'outcome', from: ['paras 43 and 45'], label: ['43. Recognize'], references: REFS_TO_43 },
      { name: 'the second number of "paras 43 and 45"', doc: 'outcome', from: ['paras 43 and 45', '45'], label: ['45. Decide'], references: [['paras 43 and 45', '45']] },
      { name: 'the first end of "paragraphs 43 to 47"', doc: 'outcome', from: ['paragraphs 43 to 47'], label: ['43. Recognize'], references: REFS_TO_43 },
      {
        name: 'the last end of "paragraphs 43 to 47"',
        doc: 'outcome',
        from: ['paragraphs 43 to 47', '47'],
        label: ['47. Invite'],
        references: [['paragraphs 43 to 47', '47'], ['as noted in paragraph 47']],
      },
      { name: '"paragraph 71 (b)" (the paragraph, whose sub-paragraph b) exists)', doc: 'outcome', from: ['paragraph 71 (b)'], label: ['71. Decide to:'], references: [['paragraph 71 (b)']] },
      {
        name: 'the 61 of an "Alt 1 61." label',
        doc: 'outcome',
        from: ['Alt 1 61.', '61'],
        label: ['61. Decide to mobilize [adequate]'],
        alternatives: [['Alt 1 61.', '61']],
        references: [['para. 61']],
      },
      { name: 'a label with an alternative and no reference', doc: 'outcome', from: ['44. [Recognize'], label: ['44. [Recognize'], alternatives: [['Alt 1 44.', '44']], references: [] },
      {
        name: 'the 2 of "Article 5, paragraph 2" (article draft): Article 5\'s paragraph 2',
        doc: 'articles',
        from: ['Article 5, paragraph 2', '2'],
        label: ['2. The reports'],
        references: [['Article 5, paragraph 2', '2'], ['under paragraph 2', '2']],
      },
      {
        name: 'a bare "paragraph 2" inside Article 5: that article\'s paragraph 2, not Article 1\'s',
        doc: 'articles',
        from: ['under paragraph 2', '2'],
        label: ['2. The reports'],
        references: [['Article 5, paragraph 2', '2'], ['under paragraph 2', '2']],
      },
      {
        name: 'a bare "paragraph 3" inside Article 2',
        doc: 'articles',
        from: ['terms defined in paragraph 3'],
        label: ['3. "Party"'],
        references: [['terms defined in paragraph 3'], ['definitions in paragraph 3']],
      },
      {
        name: 'Article 1\'s paragraph 2 label: only "Article 1, paragraph 2" names it',
        doc: 'articles',
        from: ['2. Each Party'],
        label: ['2. Each Party'],
        references: [['Article 1, paragraph 2', '2']],
      },
    ];

    for (const c of CASES) {
      describe(`from ${c.name}`, () => {
        const text = DOCS[c.doc];
        const position = () => spotRange(text, c.from).start;
        const label = () => spotRange(text, c.label);
        const alternatives = () => (c.alternatives ?? []).map((s) => spotRange(text, s));
        const refs = () => c.references.map((s) => spotRange(text, s));
        const shown = (ranges: Range[]) => [...ranges].sort(byPosition).map((r) => show(text, r));

        it('definition: the paragraph\'s number', async () => {
          const answer = await client.request<Location[] | Location | null>('textDocument/definition', { textDocument: { uri: uriOf(c.doc) }, position: position() });
          const locations = answer === null ? [] : Array.isArray(answer) ? answer : [answer];
          assert.deepStrictEqual(
            locations.map((l) => `${l.uri === uriOf(c.doc) ? 'this draft' : l.uri} ${show(text, l.range)}`),
            [`this draft ${show(text, label())}`],
          );
        });

        for (const includeDeclaration of [true, false]) {
          it(`references, includeDeclaration ${includeDeclaration}`, async () => {
            const answer = await client.request<Location[] | null>('textDocument/references', {
              textDocument: { uri: uriOf(c.doc) },
              position: position(),
              context: { includeDeclaration },
            });
            assert.ok(Array.isArray(answer), `references answered ${JSON.stringify(answer)}`);
            for (const l of answer) assert.strictEqual(l.uri, uriOf(c.doc));
            const expected = [...(includeDeclaration ? [label()] : []), ...alternatives(), ...refs()];
            assert.deepStrictEqual(shown(answer.map((l) => l.range)), shown(expected));
          });
        }

        it('document highlights: the number as written (write) and every reference (read)', async () => {
          const answer = await client.request<DocumentHighlight[] | null>('textDocument/documentHighlight', { textDocument: { uri: uriOf(c.doc) }, position: position() });
          assert.ok(Array.isArray(answer), `documentHighlight answered ${JSON.stringify(answer)}`);
          const kinds = (hs: Array<{ range: Range; kind?: number }>) =>
            [...hs].sort((a, b) => byPosition(a.range, b.range)).map((h) => `${show(text, h.range)} ${h.kind === 2 ? 'read' : h.kind === 3 ? 'write' : `kind ${h.kind}`}`);
          const WRITE = 3;
          const READ = 2;
          const expected = [
            { range: label(), kind: WRITE },
            ...alternatives().map((range) => ({ range, kind: WRITE })),
            ...refs().map((range) => ({ range, kind: READ })),
          ];
          assert.deepStrictEqual(kinds(answer), kinds(expected));
        });
      });
    }

    /** NOTATION §5: each written form of an internal reference is found from the paragraph's label. */
    const FORMS: Array<{ name: string; text: string; label: Spot; references: Spot[] }> = [
      {
        name: 'a hyphen range, a reference wrapped onto the next line, a sub-paragraph, a list of three',
        text: '43. Target text.\n\n44. See paragraphs 43-47, Paragraph\n43, sub-paragraph 43 b) and paragraphs 43, 44 and 46.\n\n45. Text.\n\n46. Text.\n\n47. Text.\n',
        label: ['43. Target'],
        references: [['paragraphs 43-47'], ['Paragraph\n43', '43'], ['sub-paragraph 43 b)'], ['paragraphs 43, 44 and 46']],
      },
      {
        name: '"paragraph 1 above" and "paragraph 1 of this Article", not "Article 2"\'s paragraph 1',
        text: 'Article 1 – Scope\n1. Text one.\n2. See paragraph 1 above, paragraph 1 of this Article, and paragraph 1 of Article 2.\n\nArticle 2 – Terms\n1. Text two.\n',
        label: ['1. Text one'],
        references: [['paragraph 1 above'], ['paragraph 1 of this Article']],
      },
      {
        name: '"paragraph 1 of Article 2" from the other article',
        text: 'Article 1 – Scope\n1. Text one.\n2. See paragraph 1 above, paragraph 1 of this Article, and paragraph 1 of Article 2.\n\nArticle 2 – Terms\n1. Text two.\n',
        label: ['1. Text two'],
        references: [['paragraph 1 of Article 2']],
      },
    ];
    for (const c of FORMS) {
      it(`finds ${c.name}`, async () => {
        const uri = virtualUri('forms');
        await client.open(uri, c.text);
        const answer = await client.request<Location[]>('textDocument/references', {
          textDocument: { uri },
          position: spotRange(c.text, c.label).start,
          context: { includeDeclaration: true },
        });
        const shown = (ranges: Range[]) => [...ranges].sort(byPosition).map((r) => show(c.text, r));
        assert.deepStrictEqual(shown(answer.map((l) => l.range)), shown([spotRange(c.text, c.label), ...c.references.map((r) => spotRange(c.text, r))]));
        await client.close(uri);
      });
    }

    const NOTHING: Array<{ name: string; doc: DocName; at: Spot }> = [
      { name: 'plain prose', doc: 'outcome', at: ['stakeholders is essential', 'essential'] },
      { name: 'a year in prose', doc: 'outcome', at: ['in 2025'] },
      { name: 'the 57 of "resolution 57/239"', doc: 'outcome', at: ['resolution 57/239'] },
      { name: 'the 49 of an external reference', doc: 'outcome', at: ['paragraph 49 of the Geneva'] },
    ];
    for (const c of NOTHING) {
      it(`finds nothing from ${c.name}`, async () => {
        const position = spotRange(DOCS[c.doc], c.at).start;
        const textDocument = { uri: uriOf(c.doc) };
        assert.deepStrictEqual(await client.request('textDocument/definition', { textDocument, position }), []);
        assert.deepStrictEqual(await client.request('textDocument/references', { textDocument, position, context: { includeDeclaration: true } }), []);
        assert.deepStrictEqual(await client.request('textDocument/documentHighlight', { textDocument, position }), []);
      });
    }
  });

  // ---------------------------------------------------------------------------------------------- prepareRename

  describe('prepareRename', () => {
    const ANSWERS: Array<{ name: string; doc: DocName; at: Spot; placeholder: string }> = [
      { name: 'a paragraph number label', doc: 'outcome', at: ['43. Recognize'], placeholder: '43' },
      { name: 'a number inside a range', doc: 'outcome', at: ['paragraphs 43 to 47', '47'], placeholder: '47' },
      { name: 'an Alt label\'s target', doc: 'outcome', at: ['Alt 1 61.', '61'], placeholder: '61' },
      { name: '"Article 5, paragraph 2"', doc: 'articles', at: ['Article 5, paragraph 2', '2'], placeholder: '2' },
      { name: 'a bis number', doc: 'resolution', at: ['3 bis. Encourages', '3 bis'], placeholder: '3 bis' },
    ];
    for (const c of ANSWERS) {
      it(`answers the number's range and text on ${c.name}`, async () => {
        const range = spotRange(DOCS[c.doc], c.at);
        // The cursor in the middle of (or, for one digit, at the start of) the number.
        const position = { line: range.start.line, character: range.start.character + (range.end.character - range.start.character > 1 ? 1 : 0) };
        const answer = await client.request<{ range: Range; placeholder: string } | null>('textDocument/prepareRename', { textDocument: { uri: uriOf(c.doc) }, position });
        assert.ok(answer && 'range' in answer, `prepareRename answered ${JSON.stringify(answer)}`);
        assert.deepStrictEqual(answer, { range, placeholder: c.placeholder });
      });
    }

    const REFUSALS: Array<{ name: string; at: Spot; message: RegExp }> = [
      { name: 'prose', at: ['stakeholders is essential', 'essential'], message: /Place the cursor on a paragraph or article number, an Alt label or a reference/ },
      { name: 'the number of an external reference', at: ['paragraph 49 of the Geneva'], message: /points to .*Geneva Declaration of Principles.*never renamed/ },
      { name: 'a dangling reference', at: ['paragraph 99'], message: /Paragraph 99 does not exist in this draft.*nothing to rename/ },
      { name: 'a year', at: ['in 2025'], message: /Place the cursor on a paragraph/ },
    ];
    for (const c of REFUSALS) {
      it(`answers an error on ${c.name}`, async () => {
        const position = spotRange(OUTCOME, c.at).start;
        const error = await refusal(client.request('textDocument/prepareRename', { textDocument: { uri: uriOf('outcome') }, position }));
        assert.strictEqual(error.code, INVALID_REQUEST, error.message);
        assert.match(error.message, c.message);
      });
    }
  });

  // ---------------------------------------------------------------------------------------------- rename

  describe('rename', () => {
    interface RenameCase {
      name: string;
      doc: DocName;
      from: Spot;
      newName: string;
      /** Every line that changes, as `[before, after]`; all other lines stay as they are. */
      changes: Array<[string, string]>;
    }

    const CASES: RenameCase[] = [
      {
        name: 'from a label: the label, "paras", "paragraphs … to", and the reference in an alternative; not the external one',
        doc: 'outcome',
        from: ['43. Recognize'],
        newName: '50',
        changes: [
          ['43. Recognize that cooperation among all stakeholders is essential to an open Internet. (Agreed)', '50. Recognize that cooperation among all stakeholders is essential to an open Internet. (Agreed)'],
          ['44. [Recognize/Affirm] the role of all stakeholders described in paras 43 and 45.', '44. [Recognize/Affirm] the role of all stakeholders described in paras 50 and 45.'],
          ['Alt 1 44. Recognize the role of governments described in paragraph 43.', 'Alt 1 44. Recognize the role of governments described in paragraph 50.'],
          ['45. Decide that the measures in paragraphs 43 to 47 apply [mutatis mutandis] to regional bodies.', '45. Decide that the measures in paragraphs 50 to 47 apply [mutatis mutandis] to regional bodies.'],
        ],
      },
      {
        name: 'from the second number of "paras 43 and 45", to a bis number',
        doc: 'outcome',
        from: ['paras 43 and 45', '45'],
        newName: '45 bis',
        changes: [
          ['44. [Recognize/Affirm] the role of all stakeholders described in paras 43 and 45.', '44. [Recognize/Affirm] the role of all stakeholders described in paras 43 and 45 bis.'],
          ['45. Decide that the measures in paragraphs 43 to 47 apply [mutatis mutandis] to regional bodies.', '45 bis. Decide that the measures in paragraphs 43 to 47 apply [mutatis mutandis] to regional bodies.'],
        ],
      },
      {
        name: 'from the end of a range: the label, the range end and the reference inside an alternative',
        doc: 'outcome',
        from: ['paragraphs 43 to 47', '47'],
        newName: '48',
        changes: [
          ['45. Decide that the measures in paragraphs 43 to 47 apply [mutatis mutandis] to regional bodies.', '45. Decide that the measures in paragraphs 43 to 48 apply [mutatis mutandis] to regional bodies.'],
          ['47. Invite Member States to report on para. 61 in 2025, in line with resolution 57/239.', '48. Invite Member States to report on para. 61 in 2025, in line with resolution 57/239.'],
          ['Alt 1 61. Decide to mobilize financial resources, as noted in paragraph 47.', 'Alt 1 61. Decide to mobilize financial resources, as noted in paragraph 48.'],
        ],
      },
      {
        name: 'from an Alt label: the original, the Alt label and "para. 61"',
        doc: 'outcome',
        from: ['Alt 1 61.', '61'],
        newName: '60',
        changes: [
          ['47. Invite Member States to report on para. 61 in 2025, in line with resolution 57/239.', '47. Invite Member States to report on para. 60 in 2025, in line with resolution 57/239.'],
          ['61. Decide to mobilize [adequate] financial resources for capacity-building.', '60. Decide to mobilize [adequate] financial resources for capacity-building.'],
          ['Alt 1 61. Decide to mobilize financial resources, as noted in paragraph 47.', 'Alt 1 60. Decide to mobilize financial resources, as noted in paragraph 47.'],
        ],
      },
      {
        name: 'from "paragraph 71 (b)": the sub-paragraph letter stays',
        doc: 'outcome',
        from: ['paragraph 71 (b)'],
        newName: '72',
        changes: [
          ['46. Take note of paragraph 71 (b) and of paragraph 49 of the Geneva Declaration of Principles.', '46. Take note of paragraph 72 (b) and of paragraph 49 of the Geneva Declaration of Principles.'],
          ['71. Decide to:', '72. Decide to:'],
        ],
      },
      {
        name: 'from "Article 5, paragraph 2": that article\'s paragraph and its references; Article 1\'s paragraph 2 stays',
        doc: 'articles',
        from: ['Article 5, paragraph 2', '2'],
        newName: '3',
        changes: [
          ['2. Each Party shall report on its measures as provided in Article 5, paragraph 2.', '2. Each Party shall report on its measures as provided in Article 5, paragraph 3.'],
          ['2. The reports referred to in paragraph 1 shall follow agreed guidelines.', '3. The reports referred to in paragraph 1 shall follow agreed guidelines.'],
          ['4. The secretariat shall compile the reports submitted under paragraph 2.', '4. The secretariat shall compile the reports submitted under paragraph 3.'],
        ],
      },
    ];

    for (const c of CASES) {
      it(`${c.name}: exact text, versioned, sorted edits of numbers only`, async () => {
        const text = DOCS[c.doc];
        const uri = virtualUri(`rename-${c.doc}`);
        await client.open(uri, text, 'treaty', 7);
        const edit = await client.request<WorkspaceEdit | null>('textDocument/rename', { textDocument: { uri }, position: spotRange(text, c.from).start, newName: c.newName });
        assert.ok(edit, 'rename answered null');
        const checked = applyWorkspaceEdit(text, edit);
        assert.strictEqual(checked.uri, uri);
        assert.strictEqual(checked.version, 7, 'the edit carries the version it was computed for');
        assertOnlyNumbers(checked);
        assert.strictEqual(checked.result, withLines(text, c.changes));
        await client.close(uri);
      });
    }

    interface RefusalCase {
      name: string;
      doc: DocName;
      from: Spot;
      newName: string;
      message: (text: string) => RegExp;
    }
    const REFUSALS: RefusalCase[] = [
      {
        name: 'a number that already exists',
        doc: 'outcome',
        from: ['43. Recognize'],
        newName: '44',
        message: (text) => new RegExp(`^.*Paragraph 44 already exists \\(line ${lineNumberOf(text, '44. ')}\\)`),
      },
      {
        name: 'a number that already exists, from a reference',
        doc: 'outcome',
        from: ['paragraphs 43 to 47', '47'],
        newName: '61',
        message: (text) => new RegExp(`Paragraph 61 already exists \\(line ${lineNumberOf(text, '61. ')}\\)`),
      },
      {
        name: 'a number that already exists in the same article',
        doc: 'articles',
        from: ['under paragraph 2', '2'],
        newName: '1',
        message: () => /Paragraph 1 already exists \(line 13\)/,
      },
      { name: 'not a number ("abc")', doc: 'outcome', from: ['43. Recognize'], newName: 'abc', message: () => /“abc” is not a paragraph number/ },
      { name: 'not a number ("0")', doc: 'outcome', from: ['43. Recognize'], newName: '0', message: () => /“0” is not a paragraph number/ },
      { name: 'not a number ("43.")', doc: 'outcome', from: ['43. Recognize'], newName: '43.', message: () => /“43\.” is not a paragraph number/ },
      {
        name: 'a number that a dangling reference already names',
        doc: 'outcome',
        from: ['47. Invite'],
        newName: '99',
        message: (text) => new RegExp(`References on line ${lineNumberOf(text, 'b) review')} already name paragraph 99, which does not exist`),
      },
      { name: 'the start is an external reference', doc: 'outcome', from: ['paragraph 49 of the Geneva'], newName: '50', message: () => /never renamed/ },
    ];
    for (const c of REFUSALS) {
      it(`refuses ${c.name}, with a message and no edit`, async () => {
        const text = DOCS[c.doc];
        const sent = client.appliedEdits.length;
        const error = await refusal(client.request('textDocument/rename', { textDocument: { uri: uriOf(c.doc) }, position: spotRange(text, c.from).start, newName: c.newName }));
        assert.strictEqual(error.code, INVALID_REQUEST, error.message);
        assert.match(error.message, c.message(text));
        assert.strictEqual(client.appliedEdits.length, sent, 'no workspace/applyEdit either');
      });
    }

    const BIS_DRAFT = ['11. Opening text.', '', '12. Main text, see paragraph 12bis and para 12 bis.', '', '12bis. Inserted text.', '', '13. Closing text.', ''].join('\n');
    const ROUND_TRIPS: Array<{ name: string; text: string; from: Spot; via: string; back: string }> = [
      { name: '43 → 50 → 43 from the label', text: OUTCOME, from: ['43. Recognize'], via: '50', back: '43' },
      { name: '45 → 452 → 45 from a reference (a longer number)', text: OUTCOME, from: ['paras 43 and 45', '45'], via: '452', back: '45' },
      { name: '43 → 50 → 43 on a CRLF draft', text: CRLF(OUTCOME), from: ['43. Recognize'], via: '50', back: '43' },
      { name: '2 → 3 → 2 in Article 5 on a CRLF draft', text: CRLF(ARTICLES), from: ['2. The reports'], via: '3', back: '2' },
      { name: '12bis → 12 ter → 12 bis: each place keeps its spacing', text: BIS_DRAFT, from: ['12bis. Inserted'], via: '12 ter', back: '12 bis' },
    ];
    for (const c of ROUND_TRIPS) {
      it(`round trip ${c.name} restores the text byte for byte`, async () => {
        const uri = virtualUri('round-trip');
        await client.open(uri, c.text, 'treaty', 3);
        const position = spotRange(c.text, c.from).start;
        const first = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position, newName: c.via });
        const there = applyWorkspaceEdit(c.text, first);
        assert.strictEqual(there.version, 3);
        assertOnlyNumbers(there);
        assert.notStrictEqual(there.result, c.text, 'the first rename changes the text');
        assert.strictEqual(there.result.split('\r\n').length, c.text.split('\r\n').length, 'line endings stay as they were');
        await replaceAll(client, uri, 4, there.result);
        const second = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position, newName: c.back });
        const back = applyWorkspaceEdit(there.result, second);
        assert.strictEqual(back.version, 4, 'the reverse rename carries the new version');
        assertOnlyNumbers(back);
        assert.strictEqual(back.result, c.text);
        await client.close(uri);
      });
    }

    it('the bis round trip writes "12ter" where "12bis" was unspaced and "12 ter" where it was spaced', async () => {
      const uri = virtualUri('bis-forms');
      await client.open(uri, BIS_DRAFT);
      const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: spotRange(BIS_DRAFT, ['12bis. Inserted']).start, newName: '12 ter' });
      assert.strictEqual(
        applyWorkspaceEdit(BIS_DRAFT, edit).result,
        withLines(BIS_DRAFT, [
          ['12. Main text, see paragraph 12bis and para 12 bis.', '12. Main text, see paragraph 12ter and para 12 ter.'],
          ['12bis. Inserted text.', '12ter. Inserted text.'],
        ]),
      );
      await client.close(uri);
    });
  });

  // ---------------------------------------------------------------------------------------------- renumber

  describe('treaty.renumber', () => {
    interface Row {
      old: string;
      new: string;
      article?: string;
      line: number;
    }
    interface RenumberCase {
      name: string;
      text: string;
      args?: unknown[];
      changes: Array<[string, string]>;
      concordance: Row[];
    }
    // The whole resolution renumbered: the same with LF and with CRLF.
    const RESOLUTION_CHANGES: RenumberCase['changes'] = [
      ['1. Recalling paragraphs 3 to 6 and paragraph 6 (a), the General Assembly decides as follows.', '1. Recalling paragraphs 2 to 4 and paragraph 4 (a), the General Assembly decides as follows.'],
      ['3. Urges States to act consistently with para 4 and paragraph 3 of resolution 57/239, adopted in 2003.', '2. Urges States to act consistently with para 3 and paragraph 3 of resolution 57/239, adopted in 2003.'],
      ['3 bis. Encourages further cooperation among the Member States.', '2 bis. Encourages further cooperation among the Member States.'],
      ['4. Requests a report from the Secretary-General.', '3. Requests a report from the Secretary-General.'],
      ['Alt 1 4. Requests a short report from the Secretary-General.', 'Alt 1 3. Requests a short report from the Secretary-General.'],
      ['6. Decides to:', '4. Decides to:'],
      ['b) review the implementation of paragraph 3 bis.', 'b) review the implementation of paragraph 2 bis.'],
    ];
    const RESOLUTION_CONCORDANCE: RenumberCase['concordance'] = [
      { old: '1', new: '1', line: 3 },
      { old: '3', new: '2', line: 5 },
      { old: '3 bis', new: '2 bis', line: 7 },
      { old: '4', new: '3', line: 9 },
      { old: '6', new: '4', line: 13 },
    ];
    const CASES: RenumberCase[] = [
      {
        name: 'the whole draft: gaps close, bis follows its base, references, ranges, sub-paragraph references and Alt labels follow; the external reference, the resolution number and the year stay',
        text: RESOLUTION,
        changes: RESOLUTION_CHANGES,
        concordance: RESOLUTION_CONCORDANCE,
      },
      {
        name: '[uri, { article: "2" }]: only Article 2\'s paragraphs and the references to them',
        text: ARTICLES,
        args: [{ article: '2' }],
        changes: [
          ['1. For the purposes of this Convention, the terms defined in paragraph 3 apply.', '1. For the purposes of this Convention, the terms defined in paragraph 2 apply.'],
          ['3. "Party" means a State that has consented to be bound by this Convention.', '2. "Party" means a State that has consented to be bound by this Convention.'],
          ['4. The definitions in paragraph 3 do not affect Article 1, paragraph 2.', '3. The definitions in paragraph 2 do not affect Article 1, paragraph 2.'],
        ],
        concordance: [
          { old: '1', new: '1', article: 'Article 2', line: 8 },
          { old: '3', new: '2', article: 'Article 2', line: 9 },
          { old: '4', new: '3', article: 'Article 2', line: 10 },
        ],
      },
      {
        name: 'an article draft as a whole: each article numbers from its own first paragraph; articles keep their numbers',
        text: ARTICLES,
        changes: [
          ['1. For the purposes of this Convention, the terms defined in paragraph 3 apply.', '1. For the purposes of this Convention, the terms defined in paragraph 2 apply.'],
          ['3. "Party" means a State that has consented to be bound by this Convention.', '2. "Party" means a State that has consented to be bound by this Convention.'],
          ['4. The definitions in paragraph 3 do not affect Article 1, paragraph 2.', '3. The definitions in paragraph 2 do not affect Article 1, paragraph 2.'],
          ['4. The secretariat shall compile the reports submitted under paragraph 2.', '3. The secretariat shall compile the reports submitted under paragraph 2.'],
        ],
        concordance: [
          { old: '1', new: '1', article: 'Article 1', line: 4 },
          { old: '2', new: '2', article: 'Article 1', line: 5 },
          { old: '1', new: '1', article: 'Article 2', line: 8 },
          { old: '3', new: '2', article: 'Article 2', line: 9 },
          { old: '4', new: '3', article: 'Article 2', line: 10 },
          { old: '1', new: '1', article: 'Article 5', line: 13 },
          { old: '2', new: '2', article: 'Article 5', line: 14 },
          { old: '4', new: '3', article: 'Article 5', line: 15 },
        ],
      },
      {
        name: 'a CRLF draft keeps its line endings',
        text: CRLF(RESOLUTION),
        changes: RESOLUTION_CHANGES,
        concordance: RESOLUTION_CONCORDANCE,
      },
    ];

    for (const c of CASES) {
      it(`${c.name}`, async () => {
        const uri = virtualUri('renumber');
        await client.open(uri, c.text, 'treaty', 11);
        const sent = client.appliedEdits.length;
        const result = await client.request<{ concordance: Row[]; edits: number; warnings: string[] }>('workspace/executeCommand', {
          command: 'treaty.renumber',
          arguments: [uri, ...(c.args ?? [])],
        });
        const edits = client.appliedEdits.slice(sent);
        assert.strictEqual(edits.length, 1, `exactly one workspace/applyEdit per command, got ${edits.length}`);
        const checked = applyWorkspaceEdit(c.text, edits[0].edit);
        assert.strictEqual(checked.uri, uri);
        assert.strictEqual(checked.version, 11, 'the edit carries the document version');
        assertOnlyNumbers(checked);
        assert.strictEqual(checked.result, withLines(c.text, c.changes));
        assert.deepStrictEqual(result.concordance, c.concordance);
        assert.strictEqual(result.edits, checked.edits.length, 'the result counts the edits it sent');
        assert.deepStrictEqual(result.warnings, []);
        await client.close(uri);
      });
    }

    it('an already ordered draft: no workspace/applyEdit, every concordance row unchanged', async () => {
      const text = ['1. First text, see paragraph 2 bis.', '', '2. Second text.', '', '2 bis. Inserted text.', '', '3. Third text, see paragraphs 1 to 2.', ''].join('\n');
      const uri = virtualUri('ordered');
      await client.open(uri, text);
      const sent = client.appliedEdits.length;
      const result = await client.request<{ concordance: Row[]; edits: number; warnings: string[] }>('workspace/executeCommand', { command: 'treaty.renumber', arguments: [uri] });
      assert.strictEqual(client.appliedEdits.length, sent, 'no workspace/applyEdit for a draft already in order');
      assert.deepStrictEqual(result, {
        concordance: [
          { old: '1', new: '1', line: 1 },
          { old: '2', new: '2', line: 3 },
          { old: '2 bis', new: '2 bis', line: 5 },
          { old: '3', new: '3', line: 7 },
        ],
        edits: 0,
        warnings: [],
      });
      await client.close(uri);
    });

    it('a renumbering that would make a dangling reference name a paragraph leaves it as written and warns', async () => {
      const text = ['1. First text.', '', '3. Second text, see paragraph 2 and paragraph 3.', ''].join('\n');
      const uri = virtualUri('warning');
      await client.open(uri, text);
      const sent = client.appliedEdits.length;
      const result = await client.request<{ concordance: Row[]; edits: number; warnings: string[] }>('workspace/executeCommand', { command: 'treaty.renumber', arguments: [uri] });
      assert.strictEqual(client.appliedEdits.length, sent + 1);
      const checked = applyWorkspaceEdit(text, client.appliedEdits[sent].edit);
      assert.strictEqual(checked.result, withLines(text, [['3. Second text, see paragraph 2 and paragraph 3.', '2. Second text, see paragraph 2 and paragraph 2.']]));
      assert.strictEqual(result.warnings.length, 1, JSON.stringify(result.warnings));
      assert.match(result.warnings[0], /^Line 3: .*2.* named no paragraph before renumbering and names the new paragraph 2 after it/);
      await client.close(uri);
    });

    it('refuses an article the draft does not have, with no edit', async () => {
      const sent = client.appliedEdits.length;
      const error = await refusal(client.request('workspace/executeCommand', { command: 'treaty.renumber', arguments: [uriOf('articles'), { article: '9' }] }));
      assert.match(error.message, /This draft has no Article 9/);
      assert.strictEqual(client.appliedEdits.length, sent);
    });

    describe('with treaty.renumber.bis: number', () => {
      let numbering: LspTestClient;
      before(async () => {
        numbering = await LspTestClient.start({ pullDiagnostics: true, configuration: { renumber: { bis: 'number' } } });
        await settled(numbering);
      });
      after(async () => {
        await numbering?.shutdown();
      });

      it('the bis paragraph takes a number of its own, and references to it follow', async () => {
        const uri = virtualUri('bis-number');
        await numbering.open(uri, RESOLUTION, 'treaty', 2);
        const result = await numbering.request<{ concordance: Row[]; edits: number; warnings: string[] }>('workspace/executeCommand', { command: 'treaty.renumber', arguments: [uri] });
        assert.strictEqual(numbering.appliedEdits.length, 1);
        const checked = applyWorkspaceEdit(RESOLUTION, numbering.appliedEdits[0].edit);
        assert.strictEqual(checked.version, 2);
        assertOnlyNumbers(checked);
        assert.strictEqual(
          checked.result,
          withLines(RESOLUTION, [
            ['1. Recalling paragraphs 3 to 6 and paragraph 6 (a), the General Assembly decides as follows.', '1. Recalling paragraphs 2 to 5 and paragraph 5 (a), the General Assembly decides as follows.'],
            ['3. Urges States to act consistently with para 4 and paragraph 3 of resolution 57/239, adopted in 2003.', '2. Urges States to act consistently with para 4 and paragraph 3 of resolution 57/239, adopted in 2003.'],
            ['3 bis. Encourages further cooperation among the Member States.', '3. Encourages further cooperation among the Member States.'],
            ['6. Decides to:', '5. Decides to:'],
            ['b) review the implementation of paragraph 3 bis.', 'b) review the implementation of paragraph 3.'],
          ]),
        );
        assert.deepStrictEqual(result.concordance, [
          { old: '1', new: '1', line: 3 },
          { old: '3', new: '2', line: 5 },
          { old: '3 bis', new: '3', line: 7 },
          { old: '4', new: '4', line: 9 },
          { old: '6', new: '5', line: 13 },
        ]);
      });

      it('a settings change back to keep is followed by the next renumbering', async () => {
        await numbering.setConfiguration({ renumber: { bis: 'keep' } });
        // The server reads the configuration again; a request later, it has the answer.
        const deadline = Date.now() + 15_000;
        let concordance: Row[] = [];
        while (Date.now() < deadline) {
          const uri = virtualUri('bis-keep');
          await numbering.open(uri, RESOLUTION);
          concordance = (await numbering.request<{ concordance: Row[] }>('workspace/executeCommand', { command: 'treaty.renumber', arguments: [uri] })).concordance;
          await numbering.close(uri);
          if (concordance[2]?.new === '2 bis') break;
          await new Promise((r) => setTimeout(r, 50));
        }
        assert.deepStrictEqual(concordance[2], { old: '3 bis', new: '2 bis', line: 7 });
      });
    });

    describe('when the client refuses the edit', () => {
      let refusing: LspTestClient;
      before(async () => {
        refusing = await LspTestClient.start({ pullDiagnostics: true });
        await settled(refusing);
        refusing.onApplyEdit(() => ({ applied: false, failureReason: 'the document is read-only' }));
      });
      after(async () => {
        await refusing?.shutdown();
      });

      it('answers { applied: false } → the command returns an error; nothing else is sent and the draft is unchanged', async () => {
        const uri = virtualUri('refused');
        await refusing.open(uri, RESOLUTION, 'treaty', 5);
        const error = await refusal(refusing.request('workspace/executeCommand', { command: 'treaty.renumber', arguments: [uri] }));
        assert.strictEqual(error.code, REQUEST_FAILED, error.message);
        assert.match(error.message, /not applied: the document is read-only\. The draft is unchanged\./);
        assert.strictEqual(refusing.appliedEdits.length, 1, 'one attempt, no retry');
        // The server did not take the edit as done: its view of the draft is the text as sent.
        const position = spotRange(RESOLUTION, ['6. Decides']).start;
        const definition = await refusing.request<Location[]>('textDocument/definition', { textDocument: { uri }, position });
        assert.deepStrictEqual(definition.map((l) => show(RESOLUTION, l.range)), [show(RESOLUTION, spotRange(RESOLUTION, ['6. Decides']))]);
        // Asked again, it offers the same edit for the same version.
        refusing.onApplyEdit(() => ({ applied: true }));
        await refusing.request('workspace/executeCommand', { command: 'treaty.renumber', arguments: [uri] });
        assert.strictEqual(refusing.appliedEdits.length, 2);
        assert.deepStrictEqual(refusing.appliedEdits[1].edit, refusing.appliedEdits[0].edit);
        assert.ok(refusing.isAlive());
      });
    });
  });

  // ---------------------------------------------------------------------------------------------- insert

  describe('treaty.insertParagraphAfter', () => {
    const ALT_44 = 'Alt 1 44. Recognize the role of governments described in paragraph 43.';

    it('[uri, "44"] inserts "44 bis." after 44 and its alternative, with the blank line the draft uses', async () => {
      const uri = virtualUri('insert');
      await client.open(uri, OUTCOME, 'treaty', 3);
      const sent = client.appliedEdits.length;
      const answer = await client.request<{ number: string; cursor: Position }>('workspace/executeCommand', { command: 'treaty.insertParagraphAfter', arguments: [uri, '44'] });
      assert.strictEqual(client.appliedEdits.length, sent + 1, 'one workspace/applyEdit');
      const checked = applyWorkspaceEdit(OUTCOME, client.appliedEdits[sent].edit);
      assert.strictEqual(checked.uri, uri);
      assert.strictEqual(checked.version, 3);
      assert.strictEqual(checked.result, withLines(OUTCOME, [[ALT_44, `${ALT_44}\n\n44 bis. `]]));
      // The cursor after the new label, ready for the text.
      assert.deepStrictEqual(answer, { number: '44 bis', cursor: { line: lineNumberOf(OUTCOME, 'Alt 1 44.') + 1, character: '44 bis. '.length } });
      await client.close(uri);
    });

    /** The draft after one insertion, as the editor holds it once the edit is applied. */
    const AFTER_ONE = withLines(OUTCOME, [[ALT_44, `${ALT_44}\n\n44 bis. `]]);

    it('again (nothing typed yet): the next free suffix, 44 ter, with the cursor after its label', async () => {
      const uri = virtualUri('insert-again');
      await client.open(uri, AFTER_ONE, 'treaty', 4);
      const sent = client.appliedEdits.length;
      const answer = await client.request<{ number: string; cursor: Position }>('workspace/executeCommand', { command: 'treaty.insertParagraphAfter', arguments: [uri, '44'] });
      assert.strictEqual(client.appliedEdits.length, sent + 1);
      const checked = applyWorkspaceEdit(AFTER_ONE, client.appliedEdits[sent].edit);
      assert.strictEqual(checked.version, 4);
      assert.ok(checked.result.includes('\n\n44 ter. '), JSON.stringify(checked.result));
      assert.deepStrictEqual(answer, { number: '44 ter', cursor: { line: lineNumberOf(OUTCOME, 'Alt 1 44.') + 3, character: '44 ter. '.length } });
      await client.close(uri);
    });

    // Regression: the insertion once landed before the spaces ending the paragraph's line, moving them after the new label.
    it('again: "44 bis. " keeps its line as it is and "44 ter. " follows on its own', async () => {
      const uri = virtualUri('insert-again-text');
      await client.open(uri, AFTER_ONE, 'treaty', 4);
      const sent = client.appliedEdits.length;
      await client.request('workspace/executeCommand', { command: 'treaty.insertParagraphAfter', arguments: [uri, '44'] });
      const checked = applyWorkspaceEdit(AFTER_ONE, client.appliedEdits[sent].edit);
      assert.strictEqual(checked.result, withLines(OUTCOME, [[ALT_44, `${ALT_44}\n\n44 bis. \n\n44 ter. `]]));
      await client.close(uri);
    });

    it('white space at the end of the paragraph stays on its line, not after the new label', async () => {
      const text = '43. First text.\n\n44. Second text.   \n\n45. Third text.\n';
      const uri = virtualUri('insert-trailing-space');
      await client.open(uri, text);
      const sent = client.appliedEdits.length;
      const answer = await client.request<{ number: string; cursor: Position }>('workspace/executeCommand', { command: 'treaty.insertParagraphAfter', arguments: [uri, '44'] });
      const checked = applyWorkspaceEdit(text, client.appliedEdits[sent].edit);
      assert.strictEqual(checked.result, '43. First text.\n\n44. Second text.   \n\n44 bis. \n\n45. Third text.\n');
      assert.deepStrictEqual(answer.cursor, { line: 4, character: 8 });
      await client.close(uri);
    });

    it('"44 ter" also follows a 44 bis the drafter has already written text into', async () => {
      const uri = virtualUri('insert-typed');
      const altLine = 'Alt 1 44. Recognize the role of governments described in paragraph 43.';
      const text = withLines(OUTCOME, [[altLine, `${altLine}\n\n44 bis. Welcome the contribution of the technical community.`]]);
      await client.open(uri, text, 'treaty', 4);
      const sent = client.appliedEdits.length;
      const answer = await client.request<{ number: string }>('workspace/executeCommand', { command: 'treaty.insertParagraphAfter', arguments: [uri, 44] });
      assert.strictEqual(answer.number, '44 ter');
      const checked = applyWorkspaceEdit(text, client.appliedEdits[sent].edit);
      assert.strictEqual(checked.version, 4);
      assert.strictEqual(
        checked.result,
        withLines(OUTCOME, [[altLine, `${altLine}\n\n44 bis. Welcome the contribution of the technical community.\n\n44 ter. `]]),
      );
      await client.close(uri);
    });

    it('on a CRLF draft the new lines are CRLF', async () => {
      const uri = virtualUri('insert-crlf');
      const text = CRLF(OUTCOME);
      await client.open(uri, text);
      const sent = client.appliedEdits.length;
      await client.request('workspace/executeCommand', { command: 'treaty.insertParagraphAfter', arguments: [uri, '47'] });
      const checked = applyWorkspaceEdit(text, client.appliedEdits[sent].edit);
      const line47 = '47. Invite Member States to report on para. 61 in 2025, in line with resolution 57/239.';
      assert.strictEqual(checked.result, withLines(text, [[line47, `${line47}\n\n47 bis. `]]));
      await client.close(uri);
    });

    const MISSING: Array<{ name: string; args: unknown[]; message: RegExp }> = [
      { name: 'a number the draft does not have', args: ['50'], message: /This draft has no paragraph 50 to insert after/ },
      { name: 'a bis number', args: ['44 bis'], message: /“44 bis” is not a paragraph number/ },
      { name: 'no number', args: [], message: /“” is not a paragraph number/ },
    ];
    for (const c of MISSING) {
      it(`on ${c.name}: an error and no edit`, async () => {
        const sent = client.appliedEdits.length;
        const error = await refusal(client.request('workspace/executeCommand', { command: 'treaty.insertParagraphAfter', arguments: [uriOf('outcome'), ...c.args] }));
        assert.strictEqual(error.code, INVALID_REQUEST, error.message);
        assert.match(error.message, c.message);
        assert.strictEqual(client.appliedEdits.length, sent);
      });
    }
  });

  // ---------------------------------------------------------------------------------------------- completion

  describe('completion', () => {
    interface CompletionCase {
      name: string;
      doc: DocName;
      /** The cursor stands at the start of the needle: just after what the user has typed. */
      at: Spot;
      /** label, detail, and how the documentation starts, in the order offered */
      items: Array<[label: string, detail: string, opening: string]>;
    }
    const OUTCOME_ITEMS: CompletionCase['items'] = [
      ['43', 'agreed', 'Recognize that cooperation among all stakeholders'],
      ['44', 'open', '[Recognize/Affirm] the role of all stakeholders'],
      ['45', 'open', 'Decide that the measures in paragraphs'],
      ['46', 'pending', 'Take note of paragraph 71 (b)'],
      ['47', 'pending', 'Invite Member States to report'],
      ['61', 'open', 'Decide to mobilize [adequate] financial resources'],
      ['71', 'pending', 'Decide to: a) establish'],
    ];
    const CASES: CompletionCase[] = [
      { name: 'after "paragraph "', doc: 'outcome', at: ['Take note of paragraph 71', '71'], items: OUTCOME_ITEMS },
      { name: 'after "paras 43 and " (a list begun)', doc: 'outcome', at: ['described in paras 43 and 45', '45'], items: OUTCOME_ITEMS },
      { name: 'after "Alt 1 "', doc: 'outcome', at: ['Alt 1 61.', '61'], items: OUTCOME_ITEMS },
      {
        name: 'after "paragraph " inside Article 5: that article\'s paragraphs only (no draft-level ones here)',
        doc: 'articles',
        at: ['compile the reports submitted under paragraph 2', '2'],
        items: [
          ['1', 'Article 5 · open', 'Each Party shall submit a report'],
          ['2', 'Article 5 · pending', 'The reports referred to in paragraph 1'],
          ['4', 'Article 5 · pending', 'The secretariat shall compile'],
        ],
      },
      {
        name: 'after "Article " in an article draft: the article numbers',
        doc: 'articles',
        at: ['as provided in Article 5', '5'],
        items: [
          ['1', 'Objective', 'Article 1 – Objective'],
          ['2', 'Definitions', 'Article 2 – Definitions'],
          ['5', 'Reporting', 'Article 5 – Reporting'],
        ],
      },
    ];
    for (const c of CASES) {
      it(`${c.name}: the numbers in document order, with status and opening words`, async () => {
        const position = spotRange(DOCS[c.doc], c.at).start;
        const answer = await client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri: uriOf(c.doc) }, position });
        const items = completionItems(answer);
        // The order shown is sortText's (then label's).
        const shown = [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
        assert.deepStrictEqual(
          shown.map((i) => [i.label, i.detail]),
          c.items.map(([label, detail]) => [label, detail]),
        );
        shown.forEach((item, i) => {
          const doc = markup(item.documentation);
          assert.ok(doc.startsWith(c.items[i][2]), `documentation of ${item.label} should start "${c.items[i][2]}": ${JSON.stringify(doc)}`);
        });
      });
    }

    /** Drafts where the user has typed up to the end of `typed`, in a paragraph of their own. */
    const NONE: Array<{ name: string; typed: string; articles?: boolean }> = [
      { name: 'in plain prose', typed: 'Recognize that cooperation ' },
      { name: 'after a number in prose', typed: 'Invite States to report on 61 ' },
      { name: 'after a year', typed: 'Decide to report in 2025 ' },
      { name: 'after "Article " in a draft without articles', typed: 'Take note of Article ' },
      { name: 'after "paragraph" with no space yet', typed: 'Take note of paragraph' },
    ];
    for (const c of NONE) {
      it(`offers nothing ${c.name}`, async () => {
        const uri = virtualUri('no-completion');
        const text = `1. First text.\n\n2. ${c.typed}`;
        await client.open(uri, text);
        const answer = await client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: positionAt(text, text.length) });
        assert.deepStrictEqual(completionItems(answer), []);
        await client.close(uri);
      });
    }
  });
});

// ------------------------------------------------------------------------------------------------ cross-draft

describe('language server: references into another draft of the workspace (treaty.documents)', function () {
  this.timeout(30_000);
  let client: LspTestClient;
  let tmp: string;
  let mainUri: string;
  let genevaUri: string;

  const GENEVA = [
    'Geneva Declaration of Principles',
    '',
    '1. We, the representatives of the peoples of the world, declare our common desire to build an Information Society.',
    '',
    '2. We are fully aware that the benefits of the information technology revolution are today unevenly distributed.',
    '',
    '3. We recognize that education, knowledge, information and communication are at the core of human progress.',
    '',
  ].join('\n');
  const MAIN = [
    'Draft outcome of the review',
    '',
    '1. Recall paragraph 3 of the Geneva Declaration of Principles on education and knowledge.',
    '',
    '2. Note paragraph 99 of the Geneva Declaration of Principles, and paragraph 1 above.',
    '',
  ].join('\n');

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'treaty-cross-'));
    fs.writeFileSync(path.join(tmp, 'geneva.treaty'), GENEVA);
    fs.writeFileSync(path.join(tmp, 'main.treaty'), MAIN);
    mainUri = fileUri(path.join(tmp, 'main.treaty'));
    genevaUri = fileUri(path.join(tmp, 'geneva.treaty'));
    client = await LspTestClient.start({
      pullDiagnostics: true,
      workspaceFolders: [tmp],
      configuration: { documents: { 'Geneva Declaration of Principles': 'geneva.treaty' } },
    });
    await settled(client);
    await client.open(mainUri, MAIN);
  });
  after(async () => {
    await client?.shutdown();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("hover on the first reference shows the Geneva draft's paragraph 3", async () => {
    const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: mainUri }, position: spotRange(MAIN, ['paragraph 3 of the Geneva']).start });
    assert.ok(h, 'no hover');
    const value = markup(h.contents).replace(/\\([\\`*_{}[\]()<>#|!.+-])/g, '$1');
    assert.ok(value.includes('Geneva Declaration of Principles'), value);
    assert.ok(value.includes('We recognize that education, knowledge, information and communication'), value);
    assert.ok(!value.includes('unevenly distributed'), `only paragraph 3, not 2: ${value}`);
  });

  it("definition goes to geneva.treaty's paragraph 3 (uri and line)", async () => {
    for (const character of [0, 1]) {
      const start = spotRange(MAIN, ['paragraph 3 of the Geneva']).start;
      const answer = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: mainUri }, position: { line: start.line, character: start.character + character } });
      assert.deepStrictEqual(answer, [{ uri: genevaUri, range: spotRange(GENEVA, ['3. We recognize']) }]);
    }
  });

  it('the reference to a paragraph Geneva does not have is a dangling-reference; the one it has is not', async () => {
    const diagnostics = await client.diagnostics(mainUri);
    const dangling = diagnostics.filter((d) => d.code === 'dangling-reference');
    assert.deepStrictEqual(
      dangling.map((d) => ({ range: show(MAIN, d.range), source: d.source, message: d.message })),
      [{ range: show(MAIN, spotRange(MAIN, ['paragraph 99 of the Geneva'])), source: 'treaty', message: 'Geneva Declaration of Principles has no paragraph 99.' }],
    );
  });

  it('references and rename stay inside this draft: find references gives nothing, rename is refused', async () => {
    const position = spotRange(MAIN, ['paragraph 3 of the Geneva']).start;
    assert.deepStrictEqual(await client.request('textDocument/references', { textDocument: { uri: mainUri }, position, context: { includeDeclaration: true } }), []);
    const prepared = await refusal(client.request('textDocument/prepareRename', { textDocument: { uri: mainUri }, position }));
    assert.match(prepared.message, /Geneva Declaration of Principles: references to other documents are never renamed/);
    const sent = client.appliedEdits.length;
    const renamed = await refusal(client.request('textDocument/rename', { textDocument: { uri: mainUri }, position, newName: '4' }));
    assert.strictEqual(renamed.code, INVALID_REQUEST);
    assert.match(renamed.message, /never renamed/);
    assert.strictEqual(client.appliedEdits.length, sent);
  });

  it('renaming paragraph 1 of this draft leaves "paragraph 1 above" following it and the Geneva references alone', async () => {
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: mainUri }, position: spotRange(MAIN, ['1. Recall']).start, newName: '3' });
    const checked = applyWorkspaceEdit(MAIN, edit);
    assertOnlyNumbers(checked);
    assert.strictEqual(
      checked.result,
      withLines(MAIN, [
        ['1. Recall paragraph 3 of the Geneva Declaration of Principles on education and knowledge.', '3. Recall paragraph 3 of the Geneva Declaration of Principles on education and knowledge.'],
        ['2. Note paragraph 99 of the Geneva Declaration of Principles, and paragraph 1 above.', '2. Note paragraph 99 of the Geneva Declaration of Principles, and paragraph 3 above.'],
      ]),
    );
  });
});
