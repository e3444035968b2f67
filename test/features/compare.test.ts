import * as assert from 'node:assert/strict';
import { analyseDraft } from '../../server/src/core/analyse';
import { compareDrafts, comparisonReport } from '../../server/src/features/compare';
import { runCli } from '../../server/src/cli';
import { dedent } from '../fixture';

const BEFORE = dedent(`
  1. We agree on the [principles]. 
  2. We agree. (Agreed)
  3. Decide:
  Option 1: a fund;
  Option 2: a facility.
  4. Text to go.
`);
const AFTER = dedent(`
  1. We agree on the principles. (Agreed)
  2. We [agree].
  3. Decide:
  Option 1: a fund;
  Option 2: a facility.
  5. A new paragraph [shall/should] come.
`);

describe('comparing two versions', () => {
  const c = compareDrafts(analyseDraft(BEFORE), analyseDraft(AFTER));

  it('by paragraph number: added, removed, changed, newly agreed, reopened', () => {
    assert.deepEqual(
      c.paragraphs.map((p) => `${p.name}: ${p.change}${p.newlyAgreed ? ', newly agreed' : ''}${p.reopened ? ', reopened' : ''}`),
      ['paragraph 1: changed, newly agreed', 'paragraph 2: changed, reopened', 'paragraph 3: unchanged', 'paragraph 5: added', 'paragraph 4: removed'],
    );
    assert.deepEqual(c.summary, { added: 1, removed: 1, changed: 2, newlyAgreed: 1, reopened: 1 });
  });

  it('the bracket, option and alternative counts of each version', () => {
    assert.deepEqual(c.before, { paragraphs: { agreed: 1, open: 2, pending: 1 }, brackets: 1, unresolvedBrackets: 1, options: 1, alternatives: 0 });
    assert.deepEqual(c.after, { paragraphs: { agreed: 1, open: 3, pending: 0 }, brackets: 2, unresolvedBrackets: 2, options: 2, alternatives: 0 });
  });

  it('re-wrapping a paragraph is not a change', () => {
    const wrapped = compareDrafts(analyseDraft('1. One two\nthree.'), analyseDraft('1. One\ntwo three.'));
    assert.deepEqual(wrapped.paragraphs.map((p) => p.change), ['unchanged']);
  });

  it('the report names every changed paragraph and the counts', () => {
    const report = comparisonReport(c, 'v1', 'v2');
    assert.match(report, /1 added · 1 removed · 2 changed · 1 newly agreed · 1 reopened/);
    assert.match(report, /\| paragraph 1 \| changed · newly agreed \| open → agreed \| 1 → 0 \|/);
    assert.match(report, /\| bracket pairs \| 1 \| 2 \| \+1 \|/);
    assert.doesNotMatch(report, /paragraph 3 \|/);
  });

  it('treaty-draft compare OLD NEW prints the report, or JSON', () => {
    const files: Record<string, string> = { 'v1.treaty': BEFORE, 'v2.treaty': AFTER };
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(`ERR ${s}`), readFile: (p: string) => Buffer.from(files[p] ?? '') };
    assert.equal(runCli(['compare', 'v1.treaty', 'v2.treaty', '--json'], io), 0);
    assert.deepEqual(JSON.parse(out.join('\n')).summary, c.summary);
    assert.equal(runCli(['compare', 'v1.treaty'], io), 2);
  });
});
