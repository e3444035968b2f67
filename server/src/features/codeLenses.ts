import type { AnalysedDraft } from '../core/analyse';
import type { TextSpan } from '../core/model';
import type { Resolution } from './codeActions';

export interface Lens {
  /** The line the lens stands above: the group's first member. */
  readonly span: TextSpan;
  readonly title: string;
  readonly resolution: Resolution;
}

/** Above each alternative group and option group, one lens per member: `Keep original · Keep Alt 1 · Keep Alt 2`. */
export function codeLenses(draft: AnalysedDraft): Lens[] {
  const lenses: Lens[] = [];
  for (const group of draft.alternativeGroups) {
    const members = group.original ? [group.original, ...group.alternatives] : group.alternatives;
    const at = { start: members[0].block.span.start, end: members[0].block.labelSpan.end };
    for (const m of members) {
      const label = m.block.label;
      const title = m === group.original ? 'Keep original' : label.kind === 'alternative' ? `Keep Alt ${label.index}` : label.kind === 'subparagraph' ? `Keep (${label.letter}${label.variant ?? ''})` : 'Keep';
      lenses.push({ span: at, title, resolution: { do: 'keepMember', member: m.block.span.start } });
    }
  }
  for (const group of draft.optionGroups) {
    const first = group.options[0];
    const at = { start: first.block.span.start, end: first.block.labelSpan.end };
    for (const o of group.options) {
      const label = o.block.label;
      lenses.push({ span: at, title: `Keep Option ${label.kind === 'option' ? label.index : '?'}`, resolution: { do: 'keepOption', option: o.block.span.start } });
    }
  }
  return lenses.sort((a, b) => a.span.start - b.span.start);
}
