import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyseDraft, type AnalysedDraft } from '../../server/src/core/analyse';
import { applySpanEdits } from '../../server/src/core/spanEdits';
import { renumber, type RenumberOptions } from '../../server/src/features/renumber';
import { dedent } from '../fixture';
import { referenceMeanings } from './referenceMeanings';

/** Renumbering (NOTATION §7) as data: the draft, the options, the text after, the concordance's changed rows. */
const CASES: Array<{ name: string; draft: string; options?: Partial<RenumberOptions>; expected: string; changed: string[]; warnings?: RegExp[] }> = [
  {
    name: 'closes a gap; references, ranges and Alt labels follow; external references and prose do not',
    draft: `
      1. First, see paragraphs 3 to 5.
      3. Second, see para 4 and paragraph 3 (b), and paragraph 3 of the Tunis Agenda, in 2003.
      a) one;
      b) two.
      4. Third.
      [Alt 1 4. Other third.]
      5. Fourth.
    `,
    expected: `
      1. First, see paragraphs 2 to 4.
      2. Second, see para 3 and paragraph 2 (b), and paragraph 3 of the Tunis Agenda, in 2003.
      a) one;
      b) two.
      3. Third.
      [Alt 1 3. Other third.]
      4. Fourth.
    `,
    changed: ['3→2', '4→3', '5→4'],
  },
  {
    name: 'bis paragraphs keep their suffix on the new number, re-sequenced',
    draft: `
      1. A.
      3. B, see paragraph 3 ter.
      3 ter. C.
      3quater. D.
      4. E.
    `,
    expected: `
      1. A.
      2. B, see paragraph 2 bis.
      2 bis. C.
      2ter. D.
      3. E.
    `,
    changed: ['3→2', '3 ter→2 bis', '3 quater→2 ter', '4→3'],
  },
  {
    name: 'with bis: number, every paragraph takes a number of its own',
    options: { bis: 'number' },
    draft: `
      1. A.
      1 bis. B, see paragraph 2.
      2. C.
    `,
    expected: `
      1. A.
      2. B, see paragraph 3.
      3. C.
    `,
    changed: ['1 bis→2', '2→3'],
  },
  {
    name: 'alternatives standing in for an absent original keep their place; orphans stay',
    draft: `
      29. A.
      [Alt 1 31. One.]
      [Alt 2 31. Two.]
      32. B, see paragraph 31 and paragraph 32.
      [Alt 1 98. Orphan.]
    `,
    expected: `
      29. A.
      [Alt 1 30. One.]
      [Alt 2 30. Two.]
      31. B, see paragraph 30 and paragraph 31.
      [Alt 1 98. Orphan.]
    `,
    changed: ['31→30', '32→31'],
  },
  {
    name: 'duplicates take numbers of their own; references follow the first',
    draft: `
      1. A, see paragraph 2.
      2. B.
      2. C.
      3. D.
    `,
    expected: `
      1. A, see paragraph 2.
      2. B.
      3. C.
      4. D.
    `,
    changed: ['2→3', '3→4'],
  },
  {
    name: 'each article numbers from its own first paragraph; only the asked article with { article }',
    options: { article: '2' },
    draft: `
      Article 1 – A
      1. See paragraph 3 and Article 2, paragraph 3.
      3. X.
      Article 2 – B
      1. See paragraph 3.
      3. Y.
    `,
    expected: `
      Article 1 – A
      1. See paragraph 3 and Article 2, paragraph 2.
      3. X.
      Article 2 – B
      1. See paragraph 2.
      2. Y.
    `,
    changed: ['3→2'],
  },
  {
    name: 'a dangling reference that would name a renumbered paragraph is reported',
    draft: `
      1. A, see paragraph 2.
      3. B.
    `,
    expected: `
      1. A, see paragraph 2.
      2. B.
    `,
    changed: ['3→2'],
    warnings: [/Line 1: “2” named no paragraph before renumbering and names the new paragraph 2 after it/],
  },
  // Property test counterexamples (bug 5): orphans keep their numbers, and the paragraphs around them change theirs.
  {
    name: 'an orphan that comes to stand in a place is reported, with the dangling references that come to name it',
    draft: `
      1. A, see paragraph 3.
      5. B.
      Alt 1 3. C.
    `,
    expected: `
      1. A, see paragraph 3.
      2. B.
      Alt 1 3. C.
    `,
    changed: ['5→2'],
    warnings: [
      /Line 1: “3” named no paragraph before renumbering and names the alternatives to paragraph 3 after it/,
      /Line 3: the alternatives to paragraph 3 stood in for no paragraph before renumbering and stand in for paragraph 3 after it/,
    ],
  },
  {
    // Property 4, seed -2129117123 at ten times the runs: closing up made 10 bis `9 bis`; then the orphan 8 fit before
    // it and 9 no longer did, so the reference to 9 named nothing. The sequence now jumps before the run instead.
    name: 'alternatives keep their place when an orphan beside them would take it: the run moves up',
    draft: `
      Alt 1 9. A.
      Alt 1 8. B.
      10 bis. C.
      11. D, see paragraph 9.
    `,
    expected: `
      Alt 1 10. A.
      Alt 1 8. B.
      10 bis. C.
      11. D, see paragraph 10.
    `,
    changed: ['9→10'],
  },
  {
    // Found by a generator of crowded drafts: closing up after 4 bis made it 5, then the group at the end stood after 5
    // as 7 (6 is an orphan's); no jump before 4 bis or the group helps, so the scope starts higher instead.
    name: 'alternatives at both ends of a scope keep their places, the scope moving up when nothing else keeps them',
    options: { bis: 'number' },
    draft: `
      Alt 1 6. A.
      Alt 1 4. B.
      4 bis. C, see paragraph 4.
      Alt 1 5. D, see paragraph 5.
    `,
    expected: `
      Alt 1 6. A.
      Alt 1 7. B.
      8. C, see paragraph 7.
      Alt 1 9. D, see paragraph 9.
    `,
    changed: ['4→7', '4 bis→8', '5→9'],
    warnings: [
      /Line 1: 6 is left out of the new numbering/,
      /Line 1: the alternatives to paragraph 6 stood in for no paragraph before renumbering and stand in for paragraph 6 after it/,
    ],
  },
  {
    name: 'no paragraph takes the number an orphan names: the sequence leaves it out, and says so',
    draft: `
      1. A.
      4. B, see paragraph 2.
      Alt 1 2. C.
      7. D.
    `,
    expected: `
      1. A.
      3. B, see paragraph 2.
      Alt 1 2. C.
      4. D.
    `,
    changed: ['4→3', '7→4'],
    warnings: [/Line 3: 2 is left out of the new numbering: the alternatives on this line name it, and no paragraph has it/],
  },
  {
    name: 'a number left out before alternatives that end the draft moves before the paragraph next to them, which keeps their place',
    options: { bis: 'number' },
    draft: `
      4. the (Agreed)
      5. paras 9 and 1 the
      7 Bis. the.]
      Alt 1 7. the
      8. the.]
      Alt 1 9. the
      9. the
    `,
    expected: `
      4. the (Agreed)
      5. paras 9 and 1 the
      5. the.]
      Alt 1 7. the
      8. the.]
      Alt 1 9. the
      9. the
    `,
    changed: ['7 bis→5'],
    warnings: [
      /Line 4: 7 is left out of the new numbering: the alternatives on this line name it, and no paragraph has it/,
      /Line 4: the alternatives to paragraph 7 stood in for no paragraph before renumbering and stand in for paragraph 7 after it/,
    ],
  },
  {
    // Property test counterexample (bug 15): consecutive numbers used to orphan the first of two groups at the start.
    name: 'alternatives in a row at a scope\'s start keep their places when the numbers after them close up',
    options: { bis: 'number' },
    draft: `
      Alt 1 8. A.
      Alt 1 9. B.
      9 ter. C, see paragraph 8.
      10. D.
    `,
    expected: `
      Alt 1 8. A.
      Alt 1 9. B.
      10. C, see paragraph 8.
      11. D.
    `,
    changed: ['9 ter→10', '10→11'],
  },
  {
    // Property test counterexample (bugs 5 and 15): the number an orphan names would fall inside a run at the start.
    name: 'a number left out inside a run of alternatives at a scope\'s start moves the run past it',
    options: { bis: 'number' },
    draft: `
      Alt 1 8. A.
      9 bis. B, see paragraph 8.
      Alt 1 9. C.
    `,
    expected: `
      Alt 1 10. A.
      11. B, see paragraph 10.
      Alt 1 9. C.
    `,
    changed: ['8→10', '9 bis→11'],
    warnings: [/Line 3: 9 is left out of the new numbering/],
  },
];

/**
 * The references whose meaning (`targetLines`) a renumbering changed, with whether a warning names their line: renumbering
 * changes digits, never lines, so the references of the two drafts pair up by order.
 */
function changedMeanings(draft: AnalysedDraft, renumbered: AnalysedDraft, warnings: readonly string[]): Array<{ reference: number; line: number; before: string; after: string; told: boolean }> {
  const after = targetLines(renumbered);
  return targetLines(draft).flatMap((before, reference) => {
    if (after[reference] === before) return [];
    const line = draft.lines.lineAt(draft.references[reference].span.start) + 1;
    return [{ reference, line, before, after: after[reference], told: warnings.some((w) => w.startsWith(`Line ${line}: “`)) }];
  });
}

/** What each reference names, by the line where it starts (renumbering changes digits, never lines): `dangling` for none. */
function targetLines(draft: AnalysedDraft): string[] {
  return draft.references.map((r) => {
    const t = r.target;
    if (!t) return 'dangling';
    const start = 'alternatives' in t ? t.alternatives[0].span.start : t.span.start;
    return `${'alternatives' in t ? 'alternatives' : 'role' in t ? 'paragraph' : 'article'} on line ${draft.lines.lineAt(start) + 1}`;
  });
}

describe('renumbering (NOTATION §7)', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const text = dedent(c.draft);
      const result = renumber(analyseDraft(text), { bis: 'keep', ...c.options });
      assert.ok(!('refused' in result), 'refused' in result ? result.refused : '');
      assert.equal(applySpanEdits(text, result.edits), dedent(c.expected));
      assert.deepEqual(result.concordance.filter((e) => e.old !== e.new).map((e) => `${e.old}→${e.new}`), c.changed);
      assert.equal(result.warnings.length, c.warnings?.length ?? 0, result.warnings.join('\n'));
      (c.warnings ?? []).forEach((w, i) => assert.match(result.warnings[i], w));
      // What a reference means is kept, or the change is in the warnings (decisions §7).
      for (const m of changedMeanings(analyseDraft(text), analyseDraft(dedent(c.expected)), result.warnings)) {
        assert.ok((m.before === 'dangling' || m.after === 'dangling') && m.told, `reference ${m.reference}: ${m.before} → ${m.after}, not in the warnings`);
      }
    });
  }

  // Crowded drafts: alternatives, orphans and suffixed paragraphs around a few numbers, where closing up most often lets
  // an orphan take a group's place. A reference that named something still does, and any other change is a warning.
  it('on crowded drafts, no reference that named something names nothing after, and every change is in the warnings', () => {
    const crowded = fc.integer({ min: 4, max: 15 }).chain((centre) => {
      const number = fc.integer({ min: centre - 3, max: centre + 3 });
      const see = fc.oneof(fc.constant(''), number.map((n) => `, see paragraph ${n}`));
      const alternative = fc.tuple(fc.integer({ min: 1, max: 2 }), number, see).map(([k, n, r]) => `Alt ${k} ${n}. A${r}.`);
      const paragraph = fc.tuple(number, fc.constantFrom('', '', ' bis', ' ter', 'bis', 'a'), see).map(([n, s, r]) => `${n}${s}. P${r}.`);
      const article = fc.integer({ min: 1, max: 3 }).map((a) => `Article ${a} – T`);
      const middle = fc.oneof({ arbitrary: paragraph, weight: 5 }, { arbitrary: alternative, weight: 2 }, { arbitrary: article, weight: 1 });
      return fc
        .tuple(fc.array(alternative, { maxLength: 3 }), fc.array(middle, { minLength: 1, maxLength: 4 }), fc.array(alternative, { maxLength: 3 }))
        .map(([start, body, end]) => [...start, ...body, ...end].join('\n'));
    });
    fc.assert(
      fc.property(crowded, fc.constantFrom<RenumberOptions['bis']>('keep', 'number'), (text, bis) => {
        const draft = analyseDraft(text);
        const result = renumber(draft, { bis });
        if ('refused' in result) return;
        for (const m of changedMeanings(draft, analyseDraft(applySpanEdits(text, result.edits)), result.warnings)) {
          assert.ok(m.before === 'dangling', `reference ${m.reference} on line ${m.line}: ${m.before} → ${m.after}`);
          assert.ok(m.told, `reference ${m.reference} on line ${m.line}: not in the warnings`);
        }
      }),
      { numRuns: 3000, seed: 20261123 },
    );
  });

  it('refuses an unnumbered draft and a missing article', () => {
    assert.deepEqual(renumber(analyseDraft('One.\n\nTwo.'), { bis: 'keep' }), { refused: 'The paragraphs of this draft are not numbered: there is nothing to renumber.' });
    assert.deepEqual(renumber(analyseDraft('Article 1\n1. A.'), { bis: 'keep', article: '9' }), { refused: 'This draft has no Article 9.' });
  });

  describe('on the samples', () => {
    const root = path.resolve(__dirname, '../../..');
    for (const sample of ['outcome-document', 'framework-convention']) {
      it(`${sample}: only digits change, meanings stay, a second renumbering changes nothing`, () => {
        const text = fs.readFileSync(path.join(root, 'samples', `${sample}.treaty`), 'utf8');
        const draft = analyseDraft(text);
        const result = renumber(draft, { bis: 'keep' });
        assert.ok(!('refused' in result));
        for (const e of result.edits) assert.match(text.slice(e.span.start, e.span.end), /^\d+( ?[a-z]+)?$/);
        const after = analyseDraft(applySpanEdits(text, result.edits));
        assert.deepEqual(referenceMeanings(after), referenceMeanings(draft));
        const danglingBefore = draft.problems.filter((p) => p.code === 'dangling-reference').length;
        assert.equal(after.problems.filter((p) => p.code === 'dangling-reference').length, danglingBefore);
        assert.deepEqual(after.problems.filter((p) => p.code === 'numbering-gap' || p.code === 'numbering-order'), []);
        const again = renumber(after, { bis: 'keep' });
        assert.ok(!('refused' in again) && again.edits.length === 0);
      });
    }
  });
});
