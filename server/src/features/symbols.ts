import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { formatNumber } from '../core/numberForms';
import { plural } from '../core/wording';
import type { AlternativeGroup, Article, Draft, Heading, Item, Paragraph, TextSpan } from '../core/model';

/**
 * The outline (NOTATION §7): sections and articles, paragraphs under them, sub-paragraphs and alternatives
 * under their paragraph. A paragraph's detail is its status, so the outline reads as a negotiation map.
 */
export function documentSymbols(draft: Draft): DocumentSymbol[] {
  const range = (span: TextSpan) => draft.lines.rangeOf(span);
  const roots: DocumentSymbol[] = [];
  const headingSymbols = new Map<Heading, DocumentSymbol>();
  const articleSymbols = new Map<Article, DocumentSymbol>();

  for (const h of draft.headings) {
    const symbol: DocumentSymbol = {
      name: h.name || 'Heading',
      kind: SymbolKind.Namespace,
      range: range(h.span),
      selectionRange: range(h.block.labelSpan.end > h.block.labelSpan.start ? h.block.labelSpan : h.block.span),
      children: [],
    };
    headingSymbols.set(h, symbol);
    (h.parent ? headingSymbols.get(h.parent)?.children ?? roots : roots).push(symbol);
  }
  for (const a of draft.articles) {
    const symbol: DocumentSymbol = {
      name: a.title ? `${a.name} – ${a.title}` : a.name,
      kind: SymbolKind.Module,
      detail: countDetail(a.paragraphs),
      range: range(a.span),
      selectionRange: range(a.block.labelSpan),
      children: [],
    };
    articleSymbols.set(a, symbol);
    containerOf(a.heading).push(symbol);
  }

  function containerOf(heading: Heading | undefined, article?: Article): DocumentSymbol[] {
    if (article) return articleSymbols.get(article)?.children ?? roots;
    if (heading) return headingSymbols.get(heading)?.children ?? roots;
    return roots;
  }

  for (const p of draft.paragraphs) {
    if (p.role === 'article-body') {
      // An article's own text shows through the article's symbol: its items hang there.
      const holder = p.article ? articleSymbols.get(p.article) : undefined;
      if (holder) {
        holder.detail = statusDetail(draft, p);
        for (const item of p.items) holder.children?.push(itemSymbol(item));
        continue;
      }
    }
    if (p.role === 'alternative' && p.group && (p.group.original || p.group.alternatives[0] !== p)) continue;
    const symbol = p.role === 'alternative' && p.group ? groupSymbol(p.group) : paragraphSymbol(p);
    containerOf(p.heading, p.article).push(symbol);
  }
  // Headings and articles were created before the paragraphs under them: restore the order of the text.
  sortByPosition(roots);
  return roots;

  /**
   * A symbol as sent: without an empty `children` or `detail`. Most symbols of a long draft are leaves, and the empty
   * arrays alone were tens of KB of JSON on every outline request.
   */
  function symbolOf(name: string, kind: SymbolKind, detail: string | undefined, span: TextSpan, selection: TextSpan, children: DocumentSymbol[]): DocumentSymbol {
    const symbol: DocumentSymbol = detail ? { name, kind, detail, range: range(span), selectionRange: range(selection) } : { name, kind, range: range(span), selectionRange: range(selection) };
    if (children.length > 0) symbol.children = children;
    return symbol;
  }

  function paragraphSymbol(p: Paragraph): DocumentSymbol {
    const children = p.items.map((i) => itemSymbol(i));
    let span = p.span;
    if (p.group && p.group.original === p) {
      for (const alt of p.group.alternatives) {
        if ('role' in alt) children.push(alternativeSymbol(alt));
        span = { start: Math.min(span.start, alt.span.start), end: Math.max(span.end, alt.span.end) };
      }
    }
    return symbolOf(
      p.role === 'unnumbered' ? p.name : p.number ? formatNumber(p.number) : p.name,
      p.role === 'unnumbered' ? SymbolKind.String : SymbolKind.Number,
      statusDetail(draft, p),
      span,
      p.block.labelSpan.end > p.block.labelSpan.start ? p.block.labelSpan : { start: p.block.span.start, end: p.block.span.start },
      children,
    );
  }

  /** An alternative shown under its original. */
  function alternativeSymbol(alt: Paragraph): DocumentSymbol {
    const label = alt.block.label;
    return symbolOf(
      label.kind === 'alternative' ? `Alt ${label.index}` : alt.name,
      SymbolKind.EnumMember,
      statusDetail(draft, alt),
      alt.span,
      alt.block.labelSpan,
      alt.items.map((i) => itemSymbol(i)),
    );
  }

  /** Alternatives standing where their original is absent: one node for the slot, the alternatives under it. */
  function groupSymbol(group: AlternativeGroup): DocumentSymbol {
    const alts = group.alternatives.filter((a): a is Paragraph => 'role' in a);
    const span = { start: alts[0].span.start, end: alts[alts.length - 1].span.end };
    return symbolOf(
      formatNumber(group.target),
      SymbolKind.Number,
      `open · ${plural(alts.length, 'alternative')}${group.orphan ? ' · orphan' : ''}`,
      span,
      alts[0].block.labelSpan,
      alts.map(alternativeSymbol),
    );
  }

  function itemSymbol(item: Item): DocumentSymbol {
    const label = item.block.label;
    const name =
      label.kind === 'subparagraph'
        ? `(${label.letter}${label.variant ?? ''})`
        : label.kind === 'option'
          ? `Option ${label.index}`
          : label.kind === 'alternative'
            ? `Alt ${formatNumber(label.target)} ${label.targetSub ?? ''}${label.index}`
            : '•';
    return symbolOf(
      name,
      label.kind === 'option' || label.kind === 'alternative' ? SymbolKind.EnumMember : SymbolKind.Field,
      item.marker ? 'agreed' : undefined,
      item.span,
      item.block.labelSpan,
      item.children.map((c) => itemSymbol(c)),
    );
  }
}

function statusDetail(draft: Draft, p: Paragraph): string {
  const parts: string[] = [p.status];
  const [from, to] = draft.brackets.rowsWithin(p.span.start, p.span.end);
  if (to > from) parts.push(plural(to - from, 'bracket'));
  if (p.optionGroups.length > 0) parts.push('options');
  if (p.group && p.group.original === p) parts.push(plural(p.group.alternatives.length, 'alternative'));
  return parts.join(' · ');
}

/** In the order of the text; a section or article left with nothing under it loses its empty `children`. */
function sortByPosition(symbols: DocumentSymbol[]): void {
  symbols.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  for (const s of symbols) {
    if (s.children?.length === 0) delete s.children;
    else if (s.children) sortByPosition(s.children);
  }
}

function countDetail(paragraphs: readonly Paragraph[]): string {
  const counts = { agreed: 0, open: 0, pending: 0 };
  for (const p of paragraphs) if (p.role !== 'alternative') counts[p.status]++;
  return `${counts.agreed} agreed · ${counts.open} open · ${counts.pending} pending`;
}
