import { compareNumbers, formatNumber, numberCode, numberKey, type DraftNumber } from './numberForms';
import { firstFrom, spanAt } from './spanSearch';
import { scopeKey } from './structure';
import { capitalise, plural } from './wording';
import type { AlternativeGroup, Article, Item, OptionGroup, Paragraph, Problem } from './model';
import type { BracketTable } from './bracketTable';

/** Where paragraphs are found by number: one map per article and one for the draft (NOTATION §1 articles). */
export class NumberIndex {
  private readonly scopes = new Map<string, Map<number | string, Paragraph>>();
  private readonly groups = new Map<string, AlternativeGroup>();
  readonly articles = new Map<string, Article>();

  constructor(paragraphs: readonly Paragraph[], articles: readonly Article[]) {
    for (const a of articles) if (!this.articles.has(numberKey(a.number))) this.articles.set(numberKey(a.number), a);
    for (const p of paragraphs) {
      if (p.role !== 'paragraph' || !p.number) continue;
      const scope = this.scope(scopeKey(p.article));
      const code = numberCode(p.number);
      if (!scope.has(code)) scope.set(code, p);
    }
  }

  paragraph(article: Article | undefined, n: DraftNumber): Paragraph | undefined {
    return this.scopes.get(scopeKey(article))?.get(numberCode(n));
  }

  /** A paragraph, or the alternative group standing in its place when the original is absent. */
  slot(article: Article | undefined, n: DraftNumber): Paragraph | AlternativeGroup | undefined {
    return this.paragraph(article, n) ?? this.groups.get(groupKey(article, n));
  }

  /** A paragraph that was the only one of its scope to carry `was` now carries its new number, which no other carries. */
  renumber(p: Paragraph, was: DraftNumber): void {
    const scope = this.scope(scopeKey(p.article));
    scope.delete(numberCode(was));
    if (p.number) scope.set(numberCode(p.number), p);
  }

  addGroup(group: AlternativeGroup): void {
    if (group.sub === undefined && !group.orphan) this.groups.set(groupKey(group.article, group.target), group);
  }

  private scope(key: string): Map<number | string, Paragraph> {
    let scope = this.scopes.get(key);
    if (!scope) this.scopes.set(key, (scope = new Map()));
    return scope;
  }
}

function groupKey(article: Article | undefined, n: DraftNumber, sub?: string): string {
  return `${scopeKey(article)}|${numberKey(n)}|${sub ?? ''}`;
}

/**
 * Gathers the alternatives to one target into a group with its original (NOTATION §3): `Alt k N.` paragraphs,
 * `Alt N g1)` items and `g1)`/`g2)` sub-paragraph variants. Reports orphans and repeated or skipped indices.
 */
export function buildAlternativeGroups(paragraphs: readonly Paragraph[], index: NumberIndex, problems: Problem[]): AlternativeGroup[] {
  const groups = new Map<string, AlternativeGroup>();
  const order: AlternativeGroup[] = [];
  const groupFor = (article: Article | undefined, target: DraftNumber, sub: string | undefined): AlternativeGroup => {
    const key = groupKey(article, target, sub);
    let group = groups.get(key);
    if (!group) {
      const inArticle = article ? `${article.name}, ` : '';
      group = {
        id: order.length,
        target,
        sub,
        article,
        alternatives: [],
        indices: [],
        orphan: false,
        name: sub ? `${inArticle}sub-paragraph ${formatNumber(target)} (${sub})` : `${inArticle}paragraph ${formatNumber(target)}`,
      };
      groups.set(key, group);
      order.push(group);
    }
    return group;
  };

  for (const p of paragraphs) {
    const label = p.block.label;
    if (p.role === 'alternative' && label.kind === 'alternative') {
      const group = groupFor(p.article, label.target, label.targetSub);
      group.alternatives.push(p);
      group.indices.push(label.index);
      p.group = group;
    }
    if (p.items.length > 0) visitItems(p.items, (item) => {
      const l = item.block.label;
      if (l.kind === 'alternative' && l.targetSub !== undefined) {
        const group = groupFor(p.article, l.target, l.targetSub);
        group.alternatives.push(item);
        group.indices.push(l.index);
        item.group = group;
      } else if (l.kind === 'subparagraph' && l.variant !== undefined && p.number && p.role === 'paragraph') {
        const group = groupFor(p.article, p.number, l.letter);
        group.alternatives.push(item);
        group.indices.push(l.variant);
        item.group = group;
      }
    });
  }

  for (const group of order) {
    if (group.sub === undefined) group.original = index.paragraph(group.article, group.target);
  }
  const inPlace = groupsInPlace(order.filter(lacksOriginalParagraph), paragraphs);
  for (const group of order) {
    if (group.sub === undefined) {
      if (group.original) group.original.group = group;
      else group.orphan = !inPlace.has(group);
    } else {
      const container = index.paragraph(group.article, group.target);
      const original = container ? findSubItem(container.items, group.sub) : undefined;
      group.original = original;
      if (original) original.group = group;
      const first = group.alternatives[0];
      const inside = container !== undefined && first.span.start >= container.span.start && first.span.start <= container.span.end;
      const targetSlotExists = container !== undefined || paragraphs.some((p) => p.role === 'alternative' && p.number && compareNumbers(p.number, group.target) === 0);
      group.orphan = !targetSlotExists || (!original && !inside);
    }
    index.addGroup(group);
    reportGroup(group, problems);
  }
  return order;
}

/** A group of paragraph alternatives whose original paragraph is absent: it may stand in that paragraph's place. */
export function lacksOriginalParagraph(group: AlternativeGroup): boolean {
  return group.sub === undefined && !group.original;
}

/** The number a paragraph or a group carries; renumbering and rename ask with the numbers they are about to write. */
export type NumberOf = (x: Paragraph | AlternativeGroup) => DraftNumber;

/** The number a paragraph or a group carries in the text as it stands. */
export const numberAsWritten: NumberOf = (x) => ('role' in x ? x.number! : x.target);

/**
 * Which alternative groups without their original stand in the original's place (decisions §3): between two numbered
 * paragraphs of their scope, those whose number fits between them; at a scope's start or end, those that are the next
 * number after the paragraph next to them or after another group standing in its place there (`Alt 1 1.`, `Alt 1 2.`,
 * `3.`: both stand in a place). `candidates` are paragraph-level groups without an original.
 */
export function groupsInPlace(candidates: readonly AlternativeGroup[], paragraphs: readonly Paragraph[], numberOf: NumberOf = numberAsWritten): Set<AlternativeGroup> {
  const scopes = new Map<Article | undefined, Paragraph[]>();
  for (const p of paragraphs) {
    if (p.role !== 'paragraph' || !p.number) continue;
    let scope = scopes.get(p.article);
    if (!scope) scopes.set(p.article, (scope = []));
    scope.push(p);
  }
  // The groups in each gap between two paragraphs of a scope (or before the first, or after the last), in text order.
  const gaps = new Map<Article | undefined, Map<number, AlternativeGroup[]>>();
  const ordered = [...candidates].sort((a, b) => a.alternatives[0].span.start - b.alternatives[0].span.start);
  for (const group of ordered) {
    // The gap is before the first paragraph of the scope that starts after the group's first alternative.
    const at = firstFrom(scopes.get(group.article) ?? [], (p) => p.span.start, group.alternatives[0].span.start + 1);
    let inScope = gaps.get(group.article);
    if (!inScope) gaps.set(group.article, (inScope = new Map()));
    const gap = inScope.get(at);
    if (gap) gap.push(group);
    else inScope.set(at, [group]);
  }
  const inPlace = new Set<AlternativeGroup>();
  for (const [article, inScope] of gaps) {
    const scope = scopes.get(article) ?? [];
    for (const [at, groups] of inScope) placeGap(groups, at > 0 ? numberOf(scope[at - 1]) : undefined, at < scope.length ? numberOf(scope[at]) : undefined, numberOf, inPlace);
  }
  return inPlace;
}

/** The groups of one gap that stand in a place, given the numbers of the paragraphs before and after the gap. */
function placeGap(groups: readonly AlternativeGroup[], before: DraftNumber | undefined, after: DraftNumber | undefined, numberOf: NumberOf, inPlace: Set<AlternativeGroup>): void {
  if (before && after) {
    for (const g of groups) if (compareNumbers(before, numberOf(g)) < 0 && compareNumbers(numberOf(g), after) < 0) inPlace.add(g);
  } else if (before) {
    let last = before;
    for (const g of groups) {
      const t = numberOf(g);
      if (compareNumbers(last, t) < 0 && t.value - last.value <= 1) {
        inPlace.add(g);
        last = t;
      }
    }
  } else if (after) {
    let next = after;
    for (const g of [...groups].reverse()) {
      const t = numberOf(g);
      if (compareNumbers(t, next) < 0 && next.value - t.value <= 1) {
        inPlace.add(g);
        next = t;
      }
    }
  } else {
    for (const g of groups) inPlace.add(g);
  }
}

function reportGroup(group: AlternativeGroup, problems: Problem[]): void {
  if (group.orphan) {
    for (const alt of group.alternatives) {
      const label = alt.block.label;
      const span = label.kind === 'alternative' ? label.targetSpan : alt.block.labelSpan;
      problems.push({
        code: 'orphan-alternative',
        span,
        message: `This alternative is for ${group.name}, which does not exist${group.sub ? '' : ' and whose place this is not'}.`,
      });
    }
  }
  const seen = new Set<number>();
  let highest = 0;
  group.indices.forEach((index, i) => {
    const alt = group.alternatives[i];
    const label = alt.block.label;
    const span = label.kind === 'alternative' ? label.indexSpan : alt.block.labelSpan;
    if (seen.has(index)) {
      problems.push({ code: 'alternative-numbering', span, message: `Alt ${index} to ${group.name} is repeated.` });
    } else if (index !== highest + 1) {
      const missing = index > highest + 1 ? `Alt ${highest + 1}` : `the order`;
      problems.push({ code: 'alternative-numbering', span, message: `Alt ${index} to ${group.name} skips ${missing}.` });
    }
    seen.add(index);
    highest = Math.max(highest, index);
  });
}

/** The sub-paragraph with this letter (not a variant such as `g1)`), at any depth. */
export function findSubItem(items: readonly Item[], letter: string): Item | undefined {
  let found: Item | undefined;
  visitItems(items, (item) => {
    const l = item.block.label;
    if (!found && l.kind === 'subparagraph' && l.letter === letter && l.variant === undefined) found = item;
  });
  return found;
}

export function visitItems(items: readonly Item[], visit: (item: Item) => void): void {
  for (const item of items) {
    visit(item);
    visitItems(item.children, visit);
  }
}

/**
 * `Option 1:` items of one paragraph form a group; numbering back at 1 starts another. For the paragraphs [from, to)
 * only, when a re-analysis keeps the others' groups (`KeptParagraphFacts` in core/analyse.ts).
 */
export function buildOptionGroups(paragraphs: readonly Paragraph[], from = 0, to = paragraphs.length): OptionGroup[] {
  const all: OptionGroup[] = [];
  const close = (p: Paragraph, options: Item[]) => {
    const group = { paragraph: p, options, span: { start: options[0].span.start, end: options[options.length - 1].span.end } };
    p.optionGroups.push(group);
    all.push(group);
  };
  for (let i = from; i < to; i++) {
    const p = paragraphs[i];
    if (p.optionGroups.length > 0) p.optionGroups = [];
    let current: Item[] | undefined;
    for (const item of p.items) {
      const l = item.block.label;
      if (l.kind !== 'option') continue;
      if (current && (l.index === '1' || l.index === 'A')) {
        close(p, current);
        current = undefined;
      }
      if (current) current.push(item);
      else current = [item];
    }
    if (current) close(p, current);
  }
  return all;
}

/** `agreed-with-brackets` problems in paragraph order, each with the index of the paragraph it is about. */
export interface StatusProblems {
  readonly problems: Problem[];
  readonly owners: number[];
}

/**
 * Status (NOTATION §4): open when the paragraph holds a bracket, an option group or an alternative group;
 * agreed when it ends in a marker and is not open; pending otherwise.
 *
 * Status and the `agreed-with-brackets` problems are decided for the paragraphs [from, to): all of them, unless a
 * re-analysis kept the others' groups and markers, and so their status (`KeptParagraphFacts`).
 */
export function assignStatus(
  paragraphs: readonly Paragraph[],
  brackets: BracketTable,
  groups: readonly AlternativeGroup[],
  found: StatusProblems,
  from = 0,
  to = paragraphs.length,
): void {
  const hasSubGroup = new Set<Paragraph>();
  for (const g of groups) {
    if (g.sub === undefined) continue;
    for (const alt of g.alternatives) {
      // Paragraphs are in text order and never overlap (items belong to the paragraph before them): the owner is the
      // last paragraph starting at or before the alternative, if it reaches it.
      const owner = spanAt(paragraphs, alt.span.start);
      if (owner && alt.span.start < owner.span.end) hasSubGroup.add(owner);
    }
  }
  // Paragraphs never overlap and come in text order, as brackets do: each finds how many brackets it holds by binary
  // search from where the one before it ended, as walking past the other paragraphs' twenty thousand brackets to reach
  // those of the few an edit read again was a tenth of a keystroke.
  const problems = found.problems;
  let next = 0;
  for (let i = from; i < to; i++) {
    const p = paragraphs[i];
    const reported = problems.length;
    const inGroup = p.group !== undefined && (p.role === 'alternative' || p.group.alternatives.length > 0);
    const alternatives = inGroup || hasSubGroup.has(p);
    const first = brackets.firstFrom(p.span.start, next);
    next = brackets.firstFrom(p.span.end, first);
    const held = next - first;
    const open = held > 0 || p.optionGroups.length > 0 || alternatives;
    p.status = open ? 'open' : p.marker ? 'agreed' : 'pending';
    if (p.marker && p.status === 'open') {
      const reasons: string[] = [];
      if (held > 0) reasons.push(plural(held, 'bracket'));
      if (p.optionGroups.length > 0) reasons.push(plural(p.optionGroups.length, 'option group'));
      if (alternatives) reasons.push('alternatives');
      problems.push({
        code: 'agreed-with-brackets',
        span: p.marker.span,
        message: `${capitalise(p.name)} is marked ${p.marker.text} but still holds ${reasons.join(', ')}.`,
      });
    }
    if (p.items.length > 0) reportMarkedItems(p.items, p, brackets, problems);
    for (let k = reported; k < problems.length; k++) found.owners.push(i);
  }
}

/** A sub-paragraph marked agreed that still holds brackets (its paragraph's own marker is the paragraph's to report). */
function reportMarkedItems(items: readonly Item[], p: Paragraph, brackets: BracketTable, problems: Problem[]): void {
  for (const item of items) {
    if (item.marker && item.marker !== p.marker) {
      const [from, to] = brackets.rowsWithin(item.span.start, item.span.end);
      const inside = to - from;
      if (inside > 0) {
        problems.push({
          code: 'agreed-with-brackets',
          span: item.marker.span,
          message: `This sub-paragraph is marked ${item.marker.text} but still holds ${plural(inside, 'bracket')}.`,
        });
      }
    }
    if (item.children.length > 0) reportMarkedItems(item.children, p, brackets, problems);
  }
}
