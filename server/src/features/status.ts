import type { Draft } from '../core/model';

/** The result of `treaty/status` and `treaty-draft status`. */
export interface NegotiationStatus {
  paragraphs: { agreed: number; open: number; pending: number };
  /** Every matched pair, nested ones included. */
  bracketPairs: number;
  /** The `unresolved-bracket` spans: outermost brackets, a run of adjacent ones counting once. */
  unresolvedBrackets: number;
  alternativeGroups: number;
  optionGroups: number;
}

/**
 * Counts paragraphs by status. An alternative text is not a paragraph of its own: it counts through its
 * original, or, where the original is absent, its group counts once, as open.
 */
export function negotiationStatus(draft: Draft): NegotiationStatus {
  const brackets = draft.brackets;
  const paragraphs = { agreed: 0, open: 0, pending: 0 };
  for (const p of draft.paragraphs) {
    if (p.role === 'alternative') continue;
    paragraphs[p.status]++;
  }
  for (const group of draft.alternativeGroups) {
    if (group.sub === undefined && !group.original) paragraphs.open++;
  }
  return {
    paragraphs,
    bracketPairs: brackets.count(0, brackets.length, (row) => brackets.isClosed(row)),
    unresolvedBrackets: brackets.count(0, brackets.length, (row) => brackets.startsUnresolvedUnit(row)),
    alternativeGroups: draft.alternativeGroups.length,
    optionGroups: draft.optionGroups.length,
  };
}

/** One bar of the negotiation status view: a section or article, with its paragraphs by status. */
export interface SectionStatus {
  readonly name: string;
  readonly kind: 'section' | 'article' | 'draft';
  /** 0-based line where the section starts, to reveal it. */
  readonly line: number;
  /** Nesting depth, for indentation: sub-sections and articles under sections are deeper. */
  readonly depth: number;
  readonly paragraphs: { agreed: number; open: number; pending: number };
  readonly brackets: number;
  readonly options: number;
  readonly alternatives: number;
}

/**
 * The status per section and per article, in text order. Each paragraph counts in the innermost section or article
 * that holds it; paragraphs before any heading count in a first row for the draft itself.
 */
export function statusBySection(draft: Draft): SectionStatus[] {
  const brackets = draft.brackets;
  const rows = new Map<object, SectionStatus & { paragraphs: { agreed: number; open: number; pending: number } }>();
  const order: object[] = [];
  const depthOf = (h: Draft['headings'][number]) => {
    let d = 0;
    for (let p = h.parent; p; p = p.parent) d++;
    return d;
  };
  const row = (key: object, make: () => SectionStatus) => {
    let r = rows.get(key);
    if (!r) {
      r = { ...make(), paragraphs: { agreed: 0, open: 0, pending: 0 } };
      rows.set(key, r);
      order.push(key);
    }
    return r;
  };
  const top = {};
  for (const h of draft.headings) row(h, () => ({ name: h.name, kind: 'section', line: h.block.firstLine, depth: depthOf(h), paragraphs: { agreed: 0, open: 0, pending: 0 }, brackets: 0, options: 0, alternatives: 0 }));
  for (const a of draft.articles) {
    row(a, () => ({ name: a.title ? `${a.name} – ${a.title}` : a.name, kind: 'article', line: a.block.firstLine, depth: a.heading ? depthOf(a.heading) + 1 : 0, paragraphs: { agreed: 0, open: 0, pending: 0 }, brackets: 0, options: 0, alternatives: 0 }));
  }
  for (const p of draft.paragraphs) {
    const key = p.article ?? p.heading ?? top;
    const r = row(key, () => ({ name: 'Before the first heading', kind: 'draft', line: 0, depth: 0, paragraphs: { agreed: 0, open: 0, pending: 0 }, brackets: 0, options: 0, alternatives: 0 }));
    const mutable = r as { brackets: number; options: number; alternatives: number };
    if (p.role !== 'alternative') r.paragraphs[p.status]++;
    else if (p.group && !p.group.original && p.group.alternatives[0] === p) r.paragraphs.open++;
    const [from, to] = brackets.rowsWithin(p.span.start, p.span.end);
    mutable.brackets += brackets.count(from, to, (row) => brackets.isClosed(row));
    mutable.options += brackets.count(from, to, (row) => brackets.optionsIn(row) > 1) + p.optionGroups.length;
    if (p.role === 'alternative') mutable.alternatives++;
  }
  return order.map((k) => rows.get(k)!).sort((a, b) => a.line - b.line);
}
