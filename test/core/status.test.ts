import * as assert from 'node:assert/strict';
import { analyseDraft } from '../../server/src/core/analyse';
import { negotiationStatus, statusBySection } from '../../server/src/features/status';
import { dedent } from '../fixture';

/** NOTATION §4 status, paragraph by paragraph, and the counts of `treaty/status`. */
const CASES: Array<{ name: string; draft: string; statuses: string[]; counts?: Partial<ReturnType<typeof negotiationStatus>> }> = [
  {
    name: 'agreed, open and pending',
    draft: `
      1. We agree. (Agreed)
      2. We [may] agree.
      3. We will see.
      4. We agree ad ref. (agreed ad ref)
    `,
    statuses: ['paragraph 1 agreed', 'paragraph 2 open', 'paragraph 3 pending', 'paragraph 4 agreed'],
    counts: { paragraphs: { agreed: 2, open: 1, pending: 1 }, bracketPairs: 1, unresolvedBrackets: 1 },
  },
  {
    name: 'an agreed marker on a paragraph that still holds a bracket leaves it open',
    draft: `
      1. We [may] agree. (Agreed)
    `,
    statuses: ['paragraph 1 open'],
  },
  {
    name: 'options and alternatives keep a paragraph open; alternatives count through their original',
    draft: `
      57. Decide:
      Option 1: a fund;
      Option 2: a facility.
      58. Original.
      Alt 1 58. Other.
      [Alt 1 59. One.]
      [Alt 2 59. Two.]
    `,
    statuses: ['paragraph 57 open', 'paragraph 58 open', 'Alt 1 to paragraph 58 open', 'Alt 1 to paragraph 59 open', 'Alt 2 to paragraph 59 open'],
    counts: { paragraphs: { agreed: 0, open: 3, pending: 0 }, alternativeGroups: 2, optionGroups: 1, bracketPairs: 2, unresolvedBrackets: 2 },
  },
  {
    name: 'a marker at the end of the last sub-paragraph marks the paragraph; nested pairs all count',
    draft: `
      27. The Parties shall:
      a) act;
      b) report. (Agreed)
      28. The Parties [shall [urgently]] act.
    `,
    statuses: ['paragraph 27 agreed', 'paragraph 28 open'],
    counts: { paragraphs: { agreed: 1, open: 1, pending: 0 }, bracketPairs: 2, unresolvedBrackets: 1 },
  },
  {
    name: 'accepting the last bracket makes a paragraph pending, not open',
    draft: `
      1. We agree.
    `,
    statuses: ['paragraph 1 pending'],
    counts: { paragraphs: { agreed: 0, open: 0, pending: 1 }, bracketPairs: 0, unresolvedBrackets: 0 },
  },
  {
    name: 'an unnumbered draft counts its ¶s',
    draft: `
      First paragraph. (Agreed)

      Second [paragraph].

      Third paragraph.
    `,
    statuses: ['¶1 agreed', '¶2 open', '¶3 pending'],
  },
  {
    name: 'articles: numbered paragraphs, and an article whose body is its only paragraph',
    draft: `
      Article 1 – Objective
      The objective of this Convention is [to protect] the ocean.
      Article 2 – Scope
      1. This Convention applies to areas within national jurisdiction. (Agreed)
      2. It applies [also] beyond.
    `,
    statuses: ['Article 1 open', 'Article 2, paragraph 1 agreed', 'Article 2, paragraph 2 open'],
  },
];

describe('paragraph status and treaty/status (NOTATION §4)', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const draft = analyseDraft(dedent(c.draft));
      assert.deepEqual(draft.paragraphs.map((p) => `${p.name} ${p.status}`), c.statuses);
      if (c.counts) {
        const status = negotiationStatus(draft);
        for (const [key, value] of Object.entries(c.counts)) assert.deepEqual(status[key as keyof typeof status], value, key);
      }
    });
  }
});

describe('status by section and article (the status view)', () => {
  it('each paragraph counts in its innermost section or article, in text order', () => {
    const draft = analyseDraft(dedent(`
      1. We [agree]. 
      1.
      Introduction
      2. We agree. (Agreed)
      3a) Infrastructure
      3. We [may/shall] agree.
      Alt 1 3. Other.
    `));
    assert.deepEqual(
      statusBySection(draft).map((r) => `${'  '.repeat(r.depth)}${r.name}: ${r.paragraphs.agreed}/${r.paragraphs.open}/${r.paragraphs.pending} b${r.brackets} o${r.options} a${r.alternatives}`),
      ['Before the first heading: 0/1/0 b1 o0 a0', '1. Introduction: 1/0/0 b0 o0 a0', '3a. Infrastructure: 0/1/0 b1 o1 a1'],
    );
  });

  it('the rows add up to the draft’s status on every sample', () => {
    const fs = require('node:fs') as typeof import('node:fs');
    const path = require('node:path') as typeof import('node:path');
    for (const sample of ['outcome-document', 'framework-convention', 'chair-statement']) {
      const draft = analyseDraft(fs.readFileSync(path.resolve(__dirname, '../../../samples', `${sample}.treaty`), 'utf8'));
      const sum = { agreed: 0, open: 0, pending: 0 };
      for (const r of statusBySection(draft)) for (const k of ['agreed', 'open', 'pending'] as const) sum[k] += r.paragraphs[k];
      assert.deepEqual(sum, negotiationStatus(draft).paragraphs, sample);
    }
  });
});
