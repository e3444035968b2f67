import * as assert from 'node:assert/strict';
import { statusHtml, type StatusRow } from '../../client/src/views/statusHtml';
import { compareHtml } from '../../client/src/views/compareHtml';

const ROWS: StatusRow[] = [
  { name: '1. Introduction', kind: 'section', line: 7, depth: 0, paragraphs: { agreed: 6, open: 2, pending: 0 }, brackets: 4, options: 2, alternatives: 0 },
  { name: '3a. <Infrastructure> & "resources"', kind: 'section', line: 40, depth: 1, paragraphs: { agreed: 0, open: 3, pending: 1 }, brackets: 8, options: 2, alternatives: 2 },
];

describe('negotiation status view (HTML)', () => {
  const html = statusHtml('Negotiation status: draft.treaty', ROWS, 'vscode-webview://x', 'NONCE123');

  it('has a strict content security policy: nothing remote, only its own nonce’d script and style', () => {
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src vscode-webview:\/\/x data:; style-src 'nonce-NONCE123'; script-src 'nonce-NONCE123';">/);
    assert.doesNotMatch(html, /https?:\/\//);
    assert.doesNotMatch(html, / style="/);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.match(html, /<script nonce="NONCE123">/);
  });

  it('one stacked bar per section, segments proportional to agreed, open and pending', () => {
    const rows = html.match(/<tr class="row"[^>]*data-line="(\d+)"/g) ?? [];
    assert.deepEqual(rows.map((r) => /data-line="(\d+)"/.exec(r)![1]), ['7', '40']);
    assert.match(html, /<rect x="0.0" y="2" width="180.0" height="14" fill="#2e7d32"><title>6 agreed<\/title><\/rect><rect x="180.0" y="2" width="60.0" height="14" fill="#c62828"><title>2 open<\/title>/);
    assert.match(html, /■ agreed 6<\/span><span class="sw-open">■ open 5<\/span><span class="sw-pending">■ pending 1<\/span><span>12 bracket pairs/);
  });

  it('escapes names', () => {
    assert.match(html, /3a\. &lt;Infrastructure&gt; &amp; &quot;resources&quot;/);
  });

  it('the comparison report lists the changed paragraphs and is clickable for a diff', () => {
    const side = (status: string, brackets: number) => ({ status, brackets, options: 0, alternatives: 0, span: { start: 0, end: 1 }, line: 1 });
    const counts = { paragraphs: { agreed: 1, open: 1, pending: 0 }, brackets: 1, unresolvedBrackets: 1, options: 0, alternatives: 0 };
    const report = compareHtml(
      {
        before: counts,
        after: { ...counts, brackets: 0 },
        summary: { added: 0, removed: 0, changed: 1, newlyAgreed: 1, reopened: 0 },
        paragraphs: [
          { key: '1', name: 'paragraph 1', change: 'changed', before: side('open', 1), after: side('agreed', 0), newlyAgreed: true, reopened: false },
          { key: '2', name: 'paragraph 2', change: 'unchanged', before: side('agreed', 0), after: side('agreed', 0), newlyAgreed: false, reopened: false },
        ],
      },
      'v1.treaty',
      'v2.treaty',
      'vscode-webview://x',
      'N',
    );
    assert.match(report, /<tr class="row" tabindex="0" data-key="1"><td>paragraph 1<\/td><td>changed · newly agreed<\/td><td>open → agreed<\/td><td class="num">1 → 0<\/td>/);
    assert.doesNotMatch(report, /data-key="2"/);
    assert.match(report, /<tr><td>bracket pairs<\/td><td class="num">1<\/td><td class="num">0<\/td><td class="num">-1<\/td><\/tr>/);
  });
});
