import { clickableRows, escapeHtml } from './statusHtml';

/** What the server's `treaty/compare` answers (see server/src/features/compare.ts). */
export interface ComparisonData {
  before: Counts;
  after: Counts;
  summary: { added: number; removed: number; changed: number; newlyAgreed: number; reopened: number };
  paragraphs: Array<{
    key: string;
    name: string;
    change: 'added' | 'removed' | 'changed' | 'unchanged';
    before?: Side;
    after?: Side;
    newlyAgreed: boolean;
    reopened: boolean;
  }>;
}
interface Counts {
  paragraphs: { agreed: number; open: number; pending: number };
  brackets: number;
  unresolvedBrackets: number;
  options: number;
  alternatives: number;
}
interface Side {
  status: string;
  brackets: number;
  options: number;
  alternatives: number;
  span: { start: number; end: number };
  line: number;
}

/** The comparison report: the counts of each version, then every paragraph that changed; a click opens its diff. */
export function compareHtml(c: ComparisonData, beforeName: string, afterName: string, cspSource: string, nonce: string): string {
  const count = (label: string, a: number, b: number) =>
    `<tr><td>${label}</td><td class="num">${a}</td><td class="num">${b}</td><td class="num">${b - a > 0 ? '+' : ''}${b - a}</td></tr>`;
  const rows = c.paragraphs
    .filter((p) => p.change !== 'unchanged' || p.newlyAgreed || p.reopened)
    .map((p) => {
      const pair = (f: (s: Side) => string | number) => `${p.before ? f(p.before) : '–'} → ${p.after ? f(p.after) : '–'}`;
      const flag = p.newlyAgreed ? ' · newly agreed' : p.reopened ? ' · reopened' : '';
      return `<tr class="row" tabindex="0" data-key="${escapeHtml(p.key)}"><td>${escapeHtml(p.name)}</td><td>${p.change}${flag}</td><td>${pair((s) => s.status)}</td><td class="num">${pair((s) => s.brackets)}</td><td class="num">${pair((s) => s.options)}</td><td class="num">${pair((s) => s.alternatives)}</td></tr>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource}; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<title>Comparison</title>
<style nonce="${nonce}">
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1em; }
  table { border-collapse: collapse; margin-bottom: 1.5em; } td, th { padding: 2px 8px; text-align: left; }
  .num { text-align: right; font-variant-numeric: tabular-nums; }
  tr.row { cursor: pointer; } tr.row:hover, tr.row:focus { background: var(--vscode-list-hoverBackground); outline: none; }
</style>
</head>
<body>
<h2>${escapeHtml(afterName)} compared with ${escapeHtml(beforeName)}</h2>
<p>${c.summary.added} added · ${c.summary.removed} removed · ${c.summary.changed} changed · ${c.summary.newlyAgreed} newly agreed · ${c.summary.reopened} reopened</p>
<table>
<thead><tr><th></th><th class="num">${escapeHtml(beforeName)}</th><th class="num">${escapeHtml(afterName)}</th><th></th></tr></thead>
<tbody>
${count('agreed paragraphs', c.before.paragraphs.agreed, c.after.paragraphs.agreed)}
${count('open paragraphs', c.before.paragraphs.open, c.after.paragraphs.open)}
${count('pending paragraphs', c.before.paragraphs.pending, c.after.paragraphs.pending)}
${count('bracket pairs', c.before.brackets, c.after.brackets)}
${count('unresolved brackets', c.before.unresolvedBrackets, c.after.unresolvedBrackets)}
${count('options', c.before.options, c.after.options)}
${count('alternatives', c.before.alternatives, c.after.alternatives)}
</tbody>
</table>
<table>
<thead><tr><th>paragraph</th><th>change</th><th>status</th><th class="num">brackets</th><th class="num">options</th><th class="num">alternatives</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${clickableRows(nonce, 'diff', 'row.dataset.key')}
</body>
</html>`;
}
