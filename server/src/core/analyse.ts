import { splitBlocks } from './blocks';
import { analyseBrackets, bracketContentProblems } from './brackets';
import { BracketTable } from './bracketTable';
import { findDuplicateSentences, updateDuplicateSentences, type RecallSentences, type SentencesByParagraph } from './duplicateSentences';
import { encodingProblems, findEncodingDamage } from './encodingDamage';
import { assignStatus, buildAlternativeGroups, buildOptionGroups, NumberIndex, type StatusProblems } from './groups';
import { LineIndex } from './lineIndex';
import { assignMarkers, markerKey, markerReader, type MarkerReader } from './markers';
import type { AgreedMarker, AlternativeGroup, Article, Block, Draft, Heading, OptionGroup, Paragraph, Problem, TextSpan } from './model';
import { firstFrom, spanAt, spliced, moveSpan } from './spanSearch';
import { checkNumbering, checkSublabels, type NumberingRecord } from './numbering';
import { findReferences, findReferencesAround, findReferenceWords, resolveReferences, type KeptReferences, type ReferenceContext, type ReferenceWord } from './references';
import { DEFAULT_AGREED_MARKERS } from './settings';
import { assignEndMarkers, buildStructure } from './structure';

export interface AnalysisOptions {
  readonly agreedMarkers?: readonly string[];
}

/** A model of the draft, with everything that went wrong along the way as problems. */
export interface AnalysedDraft extends Draft {
  /** Set only when the analysis itself failed: the model is then empty, and the server logs this. */
  readonly internalError?: string;
  /** Paragraph-number lookups for features (rename, references). */
  readonly index: NumberIndex;
  /** What a re-analysis after an edit may take over (core/incremental.ts); absent when the analysis failed. */
  readonly reuse?: ReusableFindings;
}

/** Findings that depend only on the text of their own block or paragraph, kept for the next edit. */
export interface ReusableFindings {
  /** The agreed markers the draft was read with. */
  readonly markerKey: string;
  /** The bracket problems (unclosed, unmatched, unresolved, placeholder, empty), sorted as `problems` is. */
  readonly bracketProblems: Problem[];
  /** Where blocks opening with an unclosed `[` looked for their `]` (see `BracketAnalysis.searches`), in text order. */
  readonly bracketSearches: TextSpan[];
  readonly sentences: SentencesByParagraph;
  readonly lineBound: LineBoundFindings;
  /** Problems of the alternative groups and of numbering, which only labels and lines decide (see `LabelFindings`). */
  readonly groupProblems: Problem[];
  readonly numberingProblems: Problem[];
  /** How the numbering read each scope; absent for a draft of plain ¶s. */
  readonly numbering?: NumberingRecord;
  /** The `agreed-with-brackets` problems, by paragraph. */
  readonly status: StatusProblems;
}

/**
 * What the blocks' labels and lines decide, whatever the text after the labels says: the structure, the number index,
 * the alternative groups and their problems, and the numbering problems. Markers, brackets and status are not here.
 */
export interface LabelFindings {
  readonly paragraphs: Paragraph[];
  readonly headings: Heading[];
  readonly articles: Article[];
  readonly numbered: boolean;
  readonly index: NumberIndex;
  readonly alternativeGroups: AlternativeGroup[];
  readonly groupProblems: Problem[];
  readonly numberingProblems: Problem[];
  readonly numbering?: NumberingRecord;
}

/**
 * Label findings kept from the analysis before an edit that left the structure as it was (core/incremental.ts), with
 * their spans already moved, the paragraphs around the edit whose brackets must be found again, and the references
 * outside the lines read again.
 */
export interface KeptLabels {
  readonly labels: LabelFindings;
  /**
   * The stretch of the new text read again (the window's blocks): the paragraphs overlapping it have their markers,
   * option groups, status and sentences decided again; those after it moved by `delta` characters.
   */
  readonly rereads: TextSpan;
  readonly delta: number;
  readonly references?: KeptReferences;
  /** The sentences of the analysis before, to update for the paragraphs read again. */
  readonly sentences: SentencesByParagraph;
  /** Given when the paragraphs not read again keep their markers, option groups and status. */
  readonly facts?: KeptParagraphFacts;
}

/**
 * What the paragraphs an edit did not reach keep from the analysis before, when the edit left the alternative groups as
 * they were and moved the agreed markers after it in place: their end markers, option groups and status, and so their
 * `agreed-with-brackets` problems (whose spans are their markers'). Only the paragraphs read again are decided again:
 * deciding all 2,000 of a 1 MB draft on every keystroke was a tenth of it.
 */
export interface KeptParagraphFacts {
  /** The option groups before the edit, in paragraph order: those after the paragraphs read again move with the text. */
  readonly optionGroups: OptionGroup[];
  readonly status: StatusProblems;
}

/** Findings that never span more than two lines, in text order: an edit changes them only on the lines around it. */
export interface LineBoundFindings {
  readonly encoding: Problem[];
  readonly referenceWords: ReferenceWord[];
}

/** The brackets of a draft, read block by block. */
export interface BracketFindings {
  readonly brackets: BracketTable;
  /** Sorted by `byPosition`. */
  readonly problems: Problem[];
  readonly searches: TextSpan[];
}

/**
 * Text in, model out. Never throws: a draft is read as far as it can be, and a failure of the analysis itself
 * yields an empty model with `internalError` set, so that no text can bring the server down.
 */
export function analyseDraft(text: string, options: AnalysisOptions = {}): AnalysedDraft {
  try {
    return analyse(text, options);
  } catch (error) {
    return emptyDraft(text, error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error));
  }
}

function analyse(text: string, options: AnalysisOptions): AnalysedDraft {
  const lines = new LineIndex(text);
  const blocks = splitBlocks(text, lines, markerReaderOf(options).endsWithMarker);
  const lineBound = { encoding: encodingProblems(findEncodingDamage(text)), referenceWords: findReferenceWords(text) };
  const markers = markerReaderOf(options).find(text);
  return completeAnalysis(text, lines, blocks, readBrackets(text, blocks, lines), lineBound, markers, options, () => undefined);
}

/** The agreed markers in force, as the key that tells whether an earlier analysis read the same ones. */
export function markerKeyOf(options: AnalysisOptions): string {
  return markerKey(agreedMarkersOf(options));
}

export function markerReaderOf(options: AnalysisOptions): MarkerReader {
  return markerReader(agreedMarkersOf(options));
}

function agreedMarkersOf(options: AnalysisOptions): readonly string[] {
  return options.agreedMarkers && options.agreedMarkers.length > 0 ? options.agreedMarkers : DEFAULT_AGREED_MARKERS;
}

/** Brackets and their problems for some blocks of a draft: the whole draft, or the blocks an edit touched. */
export function readBrackets(text: string, blocks: readonly Block[], lines: LineIndex): BracketFindings {
  const analysis = analyseBrackets(text, blocks, lines);
  // Tens of thousands of content problems come in order; the few unclosed and unmatched brackets are placed among them.
  // They never share a place: an unclosed or unmatched problem is one character long, a content problem two or more.
  const content = bracketContentProblems(analysis.brackets);
  // Most drafts have none of the others, and the content problems are a list of this call's own: not copied then.
  const problems = analysis.problems.length === 0 ? content : mergeSorted(content, analysis.problems.sort(byPosition));
  return { brackets: analysis.brackets, problems, searches: analysis.searches };
}

/**
 * Everything that reads across blocks: markers, structure, groups, status, numbering, references, encoding and
 * duplicate sentences. A full analysis and a re-analysis after an edit both end here, so they cannot disagree.
 */
export function completeAnalysis(
  text: string,
  lines: LineIndex,
  blocks: Block[],
  bracketFindings: BracketFindings,
  lineBound: LineBoundFindings,
  markers: AgreedMarker[],
  options: AnalysisOptions,
  recallSentences: RecallSentences,
  kept?: KeptLabels,
): AnalysedDraft {
  const problems: Problem[] = [];
  const assigned = assignMarkers(text, blocks, markers);
  report(problems, assigned.problems);

  const labels = kept?.labels ?? readLabels(text, blocks);
  const { paragraphs, articles, headings, numbered, index, alternativeGroups } = labels;
  const rereads = kept ? readAgain(paragraphs, kept.rereads) : undefined;
  const [rereadFirst, rereadEnd] = rereads ?? [0, 0];
  // Paragraphs [from, to) have their markers, option groups and status decided: all, or those read again.
  const facts = kept?.facts && rereadEnd > rereadFirst ? kept.facts : undefined;
  const from = facts ? rereadFirst : 0;
  const to = facts ? rereadEnd : paragraphs.length;
  assignEndMarkers(paragraphs, assigned.endMarkers, from, to);
  const decidedGroups = buildOptionGroups(paragraphs, from, to);
  const optionGroups = facts ? optionGroupsAfter(facts, from, to, decidedGroups, kept?.delta ?? 0) : decidedGroups;
  report(problems, labels.groupProblems);
  const decidedStatus: StatusProblems = { problems: [], owners: [] };
  assignStatus(paragraphs, bracketFindings.brackets, alternativeGroups, decidedStatus, from, to);
  const status = facts ? splicedStatus(facts.status, from, to, decidedStatus) : decidedStatus;
  report(problems, status.problems);
  report(problems, labels.numberingProblems);

  const context: ReferenceContext = {
    hasArticles: articles.length > 0,
    articleLabelStarts: new Set(articles.map((a) => a.block.labelSpan.start)),
    articleAt: (offset) => spanAt(articles, offset),
  };
  const references =
    (kept?.references && findReferencesAround(text, context, lineBound.referenceWords, kept.references)) ??
    findReferences(text, context, lineBound.referenceWords);
  resolveReferences(references, index, paragraphs, numbered, problems);

  report(problems, lineBound.encoding);
  const duplicates = kept
    ? updateDuplicateSentences(text, paragraphs, kept.sentences, rereadFirst, rereadEnd, kept.delta)
    : findDuplicateSentences(text, paragraphs, recallSentences);
  report(problems, duplicates.problems);
  problems.sort(byPosition);

  return {
    text,
    lines,
    blocks,
    brackets: bracketFindings.brackets,
    paragraphs,
    headings,
    articles,
    alternativeGroups,
    optionGroups,
    markers,
    references,
    // Bracket problems come first among problems at the same place, as they were always reported first.
    problems: mergeSorted(bracketFindings.problems, problems),
    numbered,
    index,
    reuse: {
      markerKey: markerKeyOf(options),
      bracketProblems: bracketFindings.problems,
      bracketSearches: bracketFindings.searches,
      sentences: duplicates.sentences,
      lineBound,
      groupProblems: labels.groupProblems,
      numberingProblems: labels.numberingProblems,
      numbering: labels.numbering,
      status,
    },
  };
}

/**
 * The option groups kept from before the edit, with those of paragraphs [from, to) replaced by `decided`; those after
 * them, which lie after the edit, moved with the text (in place: they belong to the analysis a re-analysis consumes).
 */
function optionGroupsAfter(facts: KeptParagraphFacts, from: number, to: number, decided: readonly OptionGroup[], delta: number): OptionGroup[] {
  const { all, moved } = spliced(facts.optionGroups, (g) => g.paragraph.id, from, to, decided);
  if (delta !== 0) for (let i = moved; i < all.length; i++) moveSpan(all[i].span, delta);
  return all;
}

function splicedStatus(kept: StatusProblems, from: number, to: number, decided: StatusProblems): StatusProblems {
  const head = firstFrom(kept.owners, (i) => i, from);
  const tail = firstFrom(kept.owners, (i) => i, to);
  return {
    problems: [...kept.problems.slice(0, head), ...decided.problems, ...kept.problems.slice(tail)],
    owners: [...kept.owners.slice(0, head), ...decided.owners, ...kept.owners.slice(tail)],
  };
}

/**
 * The paragraphs an edit that kept the structure reads again, as [first, last): those overlapping the stretch. Paragraphs
 * come in text order and never overlap, so they stand together, from the first that ends at or after its start (found
 * by binary search: a walk from the first paragraph to the edit was a hundredth of a keystroke).
 */
function readAgain(paragraphs: readonly Paragraph[], stretch: TextSpan): [number, number] {
  const first = firstFrom(paragraphs, (p) => p.span.end, stretch.start);
  let last = first;
  while (last < paragraphs.length && paragraphs[last].span.start <= stretch.end) last++;
  return [first, last];
}

/** Structure, number index, alternative groups and numbering, read from the blocks' labels. */
function readLabels(text: string, blocks: readonly Block[]): LabelFindings {
  const { paragraphs, articles, headings } = buildStructure(text, blocks);
  return numberLabels(paragraphs, headings, articles, paragraphs.some((p) => p.role !== 'unnumbered'));
}

/**
 * The number index, alternative groups and numbering over a structure: after it is built, or when a re-analysis kept
 * it but paragraph numbers changed (core/incremental.ts), whose paragraphs and items then belong to no group yet.
 */
export function numberLabels(paragraphs: Paragraph[], headings: Heading[], articles: Article[], numbered: boolean): LabelFindings {
  const index = new NumberIndex(paragraphs, articles);
  const groupProblems: Problem[] = [];
  const alternativeGroups = buildAlternativeGroups(paragraphs, index, groupProblems);
  const { problems: numberingProblems, record: numbering } = numberingOf(paragraphs, articles, alternativeGroups, numbered);
  return { paragraphs, headings, articles, numbered, index, alternativeGroups, groupProblems, numberingProblems, numbering };
}

/** Paragraph, article and sub-paragraph numbering problems, and how each scope read; a draft of plain ¶s has neither. */
export function numberingOf(paragraphs: readonly Paragraph[], articles: readonly Article[], groups: readonly AlternativeGroup[], numbered: boolean): { problems: Problem[]; record?: NumberingRecord } {
  const problems: Problem[] = [];
  if (!numbered) return { problems };
  const record = checkNumbering(paragraphs, articles, groups, problems);
  checkSublabels(paragraphs, problems);
  return { problems, record };
}

export function byPosition(a: Problem, b: Problem): number {
  return a.span.start - b.span.start || a.span.end - b.span.end;
}

/**
 * The two lists in one, in position order; at the same place, `first`'s problem comes first. `second` is usually short
 * (a generated 1 MB draft has 15,101 bracket problems and 14 others): each of its problems then finds its place by
 * binary search, and the runs of `first` between them are copied whole (`slice` and `concat` copy in bulk, about twice
 * as fast as copying element by element). When it is long (a draft numbered backwards has a `numbering-order`
 * problem per paragraph), one walk through both is twice as fast as the slices.
 */
function mergeSorted(first: readonly Problem[], second: readonly Problem[]): Problem[] {
  if (second.length === 0) return first.slice();
  if (second.length > 256) return mergeWalking(first, second);
  const parts: Problem[][] = [];
  let i = 0;
  for (const problem of second) {
    // The first of `first` that this problem stands strictly before.
    let lo = i;
    let hi = first.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byPosition(problem, first[mid]) < 0) hi = mid;
      else lo = mid + 1;
    }
    parts.push(first.slice(i, lo), [problem]);
    i = lo;
  }
  return ([] as Problem[]).concat(...parts, first.slice(i));
}

function mergeWalking(first: readonly Problem[], second: readonly Problem[]): Problem[] {
  const merged: Problem[] = new Array(first.length + second.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < first.length && j < second.length) merged[k++] = byPosition(second[j], first[i]) < 0 ? second[j++] : first[i++];
  while (i < first.length) merged[k++] = first[i++];
  while (j < second.length) merged[k++] = second[j++];
  return merged;
}

/** Not push(...list): a 10 MB draft has more problems than a call can take arguments. */
function report(problems: Problem[], list: readonly Problem[]): void {
  for (const problem of list) problems.push(problem);
}

function emptyDraft(text: string, internalError: string): AnalysedDraft {
  return {
    text,
    lines: safeLineIndex(text),
    blocks: [],
    brackets: new BracketTable(0),
    paragraphs: [],
    headings: [],
    articles: [],
    alternativeGroups: [],
    optionGroups: [],
    markers: [],
    references: [],
    problems: [],
    numbered: false,
    index: new NumberIndex([], []),
    internalError,
  };
}

/** The fallback must not fail on the text that made the analysis fail. */
function safeLineIndex(text: string): LineIndex {
  try {
    return new LineIndex(text);
  } catch {
    return new LineIndex('');
  }
}
