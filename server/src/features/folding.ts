import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { Draft, TextSpan } from '../core/model';

/** Sections, articles, paragraphs, alternative groups, option groups and brackets that span lines (NOTATION §7). */
export function foldingRanges(draft: Draft): FoldingRange[] {
  const seen = new Set<string>();
  const out: FoldingRange[] = [];
  const add = (span: TextSpan, kind?: string) => {
    const startLine = draft.lines.lineAt(span.start);
    const endLine = draft.lines.lineAt(Math.max(span.start, span.end - 1));
    if (endLine <= startLine) return;
    const key = `${startLine}:${endLine}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(kind ? { startLine, endLine, kind } : { startLine, endLine });
  };
  for (const h of draft.headings) add(h.span, FoldingRangeKind.Region);
  for (const a of draft.articles) add(a.span, FoldingRangeKind.Region);
  for (const p of draft.paragraphs) add(p.span);
  for (const g of draft.alternativeGroups) {
    const members = g.original ? [g.original, ...g.alternatives] : g.alternatives;
    const start = Math.min(...members.map((m) => m.span.start));
    const end = Math.max(...members.map((m) => m.span.end));
    add({ start, end });
  }
  for (const o of draft.optionGroups) add(o.span);
  const brackets = draft.brackets;
  for (let row = 0; row < brackets.length; row++) add({ start: brackets.opens[row], end: brackets.ends[row] });
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
