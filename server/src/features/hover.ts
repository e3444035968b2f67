import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import { formatNumber } from '../core/numberForms';
import { capitalise, plural, shortQuote } from '../core/wording';
import { bracketAt, lineOf, openingText, paragraphAt, referencesTo } from '../core/queries';
import type { AlternativeGroup, Article, BracketSpan, Draft, Paragraph, Reference, TextSpan } from '../core/model';
import { resolveExternal, type DraftLibrary } from './crossDraft';

/**
 * Hover (NOTATION §7): on a reference, its target; on an `Alt` label, its group; on a paragraph or article
 * number, its status and who refers to it; on a bracket, its partner and options.
 */
export function hover(draft: Draft, offset: number, library?: DraftLibrary): Hover | null {
  const reference = referenceAt(draft, offset);
  if (reference) return answer(draft, referenceHover(draft, reference, library), reference.span);

  const block = draft.blocks.find((b) => b.labelSpan.start <= offset && offset <= b.labelSpan.end && b.labelSpan.end > b.labelSpan.start);
  if (block) {
    if (block.kind === 'alternative') {
      const group = draft.alternativeGroups.find((g) => g.alternatives.some((a) => a.block === block));
      if (group) return answer(draft, groupHover(draft, group, block.index), block.labelSpan);
    }
    if (block.kind === 'subparagraph' && block.label.kind === 'subparagraph' && block.label.variant !== undefined) {
      const group = draft.alternativeGroups.find((g) => g.alternatives.some((a) => a.block === block));
      if (group) return answer(draft, groupHover(draft, group, block.index), block.labelSpan);
    }
    if (block.kind === 'paragraph') {
      const p = draft.paragraphs.find((q) => q.block === block);
      if (p) return answer(draft, paragraphHover(draft, p), block.labelSpan);
    }
    if (block.kind === 'article') {
      const a = draft.articles.find((q) => q.block === block);
      if (a) return answer(draft, articleHover(draft, a), block.labelSpan);
    }
  }

  const bracket = bracketAt(draft, offset);
  if (bracket) {
    const at = draft.text[offset] === '[' || draft.text[offset] === ']' ? offset : offset - 1;
    return answer(draft, bracketHover(draft, bracket), { start: at, end: at + 1 });
  }
  return null;
}

function answer(draft: Draft, markdown: string, span: TextSpan): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: markdown }, range: draft.lines.rangeOf(span) };
}

function referenceAt(draft: Draft, offset: number): Reference | undefined {
  let inPhrase: Reference | undefined;
  for (const r of draft.references) {
    if (r.span.start <= offset && offset <= r.span.end) return r;
    if (!inPhrase && r.phrase.start <= offset && offset <= r.phrase.end) inPhrase = r;
  }
  return inPhrase;
}

function referenceHover(draft: Draft, ref: Reference, library?: DraftLibrary): string {
  const what = `${ref.kind} ${formatNumber(ref.number)}${ref.sub ? ` (${ref.sub})` : ''}`;
  const linked = library ? resolveExternal(ref, library) : undefined;
  if (linked) {
    const target = linked.target;
    if (!target) return `**${escape(linked.name)}** has no ${what}.`;
    const heading = `**${escape(linked.name)}**, ${target.name}`;
    const status = 'role' in target ? ` · ${target.status}` : '';
    const quoted = 'role' in target ? `\n\n> ${escape(openingText(linked.draft, target))}` : '';
    return `${heading}${status}${quoted}\n\nIn another draft of the workspace: never renamed from here.`;
  }
  if (ref.external !== undefined) {
    return `**External reference**: ${what} of *${escape(ref.external || 'another document')}*.\n\nIt points outside this draft, so it is never renamed or renumbered.`;
  }
  const target = ref.target;
  if (!target) return `**${capitalise(what)}** does not exist in this draft.`;
  if ('alternatives' in target) return groupHover(draft, target);
  if ('role' in target) {
    const item = ref.targetItem;
    const quoted = item ? openingText(draft, item) : openingText(draft, target);
    const title = item ? `${capitalise(target.name)} (${ref.sub})` : capitalise(target.name);
    return `**${title}** · ${target.status} · line ${lineOf(draft, target.span.start)}\n\n> ${escape(quoted)}`;
  }
  return articleHover(draft, target);
}

function paragraphHover(draft: Draft, p: Paragraph): string {
  const lines = [`**${capitalise(p.name)}** · ${p.status}`];
  const brackets = draft.brackets;
  const [from, to] = brackets.rowsWithin(p.span.start, p.span.end);
  if (to > from) {
    const unresolved = brackets.count(from, to, (row) => brackets.startsOuterUnit(row));
    lines.push(`- ${plural(to - from, 'bracket')}, ${unresolved} unresolved at the outer level`);
  }
  if (p.optionGroups.length > 0) lines.push(`- ${p.optionGroups.map((g) => `${g.options.length} options`).join(', ')}`);
  if (p.group && p.group.original === p) {
    lines.push(`- Alternatives: ${p.group.alternatives.map((a) => `${altName(a.block.label)} (line ${lineOf(draft, a.span.start)})`).join(', ')}`);
  }
  if (p.marker) lines.push(`- Marked ${escape(p.marker.text)}`);
  const refs = referencesTo(draft, p.group && !p.group.original ? p.group : p);
  lines.push(refs.length > 0 ? `- Referred to by: ${describeReferrers(draft, refs)}` : '- Not referred to elsewhere in this draft');
  return lines.join('\n');
}

function articleHover(draft: Draft, a: Article): string {
  const counts = { agreed: 0, open: 0, pending: 0 };
  for (const p of a.paragraphs) if (p.role !== 'alternative') counts[p.status]++;
  const refs = referencesTo(draft, a);
  return [
    `**${a.name}${a.title ? ` – ${escape(a.title)}` : ''}**`,
    `- ${counts.agreed} agreed · ${counts.open} open · ${counts.pending} pending`,
    refs.length > 0 ? `- Referred to by: ${describeReferrers(draft, refs)}` : '- Not referred to elsewhere in this draft',
  ].join('\n');
}

function groupHover(draft: Draft, group: AlternativeGroup, current?: number): string {
  const members: string[] = [];
  if (group.original) members.push(`the original (line ${lineOf(draft, group.original.span.start)})`);
  for (const alt of group.alternatives) {
    const name = altName(alt.block.label);
    members.push(`${alt.block.index === current ? `**${name}**` : name} (line ${lineOf(draft, alt.span.start)})`);
  }
  const lines = [`**Alternatives to ${group.name}**: ${plural(members.length, 'text')} to choose from`, ...members.map((m) => `- ${m}`)];
  if (group.orphan) lines.push('', `${capitalise(group.name)} does not exist in this draft.`);
  return lines.join('\n');
}

function bracketHover(draft: Draft, b: BracketSpan): string {
  const open = draft.lines.positionAt(b.open);
  const lines: string[] = [];
  if (b.close < 0) {
    lines.push(`**Unclosed bracket** opened at line ${open.line + 1}, column ${open.character + 1}; read as closed at line ${lineOf(draft, b.end)} for the analysis.`);
  } else {
    const close = draft.lines.positionAt(b.close);
    lines.push(`**Bracket** from line ${open.line + 1}, column ${open.character + 1} to line ${close.line + 1}, column ${close.character + 1}${b.depth > 1 ? ` · nested ${b.depth} deep` : ''}`);
  }
  if (b.placeholder) lines.push('- Placeholder: text still to come');
  if (b.empty) lines.push('- Empty');
  if (b.options.length > 1) lines.push(`- ${b.options.length} options: ${b.options.map((o) => `“${escape(draft.text.slice(o.start, o.end))}”`).join(' / ')}`);
  if (b.run && b.run.spans.length > 1) {
    lines.push(`- One of ${b.run.spans.length} adjacent alternatives: ${b.run.spans.map((s) => `\`${shortQuote(draft.text.slice(s.open, s.end))}\``).join(' ')}`);
  }
  return lines.join('\n');
}

function describeReferrers(draft: Draft, refs: readonly Reference[]): string {
  const names = refs.map((r) => {
    const p = paragraphAt(draft, r.span.start);
    return p ? `${p.name} (line ${lineOf(draft, r.span.start)})` : `line ${lineOf(draft, r.span.start)}`;
  });
  return [...new Set(names)].join(', ');
}

function altName(label: Paragraph['block']['label']): string {
  if (label.kind === 'alternative') return `Alt ${label.index}`;
  if (label.kind === 'subparagraph') return `(${label.letter}${label.variant ?? ''})`;
  return 'text';
}

function escape(s: string): string {
  return s.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}
