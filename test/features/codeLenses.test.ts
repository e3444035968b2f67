import * as assert from 'node:assert/strict';
import { analyseDraft } from '../../server/src/core/analyse';
import { applySpanEdits } from '../../server/src/core/spanEdits';
import { DEFAULT_AGREED_MARKERS } from '../../server/src/core/settings';
import { resolveOffer } from '../../server/src/features/codeActions';
import { codeLenses } from '../../server/src/features/codeLenses';
import { dedent } from '../fixture';

describe('code lenses (NOTATION §7)', () => {
  const text = dedent(`
    57. Decide:
    Option 1: a fund;
    Option 2: a facility.
    61. Original.
    [Alt 1 61. One.]
    [Alt 2 61. Two.]
  `);
  const draft = analyseDraft(text);
  const lenses = codeLenses(draft);

  it('one lens per member, above the group’s first line', () => {
    assert.deepEqual(
      lenses.map((l) => `${draft.lines.positionAt(l.span.start).line}: ${l.title}`),
      ['1: Keep Option 1', '1: Keep Option 2', '3: Keep original', '3: Keep Alt 1', '3: Keep Alt 2'],
    );
  });

  it('a lens runs the same edit as the quick fix', () => {
    const keepAlt2 = lenses.find((l) => l.title === 'Keep Alt 2')!;
    const edits = resolveOffer(draft, keepAlt2.resolution, DEFAULT_AGREED_MARKERS);
    assert.ok(!('refused' in edits));
    assert.equal(applySpanEdits(text, edits), '57. Decide:\nOption 1: a fund;\nOption 2: a facility.\n61. Two.');
  });
});
