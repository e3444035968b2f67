import type { BracketRun, BracketSpan, TextSpan } from './model';

const PLACEHOLDER = 1;
const EMPTY = 2;
/** A `]` was found: the bracket's `]` is then the character before its end. */
const CLOSED = 4;

/** The number columns, each a stretch of one buffer; flags and option starts come after them. */
const COLUMNS = 8;

/**
 * The bracket pairs of a draft, or of the blocks an edit touched: one row per `[`, in text order, held as columns of
 * numbers rather than as an object per bracket. A 1 MB draft has 20,000 brackets; as objects (with their option spans
 * and nesting lists) they were a quarter of what a full analysis allocated and a third of the model it kept, and the
 * young generation's collector copied them during nearly every full analysis. Columns live outside the collected heap.
 *
 * Rows are ordered by `[`, so a bracket's descendants are the rows right after it, each deeper than it, and its first
 * child, if it has one, is the next row. A feature that wants a bracket as an object asks `at(row)` for a view that
 * reads the columns (`BracketSpan`).
 */
export class BracketTable {
  /** Rows in use. */
  length = 0;
  /** Offset of the `[`. */
  opens!: Int32Array;
  /** Offset just after the `]`, or where an unclosed `[` was closed for recovery (the end of its block). */
  ends!: Int32Array;
  /** 1 for an outermost bracket. */
  depths!: Int32Array;
  /** The row of the innermost bracket holding this one, or -1. */
  parents!: Int32Array;
  /** The index of the block the `[` stands in. */
  blocks!: Int32Array;
  /** For a member of a run of touching brackets (`[75][85]`): the row of its first member; -1 for a lone bracket. */
  runFirst!: Int32Array;
  /** At a run's first member: the row of its last member and how many members it has. */
  runLast!: Int32Array;
  runSize!: Int32Array;
  /** Closed, and placeholder and emptiness (read only for brackets with nothing nested). */
  flags!: Int32Array;
  /**
   * The slash options at each bracket's own level, when there are two or more: row r's are the pairs
   * [optionSpans[2k], optionSpans[2k + 1]) for k in [optionFirst[r], optionFirst[r + 1]).
   */
  optionFirst!: Int32Array;
  optionSpans: Int32Array;
  /** Option spans in use. */
  optionCount = 0;

  /** Views handed out, one per row asked for, so that a bracket asked for twice is the same object. */
  private views: Map<number, BracketSpan> | undefined;
  private runs: Map<number, BracketRun> | undefined;

  constructor(capacity: number, optionCapacity = 16) {
    this.allocate(Math.max(16, capacity));
    this.optionSpans = new Int32Array(2 * Math.max(16, optionCapacity));
  }

  /**
   * A new row for a `[` just found, unclosed for now (`end` is where it would be closed for recovery), nested in
   * `parent` (a row, or -1); its options are found later.
   */
  add(open: number, end: number, block: number, parent: number): number {
    if (this.length === this.opens.length) this.grow(Math.ceil(this.length * 1.5));
    const row = this.length++;
    this.opens[row] = open;
    this.ends[row] = end;
    this.depths[row] = parent < 0 ? 1 : this.depths[parent] + 1;
    this.parents[row] = parent;
    this.blocks[row] = block;
    this.runFirst[row] = -1;
    this.runLast[row] = -1;
    this.runSize[row] = 0;
    this.flags[row] = 0;
    return row;
  }

  closeAt(row: number, close: number): void {
    this.ends[row] = close + 1;
    this.flags[row] |= CLOSED;
  }

  /** Offset of the row's `]`, or -1 when its `[` was never closed. */
  closeOf(row: number): number {
    return (this.flags[row] & CLOSED) !== 0 ? this.ends[row] - 1 : -1;
  }

  /** Starts the options of the next row: rows are described in order (`addOption` then adds to it). */
  startOptions(row: number): void {
    this.optionFirst[row] = this.optionCount;
  }

  addOption(start: number, end: number): void {
    if (2 * this.optionCount === this.optionSpans.length) this.optionSpans = copied(this.optionSpans, 2 * Math.ceil(this.optionCount * 1.5));
    this.optionSpans[2 * this.optionCount] = start;
    this.optionSpans[2 * this.optionCount + 1] = end;
    this.optionCount++;
  }

  /** Closes the options of the last row. */
  endOptions(): void {
    this.optionFirst[this.length] = this.optionCount;
  }

  setContent(row: number, placeholder: boolean, empty: boolean): void {
    this.flags[row] = (this.flags[row] & CLOSED) | (placeholder ? PLACEHOLDER : 0) | (empty ? EMPTY : 0);
  }

  isPlaceholder(row: number): boolean {
    return (this.flags[row] & PLACEHOLDER) !== 0;
  }

  isEmpty(row: number): boolean {
    return (this.flags[row] & EMPTY) !== 0;
  }

  isClosed(row: number): boolean {
    return (this.flags[row] & CLOSED) !== 0;
  }

  optionsIn(row: number): number {
    return this.optionFirst[row + 1] - this.optionFirst[row];
  }

  /** Members of the row's run (1 for a lone bracket). */
  runMembers(row: number): number {
    const first = this.runFirst[row];
    return first < 0 ? 1 : this.runSize[first];
  }

  /** Where the unit a row begins ends: its run's last member's end, or its own. */
  unitEnd(row: number): number {
    const first = this.runFirst[row];
    return first < 0 ? this.ends[row] : this.ends[this.runLast[first]];
  }

  /**
   * Whether an outermost bracket begins what `unresolved-bracket` counts: a lone bracket, or the first of a run (adjacent
   * brackets count as one).
   */
  startsOuterUnit(row: number): boolean {
    const first = this.runFirst[row];
    return this.parents[row] < 0 && (first < 0 || first === row);
  }

  /**
   * Whether a row begins an outermost unit (see `startsOuterUnit`) that is unresolved: a run always, a lone bracket when
   * it is closed and neither a placeholder nor empty, which have codes of their own.
   */
  startsUnresolvedUnit(row: number): boolean {
    return this.startsOuterUnit(row) && (this.runFirst[row] >= 0 || this.flags[row] === CLOSED);
  }

  /** The first row in [lo, hi) whose `[` is at or after `offset` (`hi` when none is). */
  firstFrom(offset: number, lo = 0, hi = this.length): number {
    const opens = this.opens;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (opens[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The rows whose `[` lies in [start, end): from the first to the one after the last. */
  rowsWithin(start: number, end: number): [number, number] {
    const from = this.firstFrom(start);
    return [from, this.firstFrom(end, from)];
  }

  /** The row of the bracket whose `[` is at `open`, or -1. */
  rowOpeningAt(open: number): number {
    const row = this.firstFrom(open);
    return row < this.length && this.opens[row] === open ? row : -1;
  }

  /** The next bracket with the same parent, or -1: the first row after this one's descendants, if it is a sibling. */
  nextSibling(row: number): number {
    const next = this.firstFrom(this.ends[row], row + 1);
    return next < this.length && this.parents[next] === this.parents[row] ? next : -1;
  }

  /** The brackets nested directly in a row, in text order. */
  childRows(row: number): number[] {
    const children: number[] = [];
    if (row + 1 < this.length && this.parents[row + 1] === row) {
      for (let child = row + 1; child >= 0; child = this.nextSibling(child)) children.push(child);
    }
    return children;
  }

  /** How many rows in [from, to) satisfy `test`. */
  count(from: number, to: number, test: (row: number) => boolean): number {
    let n = 0;
    for (let row = from; row < to; row++) if (test(row)) n++;
    return n;
  }

  /** A row as an object, for features that handle a bracket or a few. */
  at(row: number): BracketSpan {
    const views = (this.views ??= new Map());
    let view = views.get(row);
    if (!view) views.set(row, (view = new BracketView(this, row)));
    return view;
  }

  /** Rows [from, to) as objects. */
  spans(from = 0, to = this.length): BracketSpan[] {
    const spans: BracketSpan[] = [];
    for (let row = from; row < to; row++) spans.push(this.at(row));
    return spans;
  }

  optionSpansOf(row: number): TextSpan[] {
    const spans: TextSpan[] = [];
    for (let k = this.optionFirst[row]; k < this.optionFirst[row + 1]; k++) spans.push({ start: this.optionSpans[2 * k], end: this.optionSpans[2 * k + 1] });
    return spans;
  }

  runOf(row: number): BracketRun | undefined {
    const first = this.runFirst[row];
    if (first < 0) return undefined;
    const runs = (this.runs ??= new Map());
    let run = runs.get(first);
    if (!run) {
      const spans: BracketSpan[] = [];
      for (let member = first; member >= 0 && spans.length < this.runSize[first]; member = this.nextSibling(member)) spans.push(this.at(member));
      run = { spans, start: this.opens[first], end: this.unitEnd(first) };
      runs.set(first, run);
    }
    return run;
  }

  /** Forgets the views handed out: the rows they read now hold other brackets, or the same ones moved. */
  forgetViews(): void {
    this.views = undefined;
    this.runs = undefined;
  }

  /**
   * The columns as stretches of one buffer of `rows` rows: one allocation, not eleven, for each table a keystroke's
   * window makes.
   */
  private allocate(rows: number): void {
    const buffer = new Int32Array(rows * (COLUMNS + 1) + rows + 1);
    const column = (k: number) => buffer.subarray(k * rows, (k + 1) * rows);
    this.opens = column(0);
    this.ends = column(1);
    this.depths = column(2);
    this.parents = column(3);
    this.blocks = column(4);
    this.runFirst = column(5);
    this.runLast = column(6);
    this.runSize = column(7);
    this.flags = column(8);
    this.optionFirst = buffer.subarray((COLUMNS + 1) * rows);
  }

  private grow(rows: number): void {
    const { opens, ends, depths, parents, blocks, runFirst, runLast, runSize, flags, optionFirst } = this;
    this.allocate(rows);
    this.opens.set(opens);
    this.ends.set(ends);
    this.depths.set(depths);
    this.parents.set(parents);
    this.blocks.set(blocks);
    this.runFirst.set(runFirst);
    this.runLast.set(runLast);
    this.runSize.set(runSize);
    this.flags.set(flags);
    this.optionFirst.set(optionFirst);
  }
}

function copied(column: Int32Array, size: number): Int32Array {
  const bigger = new Int32Array(size);
  bigger.set(column.length <= size ? column : column.subarray(0, size));
  return bigger;
}

/** One row of a table as the object features read: every field read from the columns when asked. */
class BracketView implements BracketSpan {
  constructor(
    private readonly table: BracketTable,
    readonly row: number,
  ) {}

  get open(): number {
    return this.table.opens[this.row];
  }

  get close(): number {
    return this.table.closeOf(this.row);
  }

  get end(): number {
    return this.table.ends[this.row];
  }

  get depth(): number {
    return this.table.depths[this.row];
  }

  get block(): number {
    return this.table.blocks[this.row];
  }

  get placeholder(): boolean {
    return this.table.isPlaceholder(this.row);
  }

  get empty(): boolean {
    return this.table.isEmpty(this.row);
  }

  get parent(): BracketSpan | undefined {
    const parent = this.table.parents[this.row];
    return parent < 0 ? undefined : this.table.at(parent);
  }

  get children(): BracketSpan[] {
    return this.table.childRows(this.row).map((row) => this.table.at(row));
  }

  get options(): TextSpan[] {
    return this.table.optionSpansOf(this.row);
  }

  get run(): BracketRun | undefined {
    return this.table.runOf(this.row);
  }
}

/**
 * The table after an edit: the rows whose `[` stood in [windowStart, windowEnd) of the text before it replaced by
 * `window`'s (read from the new text, blocks numbered as in the new draft), the rows after moved by `delta` characters
 * and `indexDelta` blocks. In place when the window holds as many brackets and options as before (a keystroke that
 * types no `[`, `]` or `/`): `old` belongs to the analysis a re-analysis consumes. No bracket outside the window holds
 * or touches one inside it: a bracket paired across blocks widens the window to hold both.
 */
export function splicedTable(old: BracketTable, windowStart: number, windowEnd: number, window: BracketTable, delta: number, indexDelta: number): BracketTable {
  const head = old.firstFrom(windowStart);
  const tail = old.firstFrom(windowEnd, head);
  const k = window.length;
  const rowDelta = k - (tail - head);
  const optionHead = old.optionFirst[head];
  const optionTail = old.optionFirst[tail];
  const optionDelta = window.optionCount - (optionTail - optionHead);
  const length = old.length + rowDelta;
  const optionCount = old.optionCount + optionDelta;
  let table = old;
  if (rowDelta === 0 && optionDelta === 0) {
    old.forgetViews();
  } else {
    table = new BracketTable(length, optionCount);
    copyRows(old, 0, table, 0, head, 0, 0, 0, 0);
    table.optionSpans.set(old.optionSpans.subarray(0, 2 * optionHead));
  }
  copyRows(window, 0, table, head, k, 0, 0, head, optionHead);
  table.optionSpans.set(window.optionSpans.subarray(0, 2 * window.optionCount), 2 * optionHead);
  // Columns are read into constants before each loop: read from the table inside it, they were read again at every row.
  const from = old.optionSpans;
  const to = table.optionSpans;
  const end = 2 * old.optionCount;
  if (table !== old) {
    copyRows(old, tail, table, head + k, old.length - tail, delta, indexDelta, rowDelta, optionDelta);
    const shift = 2 * optionDelta;
    for (let i = 2 * optionTail; i < end; i++) to[i + shift] = from[i] + delta;
  } else {
    moveRows(table, tail, delta, indexDelta);
    if (delta !== 0) for (let i = 2 * optionTail; i < end; i++) to[i] += delta;
  }
  table.length = length;
  table.optionCount = optionCount;
  table.optionFirst[length] = optionCount;
  return table;
}

/**
 * Rows from `from` on moved in place by `delta` characters and `indexDelta` blocks: what a keystroke that adds or
 * removes no bracket changes after its window (half of 20,000 rows, copied whole, were a tenth of a letter typed).
 */
function moveRows(table: BracketTable, from: number, delta: number, indexDelta: number): void {
  const { opens, ends, blocks, length } = table;
  if (delta !== 0) {
    for (let row = from; row < length; row++) {
      opens[row] += delta;
      ends[row] += delta;
    }
  }
  if (indexDelta !== 0) for (let row = from; row < length; row++) blocks[row] += indexDelta;
}

/**
 * Rows [from, from + n) of `source` into `target` from row `to`, their offsets moved by `delta`, block indices by
 * `indexDelta`, rows they name by `rowDelta` and option indices by `optionDelta`.
 */
function copyRows(source: BracketTable, from: number, target: BracketTable, to: number, n: number, delta: number, indexDelta: number, rowDelta: number, optionDelta: number): void {
  const copy = (a: Int32Array, b: Int32Array) => b.set(a.subarray(from, from + n), to);
  copy(source.depths, target.depths);
  copy(source.runSize, target.runSize);
  copy(source.flags, target.flags);
  shifted(source.opens, target.opens, from, to, n, delta, false);
  shifted(source.ends, target.ends, from, to, n, delta, false);
  shifted(source.blocks, target.blocks, from, to, n, indexDelta, false);
  shifted(source.optionFirst, target.optionFirst, from, to, n, optionDelta, false);
  shifted(source.parents, target.parents, from, to, n, rowDelta, true);
  shifted(source.runFirst, target.runFirst, from, to, n, rowDelta, true);
  shifted(source.runLast, target.runLast, from, to, n, rowDelta, true);
}

/** A column's values [from, from + n) into another from `to`, each plus `delta` (but -1, for none, when `keepsNone`). */
function shifted(source: Int32Array, target: Int32Array, from: number, to: number, n: number, delta: number, keepsNone: boolean): void {
  if (delta === 0) {
    target.set(source.subarray(from, from + n), to);
  } else if (keepsNone) {
    for (let i = 0; i < n; i++) {
      const value = source[from + i];
      target[to + i] = value >= 0 ? value + delta : value;
    }
  } else {
    for (let i = 0; i < n; i++) target[to + i] = source[from + i] + delta;
  }
}
