import type { AnalysedDraft } from '../core/analyse';
import { formatNumber, LATIN_SUFFIXES, numberKey, sameNumber, type DraftNumber } from '../core/numberForms';
import { parseNumberName, writeNumberLike } from '../core/numberNames';
import { numberOccurrences, paragraphKey, type NumberedTarget, scopeOf } from '../core/occurrences';
import { disjointEdits, type SpanEdit } from '../core/spanEdits';
import { groupsInPlace, lacksOriginalParagraph, numberAsWritten } from '../core/groups';
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
 * standing in for an absent original keep their place in the sequence; orphan alternatives are left as they are, and
 * the numbers they name are left out of the sequence, so that no paragraph takes them over (decisions §7). Orphans
 * that come to stand in a place, and dangling references that come to name something, are listed as warnings.
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
  // What the search for jumps that keep alternatives in place may read, over all scopes: a crowd of orphans in every
  // article of a large draft cannot make renumbering slow.
  const reading = { budget: 2_000_000 };
  /** The line a warning names: where a paragraph, item or reference stands. */
  const lineNumber = (o: { span: { start: number } }) => draft.lines.lineAt(o.span.start) + 1;
  const skipped: string[] = [];
  // The groups without their original that stand in a place once renumbered, as the search left each scope.
  const inPlace = new Set<AlternativeGroup>();
  const parts = scopeParts(draft);
  for (const scope of scopes) {
    const part = parts.get(scope) ?? { paragraphs: [], groups: [] };
    const slots = slotsOf(part);
    const reserved = orphanNumbers(draft, scope, part.groups);
    const { numbers, leftOut, inPlace: placed } = numberScope(part, slots, options.bis, reserved, reading);
    for (const g of placed) inPlace.add(g);
    for (const key of leftOut) {
      for (const g of reserved.get(key) ?? []) {
        const line = lineNumber(g.alternatives[0]);
        skipped.push(`Line ${line}: ${formatNumber(g.target)} is left out of the new numbering: the alternatives on this line name it, and no paragraph has it.`);
      }
    }
    numbers.forEach((next, i) => {
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
  for (const [target, next] of renumbered) newKeys.set(paragraphKey(scopeOf(target), next), `the new paragraph ${formatNumber(next)}`);
  // Orphans keep their numbers, but the paragraphs around them change theirs: an orphan can come to stand in a place.
  const candidates = draft.alternativeGroups.filter((g) => lacksOriginalParagraph(g) && scopes.includes(g.article));
  const warnings: string[] = [];
  for (const g of inPlace) {
    if (!g.orphan) continue;
    newKeys.set(paragraphKey(g.article, g.target), `the alternatives to paragraph ${formatNumber(g.target)}`);
    warnings.push(`Line ${lineNumber(g.alternatives[0])}: the alternatives to paragraph ${formatNumber(g.target)} stood in for no paragraph before renumbering and stand in for paragraph ${formatNumber(g.target)} after it.`);
  }
  // And the other way: a group standing in a place could lose it (`Alt 1 9.`, orphan `Alt 1 8.`, `10 bis.` renumbered
  // `9 bis.`: 8 would fit before 9 bis, and 9 no longer would). `numberScope` jumps the sequence to prevent that; where
  // no jump it tries helps, the references to the group name nothing after, and the drafter is told.
  const displacedGroups = candidates.filter((g) => !g.orphan && !inPlace.has(g));
  const displaced = new Set<NumberedTarget>(displacedGroups);
  for (const g of displacedGroups) {
    warnings.push(`Line ${lineNumber(g.alternatives[0])}: the alternatives to paragraph ${formatNumber(g.target)} stood in for paragraph ${formatNumber(g.target)} before renumbering and stand in for no paragraph after it.`);
  }
  // References whose meaning renumbering changes: to displaced alternatives, and dangling ones that come to name something.
  for (const o of occurrences) {
    if (o.role === 'reference' && o.target && displaced.has(o.target)) {
      warnings.push(`Line ${lineNumber(o)}: “${formatNumber(o.number)}” named the alternatives to paragraph ${formatNumber(o.number)} before renumbering and names no paragraph after it.`);
    } else if (!o.target && o.missingKey !== undefined && newKeys.has(o.missingKey)) {
      warnings.push(`Line ${lineNumber(o)}: “${formatNumber(o.number)}” named no paragraph before renumbering and names ${newKeys.get(o.missingKey)} after it.`);
    }
  }
  return { edits: disjointEdits(edits), concordance, warnings: [...skipped, ...warnings].sort(byLine) };
}

const byLine = (a: string, b: string) => lineOf(a) - lineOf(b);
const lineOf = (warning: string) => Number(/^Line (\d+)/.exec(warning)?.[1] ?? 0);

/**
 * The numbers orphan alternatives of a scope name (`Alt 1 7.` with no place for 7; `Alt 7 g1)` with no paragraph 7):
 * a paragraph renumbered to one of them would quietly take the orphans over, so the sequence leaves them out.
 */
function orphanNumbers(draft: AnalysedDraft, scope: Article | undefined, groups: readonly AlternativeGroup[]): Map<string, AlternativeGroup[]> {
  const out = new Map<string, AlternativeGroup[]>();
  for (const g of groups) {
    if (!g.orphan) continue;
    if (g.sub !== undefined && draft.index.slot(scope, g.target)) continue;
    const key = numberKey(g.target);
    out.set(key, [...(out.get(key) ?? []), g]);
  }
  return out;
}

interface Slot {
  readonly target: Paragraph | AlternativeGroup;
  readonly number: DraftNumber;
  readonly start: number;
}

/** The paragraphs and alternative groups of one scope (the draft, or an article), in text order. */
interface ScopePart {
  readonly paragraphs: Paragraph[];
  readonly groups: AlternativeGroup[];
}

/** Each scope's part, read in one pass: a draft of 300 articles asked each article for its own in turn. */
function scopeParts(draft: AnalysedDraft): Map<Article | undefined, ScopePart> {
  const parts = new Map<Article | undefined, ScopePart>();
  const partOf = (scope: Article | undefined) => {
    let part = parts.get(scope);
    if (!part) parts.set(scope, (part = { paragraphs: [], groups: [] }));
    return part;
  };
  for (const p of draft.paragraphs) partOf(p.article).paragraphs.push(p);
  for (const g of draft.alternativeGroups) partOf(g.article).groups.push(g);
  return parts;
}

/** The paragraphs of one scope in text order, with alternative groups standing where their original is absent. */
function slotsOf(part: ScopePart): Slot[] {
  const slots: Slot[] = [];
  for (const p of part.paragraphs) {
    if (p.role === 'paragraph' && p.number) slots.push({ target: p, number: p.number, start: p.span.start });
  }
  for (const g of part.groups) {
    if (lacksOriginalParagraph(g) && !g.orphan) {
      slots.push({ target: g, number: g.target, start: g.alternatives[0].span.start });
    }
  }
  return slots.sort((a, b) => a.start - b.start);
}

/**
 * The new numbers of a scope's slots, leaving out the numbers orphans name. Alternatives at a scope's start or end
 * stand in a place only as the next number (decisions §3), so a number left out inside such a run, or an orphan whose
 * number comes to fit beside the paragraph next to the run, would take their place: then the sequence jumps by a few
 * numbers around the run (`jumpPlaces`) or at the scope's start, choosing the jumps that keep every group in its place,
 * then the scope's first number, then orphans out of places, and the numbering is tried again.
 */
function numberScope(part: ScopePart, slots: readonly Slot[], bis: 'keep' | 'number', reserved: ReadonlyMap<string, unknown>, reading: { budget: number }): { numbers: DraftNumber[]; leftOut: Set<string>; inPlace: ReadonlySet<AlternativeGroup> } {
  const candidates = part.groups.filter(lacksOriginalParagraph);
  const paragraphs = part.paragraphs;
  const attempt = (gaps: ReadonlyMap<number, number>) => {
    const leftOut = new Set<string>();
    const { numbers, bases } = numberSlots(slots, bis, gaps, (n) => {
      const taken = reserved.has(numberKey(n));
      if (taken) leftOut.add(numberKey(n));
      return taken;
    });
    if (candidates.length === 0) return { gaps, numbers, bases, leftOut, inPlace: new Set<AlternativeGroup>(), lost: [], intruders: 0 };
    const renumbered = new Map<Paragraph | AlternativeGroup, DraftNumber>(slots.map((slot, i) => [slot.target, numbers[i]]));
    const inPlace = groupsInPlace(candidates, paragraphs, (x) => renumbered.get(x) ?? numberAsWritten(x));
    const lost = slots.flatMap((slot, i) => ('role' in slot.target || inPlace.has(slot.target) ? [] : [i]));
    const intruders = candidates.filter((g) => g.orphan && inPlace.has(g)).length;
    return { gaps, numbers, bases, leftOut, inPlace, lost, intruders };
  };
  type Attempt = ReturnType<typeof attempt>;
  // Groups out of their place first (their references would name nothing), then a scope that no longer starts at its
  // first paragraph's number (every number would change), then orphans brought into a place (the drafter is told).
  const movesStart = (a: Attempt) => ((a.gaps.get(0) ?? 0) > 0 ? 1 : 0);
  const worse = (a: Attempt, b: Attempt) => a.lost.length - b.lost.length || movesStart(a) - movesStart(b) || a.intruders - b.intruders;
  const jumpsFrom = (from: Attempt): Attempt[] => {
    const out: Attempt[] = [];
    const places = new Set([...from.lost.slice(0, 3).flatMap((lost) => jumpPlaces(slots, from.bases, lost)), 0]);
    for (const at of places) {
      for (let size = 1; size <= Math.min(reserved.size + 2, 10) && reading.budget > 0; size++, reading.budget -= slots.length + paragraphs.length + candidates.length) {
        out.push(attempt(new Map(from.gaps).set(at, (from.gaps.get(at) ?? 0) + size)));
      }
    }
    return out;
  };
  const first = attempt(new Map());
  // Each round adds the jump that leaves fewest groups out of their place, or two jumps when no single one helps (a run
  // at the start and one at the end of a scope can both need one); rounds end when nothing helps. When keeping the
  // scope's start leaves a group out, the search runs again without that preference.
  const search = (order: (a: Attempt, b: Attempt) => number) => {
    const bestOf = (tried: Attempt[], than: Attempt) => tried.reduce<Attempt | undefined>((b, t) => (order(t, b ?? than) < 0 ? t : b), undefined);
    let best = first;
    for (let round = 0; best.lost.length > 0 && round <= best.lost.length + reserved.size + 1; round++) {
      const singles = jumpsFrom(best);
      const next = bestOf(singles, best) ?? bestOf(singles.filter((s) => s.lost.length > 0).flatMap(jumpsFrom), best);
      if (!next) break;
      best = next;
    }
    return best;
  };
  const kept = search(worse);
  if (kept.lost.length === 0) return kept;
  const moved = search((a, b) => a.lost.length - b.lost.length || a.intruders - b.intruders);
  return moved.lost.length < kept.lost.length ? moved : kept;
}

/**
 * Where a jump in the sequence could give the group at slot `lost` its place back, most usual first: before the
 * paragraph next to its run (the number left out goes there), before the run, before the group, after it.
 */
function jumpPlaces(slots: readonly Slot[], bases: readonly boolean[], lost: number): number[] {
  const isParagraph = (i: number) => 'role' in slots[i].target;
  let before = lost;
  while (before > 0 && !(bases[before] && isParagraph(before))) before--;
  let runStart = lost;
  while (runStart > 0 && !isParagraph(runStart - 1)) runStart--;
  let after = lost + 1;
  while (after < slots.length && !bases[after]) after++;
  return [...new Set([before, runStart, lost, after])].filter((i) => i < slots.length);
}

/** The new numbers of a scope's slots, in order; none is `reserved`; the sequence jumps by `gaps.get(i)` before slot i. */
function numberSlots(slots: readonly Slot[], bis: 'keep' | 'number', gaps: ReadonlyMap<number, number>, reserved: (n: DraftNumber) => boolean): { numbers: DraftNumber[]; bases: boolean[] } {
  const out: DraftNumber[] = [];
  const bases: boolean[] = [];
  let next = slots.length > 0 ? slots[0].number.value : 1;
  let base: DraftNumber | undefined;
  let suffixes = 0;
  for (const [i, slot] of slots.entries()) {
    next += gaps.get(i) ?? 0;
    bases.push(!(bis === 'keep' && slot.number.suffix !== '' && base));
    if (!bases[i]) {
      const letter = slot.number.suffix.length === 1;
      const suffixed = () => ({ value: base!.value, suffix: letter ? String.fromCharCode(96 + Math.min(suffixes, 26)) : LATIN_SUFFIXES[Math.min(suffixes, LATIN_SUFFIXES.length) - 1] });
      do suffixes++;
      while (reserved(suffixed()) && suffixes < (letter ? 26 : LATIN_SUFFIXES.length));
      out.push(suffixed());
    } else {
      while (reserved({ value: next, suffix: '' })) next++;
      base = { value: next++, suffix: '' };
      suffixes = 0;
      out.push(base);
    }
  }
  return { numbers: out, bases };
}

