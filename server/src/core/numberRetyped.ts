import type { AnalysedDraft, LabelFindings } from './analyse';
import { checkNumbering, type NumberingRecord } from './numbering';
import { numberingAround, type KeptNumbering } from './numberingAround';
import { visitItems } from './groups';
import type { Item, Paragraph, Problem } from './model';
import { sameNumber, type DraftNumber } from './numberForms';

/** A paragraph of the window whose number an edit changed, and the number it had. */
export interface RetypedNumber {
  readonly paragraph: Paragraph;
  readonly was: DraftNumber | undefined;
}

/**
 * What the labels decide after an edit changed one paragraph's number and nothing else of the structure (a digit typed
 * into `61.` or taken out of it), when neither its old number nor its new one is carried by any other paragraph or
 * named by any alternative group of its scope, the paragraph has no groups of its own, and no group of the scope
 * stands in for an absent paragraph (what numbers around such a group are decides whether it is in place). Then the
 * groups, and the group problems (`kept.groups`, already moved with the text), are as they were: the number index
 * moves the one paragraph, and only the numbering of paragraphs and articles is read again (sub-paragraph letters keep
 * their problems, `kept.sublabels`), and of those only the numbers around the retyped one when the rest stood in order
 * (core/numberingAround.ts). Reading the groups and the number index of a 1 MB draft again was a tenth of that
 * keystroke. Otherwise undefined, and everything the labels decide is read again.
 *
 * `draft` is the analysis before the edit, its structure kept and its paragraphs already renamed; its index is changed.
 */
export function labelsAfterNumberRetyped(draft: AnalysedDraft, retyped: readonly RetypedNumber[], kept: KeptProblems): LabelFindings | undefined {
  if (retyped.length !== 1) return undefined;
  const { paragraph, was } = retyped[0];
  const now = paragraph.number;
  if (paragraph.role !== 'paragraph' || !was || !now || paragraph.group || hasItemGroup(paragraph.items)) return undefined;
  const carries = (n: DraftNumber) => sameNumber(n, was) || sameNumber(n, now);
  for (const g of draft.alternativeGroups) {
    if (g.article === paragraph.article && ((g.sub === undefined && !g.original) || carries(g.target))) return undefined;
  }
  for (const p of draft.paragraphs) {
    if (p !== paragraph && p.article === paragraph.article && p.role === 'paragraph' && p.number && carries(p.number)) return undefined;
  }
  draft.index.renumber(paragraph, was);
  const { paragraphs, headings, articles, numbered, index, alternativeGroups } = draft;
  let numberingProblems: Problem[] = [];
  let numbering: NumberingRecord | undefined;
  if (numbered) {
    const around = kept.numbering && numberingAround(kept.numbering, paragraph);
    if (around) ({ problems: numberingProblems, record: numbering } = around);
    else numbering = checkNumbering(paragraphs, articles, alternativeGroups, numberingProblems);
    for (const problem of kept.sublabels) numberingProblems.push(problem);
  }
  return { paragraphs, headings, articles, numbered, index, alternativeGroups, groupProblems: kept.groups, numberingProblems, numbering };
}

/**
 * The problems of the analysis before that an edit changing only paragraph numbers leaves as they were, moved with the
 * text: the group problems, and the sub-paragraph letter gaps, which name no paragraph (reading the letters of every
 * paragraph again was a twentieth of such a keystroke).
 */
export interface KeptProblems {
  readonly groups: Problem[];
  readonly sublabels: Problem[];
  /** The paragraph and article numbering before the edit, when only the numbers around a retyped one may need reading again. */
  readonly numbering?: KeptNumbering;
}

/** A numbering problem of sub-paragraph letters, not of paragraph or article numbers (`checkSublabels`). */
export function isSublabelProblem(problem: Problem): boolean {
  return problem.code === 'sublabel-gap';
}

function hasItemGroup(items: readonly Item[]): boolean {
  let found = false;
  if (items.length > 0) visitItems(items, (item) => (found ||= item.group !== undefined));
  return found;
}
