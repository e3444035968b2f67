import * as assert from 'node:assert/strict';
import { analyseDraft } from '../../server/src/core/analyse';
import { foldingRanges } from '../../server/src/features/folding';
import { dedent } from '../fixture';

describe('folding (NOTATION §7)', () => {
  it('folds sections, articles, paragraphs, alternative groups, option groups and multi-line brackets', () => {
    const text = dedent(`
      1.
      Introduction
      39. First paragraph
      runs over two lines.
      40. Original text.
      [Alt 1 40. Other
      text.]
      57. Decide:
      Option 1: a fund
      with a board;
      Option 2: a facility.
      Chapter II
      Article 5 – Definitions
      1. Short.
      2. A [bracket over
      three
      lines].
    `);
    const ranges = foldingRanges(analyseDraft(text)).map((r) => `${r.startLine}-${r.endLine}${r.kind ? ` ${r.kind}` : ''}`);
    assert.deepEqual(ranges, [
      '0-10 region', // section 1 to the chapter
      '2-3', // paragraph 39
      '4-6', // alternative group 40
      '5-6', // the Alt paragraph and its bracket
      '7-10', // paragraph 57
      '8-10', // option group
      '11-16 region', // chapter II
      '12-16 region', // article 5
      '14-16', // paragraph 2 and its bracket
    ]);
  });

  it('gives nothing for a one-line draft', () => {
    assert.deepEqual(foldingRanges(analyseDraft('1. [One] line.')), []);
  });
});
