import * as assert from 'assert';
import { analyseDraft } from '../../server/src/core/analyse';
import { DraftCache, type VersionEdit } from '../../server/src/draftCache';

const uri = 'file:///draft.treaty';
const markers: string[] = [];

/** The text after a version's changes, applied in order as the client sent them. */
function apply(text: string, edit: VersionEdit): string {
  for (const c of edit.changes) text = text.slice(0, c.start) + c.text + text.slice(c.end);
  return text;
}

const original = '1. We [reaffirm] the goal.\n\n2. Recall para 1.\n\n3. Decide [to act/not to act].\n';

describe('draft cache', () => {
  it('answers every request on one version with one analysis', () => {
    const cache = new DraftCache();
    const first = cache.get(uri, 1, () => original, markers);
    assert.strictEqual(cache.get(uri, 1, () => original, markers), first);
  });

  it('catches up through the edits it was told of, and ends where a full analysis of the new text does', () => {
    const cache = new DraftCache();
    cache.get(uri, 1, () => original, markers);
    const edits: VersionEdit[] = [
      { from: 1, to: 2, changes: [{ start: 3, end: 3, text: 'Firmly, ' }] },
      // Two changes in one version, the second in offsets of the text after the first.
      { from: 2, to: 3, changes: [{ start: 0, end: 0, text: '4. New.\n\n' }, { start: 9, end: 10, text: '5' }] },
    ];
    let text = original;
    for (const e of edits) {
      cache.edited(uri, e);
      text = apply(text, e);
    }
    const draft = cache.get(uri, 3, () => text, markers);
    assert.equal(draft.text, text);
    const full = analyseDraft(text);
    assert.deepEqual(
      draft.problems.map((p) => `${p.code}@${p.span.start}`),
      full.problems.map((p) => `${p.code}@${p.span.start}`),
    );
    assert.deepEqual(draft.paragraphs.map((p) => p.name), ['paragraph 4', 'paragraph 5', 'paragraph 2', 'paragraph 3']);
  });

  it('analyses the document whole when an edit was missed, rather than trust a wrong text', () => {
    const cache = new DraftCache();
    cache.get(uri, 1, () => original, markers);
    cache.edited(uri, { from: 1, to: 2, changes: [{ start: 0, end: 0, text: 'x' }] });
    // Version 3 came without its edit: the cache must not answer with version 2's text.
    const text = 'Completely different.\n';
    const draft = cache.get(uri, 3, () => text, markers);
    assert.equal(draft.text, text);
  });

  it('does not apply edits that do not follow the version it holds', () => {
    const cache = new DraftCache();
    cache.get(uri, 1, () => original, markers);
    cache.edited(uri, { from: 5, to: 6, changes: [{ start: 0, end: 0, text: 'x' }] });
    const text = 'x' + original;
    assert.equal(cache.get(uri, 6, () => text, markers).text, text);
  });

  it('re-reads the draft when the agreed markers change', () => {
    const cache = new DraftCache();
    const text = '1. We decide to act.\n(Adopted)\n';
    assert.equal(cache.get(uri, 1, () => text, markers).paragraphs[0].status, 'pending');
    assert.equal(cache.get(uri, 1, () => text, ['(Adopted)']).paragraphs[0].status, 'agreed');
  });
});
