import { isBlank } from './labels';
import type { Block, BracketRun, BracketSpan, Problem, TextSpan } from './model';
import type { LineIndex } from './lineIndex';
import { describeBlock } from './blockNames';
import { trimmedEnd, trimmedStart } from './whiteSpace';
import { PLACEHOLDER_QUOTATION, unresolvedQuotation } from './quotations';
import { lastOf } from './lastOf';
import { charFinder, type CharFinder } from './charFinder';

export interface BracketAnalysis {
  readonly brackets: BracketSpan[];
  readonly problems: Problem[];
  /**
   * Where a block opening with an unclosed `[` looked for the block that closes it: from that block's start to the end
   * of the block where the search stopped (joined, or found a block it cannot pass), or to Infinity when it ran off the
   * end. An edit inside one of these stretches can re-pair brackets across blocks.
   */
  readonly searches: TextSpan[];
}

interface BlockBrackets {
  /** The block's brackets left open at its end, outermost first. */
  open: BracketSpan[];
  /** `]` offsets with no `[` in the block. */
  unmatched: number[];
}

/**
 * Matches brackets inside each block, then joins a block that opens with `[` to a later block that ends with `]`
 * when every block between is balanced (NOTATION §2). What is left is reported and recovered, never thrown:
 * an unclosed `[` is closed at the end of its block so the rest of the draft is read as if it were.
 */
export function analyseBrackets(text: string, blocks: readonly Block[], lines: LineIndex): BracketAnalysis {
  const nextOpen = charFinder(text, '[');
  const nextClose = charFinder(text, ']');
  // Blocks are in text order and each block's `[` are, so the spans come out ordered by their `[` with no sort.
  const spans: BracketSpan[] = [];
  const open: BracketSpan[] = [];
  const perBlock = blocks.map((b) => matchInBlock(b, nextOpen, nextClose, spans, open));
  const { searches, joined } = joinAcrossBlocks(text, blocks, perBlock);

  const problems: Problem[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    const local = perBlock[i];
    for (const span of local.open) {
      problems.push({ code: 'unclosed-bracket', span: { start: span.open, end: span.open + 1 }, message: unclosedMessage(block, lines) });
    }
    for (const close of local.unmatched) {
      problems.push({ code: 'unmatched-bracket', span: { start: close, end: close + 1 }, message: unmatchedMessage(block) });
    }
  }

  // Each block's brackets were nested as they were matched; a bracket closed in a later block holds that block's too.
  if (joined) buildTree(spans);
  const nextSlash = charFinder(text, '/');
  for (const span of spans) describeContent(text, span, nextSlash);
  buildRuns(spans);
  return { brackets: spans, problems, searches };
}

export function unmatchedMessage(block: Block): string {
  return `']' has no matching '[' in ${describeBlock(block)}.`;
}

/** Names the line where the bracket is taken to close: it moves when lines are added above it. */
export function unclosedMessage(block: Block, lines: LineIndex): string {
  const where = lines.positionAt(block.span.end);
  return `'[' is never closed; for the rest of the analysis it is closed at the end of ${describeBlock(block)} (line ${where.line + 1}).`;
}

/** Shared until a bracket has children or options of its own: most have neither, and there are tens of thousands. */
const NONE: never[] = [];

/**
 * A bracket as matching makes it: every field it will have, `parent` and `run` included though they are set later, so
 * that all brackets keep one shape (measured: 0.4 MB less garbage per analysis of 1 MB). Made by a class, not an object
 * literal: 20,000 brackets made by a literal cost 4–6% more of a full analysis of 1 MB (old against new in one process,
 * in both orders; later runs on a busier machine could not tell the two apart). A class for problems did not pay:
 * problems are made in many places, and mixing the two shapes slowed every reader of problems more than it saved.
 */
class MatchedBracket implements BracketSpan {
  depth = 1;
  parent: BracketSpan | undefined = undefined;
  children: BracketSpan[] = NONE;
  options: TextSpan[] = NONE;
  placeholder = false;
  empty = false;
  run: BracketRun | undefined = undefined;

  constructor(
    readonly open: number,
    public close: number,
    public end: number,
    readonly block: number,
  ) {}
}

function newSpan(open: number, close: number, end: number, block: number): BracketSpan {
  return new MatchedBracket(open, close, end, block);
}

/**
 * The block's brackets, added to `spans` as their `[` are found: by native search from bracket to bracket rather than
 * by reading every character. A `[` left open is closed, for now, at the end of its block. `open` is the stack of
 * brackets open, shared by all blocks (it is empty between them): a stack, a closure and a result per block were a
 * tenth of the garbage an analysis of 1 MB leaves, and most blocks end balanced and share one result.
 */
function matchInBlock(block: Block, nextOpen: CharFinder, nextClose: CharFinder, spans: BracketSpan[], open: BracketSpan[]): BlockBrackets {
  let unmatched: number[] = NONE;
  const end = block.span.end;
  let o = within(nextOpen(block.span.start), end);
  let c = within(nextClose(block.span.start), end);
  while (o !== c) {
    if (o < c) {
      const span = newSpan(o, -1, end, block.index);
      const parent = lastOf(open);
      if (parent !== undefined) nest(span, parent);
      spans.push(span);
      open.push(span);
      o = within(nextOpen(o + 1), end);
    } else {
      const span = open.pop();
      if (span !== undefined) closeAt(span, c);
      else if (unmatched === NONE) unmatched = [c];
      else unmatched.push(c);
      c = within(nextClose(c + 1), end);
    }
  }
  if (open.length === 0 && unmatched === NONE) return BALANCED;
  const left = open.slice();
  open.length = 0;
  return { open: left, unmatched };
}

/** A block with every bracket matched inside it: never changed, as only lists with brackets in them are. */
const BALANCED: BlockBrackets = { open: NONE, unmatched: NONE };

/** An offset found before the block's end, or Infinity for one at or past it (or none). */
function within(p: number, end: number): number {
  return p < 0 || p >= end ? Number.POSITIVE_INFINITY : p;
}

function closeAt(span: BracketSpan, close: number): void {
  span.close = close;
  span.end = close + 1;
}

/** The searches of blocks opening with an unclosed `[`, and whether any such `[` was closed in a later block. */
function joinAcrossBlocks(text: string, blocks: readonly Block[], perBlock: BlockBrackets[]): { searches: TextSpan[]; joined: boolean } {
  const searches: TextSpan[] = [];
  let joined = false;
  for (let i = 0; i < blocks.length; i++) {
    const start = perBlock[i];
    const leading = leadingOpenCount(text, blocks[i], start);
    if (leading === 0) continue;
    let stop = Number.POSITIVE_INFINITY;
    for (let j = i + 1; j < blocks.length; j++) {
      const candidate = perBlock[j];
      if (candidate.open.length > 0 || candidate.unmatched.length > 0) stop = blocks[j].span.end;
      if (candidate.open.length > 0) break;
      if (candidate.unmatched.length === 0) continue;
      const trailing = trailingUnmatched(text, blocks[j], candidate.unmatched);
      if (trailing.length === 0) break;
      const n = Math.min(leading, trailing.length);
      for (let k = 0; k < n; k++) {
        const close = trailing[trailing.length - 1 - k];
        closeAt(start.open[k], close);
        // The pair belongs to the opening block; the closing block forgets its `]`.
        candidate.unmatched.splice(candidate.unmatched.indexOf(close), 1);
      }
      start.open.splice(0, n);
      joined = true;
      break;
    }
    searches.push({ start: blocks[i].span.start, end: stop });
  }
  return { searches, joined };
}

/** How many of the block's unclosed `[` stand at its very start, before any text. */
function leadingOpenCount(text: string, block: Block, local: BlockBrackets): number {
  let count = 0;
  let p = block.span.start;
  for (const span of local.open) {
    const o = span.open;
    while (p < o && isBlank(text.charCodeAt(p))) p++;
    if (p !== o) break;
    count++;
    p++;
  }
  return count;
}

/** The unmatched `]` with nothing after them to the block's end but more `]`, spaces or closing punctuation. */
function trailingUnmatched(text: string, block: Block, unmatched: number[]): number[] {
  const result: number[] = [];
  let p = block.span.end - 1;
  let k = unmatched.length - 1;
  while (p >= block.span.start) {
    const c = text.charCodeAt(p);
    if (c === 93) {
      if (k < 0 || unmatched[k] !== p) break;
      result.unshift(p);
      k--;
    } else if (!(isBlank(c) || c === 10 || c === 13 || c === 46 || c === 59 || c === 44)) {
      break;
    }
    p--;
  }
  return result;
}

/** Nests every bracket in the innermost one that contains it, from nothing (each block's nesting is discarded). */
function buildTree(spans: BracketSpan[]): void {
  for (const span of spans) {
    span.parent = undefined;
    span.depth = 1;
    span.children = NONE;
  }
  const stack: BracketSpan[] = [];
  for (const span of spans) {
    while (stack.length > 0 && stack[stack.length - 1].end <= span.open) stack.pop();
    const parent = lastOf(stack);
    if (parent) nest(span, parent);
    stack.push(span);
  }
}

function nest(span: BracketSpan, parent: BracketSpan): void {
  span.parent = parent;
  span.depth = parent.depth + 1;
  if (parent.children === NONE) parent.children = [span];
  else parent.children.push(span);
}

const PLACEHOLDER = /^(?:x+|X+|\.\.\.|…)$/;

/** Options, placeholder and emptiness, read at the bracket's own level (nested brackets are skipped). */
function describeContent(text: string, span: BracketSpan, nextSlash: CharFinder): void {
  const innerStart = span.open + 1;
  const innerEnd = span.close >= 0 ? span.close : span.end;
  if (span.children.length === 0) {
    // As String.prototype.trim would, without a string per bracket.
    const s = trimmedStart(text, innerStart, innerEnd);
    const e = trimmedEnd(text, s, innerEnd);
    span.empty = s === e;
    const first = text.charCodeAt(s);
    span.placeholder = span.close >= 0 && (first === 120 || first === 88 || first === 46 || first === 0x2026) && PLACEHOLDER.test(text.slice(s, e));
  }
  // Gathered in a list shared by all brackets and copied out at its length: a list grown by pushing keeps room for 17,
  // and most brackets with options have two or three (4,000 such lists were 0.6 MB of 1 MB's 9.4 MB analysis).
  const options = GATHERED_OPTIONS;
  let from = innerStart;
  // From slash to slash (indexOf, not every character): a slash inside a nested bracket is that bracket's.
  let child = 0;
  for (let slash = nextSlash(innerStart); slash >= 0 && slash < innerEnd; slash = nextSlash(slash + 1)) {
    while (child < span.children.length && span.children[child].end <= slash) child++;
    const nested = span.children[child];
    if (nested && nested.open <= slash) {
      slash = nested.end - 1;
      child++;
      continue;
    }
    if (!isOptionSlash(text, slash, innerStart, innerEnd)) continue;
    options.push(trimSpan(text, from, slash));
    from = slash + 1;
  }
  if (options.length === 0) return;
  options.push(trimSpan(text, from, innerEnd));
  span.options = options.slice();
  options.length = 0;
}

/** Empty between calls: emptied only after use, as setting the length of a list is a call into the engine. */
const GATHERED_OPTIONS: TextSpan[] = [];

/** A `/` with a non-digit character on both sides, inside the bracket (`55/63` and `http://` are not options). */
function isOptionSlash(text: string, p: number, innerStart: number, innerEnd: number): boolean {
  if (p === innerStart || p + 1 >= innerEnd) return false;
  const before = text.charCodeAt(p - 1);
  const after = text.charCodeAt(p + 1);
  if (before >= 48 && before <= 57) return false;
  if (after >= 48 && after <= 57) return false;
  if (before === 47 || after === 47 || before === 58) return false;
  return true;
}

function trimSpan(text: string, start: number, end: number): TextSpan {
  const s = trimmedStart(text, start, end);
  return { start: s, end: trimmedEnd(text, s, end) };
}

/**
 * Groups brackets that touch (`]` directly followed by `[`) into runs, at every level; a lone bracket is left without.
 * The outermost brackets are taken in text order as they come, not gathered into a list of their own first.
 */
function buildRuns(spans: readonly BracketSpan[]): void {
  let previous: BracketSpan | undefined;
  // As with options, members are gathered in one shared list and each run takes an exact copy.
  const members = GATHERED_MEMBERS;
  for (const span of spans) {
    if (span.children.length > 1) joinTouching(span.children);
    if (span.parent) continue;
    if (previous && touches(previous, span)) {
      if (members.length === 0) members.push(previous);
      members.push(span);
    } else if (members.length > 0) {
      formRun(members.slice());
      members.length = 0;
    }
    previous = span;
  }
  if (members.length > 0) {
    formRun(members.slice());
    members.length = 0;
  }
}

const GATHERED_MEMBERS: BracketSpan[] = [];

/** Among siblings in text order, each stretch of two or more that touch becomes a run. */
function joinTouching(siblings: readonly BracketSpan[]): void {
  let i = 0;
  while (i < siblings.length) {
    let n = 1;
    while (i + n < siblings.length && touches(siblings[i + n - 1], siblings[i + n])) n++;
    if (n > 1) formRun(siblings.slice(i, i + n));
    i += n;
  }
}

/** A closed bracket and the next sibling, opening where it ends. */
function touches(before: BracketSpan, after: BracketSpan): boolean {
  return before.close >= 0 && after.open === before.end;
}

function formRun(members: BracketSpan[]): void {
  const run: BracketRun = { spans: members, start: members[0].open, end: members[members.length - 1].end };
  for (const m of members) m.run = run;
}

/**
 * Whether an outermost bracket begins what `unresolved-bracket` counts: a lone bracket, or the first of a run (adjacent
 * brackets count as one).
 */
export function startsOuterUnit(b: BracketSpan): boolean {
  return !b.parent && (!b.run || b.run.spans[0] === b);
}

/**
 * Whether a bracket begins an outermost unit (see `startsOuterUnit`) that is unresolved: a run always, a lone bracket
 * when it is closed and neither a placeholder nor empty, which have codes of their own.
 */
export function startsUnresolvedUnit(b: BracketSpan): boolean {
  return startsOuterUnit(b) && (b.run !== undefined || (b.close >= 0 && !b.placeholder && !b.empty));
}

/**
 * `unresolved-bracket` for each unresolved outermost unit, `placeholder` and `empty-bracket` for each bracket, in
 * position order (by start, then end). A lone placeholder or empty bracket gets its own code instead of also being
 * unresolved, and an unclosed one is already an error. The messages that quote the draft are written when shown
 * (core/quotations.ts).
 */
export function bracketContentProblems(brackets: readonly BracketSpan[]): Problem[] {
  const problems: Problem[] = [];
  // Brackets come ordered by their `[`: a unit's problem follows its first bracket's own (same start, shorter) and
  // precedes those of every bracket after it.
  for (const span of brackets) {
    const code = span.placeholder ? 'placeholder' : span.empty && span.close >= 0 ? 'empty-bracket' : undefined;
    if (code !== undefined) {
      problems.push({ code, span: { start: span.open, end: span.end }, message: code === 'placeholder' ? PLACEHOLDER_QUOTATION : 'Empty bracket: nothing is bracketed.' });
    }
    if (startsUnresolvedUnit(span)) {
      problems.push({ code: 'unresolved-bracket', span: { start: span.open, end: span.run ? span.run.end : span.end }, message: unresolvedQuotation(span) });
    }
  }
  return problems;
}
