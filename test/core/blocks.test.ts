import * as assert from 'node:assert/strict';
import { analyseDraft } from '../../server/src/core/analyse';
import { formatNumber } from '../../server/src/core/numberForms';
import type { Block } from '../../server/src/core/model';
import { dedent } from '../fixture';

/** How a block reads to a drafter: its kind and what its label says. */
function describe_(block: Block): string {
  const l = block.label;
  const brackets = block.leadingBrackets > 0 ? `${'['.repeat(block.leadingBrackets)} ` : '';
  switch (l.kind) {
    case 'paragraph':
      return block.unnumbered ? `${brackets}¶` : `${brackets}paragraph ${formatNumber(l.number)}`;
    case 'heading':
      return `${brackets}heading ${l.headingKind}${l.number ? ` ${l.number}` : ''}: ${l.title}`;
    case 'article':
      return `article ${formatNumber(l.number)}${l.title ? `: ${l.title}` : ''}`;
    case 'subparagraph':
      return `${brackets}sub ${l.letter}${l.variant ?? ''}`;
    case 'alternative':
      return `${brackets}alt ${l.index} to ${formatNumber(l.target)}${l.targetSub ? ` ${l.targetSub}` : ''}`;
    case 'option':
      return `option ${l.index}`;
    default:
      return l.kind;
  }
}

/** NOTATION §1: what each line starts, as data. */
const CASES: Array<[string, string, string[]]> = [
  ['paragraph numbers', '39. Text.\n61 bis. Text.\n61bis. Text.\n12 ter. Text.\n[61. Text.]\n7) Text.', ['paragraph 39', 'paragraph 61 bis', 'paragraph 61 bis', 'paragraph 12 ter', '[ paragraph 61', 'paragraph 7']],
  ['long Latin suffixes are read whole', '5 terdecies. Text.\n5 quaterdecies. Text.', ['paragraph 5 terdecies', 'paragraph 5 quaterdecies']],
  ['sub-paragraph labels', '1. Parties shall:\na) x;\n(a) x;\nb. x;\n(iv) x;\ng1) x;\n[c) x;]', ['paragraph 1', 'sub a', 'sub a', 'sub b', 'sub iv', 'sub g1', '[ sub c']],
  ['headings: a number then a title line, a lettered sub-section, a sub-section with its title below', '1.\nIntroduction\n3a) Infrastructure and management of critical Internet resources\n3b)\nData governance', ['heading numbered 1: Introduction', 'heading numbered 3a: Infrastructure and management of critical Internet resources', 'heading numbered 3b: Data governance']],
  ['named headings', 'Chapter II\nPart 3: Institutions\nSection A Principles\nChapter IV\nVision for the future', ['heading chapter II: ', 'heading part 3: Institutions', 'heading section A: Principles', 'heading chapter IV: Vision for the future']],
  ['articles', 'Article 5\nArticle 5 bis\nArticle 6 – Definitions\nArticle 7: Scope', ['article 5', 'article 5 bis', 'article 6: Definitions', 'article 7: Scope']],
  ['not labels: prose that begins with Article, Part, a decimal, an abbreviation', '1. The Parties:\nArticle 5 shall apply mutatis mutandis.\nPart 3 of the report\n1.5 degrees is the goal\ne.g. this one\nSection 3, paragraph 2', ['paragraph 1']],
  ['alternatives', 'Alt 1 61. Text.\nAlt. 2 61. Text.\nAlt 71g1) text\nAlt 71 g2) text\n[Alt 3 61 bis. Text.]\nAlt 1 71 (g) text', ['alt 1 to 61', 'alt 2 to 61', 'alt 1 to 71 g', 'alt 2 to 71 g', '[ alt 3 to 61 bis', 'alt 1 to 71 g']],
  ['options and bullets', '57. Decide:\nOption 1: a fund;\nOption 2. a facility;\n· one\n• two\n- three', ['paragraph 57', 'option 1', 'option 2', 'bullet', 'bullet', 'bullet']],
  ['rules end the block before them', '57. Text.\n_____\nNote.\n***\n-----', ['paragraph 57', 'rule', 'text', 'rule', 'rule']],
  ['a numbered block followed by its own sub-paragraphs is a paragraph, not a heading', '45. Decide to\na) act;', ['paragraph 45', 'sub a']],
  // Found by property 4: renaming `3 bis` to `4` turned paragraph 2 into a heading (one word fewer).
  [
    'a Latin suffix counts with its number: 15 words with `3 bis` read as 15 words with `4` do',
    '2. See paras 3 bis and a b c d e f g h i j k\n3. See paras 4 and a b c d e f g h i j k',
    ['heading numbered 2: See paras 3 bis and a b c d e f g h i j k', 'heading numbered 3: See paras 4 and a b c d e f g h i j k'],
  ],
  // Found by property 4: renaming paragraph 2 to `1 quater` wrote `paragraphs 1 quater-3`, one word more than
  // `paragraphs 2-3`, and turned the 15-word heading 3 into a paragraph.
  [
    'a Latin suffix counts with its number where a range goes on from it too',
    '3. See paragraphs 2-3 and a b c d e f g h i j k\n4. See paragraphs 1 quater-3 and a b c d e f g h i j k',
    ['heading numbered 3: See paragraphs 2-3 and a b c d e f g h i j k', 'heading numbered 4: See paragraphs 1 quater-3 and a b c d e f g h i j k'],
  ],
  ['not headings: a block ending in punctuation, a single bracket, a marker, or running over two lines', '45. [Deleted]\n46. Reaffirm (Agreed)\n47. Short line;\n48. Two\nlines', ['paragraph 45', 'paragraph 46', 'paragraph 47', 'paragraph 48']],
  ['uppercase roman and letter headings, and a lettered sub-paragraph when the text is not a title', 'I. Introduction\nA. Financial mechanism\n1. The Parties shall:\nA. act on this matter as soon as possible and report to the Conference of the Parties at its next session.', ['heading lettered I: Introduction', 'heading lettered A: Financial mechanism', 'paragraph 1', 'sub a']],
  ['continuation lines, indented or not, belong to the block above', '39. First line\n    continues here\nand here.\n\n40. Next.', ['paragraph 39', 'paragraph 40']],
  ['text before the first label is a text block', 'Draft outcome document\nSecond title line\n\n1. Text.', ['text', 'paragraph 1']],
  ['an unnumbered draft is cut at blank lines', 'Chair’s statement\n\nFirst paragraph, which runs\nover two lines.\n\nSecond paragraph.', ['heading unnumbered: Chair’s statement', '¶', '¶']],
  ['an unnumbered draft with no blank lines is read line by line', 'First paragraph of text.\nSecond paragraph of text.\nThird paragraph of text.', ['¶', '¶', '¶']],
];

describe('blocks and labels (NOTATION §1)', () => {
  for (const [name, text, expected] of CASES) {
    it(name, () => {
      const draft = analyseDraft(dedent(text));
      assert.deepEqual(draft.blocks.map(describe_), expected);
    });
  }

  it('CRLF and lone CR line endings split blocks like LF', () => {
    const lf = analyseDraft('39. One.\n40. Two [x].\n41. Three.').blocks.map(describe_);
    assert.deepEqual(analyseDraft('39. One.\r\n40. Two [x].\r\n41. Three.').blocks.map(describe_), lf);
    assert.deepEqual(analyseDraft('39. One.\r40. Two [x].\n41. Three.').blocks.map(describe_), lf);
  });

  it('a block spans from its first [ to its last non-blank character', () => {
    const text = '  [61. Text\n  continues]\n\n62. Next.';
    const block = analyseDraft(text).blocks[0];
    assert.equal(text.slice(block.span.start, block.span.end), '[61. Text\n  continues]');
    assert.equal(text.slice(block.labelSpan.start, block.labelSpan.end), '61.');
  });
});
