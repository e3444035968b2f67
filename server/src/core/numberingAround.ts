import { checkSequence, numberedOf, outOfPlaceIn, type NumberingRecord, type Numbered } from './numbering';
import { scopeKey } from './structure';
import type { Paragraph, Problem, TextSpan } from './model';

/** How many numbers on either side of a retyped one are read again with it (see `numberingAround`). */
const READ_AROUND = 3;

/** The paragraph and article numbering before an edit that retyped one paragraph number, as `numberingAround` needs it. */
export interface KeptNumbering {
  readonly record: NumberingRecord;
  /** The problems (sub-paragraph letters' excluded), moved with the text; undefined where one overlapped the edit. */
  readonly problems: ReadonlyArray<Problem | undefined>;
  /** Where the edit stood in the text before it. */
  readonly edit: TextSpan;
  /** How much longer the edit made the text. */
  readonly delta: number;
}

/** The numbering problems and record after a number was retyped, as reading the whole scope again would give them. */
export interface NumberingAround {
  readonly problems: Problem[];
  readonly record: NumberingRecord;
}

/**
 * The paragraph and article numbering problems after one paragraph's number was retyped alone (core/numberRetyped.ts),
 * reading only the numbers around it; or undefined when that might not give what reading the whole scope gives.
 *
 * It gives the same when every other number of the paragraph's scope stood in order with none repeated (its record
 * says so) and the new number repeats none (core/numberRetyped.ts makes sure). Those others then still stand in order,
 * so the longest run in order holds all numbers but at most one: the retyped number, or the neighbour it passed when
 * the number beyond that neighbour still lies beyond it. Which of the two stands is decided by the numbers next to them
 * and by which values lie between those, all within two places of the retyped number. Every number further off stands,
 * before and after, after the same number as before, and keeps its problem. So the numbers from three places before
 * it to three after are read as a sequence of their own, and the problems of those from two places before it on
 * replace the ones they had (the first of them has no number before it there: its own problem is kept).
 *
 * Reading the whole scope again was a fifth of a digit typed into a paragraph number of 1 MB.
 */
export function numberingAround(kept: KeptNumbering, paragraph: Paragraph): NumberingAround | undefined {
  const { record, problems: previous, edit, delta } = kept;
  const key = scopeKey(paragraph.article);
  const at = record.scopes.findIndex((s) => s.key === key);
  if (at < 0) return undefined;
  const scope = record.scopes[at];
  if (scope.outOfPlace !== null && scope.outOfPlace !== paragraph) return undefined;
  const entries = scope.entries;
  const i = entries.indexOf(paragraph);
  if (i < 0) return undefined;
  const from = Math.max(0, i - READ_AROUND);
  const to = Math.min(entries.length, i + READ_AROUND + 1);
  const window: Numbered[] = [];
  for (let w = from; w < to; w++) window.push(numberedOf(entries[w]));
  // The problems read again start after the window's first number, unless that is the scope's first: the window has no
  // number before it, so its own problem is kept.
  const start = window[from > 0 ? 1 : 0].span.start;
  const end = window[window.length - 1].span.end;
  // A problem the edit overlapped (undefined in `previous`) must be one of those read again.
  if (edit.start < start || edit.end > end - delta) return undefined;

  let first = 0;
  for (let s = 0; s < at; s++) first += record.scopes[s].problems;
  const own = first + scope.problems;
  if (own > previous.length) return undefined;
  const problems: Problem[] = [];
  for (let k = 0; k < first; k++) if (!pushKept(previous[k], problems)) return undefined;
  let k = first;
  for (; k < own && (previous[k]?.span.end ?? end) <= start; k++) problems.push(previous[k]!);
  // Those of the numbers read again are left behind.
  while (k < own && (previous[k]?.span.start ?? start) < end) k++;
  const read: Problem[] = [];
  const out = checkSequence(window, 'paragraph', read);
  for (const problem of read) if (problem.span.start >= start) problems.push(problem);
  const count = problems.length - first + (own - k);
  for (; k < previous.length; k++) if (!pushKept(previous[k], problems)) return undefined;

  const scopes = record.scopes.slice();
  scopes[at] = { key, entries, problems: count, outOfPlace: outOfPlaceIn(entries, out, from) };
  return { problems, record: { scopes } };
}

function pushKept(problem: Problem | undefined, problems: Problem[]): boolean {
  if (problem === undefined) return false;
  problems.push(problem);
  return true;
}
