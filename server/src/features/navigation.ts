import { DocumentHighlightKind, type DocumentHighlight, type Location } from 'vscode-languageserver-types';
import { definitionSpan, numberOccurrences, occurrenceAt, occurrencesOf } from '../core/occurrences';
import type { AnalysedDraft } from '../core/analyse';
import type { DraftLibrary } from './crossDraft';
import { externalTargetAt } from './crossDraft';

/**
 * Go to definition, find references and document highlights (NOTATION §7), from a paragraph or article number, an
 * `Alt` label or a reference. All three share one view: the occurrences of a number in the draft.
 */
export function definition(draft: AnalysedDraft, uri: string, offset: number, library?: DraftLibrary): Location[] {
  const occurrences = numberOccurrences(draft);
  const at = occurrenceAt(occurrences, offset);
  if (at?.target) return [{ uri, range: draft.lines.rangeOf(definitionSpan(at.target)) }];
  const external = library ? externalTargetAt(draft, offset, library) : undefined;
  if (external?.target) return [{ uri: external.uri, range: external.draft.lines.rangeOf(definitionSpan(external.target)) }];
  return [];
}

export function references(draft: AnalysedDraft, uri: string, offset: number, includeDeclaration: boolean): Location[] {
  const occurrences = numberOccurrences(draft);
  const at = occurrenceAt(occurrences, offset);
  if (!at) return [];
  return occurrencesOf(occurrences, at)
    .filter((o) => includeDeclaration || o.role !== 'label')
    .map((o) => ({ uri, range: draft.lines.rangeOf(o.span) }));
}

export function documentHighlights(draft: AnalysedDraft, offset: number): DocumentHighlight[] {
  const occurrences = numberOccurrences(draft);
  const at = occurrenceAt(occurrences, offset);
  if (!at) return [];
  return occurrencesOf(occurrences, at).map((o) => ({
    range: draft.lines.rangeOf(o.span),
    kind: o.role === 'reference' ? DocumentHighlightKind.Read : DocumentHighlightKind.Write,
  }));
}
