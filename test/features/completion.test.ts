import * as assert from 'node:assert/strict';
import { analyseDraft } from '../../server/src/core/analyse';
import { completions } from '../../server/src/features/completion';

/** Completion after reference words (NOTATION §7): where the cursor stands (after the text given) and the labels expected. */
const TEXT = [
  '43. The stakeholder groups take part.',
  '44. We agree. (Agreed)',
  '[Alt 1 45. One.]',
  '[Alt 2 45. Two.]',
  '46. See para 43, paragraphs 43 and 44, Alt 1 4, and plain prose 4.',
].join('\n');
const CURSORS: Array<[string, string[]]> = [
  ['See para ', ['43', '44', '45', '46']],
  ['paragraphs ', ['43', '44', '45', '46']],
  ['paragraphs 43 and ', ['43', '44', '45', '46']],
  ['Alt 1 ', ['43', '44', '45', '46']],
  ['plain prose ', []],
];

describe('completion (NOTATION §7)', () => {
  const draft = analyseDraft(TEXT);
  const after = (s: string) => TEXT.indexOf(s) + s.length;
  for (const [before, labels] of CURSORS) {
    it(`after “${before}”: ${labels.join(' ') || 'nothing'}`, () => {
      assert.deepEqual(completions(draft, after(before)).map((i) => i.label), labels);
    });
  }

  it('each number comes with its status and opening words', () => {
    const items = completions(draft, after('See para '));
    assert.equal(items[1].detail, 'agreed');
    assert.deepEqual(items[0].documentation, { kind: 'markdown', value: 'The stakeholder groups take part.' });
    assert.equal(items[2].detail, 'open · 2 alternatives');
  });

  it('inside an article, its own paragraphs come first; after Article, the articles', () => {
    const text = 'Article 1 – A\n1. X.\n2. Y.\nArticle 2 – B\n1. See paragraph  on this.\n2. See Article  on that.';
    const draft2 = analyseDraft(text);
    const afterParagraph = completions(draft2, text.indexOf('See paragraph ') + 'See paragraph '.length);
    assert.deepEqual(afterParagraph.map((i) => `${i.label} ${i.detail}`), ['1 Article 2 · pending', '2 Article 2 · pending']);
    const afterArticle = completions(draft2, text.indexOf('See Article ') + 'See Article '.length);
    assert.deepEqual(afterArticle.map((i) => `${i.label} ${i.detail}`), ['1 A', '2 B']);
  });
});
