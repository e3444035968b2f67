import * as assert from 'node:assert/strict';
import { analyseDraft } from '../../server/src/core/analyse';
import { definition, documentHighlights, references } from '../../server/src/features/navigation';
import { parseFixture, showSpan } from '../fixture';

/**
 * Definition, references and highlights (NOTATION §7). From every cursor, references (with the declaration) must be
 * exactly the ranges tagged `43`, and definition the one tagged `43 def`.
 */
const DRAFT = `
  43. Target.
  ^^ 43 def
  44. See para 43 and paras 43 and 45, paragraphs 43 to 45, paragraph 43 (b).
               ^^ 43
               |
                            ^^ 43
                            |
                                                  ^^ 43
                                                  |
                                                                      ^^ 43
  45. Text, and paragraph 43 of the Geneva Declaration.
  [Alt 1 43. Other.]
         ^^ 43
         |
`;

describe('definition, references and highlights (NOTATION §7)', () => {
  const fixture = parseFixture(DRAFT);
  const draft = analyseDraft(fixture.text);
  const uri = 'file:///draft.treaty';
  const expected = fixture.ranges.map((r) => showSpan(fixture.text, r.start, r.end)).sort();
  const def = fixture.ranges.filter((r) => r.tag === '43 def').map((r) => showSpan(fixture.text, r.start, r.end));
  const toSpan = (range: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
    showSpan(fixture.text, draft.lines.offsetAt(range.start), draft.lines.offsetAt(range.end));

  for (const cursor of [...fixture.cursors, { offset: fixture.ranges[0].start, tag: 'label' }]) {
    it(`from ${showSpan(fixture.text, cursor.offset, cursor.offset + 2)}`, () => {
      assert.deepEqual(references(draft, uri, cursor.offset, true).map((l) => toSpan(l.range)).sort(), expected);
      assert.deepEqual(references(draft, uri, cursor.offset, false).length, expected.length - 1);
      assert.deepEqual(definition(draft, uri, cursor.offset).map((l) => toSpan(l.range)), def);
      const highlights = documentHighlights(draft, cursor.offset);
      assert.deepEqual(highlights.map((h) => toSpan(h.range)).sort(), expected);
      assert.deepEqual(highlights.filter((h) => h.kind === 3).map((h) => toSpan(h.range)).sort(), [...def, expected.find((e) => e.startsWith('4:'))].sort());
    });
  }

  it('nothing from an external reference or prose', () => {
    const offset = fixture.text.indexOf('43 of the Geneva');
    assert.deepEqual(references(draft, uri, offset, true), []);
    assert.deepEqual(definition(draft, uri, offset), []);
    assert.deepEqual(references(draft, uri, fixture.text.indexOf('Text'), true), []);
  });
});
