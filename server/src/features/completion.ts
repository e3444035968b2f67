import { CompletionItemKind, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import type { AnalysedDraft } from '../core/analyse';
import { lacksOriginalParagraph } from '../core/groups';
import { formatNumber } from '../core/numberForms';
import { openingText } from '../core/queries';
import { spanAt } from '../core/spanSearch';
import type { Article, Paragraph } from '../core/model';

/** After these words a number is expected (NOTATION §7), possibly after a list already begun (`paras 43 and `). */
const PARAGRAPH_CONTEXT = /(?:^|[^\p{L}])(?:sub-?paragraphs?|paragraphs?|paras?\.?|Alt\.?[ \t]+\d+)[ \t]+(?:\d+[ \t]*(?:,|and|or|to|-|–)[ \t]*)*$/iu;
const ARTICLE_CONTEXT = /(?:^|[^\p{L}])articles?[ \t]+(?:\d+[ \t]*(?:,|and|or|to|-|–)[ \t]*)*$/iu;

/**
 * Paragraph (or article) numbers after a reference word, each with its opening words and status, in document order;
 * inside an article, that article's paragraphs come first.
 */
export function completions(draft: AnalysedDraft, offset: number): CompletionItem[] {
  const lineStart = draft.lines.lineStart(draft.lines.lineAt(offset));
  const before = draft.text.slice(Math.max(lineStart, offset - 200), offset);
  if (ARTICLE_CONTEXT.test(before) && draft.articles.length > 0) {
    return draft.articles.map((a, i) => articleItem(draft, a, i));
  }
  if (!PARAGRAPH_CONTEXT.test(before)) return [];
  const here = spanAt(draft.articles, offset);
  const candidates = draft.paragraphs.filter((p) => p.role === 'paragraph' && p.number && (p.article === here || p.article === undefined));
  const slots = draft.alternativeGroups.filter((g) => lacksOriginalParagraph(g) && !g.orphan && (g.article === here || g.article === undefined));
  const items: Array<{ item: CompletionItem; start: number; own: boolean }> = [];
  for (const p of candidates) items.push({ item: paragraphItem(draft, p), start: p.span.start, own: p.article === here && here !== undefined });
  for (const g of slots) {
    const first = g.alternatives[0] as Paragraph;
    items.push({
      item: {
        label: formatNumber(g.target),
        kind: CompletionItemKind.Reference,
        detail: `open · ${g.alternatives.length} alternatives`,
        documentation: { kind: MarkupKind.Markdown, value: openingText(draft, first) },
      },
      start: first.span.start,
      own: g.article === here && here !== undefined,
    });
  }
  items.sort((a, b) => Number(b.own) - Number(a.own) || a.start - b.start);
  return items.map(({ item }, i) => ({ ...item, sortText: String(i).padStart(6, '0') }));
}

function paragraphItem(draft: AnalysedDraft, p: Paragraph): CompletionItem {
  return {
    label: formatNumber(p.number!),
    kind: CompletionItemKind.Reference,
    detail: `${p.article ? `${p.article.name} · ` : ''}${p.status}`,
    documentation: { kind: MarkupKind.Markdown, value: openingText(draft, p) },
  };
}

function articleItem(draft: AnalysedDraft, a: Article, i: number): CompletionItem {
  return {
    label: formatNumber(a.number),
    kind: CompletionItemKind.Module,
    detail: a.title || a.name,
    documentation: { kind: MarkupKind.Markdown, value: draft.text.slice(a.block.span.start, a.block.span.end).slice(0, 200) },
    sortText: String(i).padStart(6, '0'),
  };
}
