import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyseDraft } from '../server/src/core/analyse';
import { negotiationStatus } from '../server/src/features/status';

const SAMPLES = path.resolve(__dirname, '../../samples');

/**
 * Each sample draft has a companion `<name>.expected.json` with the diagnostics it must produce (1-based lines and
 * columns) and its status counts; `samples/README.md` says which problems were placed on purpose and why.
 */
describe('samples', () => {
  const names = fs.readdirSync(SAMPLES).filter((f) => f.endsWith('.treaty'));

  it('there are the three kinds of draft: outcome document, article-style treaty, unnumbered statement', () => {
    assert.deepEqual(names.sort(), ['chair-statement.treaty', 'framework-convention.treaty', 'outcome-document.treaty']);
  });

  for (const name of names) {
    it(`${name} produces exactly its expected diagnostics and status`, () => {
      const text = fs.readFileSync(path.join(SAMPLES, name), 'utf8');
      const expected = JSON.parse(fs.readFileSync(path.join(SAMPLES, name.replace(/\.treaty$/, '.expected.json')), 'utf8'));
      const draft = analyseDraft(text);
      assert.equal(draft.internalError, undefined);
      const actual = draft.problems.map((p) => {
        const r = draft.lines.rangeOf(p.span);
        return { line: r.start.line + 1, column: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1, code: p.code };
      });
      assert.deepEqual(actual, expected.diagnostics);
      assert.deepEqual(negotiationStatus(draft), expected.status);
    });
  }
});
