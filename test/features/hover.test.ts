import * as assert from 'node:assert/strict';
import { analyseDraft } from '../../server/src/core/analyse';
import { hover } from '../../server/src/features/hover';
import { parseFixture } from '../fixture';

/**
 * Hover (NOTATION §7). Each cursor is tagged with text the hover must contain; `(none)` means no hover.
 * Several expectations are separated by ` && `.
 */
const DRAFT = `
  43. The stakeholder groups [shall/should/may] take part.
  |   Paragraph 43** · open
  |   Referred to by: paragraph 45 (line 3), paragraph 46 (line 4)
                             | 3 options: “shall” / “should” / “may”
                                              | Bracket** from line 1, column 28 to line 1, column 45
  44. Original text. (Agreed)
  45. As mentioned in paragraph 43, and paragraph 49 of the Geneva Declaration of Principles.
                                |   Paragraph 43** · open · line 1 && > The stakeholder groups
                                                |  External reference**: paragraph 49 of *Geneva Declaration of Principles*
  46. See paras 43 and 99, and [75][85] percent.
                        | Paragraph 99** does not exist
                               | One of 2 adjacent alternatives
  Alt 1 44. Other text.
  | Alternatives to paragraph 44**: 2 texts && the original (line 2) && **Alt 1** (line 5)
       (none)
`;

describe('hover (NOTATION §7)', () => {
  const fixture = parseFixture(DRAFT);
  const draft = analyseDraft(fixture.text);
  for (const cursor of fixture.cursors) {
    const line = fixture.text.slice(0, cursor.offset).split('\n').length;
    it(`line ${line}: ${cursor.tag}`, () => {
      const result = hover(draft, cursor.offset);
      const value = result && typeof result.contents === 'object' && 'value' in result.contents ? result.contents.value : '';
      if (cursor.tag === '(none)') return assert.equal(result, null);
      for (const expected of cursor.tag.split(' && ')) assert.ok(value.includes(expected), `expected ${JSON.stringify(expected)} in:\n${value}`);
    });
  }

  it('the hover range covers the thing hovered', () => {
    const text = '43. See paragraph 45.\n45. Target.';
    const result = hover(analyseDraft(text), text.indexOf('45'));
    assert.deepEqual(result?.range, { start: { line: 0, character: 18 }, end: { line: 0, character: 20 } });
  });
});
