import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyseDraft } from '../../server/src/core/analyse';
import { formatNumber } from '../../server/src/core/numberForms';
import { findReferenceWords, REFERENCE_WORD } from '../../server/src/core/references';
import type { Reference } from '../../server/src/core/model';
import { parseFixture, showSpan } from '../fixture';

/** A reference as a drafter would describe it: `paragraph 71(b) → paragraph 71`, `paragraph 49 of «Geneva Declaration»`. */
function describeRef(ref: Reference): string {
  const sub = ref.sub ? `(${ref.sub})` : '';
  const what = `${ref.kind} ${formatNumber(ref.number)}${sub}`;
  if (ref.external !== undefined) return `${what} of «${ref.external}»`;
  const target = ref.target ? ('name' in ref.target ? ref.target.name : '?') : 'nothing';
  return `${what} → ${target}`;
}

/**
 * NOTATION §5, form by form. Each caret range marks the digits a rename would change, tagged with what the
 * reference must resolve to. Anything not marked must not be a reference.
 */
const CASES: Array<{ name: string; draft: string }> = [
  {
    name: 'para, para., paragraph, paras and, paragraphs to, a dash range, a list',
    draft: `
      43. Target.
      44. Target.
      45. Target.
      46. Target.
      47. See para 43, para. 44, paragraph 45, paras 43 and 45, paragraphs 43 to 47,
                   ^^ paragraph 43 → paragraph 43
                             ^^ paragraph 44 → paragraph 44
                                           ^^ paragraph 45 → paragraph 45
                                                     ^^ paragraph 43 → paragraph 43
                                                            ^^ paragraph 45 → paragraph 45
                                                                           ^^ paragraph 43 → paragraph 43
                                                                                 ^^ paragraph 47 → paragraph 47
      paragraphs 43-46 and paragraphs 43, 44 and 46, Paragraph 44.
                 ^^ paragraph 43 → paragraph 43
                    ^^ paragraph 46 → paragraph 46
                                      ^^ paragraph 43 → paragraph 43
                                          ^^ paragraph 44 → paragraph 44
                                                 ^^ paragraph 46 → paragraph 46
                                                               ^^ paragraph 44 → paragraph 44
    `,
  },
  {
    name: 'sub-paragraphs and suffixes',
    draft: `
      61. Target.
      61 bis. Target.
      71. The Parties shall:
      a) act;
      b) report.
      72. See paragraph 71 (b), sub-paragraph 71 b), paragraph 61 bis and paragraph 71(a).
                        ^^ paragraph 71(b) → paragraph 71
                                              ^^ paragraph 71(b) → paragraph 71
                                                               ^^^^^^ paragraph 61 bis → paragraph 61 bis
                                                                                    ^^ paragraph 71(a) → paragraph 71
    `,
  },
  {
    name: 'a reference word is found back from its number: the longest word, a number on the next line, words inside others',
    draft: `
      43. Target.
      44. The Parties shall:
      a) act;
      b) report.
      45. See sub-paragraphs 44 a) and b), paras.
                             ^^ paragraph 44(a) → paragraph 44
      43 and PARAGRAPH 45, but not counterpart 43, apart 44 or paragraph-43; paragraph43 is.
      ^^ paragraph 43 → paragraph 43
                       ^^ paragraph 45 → paragraph 45
                                                                                      ^^ paragraph 43 → paragraph 43
    `,
  },
  {
    name: 'external references are recognised, named and never resolved',
    draft: `
      49. Target.
      3. Recalling paragraph 49 of the Geneva Declaration of Principles, and paragraph 3 of resolution 57/239,
                             ^^ paragraph 49 of «Geneva Declaration of Principles»
                                                                                       ^ paragraph 3 of «resolution 57/239»
      and Art. 85 of the 2005 World Summit Outcome and paragraphs 12 to 14 of the Tunis Agenda.
               ^^ article 85 of «2005 World Summit Outcome»
                                                                  ^^ paragraph 12 of «Tunis Agenda»
                                                                        ^^ paragraph 14 of «Tunis Agenda»
    `,
  },
  {
    // Found by property 4: the next paragraph's number was read as the name of a document.
    name: '`of` ending a line before a paragraph label is not followed by a document name',
    draft: `
      3. See paragraph 5 of
                       ^ paragraph 5 → paragraph 5
      5. the paragraph.
    `,
  },
  {
    name: 'not references: years, resolution numbers, Art. alone, decimals, ordinals',
    draft: `
      1. In 2012, resolution 57/239, Art. 85, paragraph 1.5 of nothing, paragraph 5th, 55/63 and Article 5.
      2. Next.
    `,
  },
  {
    name: 'this document and the present resolution are this draft',
    draft: `
      4. Target.
      5. As set out in paragraph 4 of this Declaration and paragraph 4 of the present resolution.
                                 ^ paragraph 4 → paragraph 4
                                                                     ^ paragraph 4 → paragraph 4
    `,
  },
  {
    name: 'article style: Article N, Article N paragraph M, paragraph M of Article N, of this Article, above, a bare paragraph',
    draft: `
      Article 1 – Use of terms
      1. Text one.
      2. Text two, as in paragraph 1 above and paragraph 1 of this Article.
                                   ^ paragraph 1 → Article 1, paragraph 1
                                                         ^ paragraph 1 → Article 1, paragraph 1
      Article 2 – Objective
      1. Pursuant to Article 1, paragraph 2 and paragraph 2 of Article 1, and paragraph 2, see Article 5.
                             ^ article 1 → Article 1
                                          ^ paragraph 2 → Article 1, paragraph 2
                                                          ^ paragraph 2 → Article 1, paragraph 2
                                                                       ^ article 1 → Article 1
                                                                                        ^ paragraph 2 → Article 2, paragraph 2
                                                                                                       ^ article 5 → nothing
      2. As in Article 2 of the United Nations Convention on the Law of the Sea.
                       ^ article 2 of «United Nations Convention on the Law of the Sea»
    `,
  },
  {
    name: 'a reference may wrap onto the next line',
    draft: `
      43. Target.
      44. As agreed in paragraph
      43, we act.
      ^^ paragraph 43 → paragraph 43
    `,
  },
  {
    name: 'alternatives fill the slot a reference names',
    draft: `
      29. Target.
      [Alt 1 30. One.]
      [Alt 2 30. Two.]
      31. See paragraph 30.
                        ^^ paragraph 30 → paragraph 30
    `,
  },
  {
    name: 'in an unnumbered draft a reference names the paragraph by position',
    draft: `
      First paragraph.

      Second paragraph, recalling paragraph 1 and paragraph 7.
                                            ^ paragraph 1 → ¶1
                                                            ^ paragraph 7 → nothing
    `,
  },
];

describe('cross-references (NOTATION §5)', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const fixture = parseFixture(c.draft);
      const draft = analyseDraft(fixture.text);
      const actual = draft.references.map((r) => `${showSpan(fixture.text, r.span.start, r.span.end)} ${describeRef(r)}`).sort();
      const expected = fixture.ranges.map((r) => `${showSpan(fixture.text, r.start, r.end)} ${r.tag}`).sort();
      assert.deepEqual(actual, expected);
    });
  }

  it('a dangling reference is reported once per missing number, and external ones never are', () => {
    const { text } = parseFixture(`
      43. See paragraph 99 and paragraph 98 of the Tunis Agenda.
    `);
    assert.deepEqual(analyseDraft(text).problems.map((p) => `${p.code}: ${p.message}`), ['dangling-reference: Paragraph 99 does not exist in this draft.']);
  });
});

describe('external document names', () => {
  it('a name ends at a bracket or parenthesis, so an internal reference after it is not part of it', () => {
    const text = '5. A.\n6. See paragraph 1 of resolution 57/239[paragraph 5] and paragraph 2 of the Tunis Agenda (2005).';
    const names = analyseDraft(text).references.filter((r) => r.external !== undefined).map((r) => r.external);
    assert.deepEqual(names, ['resolution 57/239', 'Tunis Agenda']);
  });

  // Found by property 4: renumbering paragraph 2 changed the name `Geneva Declaration of Principles’paragraph 2`.
  it('a name ends where another reference begins, even one glued to its last word', () => {
    const text = '2. A.\n3. See paragraph 1 of the Geneva Declaration of Principles’paragraph 2 of this text.';
    const described = analyseDraft(text).references.map((r) => (r.external !== undefined ? `${r.number.value} of «${r.external}»` : `${r.number.value}`));
    assert.deepEqual(described, ['1 of «Geneva Declaration of Principles’»', '2']);
  });

  // Found by property 4: renaming 1 bis to 100 changed the "document" `paras 1` into `paras 100 and 1`.
  it('a reference followed by `of` and another reference names no document: both are internal', () => {
    const text = '1. A.\n1 bis. B.\n2. See sub-paragraph 1 a) of paras 1 bis and 2.';
    const described = analyseDraft(text).references.map((r) => `${r.number.value}${r.number.suffix ? ` ${r.number.suffix}` : ''}${r.external !== undefined ? ` of «${r.external}»` : ''}`);
    assert.deepEqual(described, ['1', '1 bis', '2']);
  });
});

describe('reference words', () => {
  /** The specification: the expression matched from the start of the text onward, each match taken whole. */
  function scanned(text: string, from: number, to: number): string[] {
    const plain = new RegExp(REFERENCE_WORD.source, 'giu');
    const found: string[] = [];
    for (let m = plain.exec(text); m; m = plain.exec(text)) if (m.index >= from && m.index < to) found.push(`${m.index}:${JSON.stringify(m[0])}`);
    return found;
  }
  const pieces = ['par', 'Para', 'PARAS.', 'paragraph', 'paragraphs', 'para.', 'sub-paragraph', 'Subparagraphs', 'ſubparagraph', 'art', 'Art.', 'arts.',
    'article', 'ARTICLES', 'sub', 'counterpart', 'x', '-', '_', 'é', '1', '23', '4567', ' ', '\t', '\u00a0', '\n', '\r\n', '\n  ', '.', '(b)', '['];

  it('are found back from their numbers exactly as a scan from the start finds them, in the whole text or in any lines', () => {
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 24 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (t, a, b) => {
        const starts = [0, ...[...t.matchAll(/\n/g)].map((m) => m.index! + 1), t.length];
        const [from, to] = [starts[a % starts.length], starts[b % starts.length]].sort((x, y) => x - y);
        const found = (f: number, e: number) => findReferenceWords(t, f, e).map((w) => `${w.index}:${JSON.stringify(w.text)}`);
        assert.deepEqual(found(0, t.length), scanned(t, 0, t.length));
        assert.deepEqual(found(from, to), scanned(t, from, to));
      }),
      { numRuns: 3000, seed: 20261124 },
    );
  });
});
