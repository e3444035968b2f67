/*
 * Code actions, their lazy resolution, and code lenses of the BUILT language server (server/out/server.js, made by
 * `npm run build`), spoken to over stdio through the LSP test harness. What is expected comes from NOTATION.md §3 and
 * §7 ("Quick fixes") and docs/notation-decisions.md §7; the places in the samples come from samples/README.md.
 *
 * The server computes a code action's edit lazily (CodeAction.data, then codeAction/resolve) when the client
 * advertises `codeAction.resolveSupport.properties: ['edit']` (the harness's default), and eagerly otherwise: the
 * sweep over the samples runs in both modes.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { CodeAction, CodeLens, Command, DocumentSymbol, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { fileUri, LspTestClient, repoRoot, type Diagnostic, type StartOptions } from './harness/lspClient';

const ROOT = repoRoot();
const SAMPLES_DIR = path.join(ROOT, 'samples');
/** A folder that does not exist: documents are only ever sent over the protocol, never read from disk. */
const VIRTUAL_DIR = path.join(ROOT, 'test', 'lsp', 'virtual');

const CONTENT_MODIFIED = -32801;
const BRACKET_ERRORS = new Set(['unclosed-bracket', 'unmatched-bracket']);
/** NOTATION §7 quick fixes: the codes a quick fix is offered for (numbering ones through `treaty.renumber`). */
const FIXABLE = new Set([
  'unclosed-bracket',
  'unmatched-bracket',
  'unresolved-bracket',
  'placeholder',
  'empty-bracket',
  'agreed-with-brackets',
  'encoding-damage',
  'numbering-gap',
  'numbering-order',
  'duplicate-number',
]);
const NUMBERING = new Set(['numbering-gap', 'numbering-order', 'duplicate-number']);
/** DocumentSymbol kinds the outline gives paragraphs (numbered: Number; unnumbered ¶: String) and articles (Module). */
const SYMBOL_NUMBER = 16;
const SYMBOL_STRING = 15;
const SYMBOL_MODULE = 2;

/** How many quick fixes of one sample (per mode) are applied on the server and diagnosed again. */
const APPLY_BUDGET = 12;

type Mode = 'lazy' | 'eager';
const MODES: Array<{ mode: Mode; capabilities?: StartOptions['capabilities'] }> = [
  { mode: 'lazy' },
  // No resolveSupport: the server must put the edit on the action itself.
  { mode: 'eager', capabilities: { textDocument: { codeAction: { resolveSupport: undefined } } } },
];

interface Variant {
  sample: string;
  eol: '\n' | '\r\n';
}
const VARIANTS: Variant[] = [
  { sample: 'outcome-document', eol: '\n' },
  { sample: 'framework-convention', eol: '\n' },
  { sample: 'chair-statement', eol: '\n' },
  { sample: 'outcome-document', eol: '\r\n' },
];

function variantName(v: Variant): string {
  return `${v.sample} (${v.eol === '\n' ? 'LF' : 'CRLF'})`;
}

function sampleText(sample: string, eol: '\n' | '\r\n' = '\n'): string {
  const text = fs.readFileSync(path.join(SAMPLES_DIR, `${sample}.treaty`), 'utf8');
  assert.ok(!text.includes('\r'), `${sample}: the sample itself is LF`);
  return text.replace(/\n/g, eol);
}

function virtualUri(name: string): string {
  return fileUri(path.join(VIRTUAL_DIR, name));
}

// ------------------------------------------------------------------------------------------------ text and edits

/** Offsets where the LSP lines of `text` start (line breaks: CRLF, LF, CR). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\r' && text[i + 1] === '\n') i++;
    if (c === '\r' || c === '\n') starts.push(i + 1);
  }
  return starts;
}

/** End of line `line`'s content (before its line break). */
function lineContentEnd(text: string, starts: number[], line: number): number {
  let end = line + 1 < starts.length ? starts[line + 1] : text.length;
  if (end > starts[line] && text[end - 1] === '\n') end--;
  if (end > starts[line] && text[end - 1] === '\r') end--;
  return end;
}

/** The offset of a position; a position outside the text (or beyond its line) is a failure, not clamped. */
function offsetAt(text: string, starts: number[], p: Position, what: string): number {
  assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < starts.length, `${what}: line ${p.line} is outside the text (${starts.length} lines)`);
  const end = lineContentEnd(text, starts, p.line);
  assert.ok(Number.isInteger(p.character) && p.character >= 0 && starts[p.line] + p.character <= end, `${what}: character ${p.character} is beyond line ${p.line} (${end - starts[p.line]} characters)`);
  return starts[p.line] + p.character;
}

function positionAt(starts: number[], offset: number): Position {
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return { line, character: offset - starts[line] };
}

interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** Offsets of LSP text edits, asserting that they are sorted and do not overlap. */
function offsetEdits(text: string, edits: TextEdit[], what: string): OffsetEdit[] {
  const starts = lineStarts(text);
  const out = edits.map((e, i) => {
    const start = offsetAt(text, starts, e.range.start, `${what}, edit ${i} start`);
    const end = offsetAt(text, starts, e.range.end, `${what}, edit ${i} end`);
    assert.ok(start <= end, `${what}: edit ${i} ends before it starts (${JSON.stringify(e.range)})`);
    assert.strictEqual(typeof e.newText, 'string', `${what}: edit ${i} has no newText`);
    return { start, end, newText: e.newText };
  });
  for (let i = 1; i < out.length; i++) {
    assert.ok(out[i - 1].end <= out[i].start, `${what}: edits ${i - 1} and ${i} are not sorted or overlap: ${JSON.stringify(edits[i - 1].range)} then ${JSON.stringify(edits[i].range)}`);
  }
  return out;
}

/** Applies LSP text edits (sorted, non-overlapping: asserted) to a text, as an editor would. */
function applyEdits(text: string, edits: TextEdit[], what: string): string {
  let result = text;
  for (const e of [...offsetEdits(text, edits, what)].reverse()) result = result.slice(0, e.start) + e.newText + result.slice(e.end);
  return result;
}

/**
 * The one versioned text document edit the server must send: `documentChanges: [{ textDocument: { uri, version },
 * edits }]`, for the document and version given.
 */
function versionedEdits(edit: WorkspaceEdit | undefined, uri: string, version: number, what: string): TextEdit[] {
  assert.ok(edit, `${what}: no WorkspaceEdit`);
  assert.strictEqual(edit.changes, undefined, `${what}: the edit must use documentChanges, not changes`);
  assert.ok(Array.isArray(edit.documentChanges) && edit.documentChanges.length === 1, `${what}: expected one documentChanges entry, got ${JSON.stringify(edit.documentChanges)}`);
  const change = edit.documentChanges[0] as { textDocument?: { uri: string; version: number | null }; edits?: TextEdit[] };
  assert.deepStrictEqual(change.textDocument, { uri, version }, `${what}: the edit must name the document and its current version`);
  assert.ok(Array.isArray(change.edits) && change.edits.length > 0, `${what}: the edit changes nothing`);
  return change.edits;
}

function contains(range: Range, p: Position): boolean {
  const after = (a: Position, b: Position) => a.line > b.line || (a.line === b.line && a.character >= b.character);
  return after(p, range.start) && after(range.end, p);
}

function isBlankLine(text: string, starts: number[], line: number): boolean {
  return line >= 0 && line < starts.length && text.slice(starts[line], lineContentEnd(text, starts, line)).trim() === '';
}

/**
 * Where the edits of a quick fix for a diagnostic may go: the paragraph the diagnostic stands in, as the outline gives
 * it (a paragraph with alternatives spans its whole group; alternatives without an original are one node), or the
 * article for an article's own text, or the block of non-blank lines for text outside any paragraph. Whole lines, plus
 * one blank line on either side (a removed block may take a blank line with it).
 */
function allowedRegion(text: string, symbols: DocumentSymbol[], diagnostic: Diagnostic): { start: number; end: number; name: string } {
  const at = diagnostic.range.start;
  const starts = lineStarts(text);
  let paragraph: DocumentSymbol | undefined;
  let article: DocumentSymbol | undefined;
  const walk = (list: DocumentSymbol[]) => {
    for (const s of list) {
      if (!contains(s.range, at)) continue;
      if (!paragraph && (s.kind === SYMBOL_NUMBER || s.kind === SYMBOL_STRING)) paragraph = s;
      if (s.kind === SYMBOL_MODULE) article = s;
      walk(s.children ?? []);
    }
  };
  walk(symbols);
  let first: number;
  let last: number;
  let name: string;
  const scope = paragraph ?? article;
  if (scope) {
    first = scope.range.start.line;
    last = scope.range.end.line;
    name = `${scope.kind === SYMBOL_MODULE ? 'article' : 'paragraph'} ${scope.name} (lines ${first}–${last})`;
  } else {
    first = at.line;
    last = diagnostic.range.end.line;
    while (first > 0 && !isBlankLine(text, starts, first - 1)) first--;
    while (last + 1 < starts.length && !isBlankLine(text, starts, last + 1)) last++;
    name = `the block of lines ${first}–${last} outside any paragraph`;
  }
  if (isBlankLine(text, starts, first - 1)) first--;
  if (isBlankLine(text, starts, last + 1)) last++;
  return { start: starts[first], end: last + 1 < starts.length ? starts[last + 1] : text.length, name };
}

/** CRLF stays CRLF (no bare LF or CR appears), LF stays LF, and the text ends as it did. */
function assertLineEndingsKept(before: string, after: string, what: string): void {
  if (before.includes('\r\n')) {
    const bare = /\r(?!\n)|(?<!\r)\n/.exec(after);
    assert.ok(!bare, `${what}: a bare ${bare?.[0] === '\r' ? 'CR' : 'LF'} in a CRLF text at ${bare?.index}: ${JSON.stringify(after.slice(Math.max(0, (bare?.index ?? 0) - 30), (bare?.index ?? 0) + 10))}`);
  } else {
    assert.ok(!after.includes('\r'), `${what}: a CR in an LF text`);
  }
  const ending = (t: string) => (t.endsWith('\r\n') ? 'CRLF' : t.endsWith('\n') ? 'LF' : 'none');
  assert.strictEqual(ending(after), ending(before), `${what}: the final line break changed`);
}

function bracketErrors(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => BRACKET_ERRORS.has(String(d.code)));
}

function fmt(d: Diagnostic): string {
  return `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
}

// ------------------------------------------------------------------------------------------------ protocol helpers

function codeActions(client: LspTestClient, uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  return client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range,
    context: only ? { diagnostics, only, triggerKind: 1 } : { diagnostics, triggerKind: 1 },
  });
}

/** The action's edit: from codeAction/resolve in lazy mode (the action must carry data and no edit yet), else its own. */
async function editOf(client: LspTestClient, mode: Mode, action: CodeAction): Promise<WorkspaceEdit | undefined> {
  if (mode === 'eager') {
    assert.strictEqual(action.data, undefined, `${action.title}: eager mode (no resolveSupport) must not defer the edit`);
    return action.edit;
  }
  assert.strictEqual(action.edit, undefined, `${action.title}: with resolveSupport the edit is computed on resolve`);
  assert.notStrictEqual(action.data, undefined, `${action.title}: a lazy action needs data to be resolved`);
  const resolved = await client.request<CodeAction>('codeAction/resolve', action);
  assert.strictEqual(resolved.title, action.title, 'resolve keeps the title');
  assert.strictEqual(resolved.kind, action.kind, 'resolve keeps the kind');
  return resolved.edit;
}

async function symbolsOf(client: LspTestClient, uri: string): Promise<DocumentSymbol[]> {
  return client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
}

/** Rejects with an LSP error: returns its code and message. */
async function lspError(p: Promise<unknown>): Promise<{ code?: number; message: string }> {
  try {
    const value = await p;
    assert.fail(`expected an error answer, got ${JSON.stringify(value)?.slice(0, 300)}`);
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    return { code: (e as { code?: number }).code, message: (e as Error).message };
  }
}

// ------------------------------------------------------------------------------------------------ the sweep

interface Fix {
  diagnostic: Diagnostic;
  title: string;
  /** The whole text after the fix, applied in memory. */
  after: string;
}

/** First word of a title: the kind of resolution (Keep, Accept, Delete, Choose, Close, Remove, Repair, Mark). */
function titleKind(title: string): string {
  return title.split(' ')[0];
}

/** A deterministic sample of fixes: the first of each kind of resolution, then evenly spaced ones, up to the budget. */
function sampleFixes(fixes: Fix[], budget: number): Fix[] {
  const chosen = new Set<Fix>();
  const kinds = new Set<string>();
  for (const f of fixes) {
    if (chosen.size >= budget) break;
    if (!kinds.has(titleKind(f.title))) {
      kinds.add(titleKind(f.title));
      chosen.add(f);
    }
  }
  const rest = fixes.filter((f) => !chosen.has(f));
  const wanted = Math.min(budget - chosen.size, rest.length);
  for (let i = 0; i < wanted; i++) chosen.add(rest[Math.floor((i * rest.length) / wanted)]);
  return fixes.filter((f) => chosen.has(f));
}

for (const { mode, capabilities } of MODES) {
  describe(`code actions over LSP, ${mode} edits (NOTATION §7 quick fixes)`, function () {
    this.timeout(120_000);
    let client: LspTestClient;
    let appliedOnServer = 0;

    before(async () => {
      client = await LspTestClient.start(capabilities ? { capabilities } : {});
    });
    after(async () => {
      await client?.shutdown();
    });

    it(`the server ${mode === 'lazy' ? 'offers' : 'is still asked for'} codeAction/resolve`, () => {
      const provider = client.initializeResult.capabilities.codeActionProvider;
      assert.ok(provider && typeof provider === 'object', 'codeActionProvider with options');
      assert.strictEqual((provider as { resolveProvider?: boolean }).resolveProvider, true);
    });

    for (const variant of VARIANTS) {
      describe(variantName(variant), () => {
        const uri = virtualUri(`${variant.sample}${variant.eol === '\r\n' ? '.crlf' : ''}.${mode}.treaty`);
        const text = sampleText(variant.sample, variant.eol);
        let version = 1;
        let diagnostics: Diagnostic[] = [];
        let fixes: Fix[] = [];

        before(async () => {
          await client.open(uri, text, 'treaty', version);
          diagnostics = await client.diagnostics(uri);
        });

        it('every diagnostic: its quick fixes list it, carry a versioned edit confined to its paragraph, keep line endings', async () => {
          assert.ok(diagnostics.length > 0, 'the sample has diagnostics');
          const symbols = await symbolsOf(client, uri);
          const problems: string[] = [];
          fixes = [];
          let commands = 0;
          for (const diagnostic of diagnostics) {
            const where = `${fmt(diagnostic)}`;
            const actions = await codeActions(client, uri, diagnostic.range, [diagnostic]);
            const titles = actions.map((a) => a.title);
            assert.strictEqual(new Set(titles).size, titles.length, `${where}: an action is listed twice: ${JSON.stringify(titles)}`);
            const quickfixes = actions.filter((a) => a.kind === 'quickfix');
            for (const a of actions) {
              if (a.kind === 'quickfix') {
                assert.deepStrictEqual(a.diagnostics, [diagnostic], `${where}: quick fix “${a.title}” must list exactly that diagnostic`);
              } else {
                assert.strictEqual(a.kind, 'refactor.rewrite', `${where}: “${a.title}” is neither a quick fix nor a rewrite`);
                assert.ok(!a.diagnostics || a.diagnostics.length === 0, `${where}: rewrite “${a.title}” must not claim a diagnostic`);
              }
            }
            if (FIXABLE.has(String(diagnostic.code)) && quickfixes.length === 0) problems.push(`${where}: no quick fix (got ${JSON.stringify(titles)})`);
            if (!FIXABLE.has(String(diagnostic.code)) && quickfixes.length > 0) problems.push(`${where}: unexpected quick fixes ${JSON.stringify(quickfixes.map((a) => a.title))}`);

            const region = allowedRegion(text, symbols, diagnostic);
            for (const action of quickfixes) {
              const what = `${where}: “${action.title}”`;
              if (action.command) {
                assert.ok(NUMBERING.has(String(diagnostic.code)), `${what}: only numbering diagnostics get a command`);
                assert.deepStrictEqual(action.command, { title: action.title, command: 'treaty.renumber', arguments: [uri] } satisfies Command, what);
                assert.strictEqual(action.edit, undefined, `${what}: a command action carries no edit`);
                commands++;
                continue;
              }
              const edits = versionedEdits(await editOf(client, mode, action), uri, version, what);
              for (const e of offsetEdits(text, edits, what)) {
                if (e.start < region.start || e.end > region.end) {
                  const starts = lineStarts(text);
                  problems.push(`${what}: edit ${JSON.stringify({ start: positionAt(starts, e.start), end: positionAt(starts, e.end) })} is outside ${region.name}`);
                }
              }
              const after = applyEdits(text, edits, what);
              assert.notStrictEqual(after, text, `${what}: changes nothing`);
              assertLineEndingsKept(text, after, what);
              fixes.push({ diagnostic, title: action.title, after });
            }
          }
          assert.deepStrictEqual(problems, []);
          assert.ok(fixes.length >= 10, `only ${fixes.length} quick fixes with edits in the sample`);
          if (variant.sample === 'outcome-document') assert.strictEqual(commands, 1, 'the numbering gap (52 → 54) offers the renumbering command');
        });

        it(`applied on the server (a sample of up to ${APPLY_BUDGET}): no new unclosed or unmatched bracket`, async function () {
          if (fixes.length === 0) this.skip(); // the test above failed before collecting any
          const before = bracketErrors(diagnostics);
          const chosen = sampleFixes(fixes, APPLY_BUDGET);
          assert.ok(chosen.length >= Math.min(APPLY_BUDGET, fixes.length));
          const problems: string[] = [];
          for (const fix of chosen) {
            await client.change(uri, ++version, [{ text: fix.after }]);
            const now = bracketErrors(await client.diagnostics(uri));
            // A fix of a bracket error removes exactly that one; any other fix leaves their number alone.
            const expected = before.length - (BRACKET_ERRORS.has(String(fix.diagnostic.code)) ? 1 : 0);
            if (now.length !== expected) problems.push(`“${fix.title}” (for ${fmt(fix.diagnostic)}): ${before.length} bracket errors before, ${now.length} after: ${now.map(fmt).join(', ')}`);
            appliedOnServer++;
            await client.change(uri, ++version, [{ text }]);
          }
          assert.deepStrictEqual(bracketErrors(await client.diagnostics(uri)).map(fmt), before.map(fmt), 'the restored text is diagnosed as before');
          assert.deepStrictEqual(problems, []);
        });
      });
    }

    // A suite of its own: mocha runs a suite's tests before its child suites, and this one counts theirs.
    describe('in total', () => {
      it('at least 30 quick fixes were applied on the server and diagnosed again', () => {
        assert.ok(appliedOnServer >= 30, `only ${appliedOnServer} quick fixes were applied and diagnosed again`);
      });
    });
  });
}

// ------------------------------------------------------------------------------------------------ single behaviours

describe('code actions over LSP: cursor, resolution of 58, stale versions, lenses, renumbering', function () {
  this.timeout(60_000);
  let client: LspTestClient;
  const OUTCOME = sampleText('outcome-document');

  before(async () => {
    client = await LspTestClient.start();
  });
  after(async () => {
    await client?.shutdown();
  });

  /** Position of the first occurrence of `needle` in `text`, plus `delta` characters. */
  function find(text: string, needle: string, delta = 0): Position {
    const i = text.indexOf(needle);
    assert.ok(i >= 0, `“${needle}” is in the sample`);
    return positionAt(lineStarts(text), i + delta);
  }

  describe('at a cursor without diagnostics: refactor.rewrite actions, which only: [quickfix] filters out', () => {
    const uri = virtualUri('outcome-document.cursor.treaty');
    before(async () => {
      await client.open(uri, OUTCOME);
    });

    // NOTATION §7: the cursor positions and one action each must offer (titles as the core tests name them).
    const CURSORS: Array<{ name: string; needle: string; delta: number; title: string }> = [
      { name: 'inside [85] of [75][85] percent', needle: '[75][85]', delta: 5, title: 'Keep “85”' },
      { name: 'inside [support/accelerate]', needle: '[support/accelerate]', delta: 3, title: 'Choose “accelerate”' },
      { name: 'on the Option 2 line of 57', needle: 'Option 2: by an independent', delta: 12, title: 'Keep Option 2 of paragraph 57' },
      { name: 'on the original 58', needle: '58. We decide to establish', delta: 20, title: 'Keep Alt 2 of paragraph 58' },
      { name: 'in pending paragraph 26 (no brackets)', needle: '26. We recognize', delta: 10, title: 'Mark paragraph 26 agreed (Agreed)' },
      { name: 'inside [within their respective mandates] of 59', needle: '[within their respective mandates]', delta: 3, title: 'Accept [within their respective mandates] (keep its text)' },
    ];
    for (const c of CURSORS) {
      it(c.name, async () => {
        const at = find(OUTCOME, c.needle, c.delta);
        const range = { start: at, end: at };
        const actions = await codeActions(client, uri, range, []);
        const titles = actions.map((a) => a.title);
        assert.ok(titles.includes(c.title), `“${c.title}” among ${JSON.stringify(titles)}`);
        for (const a of actions) {
          assert.strictEqual(a.kind, 'refactor.rewrite', `“${a.title}”`);
          assert.ok(!a.diagnostics || a.diagnostics.length === 0, `“${a.title}” lists no diagnostic`);
        }
        assert.deepStrictEqual(await codeActions(client, uri, range, [], ['quickfix']), [], 'only: [quickfix] leaves nothing');
        const refactors = await codeActions(client, uri, range, [], ['refactor']);
        assert.deepStrictEqual(refactors.map((a) => a.title), titles, 'only: [refactor] keeps the refactor.rewrite actions (kinds are hierarchical)');
      });
    }
  });

  describe('“Keep Alt 2 of paragraph 58” applied (NOTATION §3; decisions §7)', () => {
    for (const eol of ['\n', '\r\n'] as const) {
      it(`gives the exact text: 58 and Alt 1 gone with their lines, Alt 2 labelled 58. without brackets (${eol === '\n' ? 'LF' : 'CRLF'})`, async () => {
        const uri = virtualUri(`outcome-document.keep58${eol === '\n' ? '' : '.crlf'}.treaty`);
        const text = sampleText('outcome-document', eol);
        await client.open(uri, text);
        const diagnostics = await client.diagnostics(uri);
        const at = find(text, '[Alt. 2 58.', 12);
        const here = diagnostics.filter((d) => contains(d.range, at));
        assert.ok(here.some((d) => d.code === 'unresolved-bracket'), `the bracketed Alt 2 is an unresolved-bracket: ${here.map(fmt)}`);
        const actions = await codeActions(client, uri, { start: at, end: at }, here);
        const action = actions.find((a) => a.title === 'Keep Alt 2 of paragraph 58');
        assert.ok(action, `no “Keep Alt 2 of paragraph 58” among ${JSON.stringify(actions.map((a) => a.title))}`);
        assert.strictEqual(action.kind, 'quickfix');
        const after = applyEdits(text, versionedEdits(await editOf(client, 'lazy', action), uri, 1, action.title), action.title);

        // Samples README: 58 (line 218), blank, [Alt 1 58. (220), blank, [Alt. 2 58. (222–225), blank, 59.
        const lines = text.split(eol);
        const i58 = lines.findIndex((l) => l.startsWith('58. We decide to establish a global fund'));
        assert.strictEqual(i58, 217, 'paragraph 58 is on line 218');
        assert.deepStrictEqual([lines[i58 + 1], lines[i58 + 3]], ['', ''], 'blank lines between the members');
        assert.ok(lines[i58 + 2].startsWith('[Alt 1 58. We invite'));
        assert.strictEqual(lines[i58 + 4], '[Alt. 2 58. We request the Secretary-General to explore, in consultation with');
        assert.strictEqual(lines[i58 + 7], 'eighty-second session.]');
        const expected = [
          ...lines.slice(0, i58),
          '58. We request the Secretary-General to explore, in consultation with',
          'Member States, options for mobilizing additional financial resources for digital',
          'cooperation, and to present recommendations to the General Assembly at its',
          'eighty-second session.',
          ...lines.slice(i58 + 8),
        ].join(eol);
        assert.strictEqual(after, expected);

        await client.change(uri, 2, [{ text: after }]);
        const next = await client.diagnostics(uri);
        const onNew58 = next.filter((d) => d.code === 'unresolved-bracket' && d.range.start.line <= i58 + 3 && d.range.end.line >= i58);
        assert.deepStrictEqual(onNew58.map(fmt), [], 'no unresolved-bracket left on the lines of 58');
        assert.deepStrictEqual(bracketErrors(next).map(fmt).length, bracketErrors(diagnostics).length, 'no new bracket error');
        await client.close(uri);
      });
    }
  });

  describe('a stale version is refused with ContentModified, and nothing is edited', () => {
    it('codeAction/resolve after a change', async () => {
      const uri = virtualUri('outcome-document.stale-resolve.treaty');
      await client.open(uri, OUTCOME);
      const at = find(OUTCOME, '[Alt. 2 58.', 12);
      const action = (await codeActions(client, uri, { start: at, end: at }, [])).find((a) => a.title === 'Keep Alt 2 of paragraph 58');
      assert.ok(action, 'the action is offered at the cursor');
      // While the version is current, the same action resolves to an edit.
      const fresh = await client.request<CodeAction>('codeAction/resolve', action);
      versionedEdits(fresh.edit, uri, 1, 'current version');

      await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Revised draft\n\n' }]);
      const editsBefore = client.appliedEdits.length;
      const error = await lspError(client.request<CodeAction>('codeAction/resolve', action));
      assert.strictEqual(error.code, CONTENT_MODIFIED, `ContentModified expected: ${error.message}`);
      assert.match(error.message, /\w{3,}/, 'the error has a message');
      assert.strictEqual(client.appliedEdits.length, editsBefore, 'no workspace/applyEdit');
      await client.close(uri);
    });

    it('workspace/executeCommand treaty.resolve with an old version', async () => {
      const uri = virtualUri('outcome-document.stale-command.treaty');
      await client.open(uri, OUTCOME);
      const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
      const lens = lenses.find((l) => l.command?.title === 'Keep Alt 2' && l.range.start.line === 217);
      assert.ok(lens?.command, `a “Keep Alt 2” lens above 58: ${JSON.stringify(lenses.map((l) => [l.range.start.line, l.command?.title]))}`);
      const args = lens.command.arguments ?? [];
      assert.deepStrictEqual(args.slice(0, 2), [uri, 1], 'the lens names the document and the version it was computed for');

      await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Revised draft\n\n' }]);
      const editsBefore = client.appliedEdits.length;
      const error = await lspError(client.request('workspace/executeCommand', { command: lens.command.command, arguments: args }));
      assert.strictEqual(error.code, CONTENT_MODIFIED, `ContentModified expected: ${error.message}`);
      assert.match(error.message, /\w{3,}/, 'the error has a message');
      assert.strictEqual(client.appliedEdits.length, editsBefore, 'no workspace/applyEdit');
      await client.close(uri);
    });
  });

  describe('code lenses on the outcome document (NOTATION §3: keep one member)', () => {
    const uri = virtualUri('outcome-document.lenses.treaty');
    let lenses: CodeLens[] = [];
    before(async () => {
      await client.open(uri, OUTCOME);
      lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    });

    // Samples README: the groups of 30 (no original), 40 (original, Alt 1, Alt 3), 45 g) (original g), g1, g2),
    // the orphan Alt 1 98, the options of 57 and 58 (original, Alt 1, Alt. 2). Each lens row stands on the line
    // of the group's first member.
    const GROUPS: Array<{ first: string; titles: string[] }> = [
      { first: '[Alt 1 30.', titles: ['Keep Alt 1', 'Keep Alt 2'] },
      { first: '40. ', titles: ['Keep original', 'Keep Alt 1', 'Keep Alt 3'] },
      { first: 'g) take into account the specific needs', titles: ['Keep original', 'Keep Alt 1', 'Keep Alt 2'] },
      { first: '[Alt 1 98.', titles: ['Keep Alt 1'] },
      { first: 'Option 1: by the Office', titles: ['Keep Option 1', 'Keep Option 2'] },
      { first: '58. We decide', titles: ['Keep original', 'Keep Alt 1', 'Keep Alt 2'] },
    ];

    it('one row of “Keep …” lenses above each alternative group and the option group', () => {
      const lines = OUTCOME.split('\n');
      const expected = GROUPS.flatMap((g) => {
        const line = lines.findIndex((l) => l.startsWith(g.first));
        assert.ok(line >= 0, g.first);
        return g.titles.map((t) => `${line}: ${t}`);
      });
      const actual = lenses.map((l) => `${l.range.start.line}: ${l.command?.title}`);
      assert.deepStrictEqual(actual, expected);
      for (const l of lenses) {
        assert.strictEqual(l.command?.command, 'treaty.resolve', 'a lens carries its command (no codeLens/resolve)');
        assert.strictEqual(l.range.start.character, 0, 'the lens range starts at the member');
      }
    });

    /** The code-action title that matches a lens title, for the group at the lens. */
    function actionTitlePattern(lensTitle: string): RegExp {
      const m = /^Keep (original|Alt \d+|Option \d+|\(\w+\))$/.exec(lensTitle);
      assert.ok(m, `a lens title of the form Keep …: ${lensTitle}`);
      const what = m[1] === 'original' ? 'the original' : m[1].replace(/[()]/g, '\\$&');
      return new RegExp(`^Keep ${what} of `);
    }

    it('each lens, executed, sends exactly one workspace/applyEdit equal to the same action’s quick fix', async function () {
      assert.ok(lenses.length > 0, 'lenses');
      const diagnostics = await client.diagnostics(uri);
      // The quick fixes of the whole document, by title (every bracketed alternative's unresolved-bracket offers
      // its group's "Keep …" actions).
      const quickFixText = new Map<string, string>();
      for (const d of diagnostics) {
        for (const a of await codeActions(client, uri, d.range, [d], ['quickfix'])) {
          if (!a.title.startsWith('Keep ') || quickFixText.has(a.title)) continue;
          quickFixText.set(a.title, applyEdits(OUTCOME, versionedEdits(await editOf(client, 'lazy', a), uri, 1, a.title), a.title));
        }
      }
      const problems: string[] = [];
      for (const lens of lenses) {
        const what = `lens “${lens.command!.title}” on line ${lens.range.start.line}`;
        const before = client.appliedEdits.length;
        const result = await client.request<unknown>('workspace/executeCommand', { command: lens.command!.command, arguments: lens.command!.arguments });
        assert.deepStrictEqual(result, { applied: true }, what);
        assert.strictEqual(client.appliedEdits.length, before + 1, `${what}: exactly one workspace/applyEdit`);
        const sent = client.appliedEdits[before];
        const lensText = applyEdits(OUTCOME, versionedEdits(sent.edit as WorkspaceEdit, uri, 1, what), what);

        // The same action: the one at the lens position whose title matches; its quick fix where one is offered.
        const pattern = actionTitlePattern(lens.command!.title);
        const here = (await codeActions(client, uri, { start: lens.range.start, end: lens.range.start }, [])).filter((a) => pattern.test(a.title));
        assert.strictEqual(here.length, 1, `${what}: one matching action at the lens, got ${JSON.stringify(here.map((a) => a.title))}`);
        const title = here[0].title;
        // Options have no diagnostic: then the action at the lens, whose edit is the same resolution's, is compared.
        const expected = quickFixText.get(title) ?? applyEdits(OUTCOME, versionedEdits(await editOf(client, 'lazy', here[0]), uri, 1, title), title);
        if (lensText !== expected) problems.push(`${what}: its edit differs from the action “${title}”`);
      }
      assert.deepStrictEqual(problems, []);
    });
  });

  describe('a bracketed alternative’s unresolved-bracket offers its group’s “Keep …” actions as quick fixes', () => {
    const uri = virtualUri('outcome-document.member-fixes.treaty');
    before(async () => {
      await client.open(uri, OUTCOME);
    });

    // NOTATION §7 (keep one member of an alternative group) and decisions §7 (an action offered for a diagnostic is a
    // quickfix); decisions §1: `Alt Ng1)` alternatives are grouped and resolved the same way as paragraph ones.
    const MEMBERS: Array<{ line: string; group: string; keeps: string[] }> = [
      { line: '[Alt 1 30.', group: 'paragraph 30', keeps: ['Alt 1', 'Alt 2'] },
      { line: '[Alt 2 30.', group: 'paragraph 30', keeps: ['Alt 1', 'Alt 2'] },
      { line: '[Alt 1 40.', group: 'paragraph 40', keeps: ['the original', 'Alt 1', 'Alt 3'] },
      { line: '[Alt 3 40.', group: 'paragraph 40', keeps: ['the original', 'Alt 1', 'Alt 3'] },
      { line: '[Alt 1 98.', group: 'paragraph 98', keeps: ['Alt 1'] },
      { line: '[Alt 1 58.', group: 'paragraph 58', keeps: ['the original', 'Alt 1', 'Alt 2'] },
      { line: '[Alt. 2 58.', group: 'paragraph 58', keeps: ['the original', 'Alt 1', 'Alt 2'] },
      { line: '[Alt 45g1)', group: 'sub-paragraph 45 (g)', keeps: ['the original', 'Alt 1', 'Alt 2'] },
      { line: '[Alt 45 g2)', group: 'sub-paragraph 45 (g)', keeps: ['the original', 'Alt 1', 'Alt 2'] },
    ];
    for (const m of MEMBERS) {
      const name = `${m.line}…]`;
      const test = async () => {
        const at = find(OUTCOME, m.line);
        const diagnostic = (await client.diagnostics(uri)).find((d) => d.code === 'unresolved-bracket' && d.range.start.line === at.line && d.range.start.character === at.character);
        assert.ok(diagnostic, `an unresolved-bracket starts at ${m.line}`);
        const actions = await codeActions(client, uri, diagnostic.range, [diagnostic]);
        const quickKeeps = actions.filter((a) => a.kind === 'quickfix' && a.title.startsWith('Keep ')).map((a) => a.title);
        assert.deepStrictEqual(quickKeeps, m.keeps.map((k) => `Keep ${k} of ${m.group}`), `all actions: ${JSON.stringify(actions.map((a) => `${a.kind} ${a.title}`))}`);
      };
      it(name, test);
    }
  });

  describe('numbering quick fixes carry the treaty.renumber command', () => {
    const CASES: Array<{ sample: string; code: string; line: number }> = [
      { sample: 'outcome-document', code: 'numbering-gap', line: 201 }, // 52 then 54 (README line 201)
      { sample: 'framework-convention', code: 'duplicate-number', line: 98 }, // README line 98
    ];
    for (const c of CASES) {
      it(`${c.code} in ${c.sample}`, async () => {
        const uri = virtualUri(`${c.sample}.renumber.treaty`);
        await client.open(uri, sampleText(c.sample));
        const diagnostic = (await client.diagnostics(uri)).find((d) => d.code === c.code);
        assert.ok(diagnostic, `a ${c.code} diagnostic`);
        assert.strictEqual(diagnostic.range.start.line, c.line - 1, `on README line ${c.line}`);
        const actions = await codeActions(client, uri, diagnostic.range, [diagnostic], ['quickfix']);
        const renumber = actions.filter((a) => a.command?.command === 'treaty.renumber');
        assert.strictEqual(renumber.length, 1, `one renumbering action among ${JSON.stringify(actions.map((a) => a.title))}`);
        const action = renumber[0];
        assert.strictEqual(action.kind, 'quickfix');
        assert.deepStrictEqual(action.diagnostics, [diagnostic]);
        assert.deepStrictEqual(action.command!.arguments, [uri], 'the command names the document');
        assert.strictEqual(action.edit, undefined, 'the renumbering is a command, not an edit');
        assert.ok(
          (client.initializeResult.capabilities.executeCommandProvider?.commands ?? []).includes('treaty.renumber'),
          'the server executes treaty.renumber',
        );
        await client.close(uri);
      });
    }
  });
});
