import * as assert from 'node:assert/strict';
import { generateDraftOfSize, seededRandom } from '../../bench/draftGenerator';
import { analyseDraft } from '../../server/src/core/analyse';
import { problemMessage } from '../../server/src/core/quotations';
import { reanalyse } from '../../server/src/core/incremental';
import { normaliseSettings } from '../../server/src/core/settings';
import { draftDiagnostics } from '../../server/src/features/diagnostics';
import { foldingRanges } from '../../server/src/features/folding';
import { hover } from '../../server/src/features/hover';
import { negotiationStatus } from '../../server/src/features/status';
import { documentSymbols } from '../../server/src/features/symbols';

function binary(length: number): string {
  const random = seededRandom(7);
  let s = '';
  for (let i = 0; i < length; i++) s += String.fromCharCode(Math.floor(random() * 256));
  return `${s}\u0000\ud800 lone surrogate \udfff[`;
}

/** Hostile input: the analysis must read it all, never throw, and keep every range inside the text. */
const INPUTS: Array<[string, () => string]> = [
  ['an empty draft', () => ''],
  ['only blank lines', () => '\n\n  \n\t\n'],
  ['binary bytes with NUL and lone surrogates', () => binary(200_000)],
  ['a 1 MB single line', () => `1. ${'[shall/should] text [a][b] and para 1 '.repeat(26_000)}`],
  ['10,000 unmatched [ on one line', () => `1. ${'['.repeat(10_000)}`],
  ['10,000 unmatched [ on their own lines', () => '[\n'.repeat(10_000)],
  ['100,000 ] and nothing else', () => ']'.repeat(100_000)],
  ['brackets nested 5,000 deep', () => `1. ${'['.repeat(5_000)}x${']'.repeat(5_000)}`],
  ['CRLF, lone CR and mixed line endings', () => '1. One [a\r\n2. Two]\r3. Three [b]\n\r\n4. Four (Agreed)\r\n'],
  ['labels and nothing else', () => '1.\n2.\na)\nAlt 1 1.\nOption 1:\nArticle 1\n[\n]\n'.repeat(2_000)],
  ['a 10 MB generated draft', () => generateDraftOfSize(10_000_000).text],
];

describe('robustness: hostile input never breaks the analysis', () => {
  const settings = normaliseSettings({});
  for (const [name, make] of INPUTS) {
    it(name, () => {
      const text = make();
      const draft = analyseDraft(text);
      assert.equal(draft.internalError, undefined, draft.internalError);
      for (const p of draft.problems) {
        assert.ok(p.span.start >= 0 && p.span.start <= p.span.end && p.span.end <= text.length, `${p.code} ${p.span.start}-${p.span.end}`);
      }
      const diagnostics = draftDiagnostics(draft, settings, 'file:///x.treaty');
      assert.equal(diagnostics.length, draft.problems.length);
      foldingRanges(draft);
      documentSymbols(draft);
      negotiationStatus(draft);
      for (const offset of [0, 1, Math.floor(text.length / 2), text.length - 1, text.length]) hover(draft, offset);
    });
  }

  // Edits typed into hostile input: re-analysis reads what a full analysis reads. The 10 MB draft is left to the
  // benchmark (a full analysis per comparison would take seconds).
  for (const [name, make] of INPUTS.filter(([n]) => !n.includes('10 MB'))) {
    it(`${name}: re-analysis after edits equals a full analysis`, () => {
      let draft = analyseDraft(make());
      const edits = ['[', ']', '\n', '12. ', 'x', ''];
      edits.forEach((inserted, i) => {
        const at = Math.floor((draft.text.length * (i + 1)) / (edits.length + 1));
        const change = { start: at, end: Math.min(draft.text.length, at + (inserted === '' ? 3 : 0)), text: inserted };
        const expected = draft.text.slice(0, change.start) + change.text + draft.text.slice(change.end);
        draft = reanalyse(draft, change);
        assert.equal(draft.text, expected);
        const full = analyseDraft(expected);
        const shown = (d: typeof draft) => d.problems.map((p) => `${p.code}@${p.span.start}-${p.span.end} ${problemMessage(d.text, p)}`);
        assert.deepEqual(shown(draft), shown(full), `after ${JSON.stringify(change)}`);
        assert.deepEqual(draft.blocks.map((b) => `${b.kind}@${b.span.start}`), full.blocks.map((b) => `${b.kind}@${b.span.start}`));
      });
    });
  }

  it('a failure inside the analysis is caught and reported, not thrown', () => {
    const text = { length: 3, charCodeAt: () => { throw new Error('boom'); } } as unknown as string;
    const draft = analyseDraft(text);
    assert.match(draft.internalError ?? '', /boom/);
    assert.deepEqual(draft.problems, []);
  });
});
