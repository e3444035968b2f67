import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyseDraft, type AnalysedDraft } from '../../server/src/core/analyse';
import { applySpanEdits } from '../../server/src/core/spanEdits';
import { DEFAULT_AGREED_MARKERS } from '../../server/src/core/settings';
import { codeActionOffers, resolveOffer, type Offer } from '../../server/src/features/codeActions';
import { negotiationStatus } from '../../server/src/features/status';
import { parseFixture, dedent } from '../fixture';

/** What an editor sends: the diagnostics whose range holds the cursor. */
function offersAt(draft: AnalysedDraft, offset: number): Offer[] {
  const context = draft.problems
    .filter((p) => p.span.start <= offset && offset <= p.span.end)
    .map((p) => ({ code: p.code, source: 'treaty', start: p.span.start, end: p.span.end }));
  return codeActionOffers(draft, offset, offset, context, DEFAULT_AGREED_MARKERS);
}

function apply(draft: AnalysedDraft, offer: Offer): string {
  assert.ok(offer.resolution, `${offer.title} has no edit`);
  const edits = resolveOffer(draft, offer.resolution, DEFAULT_AGREED_MARKERS);
  assert.ok(!('refused' in edits), 'refused' in edits ? edits.refused : '');
  return applySpanEdits(draft.text, edits);
}

/**
 * NOTATION §7 quick fixes as data: the draft with the cursor (`|`), every title offered there (quick fixes first,
 * `*` marking a quick fix), the one applied, and the exact text after it.
 */
const CASES: Array<{ name: string; draft: string; titles: string[]; apply: string; expected: string }> = [
  {
    name: 'keep Alt 2 of a group with its original: the text takes the label, loses Alt and its brackets',
    draft: `
      60. Before.

      61. Original text.

      [Alt 1 61. First alternative.]

      [Alt 2 61. Second alternative.]
       |

      62. After.
    `,
    titles: ['*Keep the original of paragraph 61', '*Keep Alt 1 of paragraph 61', '*Keep Alt 2 of paragraph 61', '*Accept [Alt 2 61. Second alternative.] (keep its text)', '*Delete [Alt 2 61. Second alternative.] with its text'],
    apply: 'Keep Alt 2 of paragraph 61',
    expected: `
      60. Before.

      61. Second alternative.

      62. After.
    `,
  },
  {
    name: 'keep the original: the alternatives go with their lines',
    draft: `
      61. Original text.
      |
      [Alt 1 61. First alternative
      over two lines.]
      [Alt 2 61. Second alternative.]
      62. After.
    `,
    titles: ['Keep the original of paragraph 61', 'Keep Alt 1 of paragraph 61', 'Keep Alt 2 of paragraph 61'],
    apply: 'Keep the original of paragraph 61',
    expected: `
      61. Original text.
      62. After.
    `,
  },
  {
    name: 'alternatives without an original: the kept one takes the target label',
    draft: `
      29. Before.
      [Alt 1 30. One.]
      [Alt 2 30. Two.]
             |
      31. After.
    `,
    titles: ['*Keep Alt 1 of paragraph 30', '*Keep Alt 2 of paragraph 30', '*Accept [Alt 2 30. Two.] (keep its text)', '*Delete [Alt 2 30. Two.] with its text'],
    apply: 'Keep Alt 1 of paragraph 30',
    expected: `
      29. Before.
      30. One.
      31. After.
    `,
  },
  {
    name: 'sub-paragraph alternatives: g1) and g2) resolve to g)',
    draft: `
      71. The Parties shall:
      f) act;
      g1) report yearly;
      |
      g2) report every two years;
      h) review.
    `,
    titles: ['Keep (g1) of sub-paragraph 71 (g)', 'Keep (g2) of sub-paragraph 71 (g)'],
    apply: 'Keep (g2) of sub-paragraph 71 (g)',
    expected: `
      71. The Parties shall:
      f) act;
      g) report every two years;
      h) review.
    `,
  },
  {
    name: 'keep one Option: its text stays without the label, the others go',
    draft: `
      57. Decide on the mechanism:
      Option 1: a fund;
      Option 2: a facility.
      |
    `,
    titles: ['Keep Option 1 of paragraph 57', 'Keep Option 2 of paragraph 57'],
    apply: 'Keep Option 2 of paragraph 57',
    expected: `
      57. Decide on the mechanism:
      a facility.
    `,
  },
  {
    name: 'choose one slash option',
    draft: `
      28. The [management/development] of resources.
                |
    `,
    titles: ['*Choose “management”', '*Choose “development”', '*Delete [management/development] with its text'],
    apply: 'Choose “development”',
    expected: `
      28. The development of resources.
    `,
  },
  {
    name: 'keep one of adjacent brackets',
    draft: `
      28. A [75][85] percent target.
                |
    `,
    titles: ['*Keep “75”', '*Keep “85”', '*Delete [75] with its text'],
    apply: 'Keep “85”',
    expected: `
      28. A 85 percent target.
    `,
  },
  {
    name: 'accept a nested bracket: only that level',
    draft: `
      28. We [reaffirm [strongly] the] goal.
                       |
    `,
    titles: [
      '*Accept [reaffirm [strongly] the] (keep its text)',
      '*Delete [reaffirm [strongly] the] with its text',
      'Accept [strongly] (keep its text)',
      'Delete [strongly] with its text',
      'Accept all brackets in paragraph 28 (2 brackets)',
    ],
    apply: 'Accept [strongly] (keep its text)',
    expected: `
      28. We [reaffirm strongly the] goal.
    `,
  },
  {
    name: 'delete a bracket with its text: single spaces, no space before punctuation',
    draft: `
      28. We reaffirm the [ambitious] goal [in full].
                                           |
    `,
    titles: ['*Accept [in full] (keep its text)', '*Delete [in full] with its text', 'Accept all brackets in paragraph 28 (2 brackets)'],
    apply: 'Delete [in full] with its text',
    expected: `
      28. We reaffirm the [ambitious] goal.
    `,
  },
  {
    name: 'accept all brackets in a paragraph; the paragraph becomes pending',
    draft: `
      28. We [reaffirm] the [ambitious] goal.
      |
    `,
    titles: ['Accept all brackets in paragraph 28 (2 brackets)'],
    apply: 'Accept all brackets in paragraph 28 (2 brackets)',
    expected: `
      28. We reaffirm the ambitious goal.
    `,
  },
  {
    name: 'mark a pending paragraph agreed',
    draft: `
      28. We reaffirm the goal.
      |
    `,
    titles: ['Mark paragraph 28 agreed (Agreed)'],
    apply: 'Mark paragraph 28 agreed (Agreed)',
    expected: `
      28. We reaffirm the goal. (Agreed)
    `,
  },
  {
    name: 'remove a marker that agreed-with-brackets flags',
    draft: `
      28. We [reaffirm] the goal. (Agreed)
                                  |
    `,
    titles: ['*Remove the marker (Agreed)'],
    apply: 'Remove the marker (Agreed)',
    expected: `
      28. We [reaffirm] the goal.
    `,
  },
  {
    name: 'close an unclosed bracket at the end of its block',
    draft: `
      44. Parties [shall act
                  |
      now.
      45. Next.
    `,
    titles: ['*Close the bracket at the end of paragraph 44'],
    apply: 'Close the bracket at the end of paragraph 44',
    expected: `
      44. Parties [shall act
      now.]
      45. Next.
    `,
  },
  {
    name: 'delete an unmatched ]',
    draft: `
      44. Parties shall] act.
                       |
    `,
    titles: ['*Delete the unmatched ]', 'Mark paragraph 44 agreed (Agreed)'],
    apply: 'Delete the unmatched ]',
    expected: `
      44. Parties shall act.
    `,
  },
  {
    name: 'repair encoding damage here, or everywhere',
    draft: `
      11. The sectorâ€™s communiquÃ©.
                    |
    `,
    titles: ['*Repair “â€™” as “’”', '*Repair all encoding damage in this draft (2 places)', 'Mark paragraph 11 agreed (Agreed)'],
    apply: 'Repair all encoding damage in this draft (2 places)',
    expected: `
      11. The sector’s communiqué.
    `,
  },
];

/**
 * Every offer at the cursor applied in turn, for drafts whose offers share a title: the draft with the cursor (`|`),
 * and for each offer, in the order offered, its title and the exact text after it.
 */
const EVERY_OFFER: Array<{ name: string; draft: string; crlf?: true; results: Array<[title: string, expected: string]> }> = [
  {
    // Property test counterexample (bug 8): an `Alt 1 1 c)` that opens the draft is read as a paragraph whose items
    // are the lines after it, so one member of the group held the other and keeping the inner one gave overlapping edits.
    name: 'sub-paragraph alternatives read as a paragraph and its item: each member is its own lines',
    draft: `
      Alt 1 1 c) the
      Alt 1 1 c) the
        |
      Option 1: the
    `,
    results: [
      ['Keep Alt 1 of sub-paragraph 1 (c)', 'c) the\nOption 1: the'],
      ['Keep Alt 1 of sub-paragraph 1 (c)', 'c) the\nOption 1: the'],
    ],
  },
  {
    name: 'a member read as holding the next members ends where the next member starts; what follows stays',
    draft: `
      Alt 1 1 c) first
      x) of the first
      [Alt 2 1 c) second]
        |
      d) after
    `,
    results: [
      ['Keep Alt 1 of sub-paragraph 1 (c)', 'c) first\nx) of the first\nd) after'],
      ['Keep Alt 2 of sub-paragraph 1 (c)', 'c) second\nd) after'],
      ['Accept [Alt 2 1 c) second] (keep its text)', 'Alt 1 1 c) first\nx) of the first\nAlt 2 1 c) second\nd) after'],
      ['Delete [Alt 2 1 c) second] with its text', 'Alt 1 1 c) first\nx) of the first\nd) after'],
    ],
  },
  // Accepting or deleting a bracket is offered only when the blocks around it keep their labels and kinds
  // (decisions §7). The drafts below are property test counterexamples (bugs 9, 10, 11 and 14).
  {
    name: 'a deletion keeps the label it holds when its block goes on after the bracket',
    draft: `
      [3. The Parties shall] cooperate in full.
       |
      4. Next.
    `,
    results: [
      ['Accept [3. The Parties shall] (keep its text)', '3. The Parties shall cooperate in full.\n4. Next.'],
      ['Delete [3. The Parties shall] with its text', '3. cooperate in full.\n4. Next.'],
    ],
  },
  {
    name: 'bug 9: no deletion of a label whose block goes on after the bracket, when keeping it makes a heading',
    draft: `
      [1. a
      2. b]
      [3. c.]
       |
      d
    `,
    results: [['Accept [3. c.] (keep its text)', '[1. a\n2. b]\n3. c.\nd']],
  },
  {
    name: 'bug 9: no deletion that leaves an opening bracket to join the block before',
    draft: `
      1. a
      [[2. b]
        |
      3. c.]
    `,
    results: [
      ['Accept [[2. b] 3. c.] (keep its text)', '1. a\n[2. b]\n3. c.'],
      ['Accept [2. b] (keep its text)', '1. a\n[2. b\n3. c.]'],
    ],
  },
  {
    name: 'bug 9: a deletion keeps the label and the space after it when text follows the bracket',
    draft: `
      [[1. a
      2. b]
      [3 bis) x ]] y.
       |
    `,
    results: [
      ['Accept [3 bis) x ] (keep its text)', '[[1. a\n2. b]\n3 bis) x ] y.'],
      ['Delete [3 bis) x ] with its text', '[[1. a\n2. b]\n3 bis) ] y.'],
    ],
  },
  {
    name: 'bug 10: deleting a bracket between a label and punctuation keeps the space after the label',
    draft: `
      [1. a
      2. b]
      3. [c].
          |
      4. d
    `,
    results: [
      ['Accept [c] (keep its text)', '[1. a\n2. b]\n3. c.\n4. d'],
      ['Delete [c] with its text', '[1. a\n2. b]\n3. .\n4. d'],
    ],
  },
  {
    name: 'bug 11: no accept that leaves a label at the start of a line',
    draft: `
      1. [
       [12)] the] the
        |
      the
    `,
    results: [
      ['Accept [ [12)] the] (keep its text)', '1. \n [12)] the the\nthe'],
      ['Delete [ [12)] the] with its text', '1. the\nthe'],
      ['Delete [12)] with its text', '1. [\n the] the\nthe'],
    ],
  },
  {
    name: 'bug 11: no deletion that leaves a label at the start of a line',
    draft: `
      1. [
          [the] 12) the] the
           |
      2. the
    `,
    results: [['Accept [the] (keep its text)', '1. [\n    the 12) the] the\n2. the']],
  },
  {
    name: 'bug 11: no accept of a bracket whose ] stands before a label at the start of its line (CRLF)',
    crlf: true,
    draft: `
      [[1. [the
            |
         ] 12) the]
      2. the.]
    `,
    results: [
      ['Accept [[1. [the ] 12) the] 2. the.] (keep its text)', '[1. [the\r\n   ] 12) the]\r\n2. the.'],
      ['Delete [[1. [the ] 12) the] 2. the.] with its text', ''],
    ],
  },
  {
    name: 'bug 14: no accept that turns a one-line paragraph into a heading',
    draft: `
      1. [the] [X]
          |
      Chapter II
      Option 1: [
         ] the
      2) framework. (Agreed)]
    `,
    results: [['Delete [the] with its text', '1. [X]\nChapter II\nOption 1: [\n   ] the\n2) framework. (Agreed)]']],
  },
  {
    name: 'bug 14: no deletion of the last numbered paragraphs, which would make the draft unnumbered',
    draft: `
      [[1. the
      |
      2. the.]
      IV.
      [
       the] the
      ___
    `,
    results: [['Accept [[1. the 2. the.] (keep its text)', '[1. the\n2. the.\nIV.\n[\n the] the\n___']],
  },
  {
    name: 'bug 14: no deletion of the only blank line of an unnumbered draft, which would cut it at every line',
    draft: `
      [
      ] the
      [[1. the
      |

      2) infrastructure … (Agreed) later text]
    `,
    results: [['Accept [[1. the 2) infrastructure … (Agreed)… (keep its text)', '[\n] the\n[1. the\n\n2) infrastructure … (Agreed) later text']],
  },
  {
    name: 'the same holds for choosing a slash option: no choice that turns the paragraph into a heading',
    draft: `
      1. [Goals/Aims] [for all]
          |
      2. Next.
    `,
    results: [['Delete [Goals/Aims] with its text', '1. [for all]\n2. Next.']],
  },
  {
    name: 'and for accepting all brackets of a paragraph (here each accept would make it a heading)',
    draft: `
      1. [Our] [goals]
      |
      2. Next.
    `,
    results: [],
  },
];

describe('quick fixes and code actions (NOTATION §7)', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const fixture = parseFixture(c.draft);
      const draft = analyseDraft(fixture.text);
      const offers = offersAt(draft, fixture.cursors[0].offset);
      const titles = offers.map((o) => `${o.kind === 'quickfix' ? '*' : ''}${o.title}`);
      assert.deepEqual(titles, c.titles);
      const chosen = offers.find((o) => o.title === c.apply);
      assert.ok(chosen, `no “${c.apply}” among ${JSON.stringify(titles)}`);
      assert.equal(apply(draft, chosen), dedent(c.expected));
    });
  }

  for (const c of EVERY_OFFER) {
    it(c.name, () => {
      const fixture = parseFixture(c.draft);
      const cursor = fixture.cursors[0].offset;
      const text = c.crlf ? fixture.text.replace(/\n/g, '\r\n') : fixture.text;
      const draft = analyseDraft(text);
      const offers = offersAt(draft, c.crlf ? cursor + fixture.text.slice(0, cursor).split('\n').length - 1 : cursor).filter((o) => o.resolution);
      assert.deepEqual(offers.map((o) => o.title), c.results.map(([title]) => title));
      offers.forEach((offer, i) => assert.equal(apply(draft, offer), c.results[i][1], offer.title));
    });
  }

  it('keeping an alternative removes the others whole when the last ends the draft without a line break', () => {
    // Each removal alone takes a blank line beside it, and the last the line break before it: they used to overlap.
    const text = 'Alt 1 1. the\n\nAlt 1 1. the\n\nAlt 1 1. the\na) the';
    const draft = analyseDraft(text);
    const offers = offersAt(draft, 0).filter((o) => o.title === 'Keep Alt 1 of paragraph 1');
    assert.deepEqual(offers.map((o) => apply(draft, o)), ['1. the\n', '1. the\n', '1. the\na) the']);
  });

  it('numbering diagnostics offer the renumbering command', () => {
    const text = '44. A.\n46. B.';
    const draft = analyseDraft(text);
    const offers = offersAt(draft, text.indexOf('46'));
    assert.deepEqual(offers.filter((o) => o.command).map((o) => `${o.kind} ${o.title} ${o.command}`), ['quickfix Renumber the paragraphs (references follow) treaty.renumber']);
  });

  it('a resolution whose target is gone is refused, not applied elsewhere', () => {
    const draft = analyseDraft('28. No brackets here.');
    assert.deepEqual(resolveOffer(draft, { do: 'accept', open: 5 }, DEFAULT_AGREED_MARKERS), { refused: 'What this action resolves is no longer there; ask for the actions again.' });
  });

  describe('on every offer in the samples (and their CRLF versions)', () => {
    const root = path.resolve(__dirname, '../../..');
    for (const sample of ['outcome-document', 'framework-convention', 'chair-statement']) {
      for (const eol of ['\n', '\r\n']) {
        it(`${sample} (${eol === '\n' ? 'LF' : 'CRLF'}): no new bracket errors, line endings kept, edits confined`, () => {
          const text = fs.readFileSync(path.join(root, 'samples', `${sample}.treaty`), 'utf8').replace(/\n/g, eol);
          const draft = analyseDraft(text);
          const errors = (d: AnalysedDraft) => d.problems.filter((p) => p.code === 'unclosed-bracket' || p.code === 'unmatched-bracket').length;
          const before = errors(draft);
          const places = new Set<number>([...draft.problems.map((p) => p.span.start), ...draft.brackets.spans().map((b) => b.open + 1), ...draft.paragraphs.map((p) => p.span.start)]);
          let applied = 0;
          for (const offset of places) {
            for (const offer of offersAt(draft, offset)) {
              if (!offer.resolution) continue;
              const edits = resolveOffer(draft, offer.resolution, DEFAULT_AGREED_MARKERS);
              assert.ok(!('refused' in edits), `${offer.title}: ${'refused' in edits ? edits.refused : ''}`);
              const after = applySpanEdits(text, edits);
              const reanalysed = analyseDraft(after);
              assert.ok(errors(reanalysed) <= before, `${offer.title} at ${offset} added a bracket error`);
              if (eol === '\r\n') assert.ok(!/[^\r]\n/.test(after), `${offer.title} left a bare LF`);
              assert.equal(after.endsWith(eol), text.endsWith(eol), `${offer.title} changed the end of the text`);
              for (const e of edits) assert.ok(e.span.end - e.span.start < text.length / 2, `${offer.title} edits half the draft`);
              applied++;
            }
          }
          assert.ok(applied > 20, `only ${applied} offers applied`);
        });
      }
    }
  });

  it('after accepting the last bracket a paragraph is pending, and once marked, agreed', () => {
    let text = '28. We [reaffirm] the goal.';
    let draft = analyseDraft(text);
    text = apply(draft, offersAt(draft, text.indexOf('[') + 1).find((o) => o.title.startsWith('Accept [reaffirm]'))!);
    draft = analyseDraft(text);
    assert.deepEqual(negotiationStatus(draft).paragraphs, { agreed: 0, open: 0, pending: 1 });
    text = apply(draft, offersAt(draft, 0).find((o) => o.title.startsWith('Mark'))!);
    assert.deepEqual(negotiationStatus(analyseDraft(text)).paragraphs, { agreed: 1, open: 0, pending: 0 });
  });
});
