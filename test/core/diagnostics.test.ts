import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { analyseDraft } from '../../server/src/core/analyse';
import { problemMessage } from '../../server/src/core/quotations';
import { normaliseSettings } from '../../server/src/core/settings';
import { draftDiagnostics } from '../../server/src/features/diagnostics';
import { parseFixture, showSpan } from '../fixture';

/**
 * Every diagnostic code of NOTATION §6, as data. Each case lists ALL the diagnostics its snippet must produce
 * (code and exact range); a case with no marker must produce none. Cases named "not:" guard against false reports.
 */
const CASES: Array<{ name: string; draft: string; markers?: string[] }> = [
  {
    name: 'unclosed-bracket on the [ itself; the recovery closes it at the end of its block',
    draft: `
      44. Parties [shall act.
                  ^ unclosed-bracket
      45. Next paragraph is unaffected.
    `,
  },
  {
    name: 'unmatched-bracket on the ]',
    draft: `
      44. Parties shall] act.
                       ^ unmatched-bracket
    `,
  },
  {
    name: 'unresolved-bracket: one per outermost span; nested brackets are not reported again',
    draft: `
      39. We [reaffirm [the] commitment] and [recall] it.
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^ unresolved-bracket
                                             ^^^^^^^^ unresolved-bracket
    `,
  },
  {
    name: 'unresolved-bracket: adjacent brackets count as one run',
    draft: `
      39. A [75][85] percent target, Parties [shall][agree to] act, [below 2 °C][below 1.5 °C][well below 2 °C].
            ^^^^^^^^ unresolved-bracket
                                             ^^^^^^^^^^^^^^^^^ unresolved-bracket
                                                                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ unresolved-bracket
    `,
  },
  {
    name: 'not: brackets separated by a space are independent',
    draft: `
      39. A [75] [85] percent.
            ^^^^ unresolved-bracket
                 ^^^^ unresolved-bracket
    `,
  },
  {
    name: 'placeholder, not also unresolved',
    draft: `
      39. By [X] per cent, in [x], [XX] and [...] and […] years.
             ^^^ placeholder
                              ^^^ placeholder
                                   ^^^^ placeholder
                                            ^^^^^ placeholder
                                                      ^^^ placeholder
    `,
  },
  {
    name: 'empty-bracket, for [] and a bracket of spaces',
    draft: `
      39. Text [] and [   ] here.
               ^^ empty-bracket
                      ^^^^^ empty-bracket
    `,
  },
  {
    name: 'a bracket around a whole paragraph and its sub-paragraphs is one bracket (cross-block matching)',
    draft: `
      [61. The Parties shall:
      ^ unresolved-bracket >
      a) act;
      b) report.]
                ^ < unresolved-bracket
      62. Next.
    `,
  },
  {
    name: 'cross-block matching needs every block between to be balanced',
    draft: `
      [61. The Parties shall:
      ^ unclosed-bracket
      a) act [now;
             ^ unclosed-bracket
      b) report.]
                ^ unmatched-bracket
    `,
  },
  {
    name: 'agreed-with-brackets on the marker; a bracket-free agreed paragraph is fine',
    draft: `
      39. We [reaffirm] the commitment. (Agreed)
             ^^^^^^^^^^ unresolved-bracket
                                        ^^^^^^^^ agreed-with-brackets
      40. We recall the commitment. (agreed ad ref)
      41. We note it. (AGREED AD REFERENDUM)
    `,
  },
  {
    name: 'agreed-with-brackets: an option group or an alternative also keeps a paragraph open',
    draft: `
      57. Decide on the mechanism:
      Option 1: a fund;
      Option 2: a facility. (Agreed)
                            ^^^^^^^^ agreed-with-brackets
      58. Original text. (Agreed)
                         ^^^^^^^^ agreed-with-brackets
      Alt 1 58. Other text.
    `,
  },
  {
    name: 'misplaced-marker when text follows the marker',
    draft: `
      19. We agree. (Agreed) The Parties also note it.
                    ^^^^^^^^ misplaced-marker
    `,
  },
  {
    name: 'agreed markers come from the settings',
    markers: ['(Adopté)'],
    draft: `
      19. Nous [décidons]. (Adopté)
               ^^^^^^^^^^ unresolved-bracket
                           ^^^^^^^^ agreed-with-brackets
      20. Nous notons. (Agreed)
    `,
  },
  {
    name: 'duplicate-number, on the second use',
    draft: `
      44. First.
      45. Second.
      45. Again.
      ^^ duplicate-number
      46. Then.
    `,
  },
  {
    // The numbers seen are gathered only once one is not higher than all before it: the first 5 came before that.
    name: 'duplicate-number, repeating a number read while the numbers still rose',
    draft: `
      5. Five.
      ^ numbering-order
      1. One.
      2. Two.
      5. Five again.
      ^ duplicate-number
    `,
  },
  {
    name: 'numbering-gap and numbering-order',
    draft: `
      44. First.
      46. Skips 45.
      ^^ numbering-gap
      45. Goes back.
      ^^ numbering-order
    `,
  },
  {
    name: 'numbering-order: the one number out of place, not every number after a number too high',
    draft: `
      44. First.
      4500. A digit typed too many.
      ^^^^ numbering-order
      46. Then.
      ^^ numbering-gap
      47. And on.
      48. To the end.
    `,
  },
  {
    name: 'numbering-order: where two runs are as long, the earlier numbers stand',
    draft: `
      1. One.
      3. Three.
      ^ numbering-gap
      2. Two.
      ^ numbering-order
      4. Four.
    `,
  },
  {
    // Near the end of a draft a number typed too high makes a run as long as the right one: 44, 450 against 44, 46.
    name: 'numbering-order: of two runs as long, the one that leaves fewer numbers missing stands',
    draft: `
      44. First.
      450. A digit typed too many, near the end.
      ^^^ numbering-order
      46. The last.
      ^^ numbering-gap
    `,
  },
  {
    name: 'not: bis and ter follow their number; headings are a separate sequence',
    draft: `
      44. First.
      44 bis. Inserted.
      44ter. Inserted again.
      2.
      Implementation
      45. Next paragraph.
      3a) Infrastructure and management of critical Internet resources
      46. And on.
    `,
  },
  {
    name: 'numbering-gap for a skipped suffix',
    draft: `
      61. First.
      61 ter. Inserted without a bis.
      ^^^^^^ numbering-gap
      62. Next.
    `,
  },
  {
    name: 'sublabel-gap for letters and roman numerals',
    draft: `
      27. The Parties shall:
      a) act;
      b) report;
      d) review;
      ^^ sublabel-gap
      e) decide:
      (i) first;
      (ii) second;
      (iv) fourth.
      ^^^^ sublabel-gap
    `,
  },
  {
    name: 'not: i after h is a letter; v after iv is a numeral; variants g1 g2 count as g',
    draft: `
      27. The Parties shall:
      a) a; b) no
      b) b;
      c) c;
      d) d;
      e) e;
      f) f;
      g1) g first;
      g2) g second;
      h) h;
      i) i;
      j) j, with:
      (i) one;
      (ii) two;
      (iii) three;
      (iv) four;
      (v) five.
    `,
  },
  {
    name: 'dangling-reference for each missing number, each end of a range',
    draft: `
      43. See paragraph 45 and paras 43 and 99, paragraphs 44 to 98.
                                                           ^^ dangling-reference
                                                                 ^^ dangling-reference
                        ^^ dangling-reference
                                            ^^ dangling-reference
    `,
  },
  {
    name: 'dangling-reference for a missing sub-paragraph',
    draft: `
      71. The Parties shall:
      a) act;
      b) report.
      72. Recalling paragraph 71 (b) and sub-paragraph 71 c), and paragraph 71 (a).
                                                       ^^ dangling-reference
    `,
  },
  {
    name: 'not: external references and prose numbers are never dangling',
    draft: `
      1. Recalling paragraph 49 of the Geneva Declaration of Principles and paragraph 3 of resolution 57/239,
      Art. 85 of the 2005 World Summit Outcome, the year 2012, 55/63, and paragraphs 12 to 14 of the Tunis Agenda.
      2. Next.
    `,
  },
  {
    name: 'orphan-alternative where no paragraph and no slot exists',
    draft: `
      55. First.
      [Alt 1 98. Text for a paragraph that does not exist.]
      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ unresolved-bracket
             ^^ orphan-alternative
      56. Next.
    `,
  },
  {
    name: 'not: alternatives standing where their original is absent fill the slot',
    draft: `
      29. First.
      [Alt 1 30. One text.]
      ^^^^^^^^^^^^^^^^^^^^^ unresolved-bracket
      [Alt 2 30. Another text.]
      ^^^^^^^^^^^^^^^^^^^^^^^^^ unresolved-bracket
      31. Next.
    `,
  },
  // Property test counterexamples (bug 15): groups in a row at a scope's start or end, each the next number.
  {
    name: 'not: alternatives in a row at a scope\'s start each stand in their place, and references name them',
    draft: `
      Alt 1 1. A.
      Alt 1 2. B.
      3. C, see paragraph 1.
    `,
  },
  {
    name: 'not: alternatives in a row at a scope\'s end each stand in their place',
    draft: `
      1. A.
      2. B.
      Alt 1 3. C.
      Alt 1 4. D.
    `,
  },
  {
    name: 'orphan-alternative: at a scope\'s end, a group that is not the next number after the one before it',
    draft: `
      1. A.
      2. B.
      Alt 1 4. C.
            ^ orphan-alternative
      Alt 1 3. D.
    `,
  },
  {
    name: 'orphan-alternative: at a scope\'s start, a group that is not the number before the one after it',
    draft: `
      Alt 1 1. A.
      Alt 1 9. B.
            ^ orphan-alternative
      2. C.
    `,
  },
  {
    name: 'alternative-numbering: a repeat and a skip',
    draft: `
      40. Original.
      Alt 1 40. One.
      Alt 1 40. Again one.
          ^ alternative-numbering
      Alt 3 40. Three.
          ^ alternative-numbering
    `,
  },
  {
    name: 'encoding-damage: mojibake and a lone â before a contraction',
    draft: `
      11. The sectorâ€™s communiquÃ© and the sectorâs “quotes”.
                    ^^^ encoding-damage
                                  ^^ encoding-damage
                                                   ^ encoding-damage
    `,
  },
  {
    name: 'not: French text with â and é is not damage',
    draft: `
      11. L’âge de la pâte, été, château, déjà.
    `,
  },
  {
    name: 'duplicate-sentence of eight words or more, in a later paragraph',
    draft: `
      4. Closing the digital divide remains a shared priority for all. We agree.
      5. We note. Closing the digital divide remains a shared priority for all.
                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ duplicate-sentence
      6. Short sentence repeated. Short sentence repeated.
    `,
  },
  {
    name: 'duplicate-sentence whatever its case, brackets and punctuation',
    draft: `
      4. Closing the digital divide remains a shared priority for all.
      5. Closing the [Digital] divide remains, a shared priority for ALL.
         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ duplicate-sentence
                     ^^^^^^^^^ unresolved-bracket
    `,
  },
  {
    name: 'not: the same first and last words with other words between them',
    draft: `
      4. Closing the digital divide remains a shared and urgent priority for all.
      5. Closing the digital divide remains a shared but distant priority for all.
    `,
  },
  {
    name: 'duplicate-sentence among sentences alike only at both ends',
    draft: `
      4. Closing the digital divide remains a shared and urgent priority for all.
      5. Closing the digital divide remains a shared but distant priority for all.
      6. Closing the digital divide remains a shared and urgent priority for all.
         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ duplicate-sentence
    `,
  },
  {
    name: 'duplicate-sentence after paragraphs with no closer, and with none of its own',
    draft: `
      4. No closer in this paragraph, just words and more words:
      5. None in this one either:
      6. Closing the digital divide remains a shared priority for all. We agree:
      7. Closing the digital divide remains a shared priority for all:
         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ duplicate-sentence
    `,
  },
  {
    name: 'not: seven long words repeated (more characters than the key reads, fewer words than a duplicate needs)',
    draft: `
      4. Extraordinarily comprehensive transformational implementation mechanisms require deliberation.
      5. Extraordinarily comprehensive transformational implementation mechanisms require deliberation.
    `,
  },
  {
    name: 'duplicate-sentence of eight long words, read whole only when compared',
    draft: `
      4. Extraordinarily comprehensive transformational implementation mechanisms require considerable deliberation.
      5. Extraordinarily comprehensive transformational implementation mechanisms require considerable deliberation.
         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ duplicate-sentence
    `,
  },
  {
    name: 'not: alternatives to one paragraph may share sentences',
    draft: `
      58. Closing the digital divide remains a shared priority for all.
      Alt 1 58. Closing the digital divide remains a shared priority for all. And more.
    `,
  },
];

describe('diagnostics (NOTATION §6)', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const fixture = parseFixture(c.draft);
      const settings = normaliseSettings(c.markers ? { agreedMarkers: c.markers } : {});
      const draft = analyseDraft(fixture.text, { agreedMarkers: settings.agreedMarkers });
      const actual = draft.problems.map((p) => `${p.code} ${showSpan(fixture.text, p.span.start, p.span.end)}`).sort();
      const expected = fixture.ranges.map((r) => `${r.tag} ${showSpan(fixture.text, r.start, r.end)}`).sort();
      assert.deepEqual(actual, expected);
    });
  }

  it('duplicate-sentence names the first paragraph with the same words, among sentences alike only at both ends', () => {
    const { text } = parseFixture(`
      4. Closing the digital divide remains a shared and urgent priority for all.
      5. Closing the digital divide remains a shared but distant priority for all.
      6. Closing the digital divide remains a shared but distant priority for all.
      7. Closing the digital divide remains a shared and urgent priority for all.
      8. Closing the digital divide remains a shared and urgent priority for all.
    `);
    const draft = analyseDraft(text);
    const named = draft.problems.filter((p) => p.code === 'duplicate-sentence').map((p) => `${draft.lines.positionAt(p.span.start).line + 4} ${problemMessage(text, p)}`);
    assert.deepEqual(named, ['6 This sentence repeats one of paragraph 5 word for word.', '7 This sentence repeats one of paragraph 4 word for word.', '8 This sentence repeats one of paragraph 4 word for word.']);
  });

  it('every diagnostic has source treaty, its code and the default severity of the table', () => {
    const { text } = parseFixture(`
      44. Parties [shall act and [X].
      45. Stray ] here.
    `);
    const diagnostics = draftDiagnostics(analyseDraft(text), normaliseSettings({}));
    const summary = diagnostics.map((d) => `${d.source} ${d.code} ${d.severity}`).sort();
    assert.deepEqual(summary, ['treaty placeholder 3', 'treaty unclosed-bracket 1', 'treaty unmatched-bracket 1']);
  });

  it('severities follow treaty.diagnostics.<code>, and off drops the code', () => {
    const { text } = parseFixture(`
      44. Parties [shall act and [X].
      45. Stray ] here.
    `);
    const settings = normaliseSettings({ diagnostics: { 'unclosed-bracket': 'off', placeholder: 'hint', 'unmatched-bracket': 'warning', bogus: 'error' } });
    const summary = draftDiagnostics(analyseDraft(text), settings).map((d) => `${d.code} ${d.severity}`).sort();
    assert.deepEqual(summary, ['placeholder 4', 'unmatched-bracket 2']);
  });

  it('an unknown severity value falls back to the default', () => {
    const settings = normaliseSettings({ diagnostics: { placeholder: 'loud' }, agreedMarkers: 'not a list' });
    assert.equal(settings.diagnostics.placeholder, 'information');
    assert.deepEqual(settings.agreedMarkers, ['(Agreed)', '(agreed ad ref)', '(agreed ad referendum)']);
  });

  it('the unclosed-bracket message says where it was closed for recovery', () => {
    const { text } = parseFixture(`
      44. Parties [shall act
      and continue.
      45. Next.
    `);
    const problem = analyseDraft(text).problems.find((p) => p.code === 'unclosed-bracket');
    assert.match(problem ? problemMessage(text, problem) : '', /closed at the end of paragraph 44 \(line 2\)/);
  });

  it('a numbering-order message names the number it should follow, or the lower one it stands before', () => {
    const { text } = parseFixture(`
      44. First.
      4500. Too high.
      46. Then.
      47. And on.
      45. Too low.
    `);
    const messages = analyseDraft(text).problems.filter((p) => p.code === 'numbering-order').map((p) => problemMessage(text, p));
    assert.deepEqual(messages, ['Paragraph 4500 comes before paragraph 46.', 'Paragraph 45 comes after paragraph 47.']);
    // `3 bis` and `3a` rank alike and are ordered by spelling, `3a` first (when they compared equal, this hung once).
    const alike = '3 bis. One.\n3a. Two.\n2. Three.';
    assert.deepEqual(
      analyseDraft(alike).problems.map((p) => problemMessage(alike, p)),
      ['Paragraph 3a comes after paragraph 3 bis.', 'Paragraph 2 comes after paragraph 3 bis.'],
    );
  });

  // Over any order of numbers (repeats included): the numbers neither repeated nor out of order rise, and as few are
  // out of order as can be, the count of numbers left once the longest rising run is kept (found here the slow way).
  it('numbering-order flags as few numbers as leave the rest in order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 40 }), (numbers) => {
        const text = numbers.map((n) => `${n}. Text.`).join('\n');
        const problems = analyseDraft(text).problems;
        const flagged = new Set(problems.filter((p) => p.code === 'numbering-order' || p.code === 'duplicate-number').map((p) => p.span.start));
        const lineStarts = numbers.map((_, i) => numbers.slice(0, i).reduce((at, n) => at + `${n}. Text.\n`.length, 0));
        const standing = numbers.filter((_, i) => !flagged.has(lineStarts[i]));
        standing.forEach((n, i) => assert.ok(i === 0 || n > standing[i - 1], `${standing.join(', ')} do not rise`));
        const firsts = numbers.filter((n, i) => numbers.indexOf(n) === i);
        const longest = firsts.map(() => 1);
        firsts.forEach((n, i) => firsts.slice(0, i).forEach((m, j) => { if (m < n) longest[i] = Math.max(longest[i], longest[j] + 1); }));
        assert.equal(problems.filter((p) => p.code === 'numbering-order').length, firsts.length - Math.max(0, ...longest));
      }),
      { numRuns: 300, seed: 20261123 },
    );
  });

  it('the unresolved-bracket message shows the start and how many options', () => {
    const { text } = parseFixture(`
      39. Parties [shall/should/may] act on [75][85] percent.
    `);
    const messages = analyseDraft(text).problems.map((p) => problemMessage(text, p));
    assert.deepEqual(messages, ['Unresolved bracket [shall/should/may] (3 options).', 'Unresolved bracket [75][85] (2 alternatives).']);
  });

  it('problems come in position order, however many of each code there are', () => {
    // A few problems of other codes, or many (each paragraph after the first out of order), among many bracket problems.
    for (const paragraphs of [3, 400]) {
      const text = Array.from({ length: paragraphs }, (_, i) => `${paragraphs - i}. The Parties [shall/should] act [now].\n`).join('');
      const problems = analyseDraft(text).problems;
      assert.equal(problems.filter((p) => p.code === 'numbering-order').length, paragraphs - 1);
      const out = problems.findIndex((p, i) => i > 0 && (p.span.start < problems[i - 1].span.start || (p.span.start === problems[i - 1].span.start && p.span.end < problems[i - 1].span.end)));
      assert.equal(out, -1, `problem ${out} stands before the one listed ahead of it`);
    }
  });
});
