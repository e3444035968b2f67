import { numberKey, type DraftNumber } from './numberForms';
import { scopeKey } from './structure';
import { spanAt } from './spanSearch';
import type { AlternativeGroup, Article, Draft, Paragraph, Reference, TextSpan } from './model';
import type { NumberIndex } from './groups';

/** What a written number names: a paragraph, the alternatives standing in for one, or an article. */
export type NumberedTarget = Paragraph | AlternativeGroup | Article;

export type OccurrenceRole = 'label' | 'alternative' | 'reference';

/**
 * One place where a paragraph or article number is written: a label (`45.`, `Article 5`), the target of an `Alt`
 * label (the `45` of `Alt 1 45.`), or an internal reference. Rename and renumbering change exactly these spans.
 */
export interface NumberOccurrence {
  readonly role: OccurrenceRole;
  readonly kind: 'paragraph' | 'article';
  /** The digits and suffix, nothing else. */
  readonly span: TextSpan;
  readonly number: DraftNumber;
  /** What it names in this draft; undefined for a dangling reference. */
  readonly target?: NumberedTarget;
  /** For a dangling reference: the scope and number it names, so that a rename to that number can be refused. */
  readonly missingKey?: string;
  readonly reference?: Reference;
}

/** Every number occurrence of a draft, in text order. External references are never occurrences. */
export function numberOccurrences(draft: Draft & { index: NumberIndex }): NumberOccurrence[] {
  const out: NumberOccurrence[] = [];
  for (const p of draft.paragraphs) {
    const label = p.block.label;
    if (p.role === 'paragraph' && label.kind === 'paragraph' && p.number) {
      out.push({ role: 'label', kind: 'paragraph', span: label.numberSpan, number: p.number, target: p });
    }
  }
  for (const group of draft.alternativeGroups) {
    const target = group.sub === undefined ? ((group.original as Paragraph | undefined) ?? group) : draft.index.slot(group.article, group.target);
    for (const alt of group.alternatives) {
      const label = alt.block.label;
      if (label.kind !== 'alternative') continue;
      out.push({
        role: 'alternative',
        kind: 'paragraph',
        span: label.targetSpan,
        number: label.target,
        target: target ?? group,
      });
    }
  }
  for (const article of draft.articles) {
    const label = article.block.label;
    if (label.kind === 'article') out.push({ role: 'label', kind: 'article', span: label.numberSpan, number: article.number, target: article });
  }
  for (const ref of draft.references) {
    if (ref.external !== undefined) continue;
    out.push({
      role: 'reference',
      kind: ref.kind,
      span: ref.span,
      number: ref.number,
      target: ref.target,
      missingKey: ref.target ? undefined : missingKey(ref, draft),
      reference: ref,
    });
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** The key a dangling reference would have if its paragraph existed: `paragraph|<scope>|<number>`. */
function missingKey(ref: Reference, draft: Draft & { index: NumberIndex }): string {
  if (ref.kind === 'article') return `article|${numberKey(ref.number)}`;
  const article = ref.articleNumber ? draft.index.articles.get(numberKey(ref.articleNumber)) : undefined;
  // `Article 2, paragraph 3` in a draft without Article 2 names no paragraph of the draft's own scope.
  if (ref.articleNumber && !article) return `paragraph|missing article ${numberKey(ref.articleNumber)}|${numberKey(ref.number)}`;
  return paragraphKey(article, ref.number);
}

export function paragraphKey(article: Article | undefined, n: DraftNumber): string {
  return `paragraph|${scopeKey(article)}|${numberKey(n)}`;
}

/** The occurrence whose digits hold the offset (or end at it, where a cursor stands after them). */
export function occurrenceAt(occurrences: readonly NumberOccurrence[], offset: number): NumberOccurrence | undefined {
  return spanAt(occurrences, offset);
}

/** Every occurrence naming the same paragraph, group or article; for a dangling number, those naming the same number. */
export function occurrencesOf(occurrences: readonly NumberOccurrence[], of: NumberOccurrence): NumberOccurrence[] {
  if (of.target) return occurrences.filter((o) => o.target === of.target);
  return occurrences.filter((o) => !o.target && o.missingKey === of.missingKey);
}

/** Where a paragraph, group or article is defined: its number, or for a group the first alternative's target. */
export function definitionSpan(target: NumberedTarget): TextSpan {
  if ('alternatives' in target) {
    const first = target.alternatives[0];
    const label = first.block.label;
    return label.kind === 'alternative' ? label.targetSpan : first.block.labelSpan;
  }
  const label = target.block.label;
  if (label.kind === 'paragraph' || label.kind === 'article') return label.numberSpan;
  return target.block.labelSpan;
}

/** The numbering scope a target belongs to: its article, or the draft (undefined) for draft-level paragraphs and articles. */
export function scopeOf(target: NumberedTarget): Article | undefined {
  return 'alternatives' in target ? target.article : 'role' in target ? target.article : undefined;
}
