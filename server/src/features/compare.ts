import type { AnalysedDraft } from '../core/analyse';
import { formatNumber } from '../core/numberForms';
import type { Paragraph, ParagraphStatus, TextSpan } from '../core/model';
import { negotiationStatus } from './status';

/** One paragraph in two versions, by number (by position in drafts without numbers). */
export interface ParagraphComparison {
  readonly key: string;
  /** `paragraph 61`, `Article 5, paragraph 2`, `¶3`. */
  readonly name: string;
  readonly change: 'added' | 'removed' | 'changed' | 'unchanged';
  readonly before?: ParagraphSide;
  readonly after?: ParagraphSide;
  readonly newlyAgreed: boolean;
  readonly reopened: boolean;
}

export interface ParagraphSide {
  readonly status: ParagraphStatus;
  readonly brackets: number;
  readonly options: number;
  readonly alternatives: number;
  /** The paragraph with its alternatives, for a side-by-side diff. */
  readonly span: TextSpan;
  readonly line: number;
}

export interface VersionCounts {
  readonly paragraphs: { agreed: number; open: number; pending: number };
  readonly brackets: number;
  readonly unresolvedBrackets: number;
  readonly options: number;
  readonly alternatives: number;
}

export interface Comparison {
  readonly before: VersionCounts;
  readonly after: VersionCounts;
  readonly summary: { added: number; removed: number; changed: number; newlyAgreed: number; reopened: number };
  readonly paragraphs: ParagraphComparison[];
}

/**
 * Two versions of a draft side by side (issue: comparing): by paragraph number, what was added, removed, changed,
 * newly agreed and reopened, with the bracket, option and alternative counts of each version. Text is compared with
 * white space folded, so re-wrapping a paragraph is not a change.
 */
export function compareDrafts(before: AnalysedDraft, after: AnalysedDraft): Comparison {
  const old = keyed(before);
  const now = keyed(after);
  const keys = [...now.keys()];
  for (const key of old.keys()) if (!now.has(key)) keys.push(key);
  const paragraphs: ParagraphComparison[] = [];
  for (const key of keys) {
    const a = old.get(key);
    const b = now.get(key);
    const change = !a ? 'added' : !b ? 'removed' : a.text === b.text ? 'unchanged' : 'changed';
    paragraphs.push({
      key,
      name: (b ?? a)!.paragraph.name,
      change,
      before: a ? side(before, a.paragraph) : undefined,
      after: b ? side(after, b.paragraph) : undefined,
      newlyAgreed: a !== undefined && b !== undefined && a.paragraph.status !== 'agreed' && b.paragraph.status === 'agreed',
      reopened: a !== undefined && b !== undefined && a.paragraph.status === 'agreed' && b.paragraph.status !== 'agreed',
    });
  }
  const count = (what: ParagraphComparison['change']) => paragraphs.filter((p) => p.change === what).length;
  return {
    before: counts(before),
    after: counts(after),
    summary: {
      added: count('added'),
      removed: count('removed'),
      changed: count('changed'),
      newlyAgreed: paragraphs.filter((p) => p.newlyAgreed).length,
      reopened: paragraphs.filter((p) => p.reopened).length,
    },
    paragraphs,
  };
}

function keyed(draft: AnalysedDraft): Map<string, { paragraph: Paragraph; text: string }> {
  const map = new Map<string, { paragraph: Paragraph; text: string }>();
  for (const p of draft.paragraphs) {
    if (p.role === 'alternative' && p.group?.original) continue;
    const key =
      p.role === 'unnumbered'
        ? `¶${p.position}`
        : `${p.article ? `${formatNumber(p.article.number)}/` : ''}${p.number ? formatNumber(p.number) : p.role === 'article-body' ? 'body' : '?'}`;
    if (map.has(key)) continue;
    map.set(key, { paragraph: p, text: withAlternatives(draft, p).replace(/\s+/g, ' ').trim() });
  }
  return map;
}

/** The paragraph's text, and that of its alternatives, which belong to it when versions are compared. */
function withAlternatives(draft: AnalysedDraft, p: Paragraph): string {
  const span = extent(p);
  return draft.text.slice(span.start, span.end);
}

function extent(p: Paragraph): TextSpan {
  const members = p.group ? [p.group.original ?? p, ...p.group.alternatives] : [p];
  return { start: Math.min(...members.map((m) => m.span.start)), end: Math.max(...members.map((m) => m.span.end)) };
}

function side(draft: AnalysedDraft, p: Paragraph): ParagraphSide {
  const span = extent(p);
  const table = draft.brackets;
  const [from, to] = table.rowsWithin(span.start, span.end);
  return {
    status: p.status,
    brackets: table.count(from, to, (row) => table.isClosed(row)),
    options: table.count(from, to, (row) => table.optionsIn(row) > 1) + p.optionGroups.length,
    alternatives: p.group ? p.group.alternatives.length : 0,
    span,
    line: draft.lines.lineAt(span.start) + 1,
  };
}

function counts(draft: AnalysedDraft): VersionCounts {
  const status = negotiationStatus(draft);
  return {
    paragraphs: status.paragraphs,
    brackets: status.bracketPairs,
    unresolvedBrackets: status.unresolvedBrackets,
    options: draft.brackets.count(0, draft.brackets.length, (row) => draft.brackets.optionsIn(row) > 1) + status.optionGroups,
    alternatives: draft.alternativeGroups.reduce((n, g) => n + g.alternatives.length, 0),
  };
}

/** The comparison as a Markdown report, for the editor and the command line. */
export function comparisonReport(c: Comparison, beforeName: string, afterName: string): string {
  const row = (label: string, a: number, b: number) => `| ${label} | ${a} | ${b} | ${b - a > 0 ? '+' : ''}${b - a} |`;
  const lines = [
    `# ${afterName} compared with ${beforeName}`,
    '',
    `${c.summary.added} added · ${c.summary.removed} removed · ${c.summary.changed} changed · ${c.summary.newlyAgreed} newly agreed · ${c.summary.reopened} reopened`,
    '',
    `| | ${beforeName} | ${afterName} | |`,
    '|---|---:|---:|---:|',
    row('agreed paragraphs', c.before.paragraphs.agreed, c.after.paragraphs.agreed),
    row('open paragraphs', c.before.paragraphs.open, c.after.paragraphs.open),
    row('pending paragraphs', c.before.paragraphs.pending, c.after.paragraphs.pending),
    row('bracket pairs', c.before.brackets, c.after.brackets),
    row('unresolved brackets', c.before.unresolvedBrackets, c.after.unresolvedBrackets),
    row('options', c.before.options, c.after.options),
    row('alternatives', c.before.alternatives, c.after.alternatives),
    '',
  ];
  const interesting = c.paragraphs.filter((p) => p.change !== 'unchanged' || p.newlyAgreed || p.reopened);
  if (interesting.length > 0) {
    lines.push('| paragraph | change | status | brackets | options | alternatives |', '|---|---|---|---:|---:|---:|');
    for (const p of interesting) {
      const flag = p.newlyAgreed ? ' · newly agreed' : p.reopened ? ' · reopened' : '';
      const pair = (f: (s: ParagraphSide) => string | number) => `${p.before ? f(p.before) : '–'} → ${p.after ? f(p.after) : '–'}`;
      lines.push(`| ${p.name} | ${p.change}${flag} | ${pair((s) => s.status)} | ${pair((s) => s.brackets)} | ${pair((s) => s.options)} | ${pair((s) => s.alternatives)} |`);
    }
  }
  return lines.join('\n');
}
