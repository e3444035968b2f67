import type { AnalysedDraft } from '../core/analyse';
import { formatNumber, LATIN_SUFFIXES, numberKey, suffixRank, type DraftNumber } from '../core/numberForms';
import { parseNumberName } from '../core/numberNames';
import type { Article } from '../core/model';
import type { SpanEdit } from '../core/spanEdits';
import type { Refusal } from './rename';

export interface Insertion {
  readonly edit: SpanEdit;
  readonly number: DraftNumber;
  /** Where the cursor goes: after the new label. */
  readonly cursor: number;
}

/**
 * A new paragraph after N without renumbering (NOTATION §7): it takes the next free suffix (`44 bis`, then
 * `44 ter`) and goes after N, its alternatives and the suffixed paragraphs already there.
 */
export function insertParagraphAfter(draft: AnalysedDraft, numberText: string, articleText?: string): Insertion | Refusal {
  const n = parseNumberName(numberText);
  if (!n || n.suffix !== '') return { refused: `“${numberText}” is not a paragraph number: give the number to insert after, such as 44.` };
  let article: Article | undefined;
  if (articleText !== undefined && articleText !== '') {
    const a = parseNumberName(articleText);
    article = a ? draft.index.articles.get(numberKey(a)) : undefined;
    if (!article) return { refused: `This draft has no Article ${articleText}.` };
  }
  const family = draft.paragraphs.filter((p) => (p.role === 'paragraph' || p.role === 'alternative') && p.number?.value === n.value && p.article === article);
  if (!family.some((p) => p.number?.suffix === '' || p.role === 'alternative')) {
    return { refused: `${article ? `${article.name} has` : 'This draft has'} no paragraph ${n.value} to insert after.` };
  }
  const usedRank = Math.max(0, ...family.filter((p) => p.number && p.number.suffix.length > 1).map((p) => suffixRank(p.number!.suffix)));
  if (usedRank >= LATIN_SUFFIXES.length) return { refused: `Paragraph ${n.value} has no free suffix left after ${LATIN_SUFFIXES[LATIN_SUFFIXES.length - 1]}.` };
  const number: DraftNumber = { value: n.value, suffix: LATIN_SUFFIXES[usedRank] };
  const last = family.reduce((a, b) => (b.span.end > a.span.end ? b : a));
  const eol = draft.text.includes('\r\n') ? '\r\n' : '\n';
  // At the end of the paragraph's last line, after any spaces there: the line itself is left exactly as it was.
  const at = draft.lines.lineEnd(draft.lines.lineAt(last.span.end));
  const next = draft.blocks.find((b) => b.span.start > last.span.end);
  const gap = next ? draft.text.slice(at, next.span.start) : '';
  const blankLineBetween = /\r?\n[ \t]*\r?\n/.test(gap);
  const label = `${formatNumber(number)}. `;
  const newText = `${eol}${blankLineBetween ? eol : ''}${label}`;
  return { edit: { span: { start: at, end: at }, newText }, number, cursor: at + newText.length };
}
