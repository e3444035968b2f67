import { splitBlocks } from './blocks';
import { analyseBrackets, bracketContentProblems } from './brackets';
import { findDuplicateSentences } from './duplicateSentences';
import { encodingProblems, findEncodingDamage } from './encodingDamage';
import { assignStatus, buildAlternativeGroups, buildOptionGroups, NumberIndex } from './groups';
import { LineIndex } from './lineIndex';
import { assignMarkers, endsWithMarkerTest, findMarkers, markerPattern } from './markers';
import type { Draft, Problem } from './model';
import { spanAt } from './spanSearch';
import { checkNumbering, checkSublabels } from './numbering';
import { findReferences, resolveReferences } from './references';
import { DEFAULT_AGREED_MARKERS } from './settings';
import { buildStructure } from './structure';

export interface AnalysisOptions {
  readonly agreedMarkers?: readonly string[];
}

/** A model of the draft, with everything that went wrong along the way as problems. */
export interface AnalysedDraft extends Draft {
  /** Set only when the analysis itself failed: the model is then empty, and the server logs this. */
  readonly internalError?: string;
  /** Paragraph-number lookups for features (rename, references). */
  readonly index: NumberIndex;
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
  const pattern = markerPattern(options.agreedMarkers && options.agreedMarkers.length > 0 ? options.agreedMarkers : DEFAULT_AGREED_MARKERS);
  const blocks = splitBlocks(text, lines, endsWithMarkerTest(pattern));
  const problems: Problem[] = [];
  // Not push(...list): a 10 MB draft has more problems than a call can take arguments.
  const report = (list: readonly Problem[]) => {
    for (const problem of list) problems.push(problem);
  };

  const bracketAnalysis = analyseBrackets(text, blocks, lines);
  report(bracketAnalysis.problems);
  report(bracketContentProblems(text, bracketAnalysis.brackets, bracketAnalysis.outerRuns));

  const markers = findMarkers(text, pattern);
  const assigned = assignMarkers(text, blocks, markers);
  report(assigned.problems);

  const structure = buildStructure(text, blocks, assigned.endMarkers);
  const { paragraphs, articles, headings } = structure;
  const numbered = paragraphs.some((p) => p.role !== 'unnumbered');
  const index = new NumberIndex(paragraphs, articles);
  const optionGroups = buildOptionGroups(paragraphs);
  const alternativeGroups = buildAlternativeGroups(paragraphs, index, problems);
  assignStatus(paragraphs, bracketAnalysis.brackets, alternativeGroups, problems);
  if (numbered) {
    checkNumbering(paragraphs, articles, alternativeGroups, problems);
    checkSublabels(paragraphs, problems);
  }

  const references = findReferences(text, {
    hasArticles: articles.length > 0,
    articleLabelStarts: new Set(articles.map((a) => a.block.labelSpan.start)),
    articleAt: (offset) => spanAt(articles, offset),
  });
  resolveReferences(references, index, paragraphs, numbered, problems);

  report(encodingProblems(findEncodingDamage(text)));
  report(findDuplicateSentences(text, paragraphs));
  problems.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);

  return {
    text,
    lines,
    blocks,
    brackets: bracketAnalysis.brackets,
    outerRuns: bracketAnalysis.outerRuns,
    paragraphs,
    headings,
    articles,
    alternativeGroups,
    optionGroups,
    markers,
    references,
    problems,
    numbered,
    index,
  };
}

function emptyDraft(text: string, internalError: string): AnalysedDraft {
  return {
    text,
    lines: safeLineIndex(text),
    blocks: [],
    brackets: [],
    outerRuns: [],
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
