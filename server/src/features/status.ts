import { isUnresolvedRun } from '../core/brackets';
import type { Draft } from '../core/model';

/** The result of `treaty/status` and `treaty-draft status`. */
export interface NegotiationStatus {
  paragraphs: { agreed: number; open: number; pending: number };
  /** Every matched pair, nested ones included. */
  bracketPairs: number;
  /** The `unresolved-bracket` spans: outermost brackets, a run of adjacent ones counting once. */
  unresolvedBrackets: number;
  alternativeGroups: number;
  optionGroups: number;
}

/**
 * Counts paragraphs by status. An alternative text is not a paragraph of its own: it counts through its
 * original, or, where the original is absent, its group counts once, as open.
 */
export function negotiationStatus(draft: Draft): NegotiationStatus {
  const paragraphs = { agreed: 0, open: 0, pending: 0 };
  for (const p of draft.paragraphs) {
    if (p.role === 'alternative') continue;
    paragraphs[p.status]++;
  }
  for (const group of draft.alternativeGroups) {
    if (group.sub === undefined && !group.original) paragraphs.open++;
  }
  return {
    paragraphs,
    bracketPairs: draft.brackets.filter((b) => b.close >= 0).length,
    unresolvedBrackets: draft.outerRuns.filter(isUnresolvedRun).length,
    alternativeGroups: draft.alternativeGroups.length,
    optionGroups: draft.optionGroups.length,
  };
}
