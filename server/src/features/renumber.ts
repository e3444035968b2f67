import type { AnalysedDraft } from '../core/analyse';
import { formatNumber, LATIN_SUFFIXES, numberKey, sameNumber, type DraftNumber } from '../core/numberForms';
import { parseNumberName, writeNumberLike } from '../core/numberNames';
import { numberOccurrences, paragraphKey, type NumberedTarget, scopeOf } from '../core/occurrences';
import { disjointEdits, type SpanEdit } from '../core/spanEdits';
import type { AlternativeGroup, Article, Paragraph } from '../core/model';
import type { Refusal } from './rename';

/** One row of the concordance negotiators follow a renumbering by. */
export interface ConcordanceEntry {
  readonly old: string;
  readonly new: string;
  /** The article, when the draft numbers paragraphs per article. */
  readonly article?: string;
  /** 1-based line of the paragraph. */
  readonly line: number;
}

export interface Renumbering {
  readonly edits: SpanEdit[];
  readonly concordance: ConcordanceEntry[];
  /** References that named no paragraph before and name one after: the drafter should look at them. */
  readonly warnings: string[];
}

export interface RenumberOptions {
  /** Only this article's paragraphs (`5`, `5 bis`). */
  readonly article?: string;
  /** `keep`: `61 bis` follows the new number of 61; `number`: it takes a number of its own. */
  readonly bis: 'keep' | 'number';
}

/**
 * Numbers the paragraphs again in text order, in each scope (the draft, each article) or in one article (NOTATION §7).
 * Each scope starts from its first paragraph's number, so an extract that begins at 39 stays at 39. Alternatives
 * standing in for an absent original keep their place in the sequence; orphan alternatives are left as they are.
 * Every internal reference and alternative label follows its paragraph; nothing else changes.
 */
export function renumber(draft: AnalysedDraft, options: RenumberOptions): Renumbering | Refusal {
  if (!draft.numbered) return { refused: 'The paragraphs of this draft are not numbered: there is nothing to renumber.' };
  let scopes: Array<Article | undefined> = [undefined, ...draft.articles];
  if (options.article !== undefined) {
    const wanted = parseNumberName(options.article);
    const article = wanted ? draft.index.articles.get(numberKey(wanted)) : undefined;
    if (!article) return { refused: `This draft has no Article ${options.article}.` };
    scopes = [article];
  }
  const renumbered = new Map<NumberedTarget, DraftNumber>();
  const concordance: ConcordanceEntry[] = [];
  for (const scope of scopes) {
    const slots = slotsOf(draft, scope);
    numberSlots(slots, options.bis).forEach((next, i) => {
      const slot = slots[i];
      renumbered.set(slot.target, next);
      concordance.push({ old: formatNumber(slot.number), new: formatNumber(next), article: scope?.name, line: draft.lines.lineAt(slot.start) + 1 });
    });
  }

  const occurrences = numberOccurrences(draft);
  const edits: SpanEdit[] = [];
  for (const o of occurrences) {
    if (o.kind !== 'paragraph' || !o.target) continue;
    const next = renumbered.get(o.target);
    if (!next || sameNumber(next, o.number)) continue;
    edits.push({ span: o.span, newText: writeNumberLike(draft.text.slice(o.span.start, o.span.end), next) });
  }

  const newKeys = new Map<string, string>();
  for (const [target, next] of renumbered) newKeys.set(paragraphKey(scopeOf(target), next), formatNumber(next));
  const warnings = occurrences
    .filter((o) => !o.target && o.missingKey !== undefined && newKeys.has(o.missingKey))
    .map((o) => `Line ${draft.lines.lineAt(o.span.start) + 1}: “${formatNumber(o.number)}” named no paragraph before renumbering and names the new paragraph ${newKeys.get(o.missingKey ?? '')} after it.`);
  return { edits: disjointEdits(edits), concordance, warnings };
}

interface Slot {
  readonly target: Paragraph | AlternativeGroup;
  readonly number: DraftNumber;
  readonly start: number;
}

/** The paragraphs of one scope in text order, with alternative groups standing where their original is absent. */
function slotsOf(draft: AnalysedDraft, scope: Article | undefined): Slot[] {
  const slots: Slot[] = [];
  for (const p of draft.paragraphs) {
    if (p.role === 'paragraph' && p.number && p.article === scope) slots.push({ target: p, number: p.number, start: p.span.start });
  }
  for (const g of draft.alternativeGroups) {
    if (g.sub === undefined && !g.original && !g.orphan && g.article === scope) {
      slots.push({ target: g, number: g.target, start: g.alternatives[0].span.start });
    }
  }
  return slots.sort((a, b) => a.start - b.start);
}

function numberSlots(slots: readonly Slot[], bis: 'keep' | 'number'): DraftNumber[] {
  const out: DraftNumber[] = [];
  let next = slots.length > 0 ? slots[0].number.value : 1;
  let base: DraftNumber | undefined;
  let suffixes = 0;
  for (const slot of slots) {
    if (bis === 'keep' && slot.number.suffix !== '' && base) {
      suffixes++;
      const letter = slot.number.suffix.length === 1;
      out.push({ value: base.value, suffix: letter ? String.fromCharCode(96 + Math.min(suffixes, 26)) : LATIN_SUFFIXES[Math.min(suffixes, LATIN_SUFFIXES.length) - 1] });
    } else {
      base = { value: next++, suffix: '' };
      suffixes = 0;
      out.push(base);
    }
  }
  return out;
}

