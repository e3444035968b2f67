import { analyseDraft, completeAnalysis, markerKeyOf, markerReaderOf, numberingOf, numberLabels, readBrackets, type AnalysedDraft, type AnalysisOptions, type KeptLabels, type KeptParagraphFacts, type LabelFindings, type LineBoundFindings } from './analyse';
import { isNumberedKind, lineLabelKind, splitBlockWindow } from './blocks';
import type { MarkerReader } from './markers';
import type { RecallSentences, SentencesByParagraph } from './duplicateSentences';
import { unclosedMessage, unmatchedMessage } from './brackets';
import type { LineIndex } from './lineIndex';
import { encodingProblems, findEncodingDamage } from './encodingDamage';
import { findReferenceWords, type KeptReferences, type ReferenceWord } from './references';
import type { AgreedMarker, Article, Block, Heading, Label, Paragraph, Problem, Reference, TextSpan } from './model';
import { splicedTable } from './bracketTable';
import { sameNumber, type DraftNumber } from './numberForms';
import { firstFrom, moveSpan, spliced } from './spanSearch';
import { visitItems } from './groups';
import { finishSpans, hasArticleBody, paragraphName } from './structure';
import { isSublabelProblem, labelsAfterNumberRetyped, type RetypedNumber } from './numberRetyped';

/** One edit, in offsets of the text before it: [start, end) is replaced by `text`. */
export interface TextChange {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Past this many characters changed, an edit is a paste or a replacement of much of the draft: read it whole. */
const LARGEST_WINDOWED_EDIT = 64 * 1024;

/**
 * The analysis of `previous.text` with one edit applied, equal to `analyseDraft` of the new text (a property test
 * holds it to that), reading again only the blocks around the edit (their lines, labels and brackets) and the lines
 * around it (encoding damage, reference words). What the labels decide (structure, number index, groups, numbering) is
 * kept when the edit left it as it was (`keptLabels`), and read again over all blocks otherwise; markers, status,
 * references and duplicate sentences run again over the blocks, duplicate sentences reusing the sentences of every
 * paragraph the edit left alone.
 *
 * `previous` is consumed: blocks, brackets and problems after the edit are moved in place rather than copied, which is
 * most of what makes a keystroke cheap on a 1 MB draft. The caller must not use `previous` afterwards.
 *
 * `editedText`, when given, is the new text as the caller already holds it; it is used only if it is what the edit makes.
 *
 * Never throws; whenever the window cannot be trusted to read as the whole draft would (an unnumbered draft, a block's
 * opening bracket searching past the window, other agreed markers, an edit over 64 KB), the new text is analysed whole.
 */
export function reanalyse(previous: AnalysedDraft, change: TextChange, options: AnalysisOptions = {}, editedText?: string): AnalysedDraft {
  const start = clamp(change.start, 0, previous.text.length);
  const end = clamp(change.end, start, previous.text.length);
  const text =
    editedText !== undefined && isEdited(previous.text, start, end, change.text, editedText)
      ? editedText
      : previous.text.slice(0, start) + change.text + previous.text.slice(end);
  try {
    return reanalyseWindow(previous, { start, end, text: change.text }, text, options) ?? analyseDraft(text, options);
  } catch {
    return analyseDraft(text, options);
  }
}

/**
 * Whether `edited` is `text` with [start, end) replaced by `inserted`. Compared, not rebuilt: the editor's document
 * already holds the new text, and building it again cost a copy of the whole draft per keystroke.
 */
function isEdited(text: string, start: number, end: number, inserted: string, edited: string): boolean {
  const after = start + inserted.length;
  return (
    edited.length === text.length - (end - start) + inserted.length &&
    edited.slice(0, start) === text.slice(0, start) &&
    edited.slice(start, after) === inserted &&
    edited.slice(after) === text.slice(end)
  );
}

function reanalyseWindow(previous: AnalysedDraft, change: TextChange, text: string, options: AnalysisOptions): AnalysedDraft | undefined {
  const reuse = previous.reuse;
  if (!reuse || previous.internalError !== undefined || !previous.numbered) return undefined;
  if (reuse.markerKey !== markerKeyOf(options)) return undefined;
  if (change.end - change.start + change.text.length > LARGEST_WINDOWED_EDIT) return undefined;

  const before = previous.lines;
  const lines = before.afterEdit(text, change.start, change.end, change.text.length);
  const delta = change.text.length - (change.end - change.start);
  const lineDelta = lines.lineCount - before.lineCount;
  const oldBlocks = previous.blocks;

  // The window: from a label line at least one block before the edit (the block before the window is classified by
  // the label after it, which must not change) to the next label line after the edit.
  const editFirstLine = before.lineAt(change.start);
  const editLastLine = before.lineAt(change.end);
  // The block before the last one starting on or before the edit's first line; the first starting after its last line.
  let first = firstFrom(oldBlocks, (b) => b.firstLine, editFirstLine + 1) - 2;
  while (first > 0 && oldBlocks[first].kind === 'text') first--;
  first = Math.max(0, first);
  let after = firstFrom(oldBlocks, (b) => b.firstLine, editLastLine + 1);
  while (after < oldBlocks.length && oldBlocks[after].kind === 'text') after++;
  const windowStartOf = () => before.lineStart(first === 0 ? 0 : oldBlocks[first].firstLine);
  const windowEndOf = () => (after < oldBlocks.length ? before.lineStart(oldBlocks[after].firstLine) : Number.POSITIVE_INFINITY);
  // A block opening with `[` may be closed blocks later (NOTATION §2): where such a search for the closing block
  // reached into the window, the whole stretch it searched is read again, since the edit may re-pair its brackets.
  for (let grown = true; grown; ) {
    grown = false;
    const start = windowStartOf();
    const end = windowEndOf();
    for (const search of reuse.bracketSearches) {
      if (search.start >= end || search.end <= start) continue;
      const from = firstFrom(oldBlocks, (b) => b.span.start, search.start);
      const to = search.end === Number.POSITIVE_INFINITY ? oldBlocks.length : firstFrom(oldBlocks, (b) => b.span.start, search.end);
      if (from < first) (first = from), (grown = true);
      if (to > after) (after = to), (grown = true);
    }
    while (first > 0 && oldBlocks[first].kind === 'text') first--;
    while (after < oldBlocks.length && oldBlocks[after].kind === 'text') after++;
  }
  const firstLine = first === 0 ? 0 : oldBlocks[first].firstLine;
  const lastLine = after < oldBlocks.length ? oldBlocks[after].firstLine - 1 + lineDelta : lines.lineCount - 1;
  const following = after < oldBlocks.length ? lineLabelKind(text, lines, oldBlocks[after].firstLine + lineDelta) : undefined;
  const window = splitBlockWindow(text, lines, firstLine, lastLine, first, following, markerReaderOf(options).endsWithMarker);

  const windowStart = windowStartOf();
  const windowEnd = windowEndOf();
  const windowBrackets = readBrackets(text, window, lines);
  // A search for a closing block that runs past the window could pair brackets beyond it: read the draft whole.
  if (after < oldBlocks.length && windowBrackets.searches.some((s) => s.end === Number.POSITIVE_INFINITY)) return undefined;
  const indexDelta = window.length - (after - first);
  const numbered = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (isNumberedKind(oldBlocks[i].kind)) return true;
    return false;
  };
  if (!numbered(0, first) && !window.some((b) => isNumberedKind(b.kind)) && !numbered(after, oldBlocks.length)) return undefined;

  // An edit that changed no label keeps the structure, groups and numbering; one that changed only paragraph numbers
  // keeps the structure (checked before anything moves).
  const keep = indexDelta === 0 && window.length > 0 ? keptLabels(previous, window, first, change, text) : undefined;

  // From here on `previous` is changed in place.
  let blocks: Block[];
  if (keep) {
    // The structure holds the blocks themselves: the window's readings are copied into them.
    blocks = oldBlocks;
    for (let i = 0; i < window.length; i++) takeOver(oldBlocks[first + i], window[i]);
    for (let i = after; i < oldBlocks.length; i++) moveBlock(oldBlocks[i], 0, delta, lineDelta);
  } else {
    blocks = oldBlocks.slice(0, first);
    for (const b of window) blocks.push(b);
    for (let i = after; i < oldBlocks.length; i++) blocks.push(moveBlock(oldBlocks[i], indexDelta, delta, lineDelta));
  }

  // Split the old findings before any of them moves: positions are compared in the old text.
  const brackets = splicedTable(previous.brackets, windowStart, windowEnd, windowBrackets.brackets, delta, indexDelta);
  const bracketProblems = spliced(reuse.bracketProblems, (p) => p.span.start, windowStart, windowEnd, windowBrackets.problems);
  const bracketSearches = spliced(reuse.bracketSearches, (s) => s.start, windowStart, windowEnd, windowBrackets.searches);
  moveProblems(bracketProblems.all, bracketProblems.moved, delta);
  for (let i = bracketSearches.moved; i < bracketSearches.all.length; i++) moveSpan(bracketSearches.all[i], delta);
  if (lineDelta !== 0) renameMovedLines(bracketProblems.all, blocks, lines, windowEnd + delta);

  // Before anything reads the markers: whether those outside the window are the objects they were, moved in place.
  const markers = markersAfter(previous.markers, markerReaderOf(options), text, windowStart, windowEnd, delta);
  let kept: KeptLabels | undefined;
  if (keep) {
    const references = keptReferences(previous.references, windowStart, windowEnd, delta);
    const { paragraphs, headings, articles, numbered } = previous;
    // The paragraph the window's first block belongs to, and those after it, may have moved or changed; none before it.
    const movedFrom = firstFrom(paragraphs, (p) => p.block.index, first + window.length);
    finishSpans(paragraphs, headings, articles, blocks, true, Math.max(0, firstFrom(paragraphs, (p) => p.block.index, first + 1) - 1), movedFrom, delta);
    const from = blocks[first].span.start;
    const to = blocks[first + window.length - 1].span.end;
    const rereads = { start: from, end: to };
    const factsKept: KeptParagraphFacts = { optionGroups: previous.optionGroups, status: reuse.status };
    if (keep.problems) {
      const { index, alternativeGroups } = previous;
      const numbering = namesMovedLine(keep.problems.numbering, change.start, lineDelta)
        ? numberingOf(paragraphs, articles, alternativeGroups, numbered)
        : { problems: keep.problems.numbering, record: reuse.numbering };
      const labels = { paragraphs, headings, articles, numbered, index, alternativeGroups, groupProblems: keep.problems.groups, numberingProblems: numbering.problems, numbering: numbering.record };
      kept = { labels, rereads, delta, references, sentences: reuse.sentences, facts: markers.whole ? undefined : factsKept };
    } else {
      const retyped = renameWindow(paragraphs, first, first + window.length);
      // Numbering problems naming lines (`duplicate-number`) are kept only while no line moved.
      const numbering = lineDelta === 0 && reuse.numbering && keep.numberingProblems ? { record: reuse.numbering, problems: keep.numberingProblems, edit: change, delta } : undefined;
      const keptProblems = keep.groupProblems && keep.sublabelProblems && { groups: keep.groupProblems, sublabels: keep.sublabelProblems, numbering };
      const retypedLabels = keptProblems && labelsAfterNumberRetyped(previous, retyped, keptProblems);
      // Groups read again may have changed any paragraph's status; groups kept, only those of the window.
      const facts = retypedLabels && !markers.whole ? factsKept : undefined;
      kept = { labels: retypedLabels ?? regroup(paragraphs, headings, articles, numbered), rereads, delta, references, sentences: reuse.sentences, facts };
    }
  }

  return completeAnalysis(
    text,
    lines,
    blocks,
    { brackets, problems: bracketProblems.all, searches: bracketSearches.all },
    lineBoundAfter(reuse.lineBound, lines, firstLine, lastLine, delta),
    markers.markers,
    options,
    // A kept structure updates the sentences in place (`kept.sentences`); one read again recalls those left alone.
    keep ? () => undefined : sentencesLeftAlone(reuse.sentences, change, delta),
    kept,
  );
}

/**
 * Whether the edit left the structure as it was: every block of the window has its kind and the label fields the
 * structure is built from (all but paragraph and alternative numbers), and an article's body is still there or still
 * absent. If so, and every label reads as it did (the same fields, at the place the edit moved it to), `problems` are
 * the group and numbering problems of the old analysis, moved with the text. Otherwise undefined: the labels are read again.
 */
function keptLabels(
  previous: AnalysedDraft,
  window: readonly Block[],
  first: number,
  change: TextChange,
  text: string,
): { problems?: { groups: Problem[]; numbering: Problem[] }; groupProblems?: Problem[]; sublabelProblems?: Problem[]; numberingProblems?: Array<Problem | undefined> } | undefined {
  const delta = change.text.length - (change.end - change.start);
  // A label's spans lie wholly before the edit or wholly after it, or the label was edited.
  const moved = (span: TextSpan): TextSpan | undefined =>
    span.end <= change.start ? span : span.start >= change.end ? { start: span.start + delta, end: span.end + delta } : undefined;
  let unchanged = true;
  for (let i = 0; i < window.length; i++) {
    const old = previous.blocks[first + i];
    const now = window[i];
    if (old.kind !== now.kind || old.leadingBrackets !== now.leadingBrackets || old.unnumbered !== now.unnumbered) return undefined;
    if (!sameShape(old.label, now.label)) return undefined;
    if (old.label.kind === 'article' && now.label.kind === 'article') {
      if (hasArticleBody(previous.text, old, old.label.title) !== hasArticleBody(text, now, now.label.title)) return undefined;
    }
    if (unchanged && !(sameSpan(moved(old.labelSpan), now.labelSpan) && sameLabel(old.label, now.label, moved))) unchanged = false;
  }
  const reuse = previous.reuse!;
  const groups = movedProblems(reuse.groupProblems, moved);
  // Sub-paragraph letters name no paragraph: their problems hold while only paragraph numbers changed.
  if (!unchanged) {
    const sublabelProblems = movedProblems(reuse.numberingProblems.filter(isSublabelProblem), moved);
    // Paragraph and article numbering, for a number retyped alone: the problems it overlapped are read again, if any is.
    const numberingProblems = reuse.numberingProblems.filter((p) => !isSublabelProblem(p)).map((p) => movedProblem(p, moved));
    return { groupProblems: groups, sublabelProblems, numberingProblems };
  }
  const numbering = movedProblems(reuse.numberingProblems, moved);
  return groups && numbering ? { problems: { groups, numbering } } : {};
}

/**
 * The sentences of a paragraph the edit left alone, found in the analysis before by where its text ran: for a structure
 * read again, whose paragraphs are new objects. Paragraphs come in text order, so each is found by walking forward.
 */
function sentencesLeftAlone(earlier: SentencesByParagraph, change: TextChange, delta: number): RecallSentences {
  const editedEnd = change.start + change.text.length;
  let k = 0;
  return (from, end) => {
    const unmoved = end <= change.start;
    if (!unmoved && from < editedEnd) return undefined;
    const shift = unmoved ? 0 : delta;
    while (k < earlier.froms.length && earlier.froms[k] < from - shift) k++;
    return k < earlier.froms.length && earlier.froms[k] === from - shift && earlier.ends[k] === end - shift ? earlier.lists[k] : undefined;
  };
}

/**
 * Whether a kept numbering problem's message names a line the edit moved. Only `duplicate-number` names one, its first
 * use's, which is related to it: a line break typed anywhere else keeps them all (reading the numbering of 1 MB again
 * was a sixth of that keystroke).
 */
function namesMovedLine(problems: readonly Problem[], editStart: number, lineDelta: number): boolean {
  if (lineDelta === 0) return false;
  return problems.some((p) => p.code === 'duplicate-number' && p.related !== undefined && p.related[0].span.start >= editStart);
}

/**
 * Labels the structure is built alike from: a paragraph's number and terminator, and an alternative's index and
 * target, name paragraphs and groups but place nothing (an alternative to a sub-paragraph is placed by having one).
 */
function sameShape(old: Label, now: Label): boolean {
  if (old.kind === 'paragraph') return now.kind === 'paragraph';
  if (old.kind === 'alternative') return now.kind === 'alternative' && old.targetSub === now.targetSub;
  return sameLabel(old, now, () => undefined, true);
}

/**
 * Paragraphs of the window whose number may have changed take the number and name their label now gives; those whose
 * number did change are returned with the number they had. The groups, number index and numbering are then read again
 * over the kept structure, or only the numbering when one paragraph's number changed alone (core/numberRetyped.ts).
 */
function renameWindow(paragraphs: readonly Paragraph[], from: number, to: number): RetypedNumber[] {
  const retyped: RetypedNumber[] = [];
  for (let i = firstFrom(paragraphs, (p) => p.block.index, from); i < paragraphs.length && paragraphs[i].block.index < to; i++) {
    const p = paragraphs[i] as Mutable<Paragraph>;
    const label = p.block.label;
    const was = p.number;
    if (p.role === 'paragraph' && label.kind === 'paragraph') p.number = label.number;
    else if (p.role === 'alternative' && label.kind === 'alternative') p.number = label.target;
    if (was !== p.number && !(was && p.number && sameNumber(was, p.number))) retyped.push({ paragraph: p, was });
    p.name = paragraphName(p, p.block);
  }
  return retyped;
}

/** The label findings of a kept structure whose numbers changed: its old groups let go, then read again with the rest. */
function regroup(paragraphs: Paragraph[], headings: Heading[], articles: Article[], numbered: boolean): LabelFindings {
  for (const p of paragraphs) {
    p.group = undefined;
    if (p.items.length > 0) visitItems(p.items, (item) => (item.group = undefined));
  }
  return numberLabels(paragraphs, headings, articles, numbered);
}

/**
 * Two labels alike but for their spans, which `moved` takes from the old label to the new text; with `ignoreSpans`,
 * alike whatever their spans.
 */
function sameLabel(old: Label, now: Label, moved: (span: TextSpan) => TextSpan | undefined, ignoreSpans = false): boolean {
  const oldFields = old as unknown as Record<string, unknown>;
  const nowFields = now as unknown as Record<string, unknown>;
  const keys = Object.keys(oldFields);
  if (keys.length !== Object.keys(nowFields).length) return false;
  for (const key of keys) {
    const a = oldFields[key];
    const b = nowFields[key];
    if (isSpan(a) && isSpan(b)) {
      if (!ignoreSpans && !sameSpan(moved(a), b)) return false;
    } else if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
      // The only other objects in a label are its numbers.
      if (!sameNumber(a as DraftNumber, b as DraftNumber)) return false;
    } else if (a !== b) {
      return false;
    }
  }
  return true;
}

function isSpan(value: unknown): value is TextSpan {
  return typeof value === 'object' && value !== null && 'start' in value && 'end' in value;
}

function sameSpan(a: TextSpan | undefined, b: TextSpan): boolean {
  return a !== undefined && a.start === b.start && a.end === b.end;
}

/** Problems at labels, moved with the text (new objects: a span may be shared with a label or another problem). */
function movedProblems(problems: readonly Problem[], moved: (span: TextSpan) => TextSpan | undefined): Problem[] | undefined {
  const result: Problem[] = new Array(problems.length);
  for (let i = 0; i < problems.length; i++) {
    const problem = movedProblem(problems[i], moved);
    if (!problem) return undefined;
    result[i] = problem;
  }
  return result;
}

/** A problem at a label, moved with the text; undefined when it, or a span related to it, overlapped the edit. */
function movedProblem(problem: Problem, moved: (span: TextSpan) => TextSpan | undefined): Problem | undefined {
  const span = moved(problem.span);
  if (!span) return undefined;
  let related = problem.related;
  if (related) {
    const spans = related.map((r) => moved(r.span));
    if (spans.some((r) => r === undefined)) return undefined;
    if (spans.some((r, j) => r !== related![j].span)) related = related.map((r, j) => ({ span: spans[j]!, message: r.message }));
  }
  return span === problem.span && related === problem.related ? problem : related ? { ...problem, span, related } : { ...problem, span };
}

/** A block of the window read again with its label unchanged: the old block object, which the structure holds, takes the new reading. */
function takeOver(old: Block, now: Block): void {
  const block = old as Mutable<Block>;
  block.span = now.span;
  block.labelSpan = now.labelSpan;
  block.label = now.label;
  block.firstLine = now.firstLine;
  block.lastLine = now.lastLine;
}

/**
 * Encoding damage and reference words, read again on the window's lines and the line on either side (a reference word
 * may end a line and its number start the next); the rest kept, or moved after the window.
 */
function lineBoundAfter(old: LineBoundFindings, lines: LineIndex, firstLine: number, lastLine: number, delta: number): LineBoundFindings {
  const from = lines.lineStart(Math.max(0, firstLine - 1));
  const beyond = lastLine + 2;
  const to = beyond < lines.lineCount ? lines.lineStart(beyond) : Number.POSITIVE_INFINITY;
  const oldTo = to === Number.POSITIVE_INFINITY ? to : to - delta;
  const text = lines.text;
  const encoding = spliced(old.encoding, (p) => p.span.start, from, oldTo, encodingProblems(findEncodingDamage(text, from, Math.min(to, text.length))));
  moveProblems(encoding.all, encoding.moved, delta);
  const words = spliced(old.referenceWords, (w) => w.index, from, oldTo, findReferenceWords(text, from, Math.min(to, text.length)));
  if (delta !== 0) for (let i = words.moved; i < words.all.length; i++) (words.all[i] as Mutable<ReferenceWord>).index += delta;
  return { encoding: encoding.all, referenceWords: words.all };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The agreed markers after the edit: those before the window kept, those after it moved in place, and the stretch
 * between found again from where the last kept one ends (where a scan of the whole text stands free), so that a marker
 * running into the window is found as a whole reading would find it. A marker running across the window's end, before
 * or after the edit, has the text searched whole (`whole`: every marker is then a new object).
 */
function markersAfter(markers: AgreedMarker[], reader: MarkerReader, text: string, windowStart: number, windowEnd: number, delta: number): { markers: AgreedMarker[]; whole: boolean } {
  const whole = () => ({ markers: reader.find(text), whole: true });
  const tail = firstFrom(markers, (m) => m.span.start, windowEnd);
  if (tail > 0 && markers[tail - 1].span.end > windowEnd) return whole();
  // Where the last marker ending before the window ends: every marker before it starts before it, none after.
  const head = firstFrom(markers, (m) => m.span.end, windowStart + 1);
  const from = head > 0 ? markers[head - 1].span.end : 0;
  const until = windowEnd + delta;
  const found = reader.find(text, from, until);
  if (found.length > 0 && found[found.length - 1].span.end > until) return whole();
  const { all, moved } = spliced(markers, (m) => m.span.start, from, windowEnd, found);
  for (let i = moved; i < all.length; i++) moveSpan(all[i].span, delta);
  return { markers: all, whole: false };
}

/**
 * The references before and after the window (offsets of the text before the edit), those after moved in place; or
 * undefined when a phrase of the window ran past its end, which may have swallowed words after it.
 */
function keptReferences(references: Reference[], windowStart: number, windowEnd: number, delta: number): KeptReferences | undefined {
  const head = firstFrom(references, (r) => r.phrase.start, windowStart);
  const tail = firstFrom(references, (r) => r.phrase.start, windowEnd);
  for (let i = head; i < tail; i++) if (references[i].phrase.end > windowEnd) return undefined;
  const after = references.slice(tail);
  let moved: TextSpan | undefined;
  for (const r of after) {
    moveSpan(r.span, delta);
    // The references of one phrase share it, and stand together.
    if (r.phrase !== moved) moveSpan((moved = r.phrase), delta);
  }
  return { before: references.slice(0, head), after, from: windowStart, to: windowEnd + delta };
}

/** Messages about a `[` or `]` name their block, and a bullet or text block by its line: after the window, lines moved. */
function renameMovedLines(problems: Problem[], blocks: readonly Block[], lines: LineIndex, from: number): void {
  for (let i = firstFrom(problems, (p) => p.span.start, from); i < problems.length; i++) {
    const problem = problems[i];
    if (problem.code !== 'unclosed-bracket' && problem.code !== 'unmatched-bracket') continue;
    const block = blocks[firstFrom(blocks, (b) => b.span.start, problem.span.start + 1) - 1];
    const message = problem.code === 'unclosed-bracket' ? unclosedMessage(block, lines) : unmatchedMessage(block);
    problems[i] = { ...problem, message };
  }
}

function moveProblems(problems: readonly Problem[], from: number, delta: number): void {
  if (delta === 0) return;
  for (let i = from; i < problems.length; i++) moveSpan(problems[i].span, delta);
}

/**
 * A block after the edit, moved to where it now stands, in place: a block's spans are its own (a problem that names a
 * label keeps its place by `movedProblems`, which runs before any block moves, or is found again after).
 */
function moveBlock(b: Block, indexDelta: number, delta: number, lineDelta: number): Block {
  if (indexDelta === 0 && delta === 0 && lineDelta === 0) return b;
  const block = b as Mutable<Block>;
  block.index += indexDelta;
  block.firstLine += lineDelta;
  block.lastLine += lineDelta;
  if (delta === 0) return b;
  moveSpan(b.span, delta);
  moveSpan(b.labelSpan, delta);
  const label = b.label;
  switch (label.kind) {
    case 'paragraph':
    case 'article':
      moveSpan(label.numberSpan, delta);
      break;
    case 'heading':
      if (label.numberSpan) moveSpan(label.numberSpan, delta);
      break;
    case 'alternative':
      moveSpan(label.indexSpan, delta);
      moveSpan(label.targetSpan, delta);
      break;
  }
  return b;
}

function clamp(value: number, low: number, high: number): number {
  return Number.isFinite(value) ? Math.max(low, Math.min(high, Math.trunc(value))) : low;
}
