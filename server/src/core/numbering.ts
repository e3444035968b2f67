import { compareNumbers, formatNumber, numberCode, suffixRank, romanValue, type DraftNumber } from './numberForms';
import { scopeKey } from './structure';
import { capitalise } from './wording';
import { firstFrom } from './spanSearch';
import { lastOf } from './lastOf';
import { lacksOriginalParagraph, visitItems } from './groups';
import type { AlternativeGroup, Article, Item, Paragraph, Problem, TextSpan } from './model';

/** A number of a sequence, as its problems name it. */
export interface Numbered {
  readonly number: DraftNumber;
  readonly span: TextSpan;
  readonly name: string;
  readonly line: number;
}

/**
 * How one scope's paragraph numbers read, kept with the analysis: in a scope whose other numbers all stand in order,
 * a number retyped alone needs only the numbers around it read again (core/numberingAround.ts).
 */
export interface ScopeNumbering {
  readonly key: string;
  /** The paragraphs whose numbers make the scope's sequence, in its order (an alternative standing in for its absent original included). */
  readonly entries: readonly Paragraph[];
  /** How many of the numbering problems are this scope's: they follow those of the scopes before it. */
  readonly problems: number;
  /**
   * The paragraph whose number is out of order when it is the only one and no number repeats; null when every number
   * stands in order and none repeats; undefined otherwise.
   */
  readonly outOfPlace: Paragraph | null | undefined;
}

/** How `checkNumbering` read each scope, in the order their problems come (the articles' own come after). */
export interface NumberingRecord {
  readonly scopes: readonly ScopeNumbering[];
}

/**
 * Paragraph numbers per scope (the draft, or each article), and article numbers across the draft:
 * duplicates, gaps and order (NOTATION §6). An alternative group standing in for an absent original takes its
 * place in the sequence. `61 bis` follows 61 without a gap; `61 ter` straight after 61 skips `bis`.
 */
export function checkNumbering(paragraphs: readonly Paragraph[], articles: readonly Article[], groups: readonly AlternativeGroup[], problems: Problem[]): NumberingRecord {
  const scopes = new Map<string, { numbered: Numbered[]; entries: Paragraph[] }>();
  // Paragraphs of one scope stand together: the lists of the last one's scope are kept at hand.
  let lastKey: string | undefined;
  let last = { numbered: [] as Numbered[], entries: [] as Paragraph[] };
  const add = (key: string, p: Paragraph) => {
    if (key !== lastKey) {
      lastKey = key;
      let scope = scopes.get(key);
      if (!scope) scopes.set(key, (scope = { numbered: [], entries: [] }));
      last = scope;
    }
    last.numbered.push(numberedOf(p));
    last.entries.push(p);
  };
  const slots = new Set(groups.filter((g) => lacksOriginalParagraph(g) && !g.orphan).map((g) => g.alternatives[0]));
  for (const p of paragraphs) {
    const isSlot = p.role === 'alternative' && slots.has(p);
    if ((p.role !== 'paragraph' && !isSlot) || !p.number) continue;
    add(scopeKey(p.article), p);
  }
  const record: ScopeNumbering[] = [];
  for (const [key, { numbered, entries }] of scopes) {
    const before = problems.length;
    const out = checkSequence(numbered, 'paragraph', problems);
    record.push({ key, entries, problems: problems.length - before, outOfPlace: outOfPlaceIn(entries, out) });
  }
  checkSequence(
    articles.map((a) => ({ number: a.number, span: a.block.label.kind === 'article' ? a.block.label.numberSpan : a.block.labelSpan, name: a.name, line: a.block.firstLine })),
    'article',
    problems,
  );
  return { scopes: record };
}

/** A numbered paragraph (or an alternative standing in for its original) as its scope's sequence holds it. */
export function numberedOf(p: Paragraph): Numbered {
  const label = p.block.label;
  const span = label.kind === 'paragraph' ? label.numberSpan : label.kind === 'alternative' ? label.targetSpan : p.block.labelSpan;
  return { number: p.number!, span, name: p.name, line: p.block.firstLine };
}

/**
 * What a scope's record says of `checkSequence`'s answer (see `ScopeNumbering.outOfPlace`), for a sequence of the
 * entries from `offset` on.
 */
export function outOfPlaceIn(entries: readonly Paragraph[], out: number, offset = 0): Paragraph | null | undefined {
  return out === IN_ORDER ? null : out >= 0 ? entries[offset + out] : undefined;
}

/** `checkSequence`'s answer when every number stands in order and none repeats. */
const IN_ORDER = -1;
/** Its answer when more than one number is out of order, or one repeats. */
const SEVERAL = -2;

/**
 * Duplicates first; then the longest run of numbers in order (of two as long, the one that leaves fewer numbers
 * missing, then the earlier) stands, and every number outside it is out of order. Typing a digit into paragraph 1000
 * of 2,000 (`10005`) thus flags that one number, not the 990 after it that are lower than it; and gaps are read between
 * the numbers that stand. Returns the index of the one number out of order when every other stands and none repeats,
 * IN_ORDER when all stand and none repeats, or SEVERAL.
 */
export function checkSequence(list: readonly Numbered[], what: 'paragraph' | 'article', problems: Problem[]): number {
  const unique: Numbered[] = [];
  const firstUse = new Array<Numbered | undefined>(list.length);
  // While every number is higher than all before it, none can be a duplicate: the map of numbers seen is made only
  // when one is not (a draft in order never needs it; filling it was a sixth of reading a 1 MB draft's numbering).
  let seen: Map<number | string, Numbered> | undefined;
  let repeats = false;
  for (let i = 0; i < list.length; i++) {
    const current = list[i];
    if (seen === undefined) {
      const highest = lastOf(unique)?.number;
      if (highest === undefined || compareNumbers(current.number, highest) > 0) {
        unique.push(current);
        continue;
      }
      seen = new Map();
      for (const u of unique) seen.set(numberCode(u.number), u);
    }
    const code = numberCode(current.number);
    const first = seen.get(code);
    if (first) {
      firstUse[i] = first;
      repeats = true;
      continue;
    }
    seen.set(code, current);
    unique.push(current);
  }
  const standing = longestInOrder(unique);
  const nextStanding = nextStandingOf(standing);
  let u = 0;
  let previous: Numbered | undefined;
  let outOfOrder = IN_ORDER;
  for (let i = 0; i < list.length; i++) {
    const current = list[i];
    const first = firstUse[i];
    if (first) {
      problems.push({
        code: 'duplicate-number',
        span: current.span,
        message: `${capitalise(what)} ${formatNumber(current.number)} is already used at line ${first.line + 1}.`,
        related: [{ span: first.span, message: `${capitalise(what)} ${formatNumber(current.number)} first used here.` }],
      });
      continue;
    }
    const index = u++;
    if (!standing[index]) {
      outOfOrder = outOfOrder === IN_ORDER ? i : SEVERAL;
      const name = `${capitalise(what)} ${formatNumber(current.number)}`;
      // Lower than the number standing before it, or else higher than the next one standing (the order is total).
      const lower = previous && compareNumbers(current.number, previous.number) <= 0 ? undefined : unique[nextStanding[index]];
      const message = lower
        ? `${name} comes before ${what} ${formatNumber(lower.number)}.`
        : previous
          ? `${name} comes after ${what} ${formatNumber(previous.number)}.`
          : `${name} is out of order.`;
      problems.push({ code: 'numbering-order', span: current.span, message });
      continue;
    }
    const missing = previous && missingBetween(previous.number, current.number);
    if (previous && missing) {
      problems.push({
        code: 'numbering-gap',
        span: current.span,
        message: `${capitalise(what)} ${formatNumber(current.number)} follows ${what} ${formatNumber(previous.number)}: ${missing} is missing.`,
      });
    }
    previous = current;
  }
  return repeats ? SEVERAL : outOfOrder;
}

/**
 * Which of the numbers (all different) stand in the longest increasing run. At each step, among the numbers that still
 * allow a run that long, the one that leaves fewest numbers missing since the last one standing (numbers the draft has
 * nowhere), and of those the earliest: `1, 3, 2, 4` keeps 1, 3, 4 (2 is not missing, only out of place), and
 * `44, 450, 46` keeps 44, 46 (keeping 450 would leave 45 to 449 missing). O(n log n).
 */
function longestInOrder(numbers: readonly Numbered[]): boolean[] {
  // longestFrom[i]: the longest increasing run that starts at i. tails[k]: the highest number that starts a run of k + 1
  // among those read so far (from the right), so tails falls as k grows.
  const longestFrom = new Array<number>(numbers.length);
  const tails: DraftNumber[] = [];
  for (let i = numbers.length - 1; i >= 0; i--) {
    const n = numbers[i].number;
    // In a draft in order each number is below every tail and starts a run one longer: tried first, it spares the search.
    let low = tails.length > 0 && compareNumbers(tails[tails.length - 1], n) > 0 ? tails.length : 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (compareNumbers(tails[mid], n) > 0) low = mid + 1;
      else high = mid;
    }
    tails[low] = n;
    longestFrom[i] = low + 1;
  }
  // A run as long as the list is the whole list, in order.
  if (tails.length === numbers.length) return new Array<boolean>(numbers.length).fill(true);
  // The numbers that start runs of each length, in text order (`starting` from `levels[length]` to `levels[length + 1]`):
  // they fall along each stretch (a later, higher one would start a longer run), so those above the last number
  // standing come first.
  const levels = new Int32Array(tails.length + 2);
  for (let i = 0; i < numbers.length; i++) levels[longestFrom[i] + 1]++;
  for (let length = 1; length < levels.length; length++) levels[length] += levels[length - 1];
  const starting = new Int32Array(numbers.length);
  const filled = levels.slice();
  for (let i = 0; i < numbers.length; i++) starting[filled[longestFrom[i]]++] = i;
  const missing = missingCounter(numbers);
  const standing = new Array<boolean>(numbers.length).fill(false);
  let last: DraftNumber | undefined;
  let from = 0;
  let end = 0;
  const above = (at: number) => at < end && (!last || compareNumbers(numbers[starting[at]].number, last) > 0);
  for (let need = tails.length; need > 0; need--) {
    end = levels[need + 1];
    let k = firstFrom(starting, ordinal, from, levels[need], end);
    let chosen = starting[k];
    if (last && above(k + 1)) {
      let fewest = missing(last, numbers[chosen].number);
      for (k++; fewest > 0 && above(k); k++) {
        const gap = missing(last, numbers[starting[k]].number);
        if (gap < fewest) {
          chosen = starting[k];
          fewest = gap;
        }
      }
    }
    standing[chosen] = true;
    last = numbers[chosen].number;
    from = chosen + 1;
  }
  return standing;
}

/** An ascending list of numbers is its own position. */
const ordinal = (n: number) => n;

/** How many whole numbers strictly between two numbers no number of the list has. */
function missingCounter(numbers: readonly Numbered[]): (a: DraftNumber, b: DraftNumber) => number {
  // Made only when two runs are as long, which a draft in order never has; sorted as integers (a number has at most
  // five digits), which for 20,000 numbers took a sixth of the time a Set and a sort of doubles did.
  let values: Int32Array | undefined;
  const below = (v: number) => firstFrom((values ??= distinctValues(numbers)), ordinal, v);
  return (a, b) => (b.value - a.value <= 1 ? 0 : b.value - a.value - 1 - (below(b.value) - below(a.value + 1)));
}

/** The whole numbers the list has (`3 bis` has 3), ascending, each once. */
function distinctValues(numbers: readonly Numbered[]): Int32Array {
  const sorted = new Int32Array(numbers.length);
  for (let i = 0; i < numbers.length; i++) sorted[i] = numbers[i].number.value;
  sorted.sort();
  let kept = 0;
  for (let i = 0; i < sorted.length; i++) if (kept === 0 || sorted[i] !== sorted[kept - 1]) sorted[kept++] = sorted[i];
  return sorted.subarray(0, kept);
}

/** For each number, the index of the first one after it that stands (past the end where none does). */
function nextStandingOf(standing: readonly boolean[]): Int32Array {
  const next = new Int32Array(standing.length);
  let after = standing.length;
  for (let i = standing.length - 1; i >= 0; i--) {
    next[i] = after;
    if (standing[i]) after = i;
  }
  return next;
}

/** What number is skipped between two numbers in order, or undefined when none is. */
function missingBetween(a: DraftNumber, b: DraftNumber): string | undefined {
  if (b.value === a.value) {
    const gap = suffixRank(b.suffix) - suffixRank(a.suffix);
    return gap > 1 ? describeRange(a, b) : undefined;
  }
  if (b.value > a.value + 1) {
    return b.value === a.value + 2 ? String(a.value + 1) : `${a.value + 1}–${b.value - 1}`;
  }
  // b.value === a.value + 1: a suffixed number needs its bare number first.
  return b.suffix !== '' ? String(b.value) : undefined;
}

function describeRange(a: DraftNumber, b: DraftNumber): string {
  return `the number between ${formatNumber(a)} and ${formatNumber(b)}`;
}


/**
 * Sub-paragraph letters and numerals in each paragraph and each lettered item (a, b, d skips c; i, ii, iv skips iii).
 * Variants (`g1)`, `g2)`) count as their letter; bullets and options are not numbered.
 */
export function checkSublabels(paragraphs: readonly Paragraph[], problems: Problem[]): void {
  for (const p of paragraphs) {
    checkSiblings(p.items, problems);
    visitItems(p.items, (item) => {
      if (item.children.length > 0) checkSiblings(item.children, problems);
    });
  }
}

function checkSiblings(items: readonly Item[], problems: Problem[]): void {
  let previous: { ordinal: number; numbering: string; text: string } | undefined;
  for (const item of items) {
    const label = item.block.label;
    if (label.kind !== 'subparagraph') continue;
    const numbering = item.numbering;
    const ordinal = numbering === 'roman' ? romanValue(label.letter) : letterOrdinal(label.letter);
    if (ordinal === undefined) {
      previous = undefined;
      continue;
    }
    if (previous && previous.numbering !== numbering) previous = undefined;
    const expected = previous ? previous.ordinal + 1 : 1;
    const repeatsVariant = previous !== undefined && label.variant !== undefined && ordinal === previous.ordinal;
    if (ordinal > expected && !repeatsVariant) {
      const missing = numbering === 'roman' ? toRoman(expected) : letterOf(expected);
      problems.push({
        code: 'sublabel-gap',
        span: item.block.labelSpan,
        message: previous
          ? `Sub-paragraph (${label.letter}) follows (${previous.text}): (${missing}) is missing.`
          : `Sub-paragraphs start at (${label.letter}): (${missing}) is missing.`,
      });
    }
    previous = { ordinal, numbering, text: label.letter };
  }
}

function letterOrdinal(letters: string): number | undefined {
  if (letters.length === 1) return letters.charCodeAt(0) - 96;
  if (/^([a-z])\1+$/.test(letters)) return 26 * (letters.length - 1) + letters.charCodeAt(0) - 96;
  return undefined;
}

function letterOf(ordinal: number): string {
  const base = ((ordinal - 1) % 26) + 1;
  return String.fromCharCode(96 + base).repeat(Math.floor((ordinal - 1) / 26) + 1);
}

function toRoman(n: number): string {
  const table: Array<[number, string]> = [[10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let out = '';
  let rest = n;
  for (const [v, s] of table) while (rest >= v) { out += s; rest -= v; }
  return out;
}

