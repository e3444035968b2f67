import * as assert from 'node:assert/strict';
import { analyseDraft, type AnalysisOptions } from '../../server/src/core/analyse';
import { problemMessage } from '../../server/src/core/quotations';
import { reanalyse } from '../../server/src/core/incremental';
import { parseFixture } from '../fixture';
import { projection } from '../support/draftProjection';

/**
 * Re-analysis after one edit (core/incremental.ts): each case is a draft with a cursor `|` where the edit starts,
 * the text typed there (after deleting `deletes` characters), and what the re-analysis must show. Whatever path it
 * takes, it must read exactly as a full analysis of the new text does; an edit that changes no label keeps the
 * structure (the same paragraph objects), one that changes a label builds it again.
 */
interface Case {
  readonly name: string;
  readonly draft: string;
  readonly typed: string;
  readonly deletes?: number;
  readonly keepsStructure: boolean;
  /** A problem the new text must have, as `code: message` (a part of it). */
  readonly shows?: string;
  /** A problem the old text had and the new one must not. */
  readonly clears?: string;
  /**
   * Whether the draft's first and last references are kept (the same objects): outside the lines read again they are,
   * unless a phrase runs across the edge of those lines.
   */
  readonly keepsReferences?: boolean;
  /** The same for the draft's first and last agreed markers. */
  readonly keepsMarkers?: boolean;
  /**
   * Whether the draft's alternative groups are kept (the same objects): a paragraph number changed alone, to one no
   * other paragraph or group of its scope carries, reads only the numbering again.
   */
  readonly keepsGroups?: boolean;
  /** Whether the draft's numbering problems before the edit are kept (the same objects), not read again. */
  readonly keepsNumbering?: boolean;
  /**
   * Whether the first and last `agreed-with-brackets` problems and option groups of the draft before are kept (the same
   * objects): the paragraphs an edit did not reach keep their markers, option groups and status when the groups were
   * kept and the markers moved in place.
   */
  readonly keepsParagraphFacts?: boolean;
  /**
   * Whether the draft's `sublabel-gap` problems before the edit are kept (the same objects): letters name no paragraph.
   * (Those after it are kept too, but as new objects, moved with the text.)
   */
  readonly keepsLetterProblems?: boolean;
  /**
   * Whether the draft's bracket table is the one before, moved in place: an edit that adds or removes no bracket and
   * no slash option moves the rows after it; any other builds a new table.
   */
  readonly keepsBracketTable?: boolean;
  readonly options?: AnalysisOptions;
}

/** A paragraph with nested brackets and a run of two after the cursor, whose rows an edit before them must move. */
const NESTED_AND_RUN = `
      1. The Parties shall act.
                           |
      2. They shall [report [annually] [or [every two years]]] on [75][85] per cent.
      3. They shall [meet/consult].
    `;

const CASES: Case[] = [
  {
    name: 'a word typed in a paragraph’s text',
    draft: `
      1. The Parties shall act.
      2. They shall report.
               |
      3. They shall cooperate.
    `,
    typed: 'promptly ',
    keepsStructure: true,
  },
  {
    name: 'a bracket typed in an agreed paragraph opens it',
    draft: `
      1. The Parties shall act.
      2. They shall report. (Agreed)
                    |
      3. They shall cooperate.
    `,
    typed: '[',
    keepsStructure: true,
    shows: 'agreed-with-brackets: Paragraph 2 is marked (Agreed) but still holds 1 bracket.',
    keepsBracketTable: false,
  },
  {
    name: 'a word typed before nested brackets and a run moves them, their nesting and their run, in place',
    draft: NESTED_AND_RUN,
    typed: 'promptly ',
    keepsStructure: true,
    keepsBracketTable: true,
  },
  {
    name: 'a bracket typed before nested brackets and a run: a new table, their nesting and their run moved',
    draft: NESTED_AND_RUN,
    typed: '[promptly] ',
    keepsStructure: true,
    keepsBracketTable: false,
  },
  {
    name: 'a slash typed inside a bracket makes two options: a new table',
    draft: `
      1. The Parties shall [act promptly].
      2. They shall [report [annually]] and [meet][consult].
                           |
    `,
    typed: '/',
    deletes: 1,
    keepsStructure: true,
    shows: 'unresolved-bracket: Unresolved bracket [report/[annually]] (2 options).',
    keepsBracketTable: false,
  },
  {
    name: 'a closing bracket typed before the marker settles the bracket, not the status',
    draft: `
      1. The Parties shall [act. (Agreed)
                               |
      2. They shall report.
    `,
    typed: ']',
    keepsStructure: true,
    shows: 'agreed-with-brackets: Paragraph 1 is marked (Agreed) but still holds 1 bracket.',
    clears: 'unclosed-bracket',
  },
  {
    name: 'a marker typed at a paragraph’s end',
    draft: `
      1. The Parties shall [act].
      2. They shall report.
                           |
      3. They shall cooperate.
    `,
    typed: ' (Agreed)',
    keepsStructure: true,
  },
  {
    name: 'a line break inside a paragraph moves the line a duplicate number names',
    draft: `
      1. The Parties shall act.
               |
      2. They shall report.
      2. They shall cooperate.
    `,
    typed: '\n',
    keepsStructure: true,
    shows: 'duplicate-number: Paragraph 2 is already used at line 3.',
  },
  {
    name: 'a line break before the first use of a duplicate number reads the numbering again',
    draft: `
      1. The Parties shall act.
      3. They shall report.
               |
      4. They shall cooperate.
      4. They shall meet.
    `,
    typed: '\n',
    keepsStructure: true,
    shows: 'duplicate-number: Paragraph 4 is already used at line 4.',
    keepsNumbering: false,
  },
  {
    name: 'a line break after the first use of a duplicate number keeps the numbering problems',
    draft: `
      2. The Parties shall act.
      2. They shall report.
      3. They shall cooperate.
               |
      5. They shall meet.
    `,
    typed: '\n',
    keepsStructure: true,
    shows: 'duplicate-number: Paragraph 2 is already used at line 1.',
    keepsNumbering: true,
  },
  {
    name: 'text typed before a duplicate number moves the problem and its related place',
    draft: `
      1. The Parties shall act.
         |
      2. They shall report.
      2. They shall cooperate.
    `,
    typed: 'All ',
    keepsStructure: true,
    shows: 'duplicate-number: Paragraph 2 is already used at line 2.',
  },
  {
    name: 'text typed before an orphan alternative moves its problem',
    draft: `
      1. The Parties shall act.
               |
      2. They shall report.
      [Alt 1 9. They shall cooperate.]
    `,
    typed: 'together ',
    keepsStructure: true,
    shows: 'orphan-alternative: This alternative is for paragraph 9',
  },
  {
    name: 'a paragraph’s number changed',
    draft: `
      1. The Parties shall act.
      2. They shall report.
      3. They shall cooperate.
      |
    `,
    typed: '4',
    deletes: 1,
    keepsStructure: true,
    shows: 'numbering-gap: Paragraph 4 follows paragraph 2: 3 is missing.',
  },
  {
    name: 'a digit typed into a paragraph’s number that no other paragraph or group carries keeps the groups',
    draft: `
      1. The Parties shall act, as paragraph 20 says.
      2. They shall report.
       |
      3. They shall cooperate.
      4. They shall meet.
      [Alt 1 4. They shall meet often.]
    `,
    typed: '0',
    keepsStructure: true,
    keepsGroups: true,
    shows: 'numbering-order: Paragraph 20 comes before paragraph 3.',
    clears: 'dangling-reference',
  },
  {
    name: 'a paragraph’s number changed to one another paragraph carries reads the groups again',
    draft: `
      1. The Parties shall act.
      2. They shall report.
      |
      [Alt 1 3. They shall meet.]
      [Alt 2 3. They may meet.]
    `,
    typed: '1',
    deletes: 1,
    keepsStructure: true,
    keepsGroups: false,
    shows: 'duplicate-number: Paragraph 1 is already used at line 1.',
  },
  {
    name: 'a paragraph’s number changed to the one its alternatives are for',
    draft: `
      1. The Parties shall act.
      2. They shall report.
      |
      [Alt 1 3. They shall cooperate.]
      [Alt 2 3. They may cooperate.]
    `,
    typed: '3',
    deletes: 1,
    keepsStructure: true,
    keepsGroups: false,
    shows: 'numbering-gap: Paragraph 3 follows paragraph 1: 2 is missing.',
  },
  {
    name: 'an alternative’s target changed so that it finds its original',
    draft: `
      1. The Parties shall act.
      2. They shall report.
      [Alt 1 9. They shall cooperate.]
             |
    `,
    typed: '2',
    deletes: 1,
    keepsStructure: true,
    clears: 'orphan-alternative',
  },
  {
    name: 'an alternative’s index changed',
    draft: `
      1. The Parties shall act.
      [Alt 1 1. They shall act together.]
      [Alt 1 1. They may act.]
           |
    `,
    typed: '2',
    deletes: 1,
    keepsStructure: true,
    clears: 'alternative-numbering',
  },
  {
    name: 'a sub-paragraph’s letter changed',
    draft: `
      1. The Parties shall:
      (a) act;
      (c) report.
       |
    `,
    typed: 'b',
    deletes: 1,
    keepsStructure: false,
    clears: 'sublabel-gap',
  },
  {
    name: 'an article’s number changed',
    draft: `
      Article 1
      1. The Parties shall act.
      Article 3
              |
      1. They shall report.
    `,
    typed: '2',
    deletes: 1,
    keepsStructure: false,
    clears: 'numbering-gap',
  },
  {
    name: 'a label typed at the start of a line',
    draft: `
      1. The Parties shall act.
      2. They shall report
      and cooperate.
      |
    `,
    typed: '3. ',
    keepsStructure: false,
  },
  {
    name: 'a heading’s title changed',
    draft: `
      A. General provisions
             |
      1. The Parties shall act.
      2. They shall report.
    `,
    typed: 'and final ',
    keepsStructure: false,
  },
  {
    name: 'text typed in an article body',
    draft: `
      Article 1
      The Parties shall act.
                 |
      Article 2
      1. They shall report.
    `,
    typed: '[promptly] ',
    keepsStructure: true,
  },
  {
    name: 'an article body deleted',
    draft: `
      Article 1 – Scope
      Act.
      |
      Article 2
      1. They shall report.
    `,
    typed: '',
    deletes: 4,
    keepsStructure: false,
  },
  {
    name: 'a sub-paragraph’s text in a paragraph with alternatives',
    draft: `
      1. The Parties shall:
      (a) act;
          |
      (b) report.
      [Alt 1 1. The Parties may act.]
    `,
    typed: '[jointly] ',
    keepsStructure: true,
  },
  {
    name: 'a reference typed between two others keeps them',
    draft: `
      1. The Parties shall act as set out in paragraph 4.
      2. They shall report.
      3. They shall cooperate.
      4. They shall review.
                |
      5. Paragraphs 2 and 3 apply.
    `,
    typed: 'under paragraph 2 ',
    keepsStructure: true,
    keepsReferences: true,
  },
  {
    // The phrase `paragraph 2 of this Article` ends on the label line the lines read again begin with.
    name: 'a reference whose phrase runs into the lines read again is read again whole',
    draft: `
      Article 1
      1. The Parties shall act, and recall
      paragraph 2 of this
      Article 2
      1. They shall report.
                   |
    `,
    typed: ' on paragraph 1',
    keepsStructure: true,
    keepsReferences: false,
  },
  {
    // `of his` names a document; with `t` typed, `paragraph 2 of this Article` runs into the label line after the
    // lines read again.
    name: 'a reference that comes to run past the lines read again has all references read again',
    draft: `
      Article 1
      1. The Parties recall paragraph 1 of the Geneva Declaration.
      2. They shall act.
      3. They shall act, and recall
      paragraph 2 of his
                     |
      Article 2
      1. They shall report as paragraph 1 says.
    `,
    typed: 't',
    keepsStructure: true,
    keepsReferences: false,
  },
  {
    name: 'a reference that ran past the lines read again has all references read again',
    draft: `
      Article 1
      1. The Parties recall paragraph 1 of the Geneva Declaration.
      2. They shall act.
      3. They shall act, and recall
      paragraph 2 of this
                     |
      Article 2
      1. They shall report as paragraph 1 says.
    `,
    typed: 'x',
    keepsStructure: true,
    keepsReferences: false,
  },
  {
    name: 'a reference that stays within the lines read again keeps the others',
    draft: `
      Article 1
      1. The Parties recall paragraph 1 of the Geneva Declaration.
      2. They shall act.
      3. They shall act, and recall
      paragraph 2 of his
                     |
      Article 2
      1. They shall report as paragraph 1 says.
    `,
    typed: 'x',
    keepsStructure: true,
    keepsReferences: true,
  },
  {
    name: 'a word typed between two agreed paragraphs keeps their markers',
    draft: `
      1. The Parties shall act. (Agreed)
      2. They shall report.
      3. They shall cooperate.
                |
      4. They shall review. (agreed ad ref)
    `,
    typed: 'fully ',
    keepsStructure: true,
    keepsMarkers: true,
  },
  {
    // With the markers set to `Agreed 5.`, the `d` typed makes one that runs from paragraph 4 onto paragraph 5's label.
    name: 'a marker that comes to run across the end of the lines read again has the markers found again whole',
    draft: `
      1. The Parties shall act. (Agreed)
      2. They shall report.
      3. They shall review,
      as Agree
              |
      5. Next. (Agreed)
    `,
    typed: 'd',
    keepsStructure: true,
    keepsMarkers: false,
    options: { agreedMarkers: ['(Agreed)', 'Agreed 5.'] },
  },
  {
    name: 'a marker that ran across the end of the lines read again has the markers found again whole',
    draft: `
      1. The Parties shall act. (Agreed)
      2. They shall report.
      3. They shall review,
      as Agreed
               |
      5. Next. (Agreed)
    `,
    typed: 'x',
    keepsStructure: true,
    keepsMarkers: false,
    options: { agreedMarkers: ['(Agreed)', 'Agreed 5.'] },
  },
  {
    name: 'a digit typed into a paragraph’s number keeps the sub-paragraph letter problems',
    draft: `
      1. The Parties shall:
      (a) act;
      (c) report.
      2. They shall review:
      (b) yearly.
      3. They shall meet.
      4. They shall cooperate.
       |
      5. Then.
    `,
    typed: '0',
    keepsStructure: true,
    shows: 'numbering-order',
    keepsLetterProblems: true,
  },
  {
    // Paragraph 5 is three numbers before the edit, the first read with it: its gap from 3, which lies outside, is kept.
    name: 'a digit typed into a paragraph’s number reads only the numbers around it when the others stand in order',
    draft: `
      1. One.
      2. Two.
      3. Three.
      5. Five.
      6. Six.
      7. Seven.
      8. Eight.
       |
      9. Nine.
    `,
    typed: '0',
    keepsStructure: true,
    shows: 'numbering-order: Paragraph 80 comes before paragraph 9.',
    keepsNumbering: true,
  },
  {
    // 7, 10, 9, 11: keeping 10 or 9 leaves 8 missing either way, and of two runs as long the earlier number stands.
    name: 'a number retyped past the next one, read around it, leaves that next one out of order',
    draft: `
      1. One.
      2. Two.
      4. Four.
      5. Five.
      6. Six.
      7. Seven.
      8. Eight.
      |
      9. Nine.
      11. Eleven.
    `,
    typed: '10',
    deletes: 1,
    keepsStructure: true,
    shows: 'numbering-order: Paragraph 9 comes after paragraph 10.',
    keepsNumbering: true,
  },
  {
    // Article 1's gap comes first among the numbering problems; those read again are Article 2's, after it.
    name: 'a digit typed into a paragraph’s number in one article keeps the numbering problems of the article before',
    draft: `
      Article 1
      1. One.
      3. Three.
      Article 2
      1. One.
      2. Two.
       |
      3. Three.
      4. Four.
    `,
    typed: '0',
    keepsStructure: true,
    shows: 'numbering-order: Paragraph 20 comes before paragraph 3.',
    keepsNumbering: true,
  },
  {
    name: 'a digit typed into a paragraph’s number reads the whole sequence again when another number is out of order',
    draft: `
      1. One.
      2. Two.
      30. Three.
      4. Four.
      5. Five.
      6. Six.
      7. Seven.
      8. Eight.
       |
      9. Nine.
    `,
    typed: '0',
    keepsStructure: true,
    shows: 'numbering-order: Paragraph 80 comes before paragraph 9.',
    keepsNumbering: false,
  },
  {
    // The lines read again run from the block before the edit's (paragraph 3) to the next label (paragraph 5).
    name: 'a word typed in one paragraph leaves the status and option groups of the others as they were, moved',
    draft: `
      1. The Parties [shall] act. (Agreed)
      2. They shall report on:
      Option 1: the first way;
      Option 2: the second way.
      3. They shall note.
      4. They shall review.
                       |
      5. They shall [meet] again. (Agreed)
      6. And choose:
      Option 1: one;
      Option 2: the other.
    `,
    typed: 'carefully ',
    keepsStructure: true,
    keepsParagraphFacts: true,
  },
  {
    name: 'a paragraph number made a duplicate reads the groups again, and every paragraph’s status with them',
    draft: `
      1. The Parties [shall] act. (Agreed)
      2. They shall report on:
      Option 1: the first way;
      Option 2: the second way.
      3. They shall review.
      |
      4. They shall [meet] again. (Agreed)
      5. And choose:
      Option 1: one;
      Option 2: the other.
    `,
    typed: '2',
    deletes: 1,
    keepsStructure: true,
    shows: 'duplicate-number',
    keepsParagraphFacts: false,
  },
];

describe('re-analysis after an edit (core/incremental.ts)', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const fixture = parseFixture(c.draft);
      const at = fixture.cursors[0].offset;
      const change = { start: at, end: at + (c.deletes ?? 0), text: c.typed };
      const expected = fixture.text.slice(0, change.start) + change.text + fixture.text.slice(change.end);
      const before = analyseDraft(fixture.text, c.options);
      const shown = (d: typeof before) => d.problems.map((p) => `${p.code}: ${problemMessage(d.text, p)}`);
      const oldProblems = shown(before);
      const oldParagraphs = [...before.paragraphs];
      const oldReferences = [before.references[0], before.references[before.references.length - 1]];
      const oldMarkers = [before.markers[0], before.markers[before.markers.length - 1]];
      const oldGroup = before.alternativeGroups[0];
      const numberingCodes = new Set(['duplicate-number', 'numbering-gap', 'numbering-order']);
      const oldNumbering = before.problems.filter((p) => numberingCodes.has(p.code) && p.span.end <= change.start);
      const oldLetterProblems = before.problems.filter((p) => p.code === 'sublabel-gap' && p.span.end <= change.start);
      const oldAgreed = before.problems.filter((p) => p.code === 'agreed-with-brackets');
      const oldFacts = [oldAgreed[0], oldAgreed[oldAgreed.length - 1], before.optionGroups[0], before.optionGroups[before.optionGroups.length - 1]];
      const oldBrackets = before.brackets;

      const after = reanalyse(before, change, c.options);

      assert.equal(after.text, expected);
      assert.deepEqual(projection(after), projection(analyseDraft(expected, c.options)));
      assert.equal(after.paragraphs.length > 0 && after.paragraphs[0] === oldParagraphs[0], c.keepsStructure, 'whether the structure was kept');
      const problems = shown(after);
      if (c.shows) assert.ok(problems.some((p) => p.startsWith(c.shows!)), `expected ${c.shows} among ${JSON.stringify(problems)}`);
      if (c.keepsReferences !== undefined) {
        assert.ok(oldReferences[0] !== undefined, 'the draft before had references');
        const kept = oldReferences.map((r) => after.references.includes(r!));
        assert.deepEqual(kept, [c.keepsReferences, c.keepsReferences], 'whether the first and last references were kept');
      }
      if (c.keepsMarkers !== undefined) {
        assert.equal(oldMarkers.length === 2 && oldMarkers[0] !== oldMarkers[1], true, 'the draft before had two markers or more');
        assert.deepEqual(oldMarkers.map((m) => after.markers.includes(m!)), [c.keepsMarkers, c.keepsMarkers], 'whether the first and last markers were kept');
      }
      if (c.keepsGroups !== undefined) {
        assert.ok(oldGroup !== undefined, 'the draft before had an alternative group');
        assert.equal(after.alternativeGroups.includes(oldGroup), c.keepsGroups, 'whether the groups were kept');
      }
      if (c.keepsNumbering !== undefined) {
        assert.ok(oldNumbering.length > 0, 'the draft before had numbering problems before the edit');
        assert.deepEqual(oldNumbering.map((p) => after.problems.includes(p)), oldNumbering.map(() => c.keepsNumbering), 'whether the numbering problems were kept');
      }
      if (c.keepsParagraphFacts !== undefined) {
        assert.ok(oldAgreed.length >= 2 && before.optionGroups.length >= 2, 'the draft before had two agreed-with-brackets problems and two option groups');
        const kept = [after.problems.includes(oldFacts[0] as never), after.problems.includes(oldFacts[1] as never), after.optionGroups.includes(oldFacts[2] as never), after.optionGroups.includes(oldFacts[3] as never)];
        assert.deepEqual(kept, kept.map(() => c.keepsParagraphFacts), 'whether the paragraphs the edit did not reach kept their status and option groups');
      }
      if (c.keepsLetterProblems !== undefined) {
        assert.equal(oldLetterProblems.length, 2, 'the draft before had two sub-paragraph letter problems before the edit');
        assert.deepEqual(oldLetterProblems.map((p) => after.problems.includes(p)), [c.keepsLetterProblems, c.keepsLetterProblems], 'whether the letter problems were kept');
      }
      if (c.keepsBracketTable !== undefined) {
        assert.equal(after.brackets === oldBrackets, c.keepsBracketTable, 'whether the bracket table was moved in place');
      }
      if (c.clears) {
        assert.ok(oldProblems.some((p) => p.startsWith(c.clears!)), `the draft before had no ${c.clears}`);
        assert.ok(!problems.some((p) => p.startsWith(c.clears!)), `${c.clears} remains: ${JSON.stringify(problems)}`);
      }
    });
  }
});
