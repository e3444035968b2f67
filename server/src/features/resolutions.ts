import { markerReaderOf, type AnalysedDraft } from '../core/analyse';
import { isNumberedKind, splitBlocks } from '../core/blocks';
import type { EncodingRepair } from '../core/encodingDamage';
import { LineIndex } from '../core/lineIndex';
import type { AlternativeGroup, Block, BracketRun, BracketSpan, Item, OptionGroup, Paragraph, TextSpan } from '../core/model';
import { applySpanEdits, disjointEdits, type SpanEdit } from '../core/spanEdits';
import { firstFrom } from '../core/spanSearch';
import { lastOf } from '../core/lastOf';
import { bracketsIn } from '../core/queries';

/*
 * The edits that resolve what is still open (NOTATION §3, §7 quick fixes). Each is confined to the group, bracket or
 * paragraph it resolves: it removes whole lines or single characters and never touches the text around them, so
 * line endings (CRLF stays CRLF) and the trailing newline are kept.
 */

type Member = Paragraph | Item;

/**
 * Keeps one member of an alternative group: the chosen text takes the target's label and loses its `Alt` label and its
 * enclosing brackets; the other members go with their lines.
 */
export function keepGroupMember(draft: AnalysedDraft, group: AlternativeGroup, keep: Member): SpanEdit[] {
  const members: Member[] = group.original ? [group.original, ...group.alternatives] : [...group.alternatives];
  const edits: SpanEdit[] = removeLinesOf(draft, members.filter((m) => m !== keep).map((m) => memberExtent(m, members)));
  edits.push(...unwrap(draft, keep));
  const label = keep.block.label;
  if (keep !== group.original && (label.kind === 'alternative' || label.kind === 'subparagraph')) {
    edits.push({ span: keep.block.labelSpan, newText: targetLabel(draft, group) });
  }
  return edits;
}

/**
 * The text a member stands for among its group's members: its span, cut where another member of the group starts
 * inside it. Members are siblings in the text; the cut matters when a sub-paragraph alternative that opens a block
 * (`Alt 1 1 c)` with no paragraph 1 before it) is read as a paragraph whose items include the next members, so that
 * removing it never removes (or overlaps) the member that is kept.
 */
function memberExtent(member: Member, members: readonly Member[]): TextSpan {
  let end = member.span.end;
  for (const other of members) {
    if (other !== member && other.span.start > member.span.start && other.span.start < end) end = other.span.start;
  }
  return { start: member.span.start, end };
}

/** The label the kept text takes: the original's own (`61.`, `(g)`), or one written from the target. */
function targetLabel(draft: AnalysedDraft, group: AlternativeGroup): string {
  if (group.original) return draft.text.slice(group.original.block.labelSpan.start, group.original.block.labelSpan.end);
  const first = group.alternatives[0];
  const label = first.block.label;
  if (group.sub !== undefined) {
    if (label.kind === 'subparagraph' && label.style === 'paren') return `(${group.sub})`;
    return `${group.sub})`;
  }
  const written = label.kind === 'alternative' ? draft.text.slice(label.targetSpan.start, label.targetSpan.end) : String(group.target.value);
  const terminator = draft.text[first.block.labelSpan.end - 1] === ')' ? ')' : '.';
  return `${written}${terminator}`;
}

/** Drops the bracket that encloses a whole member (`[Alt 1 61. … ]`), keeping what it holds. */
function unwrap(draft: AnalysedDraft, member: Member): SpanEdit[] {
  const row = draft.brackets.rowOpeningAt(member.block.span.start);
  const wraps = row >= 0 && draft.brackets.isClosed(row) && draft.brackets.ends[row] === member.span.end;
  return wraps ? acceptBracket(draft.brackets.at(row)) : [];
}

/** Keeps one `Option k:` of a group: its text stays without the label; the other options go with their lines. */
export function keepOption(draft: AnalysedDraft, group: OptionGroup, keep: Item): SpanEdit[] {
  const others = group.options.filter((o) => o !== keep).map((o) => o.span);
  const labelEnd = skipBlanks(draft.text, keep.block.labelSpan.end);
  const lineEnd = draft.lines.lineEnd(draft.lines.lineAt(keep.block.labelSpan.start));
  // A label alone on its line goes with its line; otherwise with the spaces after it.
  if (labelEnd >= lineEnd && keep.span.end > lineEnd) return removeLinesOf(draft, [...others, { start: keep.block.labelSpan.start, end: lineEnd }]);
  return [...removeLinesOf(draft, others), { span: { start: keep.block.labelSpan.start, end: labelEnd }, newText: '' }];
}

/** `[management/development]` → `development`. */
export function keepSlashOption(draft: AnalysedDraft, bracket: BracketSpan, index: number): SpanEdit[] {
  const option = bracket.options[index];
  return [{ span: { start: bracket.open, end: bracket.end }, newText: draft.text.slice(option.start, option.end) }];
}

/** `[75][85] percent` → `85 percent`. */
export function keepRunMember(draft: AnalysedDraft, run: BracketRun, keep: BracketSpan): SpanEdit[] {
  return [{ span: { start: run.start, end: run.end }, newText: draft.text.slice(keep.open + 1, keep.close) }];
}

/** Drops `[` and `]` of this bracket only, keeping its text and any brackets nested in it. */
export function acceptBracket(bracket: BracketSpan): SpanEdit[] {
  return [
    { span: { start: bracket.open, end: bracket.open + 1 }, newText: '' },
    { span: { start: bracket.close, end: bracket.close + 1 }, newText: '' },
  ];
}

/**
 * Deletes a bracket with its text, or undefined when no deletion keeps the blocks around it (`keepsBlocks`). The
 * deletions tried, in order: the bracket with one space, so that single spaces remain and no space stands before
 * punctuation (a bracket that fills whole lines goes with its lines); the bracket alone (`3. [c].` → `3. .`: the space
 * after a label is the label's); and, for a bracket that holds its block's label but not the whole block, the bracket
 * without the label's own characters (`[3. c] d` → `3. d`).
 */
export function deleteBracket(draft: AnalysedDraft, bracket: BracketSpan, markers: readonly string[]): SpanEdit[] | undefined {
  for (const edits of deletions(draft, bracket)) if (keepsBlocks(draft, edits, markers)) return edits;
  return undefined;
}

function* deletions(draft: AnalysedDraft, bracket: BracketSpan): Generator<SpanEdit[]> {
  const text = draft.text;
  const lineOfOpen = draft.lines.lineAt(bracket.open);
  const lineOfEnd = draft.lines.lineAt(bracket.end - 1);
  const startsLine = text.slice(draft.lines.lineStart(lineOfOpen), bracket.open).trim() === '';
  const endsLine = text.slice(bracket.end, draft.lines.lineEnd(lineOfEnd)).trim() === '';
  if (startsLine && endsLine) {
    yield [removeLines(draft, { start: bracket.open, end: bracket.end })];
  } else {
    let start = bracket.open;
    let end = bracket.end;
    const before = text[start - 1];
    const after = text[end];
    if (blank(before) && (blank(after) || (after !== undefined && /[.,;:!?)]/.test(after)))) start--;
    else if (blank(after) && (before === undefined || before === '\n' || before === '\r' || before === '(')) end++;
    yield [{ span: { start, end }, newText: '' }];
    if (start !== bracket.open || end !== bracket.end) yield [{ span: { start: bracket.open, end: bracket.end }, newText: '' }];
  }
  const label = draft.blocks[bracket.block]?.labelSpan;
  if (label && label.end > label.start && bracket.open < label.start && label.end <= bracket.close) {
    const lineEnd = draft.lines.lineEnd(draft.lines.lineAt(bracket.close));
    let from = label.end;
    let to = bracket.end;
    if (text.slice(bracket.end, lineEnd).trim() === '') to = lineEnd;
    else if (blank(text[from])) {
      from++;
      while (blank(text[to])) to++;
    }
    const edits: SpanEdit[] = [{ span: { start: bracket.open, end: label.start }, newText: '' }];
    if (to > from) edits.push({ span: { start: from, end: to }, newText: '' });
    yield edits;
  }
}

const blank = (c: string | undefined) => c === ' ' || c === '\t';

/**
 * Whether edits leave the blocks they do not remove as they were (NOTATION §1; decisions §7): every block keeps its
 * label, where it stands, and its kind (no label appears at a line start or disappears, no paragraph becomes a heading
 * or the reverse), a numbered draft stays numbered and an unnumbered draft is cut into the same ¶s. A block goes only
 * when all its text goes. Blocks are read again with the analysis's own splitter: in a numbered draft only around the
 * edits (a block's kind depends on its own lines and on the block after it), in an unnumbered draft everywhere (its
 * blank lines decide how it is cut).
 */
export function keepsBlocks(draft: AnalysedDraft, edits: readonly SpanEdit[], markers: readonly string[]): boolean {
  const sorted = disjointEdits(edits);
  if (sorted.length === 0) return true;
  const endsWithMarker = markerReaderOf({ agreedMarkers: markers }).endsWithMarker;
  const { text, lines, blocks } = draft;
  let oldText = text;
  let shift = 0;
  let skip = 0;
  if (draft.numbered && blocks.length > 0) {
    const firstLine = lines.lineAt(sorted[0].span.start);
    const lastLine = lines.lineAt(Math.max(...sorted.map((e) => e.span.end)));
    // Blocks are in line order: found by binary search, not a scan of tens of thousands per offered action.
    let lo = firstFrom(blocks, (b) => b.lastLine, firstLine);
    if (lo >= blocks.length) lo = blocks.length - 1;
    let hi = lo;
    while (hi + 1 < blocks.length && blocks[hi + 1].firstLine <= lastLine) hi++;
    const from = blocks[Math.max(0, lo - 1)];
    const to = blocks[Math.min(blocks.length - 1, hi + 1)];
    const a = Math.min(firstLine, from.firstLine);
    const b = Math.max(lastLine, to.lastLine);
    const excerptStart = lines.lineStart(a);
    const excerptEnd = b + 1 < lines.lineCount ? lines.lineStart(b + 1) : text.length;
    // A numbered paragraph and a rule first: the excerpt is read as part of a numbered draft, and its first line
    // starts a block of its own (after a rule even a line with no label does).
    oldText = NUMBERED_PREFIX + text.slice(excerptStart, excerptEnd);
    shift = NUMBERED_PREFIX.length - excerptStart;
    skip = 2;
  }
  // Read again here too, not taken from the draft: both readings then use the same markers.
  const before = splitBlocks(oldText, new LineIndex(oldText), endsWithMarker);
  const local = sorted.map((e) => ({ span: { start: e.span.start + shift, end: e.span.end + shift }, newText: e.newText }));
  const newText = applySpanEdits(oldText, local);
  const after = splitBlocks(newText, new LineIndex(newText), endsWithMarker).slice(skip);
  const gone = (block: Block) => deletedWhole(oldText, block.span, local);
  const survivors = before.slice(skip).filter((block) => !gone(block));
  if (survivors.length !== after.length) return false;
  for (let i = 0; i < survivors.length; i++) {
    const was = survivors[i];
    const now = after[i];
    if (was.kind !== now.kind || mapOffset(local, was.labelSpan.start) !== now.labelSpan.start) return false;
    if (oldText.slice(was.labelSpan.start, was.labelSpan.end) !== newText.slice(now.labelSpan.start, now.labelSpan.end)) return false;
  }
  if (!draft.numbered) return true;
  // The draft stays numbered while a numbered block is left (or nothing at all is).
  const removed = new Set(before.slice(skip).filter(gone).map((block) => block.span.start - shift));
  // Stops at the first numbered block left, almost always among the first few.
  let anyLeft = false;
  for (const block of blocks) {
    if (removed.has(block.span.start)) continue;
    if (isNumberedKind(block.kind)) return true;
    anyLeft = true;
  }
  return !anyLeft;
}

const NUMBERED_PREFIX = '1. x.\n___\n';

/** Whether every non-blank character of a span is deleted by the edits (sorted and disjoint). */
function deletedWhole(text: string, span: TextSpan, edits: readonly SpanEdit[]): boolean {
  let p = span.start;
  for (const e of edits) {
    if (e.span.end <= p) continue;
    if (e.span.start >= span.end) break;
    if (text.slice(p, e.span.start).trim() !== '' || e.newText !== '') return false;
    p = Math.max(p, e.span.end);
  }
  return text.slice(p, span.end).trim() === '';
}

/** Where an offset of the old text stands after the edits (an offset at an edit's end moves with the text after it). */
function mapOffset(edits: readonly SpanEdit[], offset: number): number {
  let shift = 0;
  for (const e of edits) if (e.span.end <= offset) shift += e.newText.length - (e.span.end - e.span.start);
  return offset + shift;
}

/** Drops every plain bracket of a paragraph (not options, runs or placeholders, which need a choice). */
export function acceptAllPlain(draft: AnalysedDraft, paragraph: Paragraph): SpanEdit[] {
  return acceptableBrackets(draft, paragraph).flatMap(acceptBracket);
}

export function acceptableBrackets(draft: AnalysedDraft, paragraph: Paragraph): BracketSpan[] {
  return bracketsIn(draft, paragraph.span).filter(isPlain);
}

/** A bracket that can simply be accepted: closed, no options, alone in its run, not a placeholder or empty. */
export function isPlain(b: BracketSpan): boolean {
  return b.close >= 0 && b.options.length === 0 && (!b.run || b.run.spans.length === 1) && !b.placeholder && !b.empty;
}

/** Appends the first configured marker after the paragraph's last character. */
export function markAgreed(paragraph: Paragraph, marker: string): SpanEdit[] {
  return [{ span: { start: paragraph.span.end, end: paragraph.span.end }, newText: ` ${marker}` }];
}

/** Removes a marker and the spaces before it on its line. */
export function removeMarker(draft: AnalysedDraft, marker: TextSpan): SpanEdit[] {
  let start = marker.start;
  while (start > 0 && (draft.text[start - 1] === ' ' || draft.text[start - 1] === '\t')) start--;
  return [{ span: { start, end: marker.end }, newText: '' }];
}

/** Closes an unclosed `[` where the analysis closed it: at the end of its block. */
export function closeBracket(bracket: BracketSpan): SpanEdit[] {
  return [{ span: { start: bracket.end, end: bracket.end }, newText: ']' }];
}

export function deleteCharacter(at: number): SpanEdit[] {
  return [{ span: { start: at, end: at + 1 }, newText: '' }];
}

export function repairEncoding(repairs: readonly EncodingRepair[]): SpanEdit[] {
  return repairs.map((r) => ({ span: r.span, newText: r.repaired }));
}

/** The whole lines a span stands on, line breaks included (see `removeLinesOf`). */
export function removeLines(draft: AnalysedDraft, span: TextSpan): SpanEdit {
  return removeLinesOf(draft, [span])[0];
}

/**
 * The whole lines several spans stand on, as disjoint deletions: spans on the same or neighbouring lines are merged
 * first, so that removing two members that end the text never yields overlapping edits. When a deletion would leave two
 * blank lines together, the blank line after it goes too; at the end of a text without a final line break, the line
 * break before it goes instead, so the text still ends as it did.
 */
export function removeLinesOf(draft: AnalysedDraft, spans: readonly TextSpan[]): SpanEdit[] {
  const { lines, text } = draft;
  const ranges = spans
    .map((span) => ({ first: lines.lineAt(span.start), last: lines.lineAt(Math.max(span.start, span.end - 1)) }))
    .sort((a, b) => a.first - b.first);
  const isBlank = (line: number) => line >= 0 && line < lines.lineCount && text.slice(lines.lineStart(line), lines.lineEnd(line)).trim() === '';
  const onlyBlankBetween = (after: number, before: number) => {
    for (let line = after + 1; line < before; line++) if (!isBlank(line)) return false;
    return true;
  };
  // Stretches with only blank lines between are one: each alone takes a blank line beside it, and the last of a
  // draft with no final line break takes the line break before it, so apart they could overlap.
  const merged: Array<{ first: number; last: number }> = [];
  for (const r of ranges) {
    const previous = lastOf(merged);
    if (previous && (r.first <= previous.last + 1 || onlyBlankBetween(previous.last, r.first))) previous.last = Math.max(previous.last, r.last);
    else merged.push({ ...r });
  }
  return merged.map(({ first, last }) => {
    let start = lines.lineStart(first);
    let end = last + 1 < lines.lineCount ? lines.lineStart(last + 1) : text.length;
    if (last + 1 >= lines.lineCount && first > 0) {
      start = lines.lineEnd(first - 1);
    } else if ((first === 0 || isBlank(first - 1)) && isBlank(last + 1) && last + 1 < lines.lineCount - 1) {
      end = lines.lineStart(last + 2);
    }
    return { span: { start, end }, newText: '' };
  });
}

function skipBlanks(text: string, at: number): number {
  let p = at;
  while (p < text.length && (text[p] === ' ' || text[p] === '\t')) p++;
  return p;
}
