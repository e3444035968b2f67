/**
 * The negotiation status view as HTML: one stacked bar per section or article (agreed, open, pending paragraphs) with
 * its bracket, option and alternative counts. Plain SVG, no remote resource, one nonce'd script and style under a
 * strict content security policy. Pure, so it is tested without VS Code.
 */
export interface StatusRow {
  name: string;
  kind: 'section' | 'article' | 'draft';
  line: number;
  depth: number;
  paragraphs: { agreed: number; open: number; pending: number };
  brackets: number;
  options: number;
  alternatives: number;
}

const COLOURS = { agreed: '#2e7d32', open: '#c62828', pending: '#9e9e9e' };

export function statusHtml(title: string, rows: readonly StatusRow[], cspSource: string, nonce: string): string {
  const widest = Math.max(1, ...rows.map((r) => r.paragraphs.agreed + r.paragraphs.open + r.paragraphs.pending));
  const totals = rows.reduce(
    (t, r) => ({ agreed: t.agreed + r.paragraphs.agreed, open: t.open + r.paragraphs.open, pending: t.pending + r.paragraphs.pending, brackets: t.brackets + r.brackets }),
    { agreed: 0, open: 0, pending: 0, brackets: 0 },
  );
  const bars = rows.map((r) => bar(r, widest)).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource} data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1em; }
  table { border-collapse: collapse; width: 100%; }
  td { padding: 2px 6px; vertical-align: middle; white-space: nowrap; }
  td.name { white-space: normal; }
  tr.row { cursor: pointer; }
  tr.row:hover, tr.row:focus { background: var(--vscode-list-hoverBackground); outline: none; }
  .d1 { padding-left: 1.5em; } .d2 { padding-left: 3em; } .d3 { padding-left: 4.5em; }
  .legend span { margin-right: 1em; } .num { text-align: right; font-variant-numeric: tabular-nums; }
  .sw-agreed { color: ${COLOURS.agreed}; } .sw-open { color: ${COLOURS.open}; } .sw-pending { color: ${COLOURS.pending}; }
</style>
</head>
<body>
<h2>${escapeHtml(title)}</h2>
<p class="legend"><span class="sw-agreed">■ agreed ${totals.agreed}</span><span class="sw-open">■ open ${totals.open}</span><span class="sw-pending">■ pending ${totals.pending}</span><span>${totals.brackets} bracket pairs</span></p>
<table>
<thead><tr><th>section or article</th><th>paragraphs</th><th class="num">brackets</th><th class="num">options</th><th class="num">alternatives</th></tr></thead>
<tbody>
${bars}
</tbody>
</table>
${clickableRows(nonce, 'reveal', 'Number(row.dataset.line)')}
</body>
</html>`;
}

function bar(r: StatusRow, widest: number): string {
  const width = 240;
  const segments: string[] = [];
  let x = 0;
  for (const status of ['agreed', 'open', 'pending'] as const) {
    const n = r.paragraphs[status];
    if (n === 0) continue;
    const w = (n / widest) * width;
    segments.push(`<rect x="${x.toFixed(1)}" y="2" width="${w.toFixed(1)}" height="14" fill="${COLOURS[status]}"><title>${n} ${status}</title></rect>`);
    x += w;
  }
  const total = r.paragraphs.agreed + r.paragraphs.open + r.paragraphs.pending;
  const label = `${r.paragraphs.agreed} agreed, ${r.paragraphs.open} open, ${r.paragraphs.pending} pending`;
  return `<tr class="row" tabindex="0" data-line="${r.line}" title="Go to line ${r.line + 1}">
<td class="name d${Math.min(r.depth, 3)}">${escapeHtml(r.name)}</td>
<td><svg width="${width + 40}" height="18" role="img" aria-label="${label}">${segments.join('')}<text x="${(x + 4).toFixed(1)}" y="14" font-size="11" fill="currentColor">${total}</text></svg></td>
<td class="num">${r.brackets}</td><td class="num">${r.options}</td><td class="num">${r.alternatives}</td>
</tr>`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The one script a view runs: each row, clicked or activated from the keyboard, posts one message to the extension. */
export function clickableRows(nonce: string, messageKey: string, valueExpression: string): string {
  return `<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  for (const row of document.querySelectorAll('tr.row')) {
    const send = () => vscode.postMessage({ ${messageKey}: ${valueExpression} });
    row.addEventListener('click', send);
    row.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') send(); });
  }
</script>`;
}
