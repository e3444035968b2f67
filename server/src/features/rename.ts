import type { AnalysedDraft } from '../core/analyse';
import { groupsInPlace, lacksOriginalParagraph, numberAsWritten } from '../core/groups';
import { formatNumber, numberKey, type DraftNumber } from '../core/numberForms';
import { parseNumberName, writeAsTyped } from '../core/numberNames';
import { definitionSpan, numberOccurrences, occurrenceAt, occurrencesOf, paragraphKey, type NumberOccurrence, type NumberedTarget, scopeOf } from '../core/occurrences';
import { disjointEdits, type SpanEdit } from '../core/spanEdits';
import type { AlternativeGroup, Paragraph, TextSpan } from '../core/model';
import { capitalise } from '../core/wording';

export type Refusal = { readonly refused: string };

/**
 * Where a rename may start (NOTATION §7): a paragraph or article number, an `Alt` label's target, or an internal
 * reference. Anything else is refused with a message that says what can be renamed.
 */
export function prepareRename(draft: AnalysedDraft, offset: number): { span: TextSpan; placeholder: string } | Refusal {
  const found = renameTarget(draft, offset);
  if ('refused' in found) return found;
  return { span: found.at.span, placeholder: draft.text.slice(found.at.span.start, found.at.span.end) };
}

/**
 * The edits of a rename: the number and every internal reference and alternative label that names it, nothing else.
 * A number already in use, or one that dangling references already name, is refused before any edit.
 */
export function renameEdits(draft: AnalysedDraft, offset: number, newName: string): SpanEdit[] | Refusal {
  const found = renameTarget(draft, offset);
  if ('refused' in found) return found;
  const { at, occurrences, target } = found;
  const what = at.kind;
  const next = parseNumberName(newName);
  if (!next) {
    return { refused: `“${newName.trim()}” is not a ${what} number: write digits with an optional suffix, such as 45, 45 bis or 45bis.` };
  }
  const current = 'number' in target && target.number ? target.number : at.number;
  const sameNumber = current.value === next.value && current.suffix === next.suffix;
  if (!sameNumber) {
    const taken = what === 'article' ? draft.index.articles.get(numberKey(next)) : draft.index.slot(scopeOf(target), next);
    if (taken && taken !== target) {
      const line = draft.lines.lineAt(definitionSpan(taken).start) + 1;
      return { refused: `${capitalise(what)} ${formatNumber(next)} already exists (line ${line}). Choose a free number, or renumber the draft.` };
    }
    const key = what === 'article' ? `article|${numberKey(next)}` : paragraphKey(scopeOf(target), next);
    // Orphan alternatives name a paragraph that does not exist: renaming to it would quietly make them this one's.
    const orphans = what === 'paragraph' ? draft.alternativeGroups.filter((g) => g.orphan && g.article === scopeOf(target) && numberKey(g.target) === numberKey(next)) : [];
    if (orphans.length > 0) {
      const lines = orphans.flatMap((g) => g.alternatives.map((a) => draft.lines.lineAt(a.span.start) + 1)).join(', ');
      return { refused: `Alternatives on line ${lines} name paragraph ${formatNumber(next)}, which does not exist; renaming to it would make them alternatives to this paragraph. Correct them first.` };
    }
    const dangling = occurrences.filter((o) => !o.target && o.missingKey === key);
    if (dangling.length > 0) {
      const lines = dangling.map((o) => draft.lines.lineAt(o.span.start) + 1).join(', ');
      return {
        refused: `References on line ${lines} already name ${what} ${formatNumber(next)}, which does not exist; renaming to it would make them point at this ${what}. Correct them first.`,
      };
    }
    const moved = what === 'paragraph' && !('title' in target) ? placeChange(draft, target, next) : undefined;
    if (moved) return { refused: moved };
  }
  const unreadable = next.suffix !== '' ? unwritableAltTargets(draft, occurrencesOf(occurrences, at), next.suffix) : [];
  if (unreadable.length > 0) {
    const lines = unreadable.map((u) => draft.lines.lineAt(u.label.start) + 1).join(', ');
    const first = unreadable[0];
    const written = draft.text.slice(first.label.start, first.label.end);
    const many = unreadable.length > 1;
    const where = many ? `The alternatives on lines ${lines}` : `The alternative on line ${lines}`;
    return {
      refused: first.glued
        ? `${where} ${many ? 'write their' : 'writes its'} sub-paragraph right after the number (${written}), where a number with a suffix would not read as one. Write a space between them first, or choose a number without a suffix.`
        : `${where} ${many ? 'name' : 'names'} a sub-paragraph as ${written}, where a number with a letter suffix would not read as one. Choose a number without a suffix or with a Latin one (${next.value} bis).`,
    };
  }
  const typed = newName.trim();
  const edits = occurrencesOf(occurrences, at)
    .map((o): SpanEdit => ({ span: o.span, newText: writeAsTyped(draft.text.slice(o.span.start, o.span.end), next, typed) }))
    .filter((e) => draft.text.slice(e.span.start, e.span.end) !== e.newText);
  return disjointEdits(edits);
}

/**
 * Alternatives without their original stand in its place when their number fits between the paragraphs around them
 * (decisions §3), so renaming a neighbour can make them lose that place (references to them would then name nothing)
 * or take one (they would stop being orphans, and references to their number would name them): such a rename is
 * refused, as is one that takes the renamed alternatives out of their place. Alternatives renamed into a place are
 * what the drafter asked for.
 */
function placeChange(draft: AnalysedDraft, target: Paragraph | AlternativeGroup, next: DraftNumber): string | undefined {
  const scope = scopeOf(target);
  const candidates = draft.alternativeGroups.filter((g) => lacksOriginalParagraph(g) && g.article === scope);
  if (candidates.length === 0) return undefined;
  const after = groupsInPlace(candidates, draft.paragraphs, (x) => (x === target ? next : numberAsWritten(x)));
  for (const g of candidates) {
    const was = !g.orphan;
    const now = after.has(g);
    if (was === now || (g === target && now)) continue;
    const line = draft.lines.lineAt(g.alternatives[0].span.start) + 1;
    const n = formatNumber(g.target);
    if (g === target) return `After this rename the alternatives on line ${line} would stand in for no paragraph: ${formatNumber(next)} does not fit between the paragraphs around them. Choose a number that does, or renumber the draft.`;
    if (was) return `The alternatives to paragraph ${n} on line ${line} stand in for paragraph ${n} because ${n} fits between the paragraphs around them; after this rename it would not, and they would stand in for no paragraph. Choose a number that keeps the order, or renumber the draft.`;
    return `The alternatives to paragraph ${n} on line ${line} stand in for no paragraph; after this rename ${n} would fit between the paragraphs around them, and they would stand in for paragraph ${n}. Correct them first, or choose another number.`;
  }
  return undefined;
}

/**
 * The `Alt` targets where a number with this suffix cannot be written (NOTATION §1 labels): in a sub-paragraph
 * alternative written index-last (`Alt 45g1)`, `Alt 45 g1)`) the target takes no letter suffix (the letter is the
 * sub-paragraph's), and none at all when the sub-paragraph follows the number without a space (`Alt 45 bisg1)`).
 */
function unwritableAltTargets(draft: AnalysedDraft, places: readonly NumberOccurrence[], suffix: string): Array<{ label: TextSpan; glued: boolean }> {
  const subAlternatives = new Map<number, TextSpan>();
  for (const b of draft.blocks) {
    const l = b.label;
    if (l.kind === 'alternative' && l.targetSub !== undefined && l.indexSpan.start > l.targetSpan.start) subAlternatives.set(l.targetSpan.start, b.labelSpan);
  }
  const out: Array<{ label: TextSpan; glued: boolean }> = [];
  for (const o of places) {
    const label = o.role === 'alternative' ? subAlternatives.get(o.span.start) : undefined;
    const glued = isLetterAt(draft.text, o.span.end);
    if (label && (suffix.length === 1 || glued)) out.push({ label, glued });
  }
  return out.sort((a, b) => Number(b.glued) - Number(a.glued));
}

const isLetterAt = (text: string, at: number) => /[A-Za-z]/.test(text[at] ?? '');

function renameTarget(draft: AnalysedDraft, offset: number): { at: NumberOccurrence; occurrences: NumberOccurrence[]; target: NumberedTarget } | Refusal {
  // Anywhere in a reference's phrase counts, the word `paragraph` included.
  const inPhrase = draft.references.filter((r) => r.phrase.start <= offset && offset <= r.phrase.end);
  const external = inPhrase.find((r) => r.external !== undefined);
  if (external) {
    return { refused: `This reference points to ${external.external || 'another document'}: references to other documents are never renamed.` };
  }
  if (!draft.numbered && draft.paragraphs.length > 0) {
    return { refused: 'The paragraphs of this draft are not numbered: they are named by position, and there is no number to rename.' };
  }
  const occurrences = numberOccurrences(draft);
  // On the words of a one-number reference (`para 43`), the number is meant; in a list the cursor must choose.
  const only = inPhrase.length === 1 ? inPhrase[0] : undefined;
  const at = occurrenceAt(occurrences, offset) ?? (only ? occurrenceAt(occurrences, only.span.start) : undefined);
  if (!at) {
    return {
      refused:
        inPhrase.length > 1
          ? 'This reference names several paragraphs: place the cursor on the number to rename.'
          : 'Place the cursor on a paragraph or article number, an Alt label or a reference to a paragraph to rename it.',
    };
  }
  if (!at.target) {
    return { refused: `${capitalise(at.kind)} ${formatNumber(at.number)} does not exist in this draft, so there is nothing to rename; correct the reference instead.` };
  }
  return { at, occurrences, target: at.target };
}

