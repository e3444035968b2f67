import { isBlank } from './labels';
import type { Block, Problem, TextSpan } from './model';
import { BracketTable } from './bracketTable';
import type { LineIndex } from './lineIndex';
import { describeBlock } from './blockNames';
import { trimmedEnd, trimmedStart } from './whiteSpace';
import { PLACEHOLDER_QUOTATION, unresolvedQuotation } from './quotations';
import { charFinder, type CharFinder } from './charFinder';
import { lastOf } from './lastOf';

export interface BracketAnalysis {
  readonly brackets: BracketTable;
  readonly problems: Problem[];
  /**
   * Where a block opening with an unclosed `[` looked for the block that closes it: from that block's start to the end
   * of the block where the search stopped (joined, or found a block it cannot pass), or to Infinity when it ran off the
   * end. An edit inside one of these stretches can re-pair brackets across blocks.
   */
  readonly searches: TextSpan[];
}

interface BlockBrackets {
  /** The rows of the block's brackets left open at its end, outermost first. */
  open: number[];
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
  // Blocks are in text order and each block's `[` are, so the rows come out ordered by their `[` with no sort.
  const expected = expectedBrackets(blocks);
  // Options: a generated 1 MB draft has one option span for every two brackets.
  const table = new BracketTable(expected, expected >> 1);
  const open: number[] = [];
  const perBlock = blocks.map((b) => matchInBlock(b, nextOpen, nextClose, table, open));
  const { searches, joined } = joinAcrossBlocks(text, blocks, perBlock, table);

  const problems: Problem[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    const local = perBlock[i];
    for (const row of local.open) {
      const at = table.opens[row];
      problems.push({ code: 'unclosed-bracket', span: { start: at, end: at + 1 }, message: unclosedMessage(block, lines) });
    }
    for (const close of local.unmatched) {
      problems.push({ code: 'unmatched-bracket', span: { start: close, end: close + 1 }, message: unmatchedMessage(block) });
    }
  }

  // Each block's brackets were nested as they were matched; a bracket closed in a later block holds that block's too.
  if (joined) buildTree(table);
  describeContent(text, table, charFinder(text, '/'));
  buildRuns(table);
  return { brackets: table, problems, searches };
}

/**
 * Room for the brackets of the blocks' text at one per 40 characters: a generated 1 MB draft has one per 48, so its
 * table never grows; the Bonn draft's 1,490 bracketed items in 86 pages are about one per 130.
 */
function expectedBrackets(blocks: readonly Block[]): number {
  return blocks.length === 0 ? 0 : Math.ceil((blocks[blocks.length - 1].span.end - blocks[0].span.start) / 40);
}

export function unmatchedMessage(block: Block): string {
  return `']' has no matching '[' in ${describeBlock(block)}.`;
}

/** Names the line where the bracket is taken to close: it moves when lines are added above it. */
export function unclosedMessage(block: Block, lines: LineIndex): string {
  const where = lines.positionAt(block.span.end);
  return `'[' is never closed; for the rest of the analysis it is closed at the end of ${describeBlock(block)} (line ${where.line + 1}).`;
}

/** The unmatched `]` of a block with none, which most blocks are: one list shared, never added to. */
const NONE: never[] = [];

/**
 * The block's brackets, added to the table as their `[` are found: by native search from bracket to bracket rather
 * than by reading every character. A `[` left open is closed, for now, at the end of its block. `open` is the stack of
 * rows open, shared by all blocks (it is empty between them): a stack, a closure and a result per block were a tenth of
 * the garbage an analysis of 1 MB leaves, and most blocks end balanced and share one result.
 */
function matchInBlock(block: Block, nextOpen: CharFinder, nextClose: CharFinder, table: BracketTable, open: number[]): BlockBrackets {
  let unmatched: number[] = NONE;
  const end = block.span.end;
  let o = within(nextOpen(block.span.start), end);
  let c = within(nextClose(block.span.start), end);
  while (o !== c) {
    if (o < c) {
      open.push(table.add(o, end, block.index, lastOf(open) ?? -1));
      o = within(nextOpen(o + 1), end);
    } else {
      if (open.length > 0) table.closeAt(open.pop()!, c);
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

/** The searches of blocks opening with an unclosed `[`, and whether any such `[` was closed in a later block. */
function joinAcrossBlocks(text: string, blocks: readonly Block[], perBlock: BlockBrackets[], table: BracketTable): { searches: TextSpan[]; joined: boolean } {
  const searches: TextSpan[] = [];
  let joined = false;
  for (let i = 0; i < blocks.length; i++) {
    const start = perBlock[i];
    const leading = leadingOpenCount(text, blocks[i], start, table);
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
        table.closeAt(start.open[k], close);
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
function leadingOpenCount(text: string, block: Block, local: BlockBrackets, table: BracketTable): number {
  let count = 0;
  let p = block.span.start;
  for (const row of local.open) {
    const o = table.opens[row];
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
function buildTree(table: BracketTable): void {
  const { opens, ends, parents, depths } = table;
  const stack: number[] = [];
  for (let row = 0; row < table.length; row++) {
    while (stack.length > 0 && ends[stack[stack.length - 1]] <= opens[row]) stack.pop();
    const parent = lastOf(stack) ?? -1;
    parents[row] = parent;
    depths[row] = parent < 0 ? 1 : depths[parent] + 1;
    stack.push(row);
  }
}

const PLACEHOLDER = /^(?:x+|X+|\.\.\.|…)$/;

/**
 * Options, placeholder and emptiness of every row, in order, each read at the bracket's own level (slashes inside a
 * nested bracket are that bracket's).
 */
function describeContent(text: string, table: BracketTable, nextSlash: CharFinder): void {
  const { opens, ends, parents } = table;
  for (let row = 0; row < table.length; row++) {
    table.startOptions(row);
    const innerStart = opens[row] + 1;
    const closed = table.isClosed(row);
    const innerEnd = closed ? ends[row] - 1 : ends[row];
    // Rows come in text order: a bracket's first child, if it has any, is the next row.
    let child = row + 1 < table.length && parents[row + 1] === row ? row + 1 : -1;
    if (child < 0) {
      // As String.prototype.trim would, without a string per bracket.
      const s = trimmedStart(text, innerStart, innerEnd);
      const e = trimmedEnd(text, s, innerEnd);
      const first = text.charCodeAt(s);
      const placeholder = closed && (first === 120 || first === 88 || first === 46 || first === 0x2026) && PLACEHOLDER.test(text.slice(s, e));
      if (placeholder || s === e) table.setContent(row, placeholder, s === e);
    }
    // From slash to slash (indexOf, not every character).
    let from = innerStart;
    let options = 0;
    for (let slash = nextSlash(innerStart); slash >= 0 && slash < innerEnd; slash = nextSlash(slash + 1)) {
      while (child >= 0 && ends[child] <= slash) child = table.nextSibling(child);
      if (child >= 0 && opens[child] <= slash) {
        slash = ends[child] - 1;
        child = table.nextSibling(child);
        continue;
      }
      if (!isOptionSlash(text, slash, innerStart, innerEnd)) continue;
      addTrimmedOption(text, table, from, slash);
      options++;
      from = slash + 1;
    }
    if (options > 0) addTrimmedOption(text, table, from, innerEnd);
  }
  table.endOptions();
}

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

function addTrimmedOption(text: string, table: BracketTable, start: number, end: number): void {
  const s = trimmedStart(text, start, end);
  table.addOption(s, trimmedEnd(text, s, end));
}

/**
 * Groups brackets that touch (`]` directly followed by `[`) into runs, at every level; a lone bracket is left without.
 * A bracket's previous sibling is the last row before it at its depth, if that row has its parent: any row between
 * them at that depth would be nested in a sibling, and so deeper.
 */
function buildRuns(table: BracketTable): void {
  const { opens, ends, depths, parents, runFirst, runLast, runSize } = table;
  const lastAtDepth: number[] = [];
  for (let row = 0; row < table.length; row++) {
    const depth = depths[row];
    const previous = depth < lastAtDepth.length ? lastAtDepth[depth] : -1;
    if (previous >= 0 && parents[previous] === parents[row] && table.isClosed(previous) && opens[row] === ends[previous]) {
      let first = runFirst[previous];
      if (first < 0) {
        first = previous;
        runFirst[previous] = previous;
        runSize[previous] = 1;
      }
      runFirst[row] = first;
      runLast[first] = row;
      runSize[first]++;
    }
    while (lastAtDepth.length <= depth) lastAtDepth.push(-1);
    lastAtDepth[depth] = row;
  }
}

/**
 * `unresolved-bracket` for each unresolved outermost unit, `placeholder` and `empty-bracket` for each bracket, in
 * position order (by start, then end). A lone placeholder or empty bracket gets its own code instead of also being
 * unresolved, and an unclosed one is already an error. The messages that quote the draft are written when shown
 * (core/quotations.ts).
 */
export function bracketContentProblems(table: BracketTable): Problem[] {
  const problems: Problem[] = [];
  // Rows come ordered by their `[`: a unit's problem follows its first bracket's own (same start, shorter) and
  // precedes those of every bracket after it.
  for (let row = 0; row < table.length; row++) {
    const code = table.isPlaceholder(row) ? 'placeholder' : table.isEmpty(row) && table.isClosed(row) ? 'empty-bracket' : undefined;
    if (code !== undefined) {
      problems.push({ code, span: { start: table.opens[row], end: table.ends[row] }, message: code === 'placeholder' ? PLACEHOLDER_QUOTATION : 'Empty bracket: nothing is bracketed.' });
    }
    if (table.startsUnresolvedUnit(row)) {
      problems.push({ code: 'unresolved-bracket', span: { start: table.opens[row], end: table.unitEnd(row) }, message: unresolvedQuotation(table.runMembers(row), table.optionsIn(row)) });
    }
  }
  return problems;
}
