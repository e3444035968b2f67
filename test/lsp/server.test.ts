/*
 * Integration tests of the BUILT language server (server/out/server.js, made by `npm run build`), spoken to over
 * stdio through the LSP test harness. What is expected comes from NOTATION.md §6–§7 and from samples/README.md,
 * which lists each sample's deliberate problems (1-based lines and columns there; LSP positions are 0-based).
 */
import * as assert from 'assert';
import { seededRandom } from '../../bench/draftGenerator';
import * as fs from 'fs';
import * as path from 'path';
import type { DocumentSymbol, FoldingRange, Hover, MarkupContent, Range } from 'vscode-languageserver-types';
import { runCli } from '../../server/src/cli';
import { fileUri, LspTestClient, repoRoot, type Diagnostic } from './harness/lspClient';

const ROOT = repoRoot();
const SAMPLES_DIR = path.join(ROOT, 'samples');
/** A folder that does not exist: documents are only ever sent over the protocol, never read from disk. */
const VIRTUAL_DIR = path.join(ROOT, 'test', 'lsp', 'virtual');

const ERROR = 1;
const WARNING = 2;
const INFORMATION = 3;
const HINT = 4;

/** NOTATION §6: every code with its default severity. */
const DEFAULT_SEVERITY: Record<string, number> = {
  'unclosed-bracket': ERROR,
  'unmatched-bracket': ERROR,
  'unresolved-bracket': WARNING,
  placeholder: INFORMATION,
  'empty-bracket': WARNING,
  'agreed-with-brackets': ERROR,
  'misplaced-marker': INFORMATION,
  'duplicate-number': ERROR,
  'numbering-gap': WARNING,
  'numbering-order': WARNING,
  'sublabel-gap': WARNING,
  'dangling-reference': WARNING,
  'orphan-alternative': WARNING,
  'alternative-numbering': WARNING,
  'encoding-damage': WARNING,
  'duplicate-sentence': INFORMATION,
};

// ------------------------------------------------------------------------------------------------ samples table

/** One diagnostic the samples README announces. `line`/`col` are the README's 1-based numbers. */
interface Announced {
  code: string;
  line: number;
  /** README column (1-based); when absent but `text` is given, the first occurrence of `text` on the line. */
  col?: number;
  /** The text the README names at that place; the diagnostic's range must overlap it. */
  text?: string;
}

/** An outermost bracket span that must (or must not) start an `unresolved-bracket` diagnostic. */
interface SpanCheck {
  line: number;
  text: string;
  /** README line where the span ends (multi-line brackets). */
  endLine?: number;
}

interface SampleCase {
  file: string;
  /** README: "(235 lines)" — if the sample changes, this table is stale. */
  lines: number;
  /** Deliberate problems and placeholders: the exact list of diagnostics other than `unresolved-bracket`. */
  announced: Announced[];
  unresolved: SpanCheck[];
  notUnresolved: SpanCheck[];
  /** Paragraph counts of the negotiation status, counted by hand from the text (NOTATION §4). */
  paragraphs: { agreed: number; open: number; pending: number };
  alternativeGroups: number;
  optionGroups: number;
}

const SAMPLES: SampleCase[] = [
  {
    file: 'outcome-document.treaty',
    lines: 235,
    announced: [
      { code: 'unclosed-bracket', line: 62, col: 68, text: '[' },
      { code: 'unmatched-bracket', line: 131, col: 179, text: ']' },
      { code: 'empty-bracket', line: 195, col: 144, text: '[ ]' },
      { code: 'agreed-with-brackets', line: 24 },
      { code: 'misplaced-marker', line: 73, col: 158, text: '(Agreed)' },
      { code: 'numbering-gap', line: 201 },
      { code: 'sublabel-gap', line: 102 },
      { code: 'dangling-reference', line: 227, col: 261, text: 'paragraph 99' },
      { code: 'orphan-alternative', line: 205 },
      { code: 'alternative-numbering', line: 149 },
      { code: 'encoding-damage', line: 45, col: 35, text: 'â€™' },
      { code: 'encoding-damage', line: 46, col: 56, text: 'Ã©' },
      { code: 'duplicate-sentence', line: 127, col: 78, text: 'Closing the digital divide requires sustained investment' },
      { code: 'placeholder', line: 229, text: '[X]' },
      { code: 'placeholder', line: 229, text: '[…]' },
    ],
    unresolved: [
      { line: 86, text: '[24.', endLine: 91 }, // a bracket over three blocks
      { line: 180, text: '[47.', endLine: 183 }, // a fully bracketed paragraph
      { line: 36, text: '[75][85]' }, // adjacent brackets count as one
      { line: 58, text: '[2][1.5]' },
      { line: 229, text: '[shall][agree to]' },
      { line: 104, text: '[among Member States [and', endLine: 105 }, // nesting three deep: only the outermost
      { line: 191, text: '[and', endLine: 192 }, // two brackets separated by a space are independent
      { line: 192, text: '[other than as', endLine: 193 },
      { line: 31, text: '[support/accelerate]' },
      { line: 212, text: '[shall/should/may]' },
    ],
    notUnresolved: [
      { line: 36, text: '[85]' },
      { line: 229, text: '[agree to]' },
      { line: 105, text: '[the private sector and]' },
    ],
    paragraphs: { agreed: 21, open: 33, pending: 8 },
    alternativeGroups: 5, // 30, 40, 45 g), 58 and the orphan 98
    optionGroups: 1,
  },
  {
    file: 'framework-convention.treaty',
    lines: 152,
    announced: [
      { code: 'duplicate-number', line: 98 },
      { code: 'dangling-reference', line: 120, col: 77, text: 'paragraph 4 of Article 7' },
      { code: 'placeholder', line: 69, col: 54, text: '[X]' },
    ],
    unresolved: [
      { line: 69, text: '[shall][undertakes to]' },
      { line: 78, text: '[five][ten]' },
      { line: 149, text: '[Where a dispute', endLine: 152 },
      { line: 55, text: '[shall/should]' },
    ],
    notUnresolved: [
      { line: 69, text: '[undertakes to]' },
      { line: 150, text: '[twelve]' },
    ],
    paragraphs: { agreed: 5, open: 18, pending: 15 },
    alternativeGroups: 0,
    optionGroups: 1,
  },
  {
    file: 'chair-statement.treaty',
    lines: 25,
    announced: [{ code: 'placeholder', line: 4, col: 66, text: '[XX]' }],
    unresolved: [
      { line: 10, text: '[shall][should]' },
      { line: 22, text: '[Geneva/Bangkok]' },
      { line: 22, text: '[September/October]' },
      { line: 14, text: '[with a view to', endLine: 15 },
    ],
    notUnresolved: [{ line: 10, text: '[should]' }],
    paragraphs: { agreed: 1, open: 4, pending: 4 },
    alternativeGroups: 0,
    optionGroups: 0,
  },
];

// ------------------------------------------------------------------------------------------------ helpers

function readSample(file: string): string {
  return fs.readFileSync(path.join(SAMPLES_DIR, file), 'utf8');
}

function sampleUri(file: string): string {
  return fileUri(path.join(SAMPLES_DIR, file));
}

let virtualCounter = 0;
/** A fresh URI for a document that exists only in the editor. */
function virtualUri(name: string): string {
  virtualCounter++;
  return fileUri(path.join(VIRTUAL_DIR, `${virtualCounter}-${name}`));
}

/** Lines as LSP counts them: \r\n, \n and a lone \r all end a line. */
function lspLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The same lines joined by \r\n, \n and a lone \r in turn (as many lines as the original). */
function withMixedEols(text: string): string {
  const eols = ['\r\n', '\n', '\r'];
  const lines = lspLines(text);
  return lines.map((l, i) => (i < lines.length - 1 ? l + eols[i % 3] : l)).join('');
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function hoverText(h: Hover | null): string {
  if (!h) return '';
  const c = h.contents as MarkupContent | string | Array<string | { value: string }>;
  const raw = typeof c === 'string' ? c : Array.isArray(c) ? c.map((x) => (typeof x === 'string' ? x : x.value)).join('\n') : c.value;
  // Hover is markdown: drop the escapes so that the draft's own text can be compared.
  return raw.replace(/\\([\\`*_{}[\]()<>#|!.+-])/g, '$1');
}

function fmt(d: Diagnostic): string {
  return `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} "${d.message}"`;
}

function fmtAll(ds: Diagnostic[]): string {
  return ds.map(fmt).join('\n  ');
}

function byCode(ds: Diagnostic[], code: string): Diagnostic[] {
  return ds.filter((d) => d.code === code);
}

/** Position of the first occurrence of `needle` on 0-based `line` (+ `delta` characters). */
function posOf(text: string, line: number, needle: string, delta = 0): { line: number; character: number } {
  const l = lspLines(text)[line];
  const i = l.indexOf(needle);
  assert.ok(i >= 0, `test data: "${needle}" not found on line ${line + 1}: ${l}`);
  return { line, character: i + delta };
}

/** The 0-based column of an announced diagnostic, validated against the sample text. */
function announcedColumn(lines: string[], a: Announced): number | undefined {
  if (a.text === undefined) return a.col === undefined ? undefined : a.col - 1;
  const line = lines[a.line - 1];
  if (a.col !== undefined) {
    assert.strictEqual(
      line.slice(a.col - 1, a.col - 1 + a.text.length),
      a.text,
      `test data: README says "${a.text}" stands at line ${a.line}, col ${a.col}`,
    );
    return a.col - 1;
  }
  const i = line.indexOf(a.text);
  assert.ok(i >= 0, `test data: "${a.text}" not on line ${a.line}`);
  return i;
}

/** The range overlaps [col, col + length) on `line` (a zero-width range counts when it sits inside). */
function overlaps(r: Range, line: number, col: number, length: number): boolean {
  if (r.start.line > line || r.end.line < line) return false;
  const start = r.start.line < line ? 0 : r.start.character;
  const end = r.end.line > line ? Number.MAX_SAFE_INTEGER : r.end.character;
  if (start === end) return start >= col && start < col + length;
  return start < col + length && end > col;
}

function inDocument(lines: string[], p: { line: number; character: number }): boolean {
  return Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line].length;
}

function posLE(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function assertRangeInDocument(lines: string[], r: Range, what: string): void {
  assert.ok(inDocument(lines, r.start) && inDocument(lines, r.end), `${what}: range ${JSON.stringify(r)} is outside the document`);
  assert.ok(posLE(r.start, r.end), `${what}: range ${JSON.stringify(r)} ends before it starts`);
}

function contains(outer: Range, inner: Range): boolean {
  return posLE(outer.start, inner.start) && posLE(inner.end, outer.end);
}

function walkSymbols(symbols: DocumentSymbol[], visit: (s: DocumentSymbol, parent: DocumentSymbol | undefined) => void, parent?: DocumentSymbol): void {
  for (const s of symbols) {
    visit(s, parent);
    walkSymbols(s.children ?? [], visit, s);
  }
}

/** LSP invariants every answer must keep, whatever the input. */
function assertWellFormed(text: string, diags: Diagnostic[], folds: FoldingRange[], symbols: DocumentSymbol[]): void {
  const lines = lspLines(text);
  for (const d of diags) {
    assert.strictEqual(d.source, 'treaty', fmt(d));
    assert.ok(d.code !== undefined && d.code in DEFAULT_SEVERITY, `unknown code: ${fmt(d)}`);
    assertRangeInDocument(lines, d.range, `diagnostic ${d.code}`);
  }
  for (const f of folds) {
    assert.ok(
      Number.isInteger(f.startLine) && Number.isInteger(f.endLine) && f.startLine >= 0 && f.startLine < f.endLine && f.endLine < lines.length,
      `bad folding range ${JSON.stringify(f)} (document has ${lines.length} lines)`,
    );
  }
  walkSymbols(symbols, (s, parent) => {
    assert.ok(typeof s.name === 'string' && s.name.trim() !== '', `symbol without a name: ${JSON.stringify(s).slice(0, 200)}`);
    if (parent) assert.ok(contains(parent.range, s.range), `symbol ${s.name} ${JSON.stringify(s.range)} lies outside its parent ${parent.name} ${JSON.stringify(parent.range)}`);
    assertRangeInDocument(lines, s.range, `symbol ${s.name}`);
    assertRangeInDocument(lines, s.selectionRange, `symbol ${s.name} (selection)`);
    // VS Code rejects an outline whose selectionRange is not inside its range.
    assert.ok(contains(s.range, s.selectionRange), `symbol ${s.name}: selectionRange ${JSON.stringify(s.selectionRange)} not inside range ${JSON.stringify(s.range)}`);
  });
}

/** Waits until the server has asked for the `treaty` settings and has had time to apply the answer. */
async function settled(client: LspTestClient): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!client.configurationRequests.some((items) => items.some((i) => i.section === 'treaty')) && Date.now() < deadline) {
    await sleep(10);
  }
  assert.ok(
    client.configurationRequests.some((items) => items.some((i) => i.section === 'treaty')),
    `the server never asked workspace/configuration for section 'treaty': ${JSON.stringify(client.configurationRequests)}`,
  );
  // A round trip: the configuration answer was read before this request.
  await client.request('treaty/status', { textDocument: { uri: virtualUri('settle.treaty') } });
}

interface Mode {
  name: string;
  pull: boolean;
}

const MODES: Mode[] = [
  { name: 'pull diagnostics', pull: true },
  { name: 'push diagnostics', pull: false },
];

/**
 * Diagnostics after a settings change: pull clients re-request (until the answer satisfies `ok` or time runs
 * out); push clients wait for a publish that arrives after the change.
 */
async function diagnosticsAfterChange(
  client: LspTestClient,
  mode: Mode,
  uri: string,
  previous: Diagnostic[] | undefined,
  ok: (ds: Diagnostic[]) => boolean,
): Promise<Diagnostic[]> {
  const deadline = Date.now() + 8_000;
  let last: Diagnostic[] = [];
  for (;;) {
    if (mode.pull) {
      last = await client.diagnostics(uri);
    } else {
      const published = client.published(uri);
      last = published !== undefined && published !== previous ? published : last;
    }
    if ((mode.pull || client.published(uri) !== previous) && ok(last)) return last;
    if (Date.now() > deadline) return last;
    await sleep(mode.pull ? 50 : 10);
  }
}

// ------------------------------------------------------------------------------------------------ diagnostics

for (const mode of MODES) {
  describe(`language server: diagnostics (${mode.name})`, function () {
    this.timeout(30_000);
    let client: LspTestClient;

    before(async () => {
      client = await LspTestClient.start({ pullDiagnostics: mode.pull });
      await settled(client);
    });
    after(async () => {
      await client?.shutdown();
    });

    it('advertises pull diagnostics exactly when the client supports them, and incremental sync', () => {
      const caps = client.initializeResult.capabilities;
      assert.strictEqual(caps.diagnosticProvider !== undefined, mode.pull);
      const sync = caps.textDocumentSync;
      const kind = typeof sync === 'number' ? sync : sync?.change;
      assert.strictEqual(kind, 2, `textDocumentSync: ${JSON.stringify(sync)}`);
    });

    for (const sample of SAMPLES) {
      describe(sample.file, () => {
        const text = readSample(sample.file);
        const lines = lspLines(text);
        const uri = sampleUri(sample.file);
        let diags: Diagnostic[];

        before(async () => {
          await client.open(uri, text);
          diags = await client.diagnostics(uri);
        });

        it(`has the ${sample.lines} lines the samples README describes`, () => {
          assert.strictEqual(lines.length - (lines[lines.length - 1] === '' ? 1 : 0), sample.lines);
        });

        it("every diagnostic has source 'treaty' and its code's default severity", () => {
          assert.ok(diags.length > 0);
          for (const d of diags) {
            assert.strictEqual(d.source, 'treaty', fmt(d));
            assert.strictEqual(d.severity, DEFAULT_SEVERITY[String(d.code)], `severity of ${fmt(d)}`);
          }
        });

        it('reports no code the README does not announce (besides unresolved-bracket and placeholder)', () => {
          const allowed = new Set([...sample.announced.map((a) => a.code), 'unresolved-bracket', 'placeholder']);
          const unexpected = diags.filter((d) => !allowed.has(String(d.code)));
          assert.deepStrictEqual(unexpected.map(fmt), [], 'unexpected diagnostics');
        });

        it('reports exactly the announced problems and placeholders, by code and line', () => {
          const actual = diags
            .filter((d) => d.code !== 'unresolved-bracket')
            .map((d) => `${d.code} @${d.range.start.line}`)
            .sort();
          const expected = sample.announced.map((a) => `${a.code} @${a.line - 1}`).sort();
          assert.deepStrictEqual(actual, expected, `all:\n  ${fmtAll(diags)}`);
        });

        for (const a of sample.announced.filter((x) => x.text !== undefined)) {
          it(`${a.code} at line ${a.line} covers "${a.text}"`, () => {
            const col = announcedColumn(lines, a)!;
            const hits = byCode(diags, a.code).filter((d) => overlaps(d.range, a.line - 1, col, a.text!.length));
            assert.strictEqual(hits.length, 1, `expected one ${a.code} over "${a.text}" at ${a.line}:${col + 1}; got:\n  ${fmtAll(byCode(diags, a.code))}`);
          });
        }

        it('reports unresolved-bracket once per outermost span (a run of adjacent brackets counts once)', () => {
          const unresolved = byCode(diags, 'unresolved-bracket');
          for (const s of sample.unresolved) {
            const at = posOf(text, s.line - 1, s.text);
            const hits = unresolved.filter((d) => d.range.start.line === at.line && d.range.start.character === at.character);
            assert.strictEqual(hits.length, 1, `one unresolved-bracket must start at "${s.text}" (line ${s.line}); got:\n  ${fmtAll(unresolved)}`);
            if (s.endLine !== undefined) assert.strictEqual(hits[0].range.end.line, s.endLine - 1, `end of ${fmt(hits[0])}`);
          }
          for (const s of sample.notUnresolved) {
            const at = posOf(text, s.line - 1, s.text);
            const hits = unresolved.filter((d) => d.range.start.line === at.line && d.range.start.character === at.character);
            assert.deepStrictEqual(hits.map(fmt), [], `"${s.text}" (line ${s.line}) is inside a reported span or run`);
          }
        });

        it('reports as many unresolved-bracket diagnostics as treaty/status counts unresolved brackets', async () => {
          const status = await client.request<{ unresolvedBrackets: number }>('treaty/status', { textDocument: { uri } });
          assert.strictEqual(byCode(diags, 'unresolved-bracket').length, status.unresolvedBrackets);
        });

        it('keeps every range inside the document', () => {
          assertWellFormed(text, diags, [], []);
        });
      });
    }

    describe('severities and settings', () => {
      // Paragraph 1: an open bracket and a placeholder; paragraph 2: a bracket never closed.
      const DRAFT = ['1. The Parties [shall] act within [X] days.', '', '2. The Parties [will act promptly.', ''].join('\n');
      // Paragraph 1 (lines 0–1) ends with a custom marker, paragraph 2 (lines 3–4) with a default one; both still hold
      // a bracket. Two lines each, so that neither can be read as a heading (NOTATION §1).
      const MARKERS = ['1. The Parties [shall] cooperate', 'in good faith. (Adopted)', '', '2. The Parties [shall] act', 'in good faith. (Agreed)', ''].join('\n');
      const paragraphOf = (d: Diagnostic) => (d.range.start.line <= 1 && d.range.end.line <= 1 ? 1 : d.range.start.line >= 3 && d.range.end.line <= 4 ? 2 : -1);
      const OVERRIDE = { diagnostics: { 'unresolved-bracket': 'off', placeholder: 'hint' } };

      interface SettingsCheck {
        name: string;
        text: string;
        check: (ds: Diagnostic[]) => void;
      }

      const defaults: SettingsCheck = {
        name: 'default severities',
        text: DRAFT,
        check: (ds) => {
          const unclosed = byCode(ds, 'unclosed-bracket');
          assert.deepStrictEqual(unclosed.map((d) => [d.range.start.line, d.range.start.character, d.severity]), [[2, 15, ERROR]], fmtAll(ds));
          const unresolved = byCode(ds, 'unresolved-bracket');
          assert.ok(unresolved.some((d) => d.range.start.line === 0 && d.range.start.character === 15), fmtAll(ds));
          for (const d of unresolved) assert.strictEqual(d.severity, WARNING, fmt(d));
          const placeholders = byCode(ds, 'placeholder');
          assert.deepStrictEqual(placeholders.map((d) => [d.range.start.line, d.range.start.character, d.severity]), [[0, 34, INFORMATION]], fmtAll(ds));
        },
      };
      const overridden: SettingsCheck = {
        name: "unresolved-bracket 'off', placeholder 'hint'",
        text: DRAFT,
        check: (ds) => {
          assert.deepStrictEqual(byCode(ds, 'unresolved-bracket').map(fmt), [], 'unresolved-bracket is off');
          assert.deepStrictEqual(byCode(ds, 'placeholder').map((d) => [d.range.start.line, d.range.start.character, d.severity]), [[0, 34, HINT]], fmtAll(ds));
          assert.deepStrictEqual(byCode(ds, 'unclosed-bracket').map((d) => [d.range.start.line, d.severity]), [[2, ERROR]], 'other codes keep their default');
        },
      };
      const adopted: SettingsCheck = {
        name: "agreedMarkers ['(Adopted)']",
        text: MARKERS,
        check: (ds) => {
          assert.deepStrictEqual(byCode(ds, 'agreed-with-brackets').map((d) => [paragraphOf(d), d.severity]), [[1, ERROR]], fmtAll(ds));
        },
      };
      const defaultMarkers: SettingsCheck = {
        name: 'default agreed markers',
        text: MARKERS,
        check: (ds) => {
          assert.deepStrictEqual(byCode(ds, 'agreed-with-brackets').map(paragraphOf), [2], `(Adopted) is not a default marker:\n  ${fmtAll(ds)}`);
        },
      };

      const atStart: Array<{ configuration: Record<string, unknown>; checks: SettingsCheck[] }> = [
        { configuration: {}, checks: [defaults, defaultMarkers] },
        { configuration: OVERRIDE, checks: [overridden] },
        { configuration: { agreedMarkers: ['(Adopted)'] }, checks: [adopted] },
      ];

      for (const { configuration, checks } of atStart) {
        for (const c of checks) {
          it(`${c.name}, with settings ${JSON.stringify(configuration)} given at start`, async () => {
            const own = await LspTestClient.start({ pullDiagnostics: mode.pull, configuration });
            try {
              await settled(own);
              const uri = virtualUri('settings.treaty');
              await own.open(uri, c.text);
              c.check(await own.diagnostics(uri));
            } finally {
              await own.shutdown();
            }
          });
        }
      }

      // One server whose settings change in turn; every open document must follow.
      const sequence: Array<{ configuration: Record<string, unknown>; checks: SettingsCheck[] }> = [
        { configuration: OVERRIDE, checks: [overridden] },
        { configuration: { agreedMarkers: ['(Adopted)'] }, checks: [adopted, defaults] },
        { configuration: {}, checks: [defaults, defaultMarkers] },
      ];

      it('follows settings changed later with workspace/didChangeConfiguration', async () => {
        const own = await LspTestClient.start({ pullDiagnostics: mode.pull, configuration: {} });
        try {
          await settled(own);
          const uris = { [DRAFT]: virtualUri('changing.treaty'), [MARKERS]: virtualUri('markers.treaty') };
          for (const [text, uri] of Object.entries(uris)) await own.open(uri, text);
          defaults.check(await own.diagnostics(uris[DRAFT]));
          defaultMarkers.check(await own.diagnostics(uris[MARKERS]));
          for (const step of sequence) {
            const previous = Object.fromEntries(Object.values(uris).map((u) => [u, own.published(u)]));
            await own.setConfiguration(step.configuration);
            for (const c of step.checks) {
              const uri = uris[c.text];
              const ds = await diagnosticsAfterChange(own, mode, uri, previous[uri], (x) => {
                try {
                  c.check(x);
                  return true;
                } catch {
                  return false;
                }
              });
              if (!mode.pull) assert.notStrictEqual(own.published(uri), previous[uri], `no publish for ${uri} after the settings changed`);
              c.check(ds);
            }
          }
          assert.ok(own.isAlive());
        } finally {
          await own.shutdown();
        }
      });
    });

    describe('incremental changes', () => {
      const START = ['1. The Parties shall act.', '', '2. The Parties will cooperate.', ''].join('\n');

      interface Step {
        name: string;
        changes: Array<{ range: Range; text: string }>;
        /** Every diagnostic expected after the step: [code, line, character]. */
        expect: Array<[string, number, number]>;
      }

      const at = (line: number, character: number) => ({ line, character });
      const STEPS: Step[] = [
        { name: 'insert "[" in paragraph 2', changes: [{ range: { start: at(2, 15), end: at(2, 15) }, text: '[' }], expect: [['unclosed-bracket', 2, 15]] },
        { name: 'remove it again', changes: [{ range: { start: at(2, 15), end: at(2, 16) }, text: '' }], expect: [] },
        {
          name: 'insert "[" on line 0 and "]" on line 2 in one notification (two blocks: both reported)',
          changes: [
            { range: { start: at(0, 15), end: at(0, 15) }, text: '[' },
            { range: { start: at(2, 3), end: at(2, 3) }, text: ']' },
          ],
          expect: [
            ['unclosed-bracket', 0, 15],
            ['unmatched-bracket', 2, 3],
          ],
        },
        {
          name: 'replace across lines: join the two paragraphs into one balanced bracket',
          // "1. The Parties [shall act.\n\n2. ]The Parties ..." -> "1. The Parties [shall act] The Parties ..."
          changes: [{ range: { start: at(0, 25), end: at(2, 4) }, text: '] ' }],
          expect: [['unresolved-bracket', 0, 15]],
        },
        {
          name: 'insert a new paragraph holding an unclosed "[" after it',
          changes: [{ range: { start: at(1, 0), end: at(1, 0) }, text: '\n2. Then [more.\n' }],
          expect: [
            ['unresolved-bracket', 0, 15],
            ['unclosed-bracket', 2, 8],
          ],
        },
        { name: 'delete that paragraph again', changes: [{ range: { start: at(1, 0), end: at(3, 0) }, text: '' }], expect: [['unresolved-bracket', 0, 15]] },
      ];

      it('follows ranged changes: a "[" appears, is reported where it stands, and disappears', async () => {
        const uri = virtualUri('incremental.treaty');
        await client.open(uri, START);
        assert.deepStrictEqual((await client.diagnostics(uri)).map(fmt), [], 'the starting draft is clean');
        let version = 1;
        for (const step of STEPS) {
          await client.change(uri, ++version, step.changes);
          const ds = await client.diagnostics(uri);
          const actual = ds.map((d) => [String(d.code), d.range.start.line, d.range.start.character] as [string, number, number]);
          const sort = (xs: Array<[string, number, number]>) => [...xs].sort((a, b) => a[1] - b[1] || a[2] - b[2] || a[0].localeCompare(b[0]));
          assert.deepStrictEqual(sort(actual), sort(step.expect), `after "${step.name}":\n  ${fmtAll(ds)}`);
        }
      });

      it('follows fast typing (one character per change, no waiting) to the final text', async () => {
        const uri = virtualUri('typing.treaty');
        await client.open(uri, '1. The Parties act.\n');
        const typed = '[shall/should] ';
        for (let i = 0; i < typed.length; i++) {
          await client.change(uri, i + 2, [{ range: { start: at(0, 15 + i), end: at(0, 15 + i) }, text: typed[i] }]);
        }
        const ds = await client.diagnostics(uri);
        assert.deepStrictEqual(
          ds.map((d) => [d.code, d.range]),
          [['unresolved-bracket', { start: at(0, 15), end: at(0, 29) }]],
          fmtAll(ds),
        );
      });

      it('counts characters in UTF-16 code units (an emoji counts two)', async () => {
        const uri = virtualUri('utf16.treaty');
        const text = '1. The 😀 Parties — “quoted” [shall act.\n';
        await client.open(uri, text);
        const ds = await client.diagnostics(uri);
        assert.deepStrictEqual(
          ds.map((d) => [d.code, d.range.start.character]),
          [['unclosed-bracket', text.indexOf('[')]],
        );
        assert.strictEqual(text.indexOf('['), 29, 'JS strings are UTF-16 already');
      });

      it('forgets a closed document', async () => {
        const uri = virtualUri('closed.treaty');
        await client.open(uri, '1. The Parties [shall act.\n');
        assert.strictEqual((await client.diagnostics(uri)).length, 1);
        await client.close(uri);
        // push: an empty publish clears the editor's list; pull: the server answers empty
        assert.deepStrictEqual(await client.diagnostics(uri), []);
        assert.strictEqual(await client.request('treaty/status', { textDocument: { uri } }), null);
      });
    });
  });
}

// ------------------------------------------------------------------------------------------------ features

describe('language server: folding, outline, hover, status', function () {
  this.timeout(30_000);
  let client: LspTestClient;

  before(async () => {
    client = await LspTestClient.start({ pullDiagnostics: true });
    await settled(client);
    for (const s of SAMPLES) await client.open(sampleUri(s.file), readSample(s.file));
  });
  after(async () => {
    await client?.shutdown();
  });

  const folding = (uri: string) => client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
  const symbols = (uri: string) => client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  const hoverAt = (uri: string, position: { line: number; character: number }) => client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });

  describe('folding ranges', () => {
    // [README line of the first line, README line of the last line, why]; 0-based in the protocol.
    const FOLDS: Record<string, Array<[number, number, string]>> = {
      'outcome-document.treaty': [
        [8, 31, 'section 1 (heading "1." + title) up to its last paragraph'],
        [13, 16, 'wrapped paragraph 2'],
        [38, 42, 'paragraph 10 with its bullets'],
        [49, 56, 'paragraph 12 with sub-paragraphs'],
        [86, 91, 'bracket over three blocks [24. …]'],
        [104, 105, 'multi-line nested bracket'],
        [111, 113, 'alternative group of 30 (no original)'],
        [145, 149, 'alternative group of 40'],
        [214, 216, 'paragraph 57 with its options'],
        [215, 216, 'option group of 57'],
        [218, 225, 'alternative group of 58'],
        [180, 183, 'bracketed paragraph 47'],
      ],
      'framework-convention.treaty': [
        [27, 36, 'Article 1'],
        [29, 34, 'paragraph 1 of Article 1 with (a)–(e)'],
        [46, 55, 'Article 3 (title on the next line)'],
        [57, 61, 'Article 3 bis'],
        [87, 88, 'Option 1/Option 2'],
        [149, 152, 'bracketed paragraph 2 of Article 11'],
        [145, 152, 'Article 11, the last one'],
      ],
      'chair-statement.treaty': [
        [3, 6, 'wrapped prose paragraph ¶2'],
        [14, 15, 'multi-line bracket'],
        [21, 23, 'wrapped prose paragraph ¶8'],
      ],
    };

    for (const s of SAMPLES) {
      it(`${s.file}: folds sections, articles, paragraphs, groups and multi-line brackets`, async () => {
        const folds = await folding(sampleUri(s.file));
        assertWellFormed(readSample(s.file), [], folds, []);
        const have = new Set(folds.map((f) => `${f.startLine}-${f.endLine}`));
        const missing = FOLDS[s.file].filter(([a, b]) => !have.has(`${a - 1}-${b - 1}`)).map(([a, b, why]) => `${a}-${b} (${why})`);
        assert.deepStrictEqual(missing, [], `missing folds (README lines); got ${JSON.stringify(folds.map((f) => [f.startLine + 1, f.endLine + 1]))}`);
        const keys = folds.map((f) => `${f.startLine}-${f.endLine}`);
        assert.strictEqual(new Set(keys).size, keys.length, 'no fold is reported twice');
      });
    }

    it('does not fold single-line paragraphs', async () => {
      const folds = await folding(sampleUri('chair-statement.treaty'));
      assert.ok(!folds.some((f) => f.startLine === 7 || f.startLine === 16 || f.startLine === 24), JSON.stringify(folds));
    });
  });

  describe('document symbols', () => {
    const STATUS = /^(agreed|open|pending)\b/;

    interface OutlineCase {
      file: string;
      /** Names of the root symbols, in order. */
      roots: (names: string[]) => void;
      /** path of names from the root -> expected status (first word of detail) */
      paragraphs: Array<[string[], 'agreed' | 'open' | 'pending']>;
      /** path -> names of its children */
      children: Array<[string[], string[]]>;
    }

    const OUTLINES: OutlineCase[] = [
      {
        file: 'outcome-document.treaty',
        roots: (names) => {
          assert.strictEqual(names.length, 6, `six sections: ${JSON.stringify(names)}`);
          assert.match(names[0], /Introduction/);
          assert.match(names[5], /Follow-up and review/);
        },
        paragraphs: [
          [['1. Introduction', '1'], 'agreed'],
          [['1. Introduction', '6'], 'open'], // (Agreed) but still a bracket
          [['2. Bridging digital divides', '11'], 'pending'],
          [['2. Bridging digital divides', '19'], 'pending'], // marker not at the end
          [['4. Security and trust in the use of digital technologies', '44 ter'], 'agreed'],
          [['4. Security and trust in the use of digital technologies', '40'], 'open'],
          [['6. Follow-up and review', '57'], 'open'], // options
        ],
        children: [
          [['2. Bridging digital divides', '12'], ['(a)', '(b)', '(c)', '(d)']],
          [['2. Bridging digital divides', '12', '(b)'], ['(i)', '(ii)', '(iii)']],
          [['6. Follow-up and review', '57'], ['Option 1', 'Option 2']],
          [['6. Follow-up and review', '58'], ['Alt 1', 'Alt 2']],
          [['4. Security and trust in the use of digital technologies', '40'], ['Alt 1', 'Alt 3']],
        ],
      },
      {
        file: 'framework-convention.treaty',
        roots: (names) => {
          assert.strictEqual(names.filter((n) => n.startsWith('Article ')).length, 12, JSON.stringify(names));
          assert.ok(names.includes('Article 3 bis – Precautionary and ecosystem-based approaches'), JSON.stringify(names));
          assert.ok(names.some((n) => n.startsWith('Article 3 ') && n.includes('General principles')), JSON.stringify(names));
        },
        paragraphs: [
          [['Article 1 – Use of terms', '2'], 'agreed'],
          [['Article 1 – Use of terms', '1'], 'open'],
          [['Article 3 bis – Precautionary and ecosystem-based approaches', '1'], 'pending'],
          [['Article 2 – Objective', '2'], 'agreed'], // marker on a line of its own
        ],
        children: [
          [['Article 1 – Use of terms'], ['1', '2']],
          [['Article 1 – Use of terms', '1'], ['(a)', '(b)', '(c)', '(d)', '(e)']],
          [['Article 6 – Environmental impact assessments'], ['1', '2', '2', '3']],
        ],
      },
      {
        file: 'chair-statement.treaty',
        roots: (names) => assert.deepStrictEqual(names, ['¶1', '¶2', '¶3', '¶4', '¶5', '¶6', '¶7', '¶8', '¶9']),
        paragraphs: [
          [['¶1'], 'pending'],
          [['¶2'], 'open'],
          [['¶6'], 'agreed'],
          [['¶9'], 'pending'],
        ],
        children: [],
      },
    ];

    function find(roots: DocumentSymbol[], names: string[]): DocumentSymbol {
      let level = roots;
      let found: DocumentSymbol | undefined;
      for (const n of names) {
        found = level.find((s) => s.name === n);
        assert.ok(found, `no symbol "${n}" (path ${JSON.stringify(names)}) among ${JSON.stringify(level.map((s) => s.name))}`);
        level = found.children ?? [];
      }
      return found!;
    }

    for (const o of OUTLINES) {
      it(`${o.file}: a hierarchical outline whose paragraphs show their status`, async () => {
        const syms = await symbols(sampleUri(o.file));
        assert.ok(Array.isArray(syms) && syms.length > 0);
        for (const s of syms) assert.ok('range' in s && 'selectionRange' in s, 'DocumentSymbol, not SymbolInformation');
        assertWellFormed(readSample(o.file), [], [], syms);
        o.roots(syms.map((s) => s.name));
        for (const [p, status] of o.paragraphs) {
          const s = find(syms, p);
          assert.match(s.detail ?? '', STATUS, `detail of ${p.join(' > ')}`);
          assert.strictEqual((s.detail ?? '').split(/\W/)[0], status, `status of ${p.join(' > ')}: ${s.detail}`);
        }
        for (const [p, names] of o.children) {
          assert.deepStrictEqual((find(syms, p).children ?? []).map((c) => c.name), names, `children of ${p.join(' > ')}`);
        }
      });
    }

    it('one paragraph symbol, with a status detail, per paragraph that treaty/status counts', async () => {
      for (const s of SAMPLES) {
        const syms = await symbols(sampleUri(s.file));
        let paragraphs = 0;
        walkSymbols(syms, (sym) => {
          // Paragraphs are Number (numbered) or String (unnumbered) symbols.
          if (sym.kind === 16 || sym.kind === 15) {
            paragraphs++;
            assert.match(sym.detail ?? '', STATUS, `${s.file}: ${sym.name} detail ${JSON.stringify(sym.detail)}`);
          }
        });
        const p = s.paragraphs;
        assert.strictEqual(paragraphs, p.agreed + p.open + p.pending, `${s.file}: paragraph symbols`);
      }
    });
  });

  describe('hover', () => {
    const DRAFT = [
      '44. The Parties shall cooperate on capacity-building. (Agreed)',
      '',
      '45. The Parties [shall/should] share information on threats in a timely manner.',
      '',
      '46. The measures referred to in paragraph 45 shall be reviewed every five years.',
      '',
      '[Alt 1 46. The measures referred to in paragraph 44 shall be reviewed annually.]',
      '',
    ].join('\n');
    const draftUri = virtualUri('hover.treaty');
    const outcome = readSample('outcome-document.treaty');
    const outcomeUri = sampleUri('outcome-document.treaty');

    interface HoverCase {
      name: string;
      doc: 'draft' | 'outcome';
      line: number; // 0-based
      at: string; // hover on the first character of this text on the line (+ delta)
      delta?: number;
      includes: string[];
      excludes?: string[];
      /** the hover range must sit on this line */
      rangeLine?: boolean;
    }

    const CASES: HoverCase[] = [
      { name: 'a paragraph number: status and referrers', doc: 'draft', line: 2, at: '45.', includes: ['45', 'open', '46'], rangeLine: true },
      { name: 'an agreed paragraph number', doc: 'draft', line: 0, at: '44', delta: 1, includes: ['44', 'agreed'] },
      { name: 'a reference "paragraph 45": the target\'s text and status', doc: 'draft', line: 4, at: 'paragraph 45', delta: 10, includes: ['45', 'open', 'share information on threats'], rangeLine: true },
      { name: 'the word "paragraph" of a reference', doc: 'draft', line: 4, at: 'paragraph 45', delta: 2, includes: ['share information on threats'] },
      { name: 'a reference inside an alternative', doc: 'draft', line: 6, at: 'paragraph 44', delta: 10, includes: ['agreed', 'The Parties shall cooperate on capacity-building'] },
      { name: 'a "[": its partner and options', doc: 'draft', line: 2, at: '[', includes: ['line 3, column 30', 'shall', 'should', '2 options'], rangeLine: true },
      { name: 'a "]": its partner', doc: 'draft', line: 2, at: ']', includes: ['line 3, column 17'] },
      { name: 'an Alt label: its group', doc: 'draft', line: 6, at: 'Alt 1', delta: 1, includes: ['46', 'Alt 1', 'original'], rangeLine: true },
      { name: 'sample: paragraph number 45', doc: 'outcome', line: 165, at: '45', includes: ['45', 'open', 'line 178'] },
      { name: 'sample: reference "paragraph 9"', doc: 'outcome', line: 57, at: 'paragraph 9', delta: 10, includes: ['We commit to connecting every person to the Internet'] },
      { name: 'sample: reference "para 56"', doc: 'outcome', line: 219, at: 'para 56', delta: 5, includes: ['We decide that the implementation of this outcome document'] },
      { name: 'sample: external reference', doc: 'outcome', line: 161, at: 'paragraph 49', delta: 10, includes: ['Geneva Declaration of Principles'], excludes: ['We reaffirm our commitment'] },
      { name: 'sample: Alt label of group 30 (no original)', doc: 'outcome', line: 110, at: 'Alt 1', delta: 1, includes: ['30', 'Alt 1', 'Alt 2'], excludes: ['original'] },
      { name: 'sample: "[" of the slash options on line 212', doc: 'outcome', line: 211, at: '[shall/should/may]', includes: ['3 options'] },
      { name: 'sample: "55/63" is not an option list', doc: 'outcome', line: 105, at: '[in line with resolution 55/63]', includes: ['line 106'], excludes: ['options'] },
      { name: 'sample: unclosed "["', doc: 'outcome', line: 61, at: '[scale up', includes: ['62', '65'] },
    ];

    before(async () => {
      await client.open(draftUri, DRAFT);
    });

    for (const c of CASES) {
      it(`on ${c.name}`, async () => {
        const text = c.doc === 'draft' ? DRAFT : outcome;
        const uri = c.doc === 'draft' ? draftUri : outcomeUri;
        const position = posOf(text, c.line, c.at, c.delta ?? 0);
        const h = await hoverAt(uri, position);
        assert.ok(h, `no hover at ${JSON.stringify(position)}`);
        const value = hoverText(h);
        for (const s of c.includes) assert.ok(value.includes(s), `hover should mention "${s}":\n${value}`);
        for (const s of c.excludes ?? []) assert.ok(!value.includes(s), `hover should not mention "${s}":\n${value}`);
        if (c.rangeLine) {
          assert.ok(h.range, 'hover has a range');
          assert.strictEqual(h.range.start.line, c.line);
          assert.ok(h.range.start.character <= position.character && position.character <= h.range.end.character, `range ${JSON.stringify(h.range)} covers ${JSON.stringify(position)}`);
        }
      });
    }

    it('answers null on plain prose and on a blank line', async () => {
      assert.strictEqual(await hoverAt(draftUri, { line: 0, character: 20 }), null);
      assert.strictEqual(await hoverAt(draftUri, { line: 1, character: 0 }), null);
    });
  });

  describe('treaty/status', () => {
    for (const s of SAMPLES) {
      it(`${s.file}: equals the CLI's "status --json" and the hand counts`, async () => {
        const status = await client.request<Record<string, unknown>>('treaty/status', { textDocument: { uri: sampleUri(s.file) } });
        const out: string[] = [];
        const err: string[] = [];
        const file = path.join(SAMPLES_DIR, s.file);
        const code = runCli(['status', file, '--json'], { out: (x) => out.push(x), err: (x) => err.push(x), readFile: (p) => fs.readFileSync(p) });
        assert.strictEqual(code, 0, err.join('\n'));
        assert.deepStrictEqual(status, JSON.parse(out.join('\n')));
        assert.deepStrictEqual(status.paragraphs, s.paragraphs);
        assert.strictEqual(status.alternativeGroups, s.alternativeGroups);
        assert.strictEqual(status.optionGroups, s.optionGroups);
        for (const key of ['bracketPairs', 'unresolvedBrackets']) assert.ok(Number.isInteger(status[key]) && (status[key] as number) > 0, key);
        assert.ok((status.bracketPairs as number) >= (status.unresolvedBrackets as number), 'pairs include the nested ones');
      });
    }

    it('follows edits of the document', async () => {
      const uri = virtualUri('status.treaty');
      await client.open(uri, '1. The Parties shall act. (Agreed)\n\n2. The Parties [shall] act.\n');
      const first = await client.request<{ paragraphs: Record<string, number>; bracketPairs: number }>('treaty/status', { textDocument: { uri } });
      assert.deepStrictEqual(first.paragraphs, { agreed: 1, open: 1, pending: 0 });
      assert.strictEqual(first.bracketPairs, 1);
      // accept the bracket of paragraph 2: drop "]" then "["
      await client.change(uri, 2, [
        { range: { start: { line: 2, character: 21 }, end: { line: 2, character: 22 } }, text: '' },
        { range: { start: { line: 2, character: 15 }, end: { line: 2, character: 16 } }, text: '' },
      ]);
      const second = await client.request<{ paragraphs: Record<string, number>; bracketPairs: number }>('treaty/status', { textDocument: { uri } });
      assert.deepStrictEqual(second.paragraphs, { agreed: 1, open: 0, pending: 1 });
      assert.strictEqual(second.bracketPairs, 0);
    });
  });

  describe('documents that were never opened', () => {
    const uri = virtualUri('never-opened.treaty');
    const position = { line: 0, character: 0 };
    const REQUESTS: Array<[string, unknown]> = [
      ['textDocument/diagnostic', { textDocument: { uri } }],
      ['textDocument/foldingRange', { textDocument: { uri } }],
      ['textDocument/documentSymbol', { textDocument: { uri } }],
      ['textDocument/hover', { textDocument: { uri }, position }],
      ['treaty/status', { textDocument: { uri } }],
      ['treaty/status', {}],
    ];
    for (const [method, params] of REQUESTS) {
      it(`${method} ${JSON.stringify(params).slice(0, 40)}… answers empty or null`, async () => {
        const r = await client.request<unknown>(method, params);
        const empty =
          r === null ||
          (Array.isArray(r) && r.length === 0) ||
          (typeof r === 'object' && (r as { kind?: string }).kind === 'full' && ((r as { items: unknown[] }).items ?? []).length === 0);
        assert.ok(empty, `${method} answered ${JSON.stringify(r)}`);
        assert.ok(client.isAlive());
      });
    }
  });
});

// ------------------------------------------------------------------------------------------------ robustness

function binaryText(): string {
  const rnd = seededRandom(42);
  const bytes = Buffer.alloc(64 * 1024);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rnd() * 256);
  for (let i = 0; i < bytes.length; i += 97) bytes[i] = 0;
  // Decoded as UTF-8 (invalid sequences become U+FFFD), then sprinkled with what a text editor can still hold.
  let text = bytes.toString('utf8');
  const extras = ['\u0000', '\ud800', '\udfff', '\ud800\ud800', '[', ']', '1. ', '\r', '\n', '\r\n', 'Alt 1 3. ', 'paragraph 2', '(Agreed)', '\ufeff', '\u2028'];
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += 50) {
    parts.push(text.slice(i, i + 50), extras[Math.floor(rnd() * extras.length)]);
  }
  text = `\ud800${parts.join('')}\udc00`;
  return text;
}

/**
 * Numbered paragraphs of about 1 KB, each with brackets, options, a placeholder and references (paragraph numbers
 * stay below 10,000: the notation's numbers are at most four digits), sections every 500 paragraphs, sub-paragraphs,
 * unclosed brackets and alternatives here and there. The last paragraphs refer to paragraphs that do not exist.
 */
function bigDraft(targetBytes: number): string {
  const parts: string[] = ['Revised draft', '', '1.', 'General provisions', ''];
  let size = 0;
  let n = 0;
  while (size < targetBytes) {
    n++;
    if (n % 500 === 0) parts.push(`${n / 500 + 1}.`, `Provisions of group ${n / 500 + 1}`, '');
    const clauses = [`${n}. The Parties [shall/should] take the measures referred to in paragraph ${Math.max(1, n - 1)} and paras ${n + 1} and ${n + 3}.`];
    for (let k = 0; k < 6; k++) {
      clauses.push(`They [will][may] report on measure ${k} of this paragraph within [X] years, in accordance with paragraphs ${Math.max(1, n - 5)} to ${n}, [taking into account [national] circumstances/as appropriate].`);
    }
    let p = clauses.join(' ');
    if (n % 7 === 0) p += ' (Agreed)';
    if (n % 11 === 0) p += '\na) first item [with a bracket over\na line break];\nb) second item.';
    if (n % 13 === 0) p += ' [an unclosed bracket';
    parts.push(p, '');
    if (n % 50 === 0) parts.push(`[Alt 1 ${n}. An alternative text for paragraph ${n} that refers to paragraph ${n + 1}.]`, '');
    size += p.length + 2;
  }
  return parts.join('\n');
}

interface RobustCase {
  name: string;
  make: () => string;
  /** extra checks on the diagnostics, when the input has an obvious answer */
  check?: (ds: Diagnostic[], text: string) => void;
}

const ROBUST: RobustCase[] = [
  { name: 'a binary file (random bytes, NUL, lone surrogates)', make: binaryText },
  {
    name: 'a ~10 MB draft',
    make: () => bigDraft(10 * 1024 * 1024),
    check: (ds) => {
      assert.ok(byCode(ds, 'unclosed-bracket').length > 0, 'the unclosed brackets are reported');
      assert.ok(byCode(ds, 'dangling-reference').length > 0, 'references to paragraphs beyond the last are dangling');
    },
  },
  {
    name: 'a 1 MB single line',
    make: () => {
      const unit = '1. The Parties [shall/should] act, as in paragraph 1, within [X] years [and] ';
      return unit.repeat(Math.ceil((1024 * 1024) / unit.length)).slice(0, 1024 * 1024);
    },
  },
  {
    name: '10,000 unmatched "["',
    make: () => '['.repeat(10_000),
    check: (ds) => {
      const unclosed = byCode(ds, 'unclosed-bracket');
      assert.ok(unclosed.length > 0, 'unclosed-bracket is reported');
      for (const d of unclosed) assert.strictEqual(d.range.start.line, 0);
    },
  },
  {
    name: '10,000 "[" on numbered lines',
    make: () => Array.from({ length: 10_000 }, (_, i) => `${i + 1}. [`).join('\n'),
    check: (ds) => assert.ok(byCode(ds, 'unclosed-bracket').length > 0),
  },
  {
    name: '100,000 "]"',
    make: () => ']'.repeat(100_000),
    check: (ds) => {
      assert.ok(byCode(ds, 'unmatched-bracket').length > 0, 'unmatched-bracket is reported');
      assert.deepStrictEqual([...new Set(ds.map((d) => d.code))], ['unmatched-bracket']);
    },
  },
  {
    name: 'CRLF line endings',
    make: () => readSample('outcome-document.treaty').replace(/\r?\n/g, '\r\n'),
  },
  {
    name: 'mixed line endings (\\r\\n, \\n, lone \\r)',
    make: () => withMixedEols(readSample('framework-convention.treaty')),
  },
  { name: 'an empty file', make: () => '' },
  { name: 'only line breaks', make: () => '\r\n\n\r'.repeat(10_000) },
];

describe('language server: robustness', function () {
  this.timeout(180_000);
  let client: LspTestClient;

  before(async () => {
    client = await LspTestClient.start({ pullDiagnostics: true });
    await settled(client);
  });
  after(async () => {
    await client?.shutdown();
  });

  for (const c of ROBUST) {
    it(`answers every request on ${c.name} and stays alive`, async () => {
      const text = c.make();
      const uri = virtualUri('robust.treaty');
      await client.open(uri, text);
      const lines = lspLines(text);
      const last = lines.length - 1;
      const diags = await client.diagnostics(uri);
      const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
      const syms = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      const positions = [
        { line: 0, character: 0 },
        { line: 0, character: 1 },
        { line: Math.floor(last / 2), character: Math.floor(lines[Math.floor(last / 2)].length / 2) },
        { line: last, character: lines[last].length },
        { line: last + 10, character: 0 }, // past the end: clamped, not a crash
        { line: 0, character: 1_000_000_000 },
      ];
      for (const position of positions) {
        const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
        assert.ok(h === null || typeof h === 'object', `hover at ${JSON.stringify(position)}`);
        if (h?.range) assertRangeInDocument(lines, h.range, `hover at ${JSON.stringify(position)}`);
      }
      const status = await client.request<{ paragraphs: object } | null>('treaty/status', { textDocument: { uri } });
      assert.ok(status && typeof status.paragraphs === 'object', `status: ${JSON.stringify(status)}`);
      assert.ok(Array.isArray(diags) && Array.isArray(folds) && Array.isArray(syms));
      assertWellFormed(text, diags, folds, syms);
      c.check?.(diags, text);
      await client.close(uri);
      assert.ok(client.isAlive(), `server died:\n${client.stderr.slice(-2000)}`);
    });
  }

  it('gives a CRLF or mixed-ending draft the same positions as its LF original', async () => {
    for (const file of ['outcome-document.treaty', 'framework-convention.treaty']) {
      const lf = readSample(file);
      const lfUri = virtualUri(`lf-${file}`);
      await client.open(lfUri, lf);
      const expected = {
        diags: (await client.diagnostics(lfUri)).map(fmt).sort(),
        folds: await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: lfUri } }),
        syms: await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: lfUri } }),
      };
      const variants: Record<string, string> = { crlf: lf.replace(/\n/g, '\r\n'), mixed: withMixedEols(lf) };
      for (const [name, text] of Object.entries(variants)) {
        const uri = virtualUri(`${name}-${file}`);
        await client.open(uri, text);
        assert.deepStrictEqual((await client.diagnostics(uri)).map(fmt).sort(), expected.diags, `${file} ${name}: diagnostics`);
        assert.deepStrictEqual(await client.request('textDocument/foldingRange', { textDocument: { uri } }), expected.folds, `${file} ${name}: folding`);
        assert.deepStrictEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), expected.syms, `${file} ${name}: symbols`);
        await client.close(uri);
      }
      await client.close(lfUri);
    }
  });

  it('survives a push-diagnostics client on the pathological inputs too', async () => {
    const push = await LspTestClient.start({ pullDiagnostics: false });
    try {
      for (const c of ROBUST.filter((r) => !r.name.includes('10 MB'))) {
        const uri = virtualUri('robust-push.treaty');
        const text = c.make();
        await push.open(uri, text);
        const ds = await push.diagnostics(uri);
        assertWellFormed(text, ds, [], []);
        c.check?.(ds, text);
        await push.close(uri);
      }
      assert.ok(push.isAlive(), push.stderr.slice(-2000));
    } finally {
      await push.shutdown();
    }
  });

  it('is still alive and answering at the end', async () => {
    assert.ok(client.isAlive());
    const uri = virtualUri('after.treaty');
    await client.open(uri, '1. The Parties [shall act.\n');
    assert.deepStrictEqual((await client.diagnostics(uri)).map((d) => d.code), ['unclosed-bracket']);
  });
});
