import type { AnalysedDraft } from '../../server/src/core/analyse';
import { problemMessage } from '../../server/src/core/quotations';
import { bracketsIn } from '../../server/src/core/queries';

/** What incremental and full analysis must agree on (property 6, test/core/incremental.test.ts), as strings that show where they part. */
export function projection(draft: AnalysedDraft) {
  const name = (t: { name: string } | undefined) => t?.name ?? 'dangling';
  return {
    lines: Array.from({ length: draft.lines.lineCount }, (_, i) => draft.lines.lineStart(i)),
    problems: draft.problems.map((p) => `${p.code}@${p.span.start}-${p.span.end}: ${problemMessage(draft.text, p)} ${JSON.stringify(p.related ?? [])}`),
    blocks: draft.blocks.map((b) => `${b.index}:${b.kind}@${b.span.start}-${b.span.end} label ${b.labelSpan.start}-${b.labelSpan.end} lines ${b.firstLine}-${b.lastLine} ${JSON.stringify(b.label)}`),
    paragraphs: draft.paragraphs.map((p) =>
      `${p.name}:${p.status}@${p.span.start}-${p.span.end} brackets ${bracketsIn(draft, p.span).map((b) => b.open).join()} marker ${p.marker?.span.start ?? '-'}` +
      ` group ${p.group?.name ?? '-'} options ${p.optionGroups.map((g) => `${g.span.start}-${g.span.end}`).join()} in ${p.article?.name ?? '-'} under ${p.heading?.name ?? '-'}`),
    brackets: draft.brackets.spans().map((b) => `${b.open}-${b.close}-${b.end} in ${b.block} depth ${b.depth} parent ${b.parent?.open ?? '-'} run ${b.run?.start}-${b.run?.end}×${b.run?.spans.length ?? 1} options ${JSON.stringify(b.options)}${b.placeholder ? ' placeholder' : ''}${b.empty ? ' empty' : ''}`),
    items: draft.paragraphs.map((p) => p.items.map(function shown(i): string {
      return `${i.block.index}:${i.level}${i.numbering}@${i.span.start}-${i.span.end}${i.marker ? ' marked' : ''}[${i.children.map(shown).join()}]`;
    }).join()),
    headings: draft.headings.map((h) => `${h.name}@${h.span.start}-${h.span.end} under ${h.parent?.name ?? '-'}`),
    articles: draft.articles.map((a) => `${a.name}@${a.span.start}-${a.span.end}: ${a.paragraphs.length}`),
    groups: draft.alternativeGroups.map((g) => `${g.name}${g.orphan ? ' orphan' : ''}: ${g.alternatives.map((m) => m.span.start).join()} original ${g.original?.span.start ?? '-'}`),
    optionGroups: draft.optionGroups.map((g) => `${g.span.start}-${g.span.end}×${g.options.length}`),
    markers: draft.markers.map((m) => `${m.span.start}-${m.span.end}`),
    // What the next edit updates in place must be what a full analysis files.
    sentences: [...(draft.reuse?.sentences.byHash ?? [])].map(([hash, filed]) => `${hash}: ${filed}`).sort(),
    sharedSentences: [...(draft.reuse?.sentences.shared ?? [])].sort(),
    references: draft.references.map((r) =>
      `${r.kind} ${JSON.stringify(r.number)}${r.sub ?? ''}@${r.span.start}-${r.span.end} in ${r.phrase.start}-${r.phrase.end}` +
      ` article ${JSON.stringify(r.articleNumber ?? null)}${r.articleExplicit ? ' named' : ''} range ${JSON.stringify(r.rangeEnd ?? null)}` +
      `→${r.external !== undefined ? `external ${r.external}` : name(r.target)}${r.targetItem ? ` item ${r.targetItem.block.index}` : ''}`),
  };
}
