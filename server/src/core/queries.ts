import type { AlternativeGroup, Article, BracketSpan, Draft, Item, Paragraph, Reference, TextSpan } from './model';
import type { BracketTable } from './bracketTable';
import { compareNumbers } from './numberForms';
import { spanAt } from './spanSearch';

/** The paragraph-level unit an offset stands in, if any. */
export function paragraphAt(draft: Draft, offset: number): Paragraph | undefined {
  return spanAt(draft.paragraphs, offset);
}

/** The innermost bracket whose `[` or `]` is at the offset (or just before it, where a cursor stands after it). */
export function bracketAt(draft: Draft, offset: number): BracketSpan | undefined {
  for (const at of [offset, offset - 1]) {
    const c = draft.text.charCodeAt(at);
    if (c !== 91 && c !== 93) continue;
    const row = c === 91 ? draft.brackets.rowOpeningAt(at) : closingAt(draft.brackets, at);
    if (row >= 0) return draft.brackets.at(row);
  }
  return undefined;
}

/** The bracket whose `[` is at `open`: brackets are ordered by their `[`. */
export function bracketOpeningAt(draft: Draft, open: number): BracketSpan | undefined {
  const row = draft.brackets.rowOpeningAt(open);
  return row >= 0 ? draft.brackets.at(row) : undefined;
}

/** The bracket a `]` closes holds every bracket opened between its `[` and that `]`: it is the last one's ancestor. */
function closingAt(brackets: BracketTable, at: number): number {
  for (let row = brackets.firstFrom(at) - 1; row >= 0; row = brackets.parents[row]) {
    if (brackets.closeOf(row) === at) return row;
  }
  return -1;
}

/** The brackets whose `[` lies in a span (a paragraph's, an item's), as objects. */
export function bracketsIn(draft: Draft, span: TextSpan): BracketSpan[] {
  const [from, to] = draft.brackets.rowsWithin(span.start, span.end);
  return draft.brackets.spans(from, to);
}

/** References naming a paragraph, article or alternative group, ends of ranges and numbers inside them included. */
export function referencesTo(draft: Draft, target: Paragraph | Article | AlternativeGroup): Reference[] {
  const direct = draft.references.filter((r) => r.target === target);
  if (!('role' in target) || !target.number) return direct;
  const number = target.number;
  const inRange = draft.references.filter((r) => {
    if (r.target === target || r.rangeEnd === undefined || r.external !== undefined || r.kind !== 'paragraph') return false;
    const lo = compareNumbers(r.number, r.rangeEnd) <= 0 ? r.number : r.rangeEnd;
    const hi = lo === r.number ? r.rangeEnd : r.number;
    const sameScope = (r.target && 'role' in r.target ? r.target.article : undefined) === target.article;
    return r.number === lo && sameScope && compareNumbers(lo, number) < 0 && compareNumbers(number, hi) < 0;
  });
  return [...direct, ...inRange];
}

/** The first words of a paragraph's text after its label, for hovers and completion. */
export function openingText(draft: Draft, unit: Paragraph | Item, maxWords = 25): string {
  const body = draft.text.slice(unit.block.labelSpan.end, unit.span.end).replace(/\s+/g, ' ').trim();
  const words = body.split(' ');
  return words.length > maxWords ? `${words.slice(0, maxWords).join(' ')} …` : body;
}

export function lineOf(draft: Draft, offset: number): number {
  return draft.lines.lineAt(offset) + 1;
}
