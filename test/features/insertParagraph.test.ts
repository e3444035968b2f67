import * as assert from 'node:assert/strict';
import { analyseDraft } from '../../server/src/core/analyse';
import { applySpanEdits } from '../../server/src/core/spanEdits';
import { insertParagraphAfter } from '../../server/src/features/insertParagraph';
import { dedent } from '../fixture';

describe('insert a paragraph after N (NOTATION §7)', () => {
  const CASES: Array<[string, string, string, string]> = [
    ['after 44 and its alternatives, separated by a blank line like the rest', '44. A.\n[Alt 1 44. B.]\n\n45. C.', '44', '44. A.\n[Alt 1 44. B.]\n\n44 bis. \n\n45. C.'],
    ['the next free suffix, after the suffixed paragraphs already there', '44. A.\n44 bis. B.\n45. C.', '44', '44. A.\n44 bis. B.\n44 ter. \n45. C.'],
    ['at the end of the draft, keeping CRLF', '44. A.\r\n45. B.', '45', '44. A.\r\n45. B.\r\n45 bis. '],
    ['after sub-paragraphs of 44', '44. A:\na) x;\nb) y.\n45. C.', '44', '44. A:\na) x;\nb) y.\n44 bis. \n45. C.'],
  ];
  for (const [name, draft, after, expected] of CASES) {
    it(name, () => {
      const result = insertParagraphAfter(analyseDraft(dedent(draft)), after);
      assert.ok(!('refused' in result), 'refused' in result ? result.refused : '');
      const text = applySpanEdits(dedent(draft), [result.edit]);
      assert.equal(text, expected);
      assert.equal(text.slice(result.cursor - 8, result.cursor), expected.slice(result.cursor - 8, result.cursor));
    });
  }

  it('refuses a missing paragraph and a suffixed number', () => {
    const draft = analyseDraft('44. A.');
    assert.deepEqual(insertParagraphAfter(draft, '46'), { refused: 'This draft has no paragraph 46 to insert after.' });
    assert.match((insertParagraphAfter(draft, '44 bis') as { refused: string }).refused, /is not a paragraph number/);
  });
});
