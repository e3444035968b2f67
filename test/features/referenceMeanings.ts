import type { AnalysedDraft } from '../../server/src/core/analyse';
import { openingText } from '../../server/src/core/queries';

/**
 * What each reference means, independent of numbers: the opening words of the paragraph it resolves to, or
 * `dangling`, or the external document. A rename or renumbering must leave this list unchanged.
 */
export function referenceMeanings(draft: AnalysedDraft): string[] {
  return draft.references.map((r) => {
    if (r.external !== undefined) return `external ${r.external} ${r.number.value}${r.number.suffix}`;
    const t = r.target;
    if (!t) return 'dangling';
    if ('role' in t) return `paragraph: ${openingText(draft, t, 8)}`;
    if ('alternatives' in t) return `alternatives: ${openingText(draft, t.alternatives[0] as never, 8)}`;
    return `article: ${t.title}`;
  });
}
