import type { AnalysedDraft } from '../core/analyse';
import { findEncodingDamage } from '../core/encodingDamage';
import { visitItems } from '../core/groups';
import { bracketOpeningAt, paragraphAt } from '../core/queries';
import { itemAt } from '../core/spanSearch';
import type { AlternativeGroup, BracketSpan, Item, OptionGroup, Paragraph, TextSpan } from '../core/model';
import { describeBlock } from '../core/blockNames';
import type { SpanEdit } from '../core/spanEdits';
import { plural, shortQuote } from '../core/wording';
import * as resolve from './resolutions';
import type { Refusal } from './rename';

/**
 * What a code action will do, named by offsets in the version it was offered for. The server pins that version;
 * offsets are only valid against it, so a stale request is refused, never applied to other text.
 */
export type Resolution =
  | { do: 'keepMember'; member: number }
  | { do: 'keepOption'; option: number }
  | { do: 'keepSlash'; open: number; index: number }
  | { do: 'keepRun'; open: number }
  | { do: 'accept'; open: number }
  | { do: 'delete'; open: number }
  | { do: 'acceptAll'; paragraph: number }
  | { do: 'markAgreed'; paragraph: number }
  | { do: 'removeMarker'; start: number }
  | { do: 'close'; open: number }
  | { do: 'deleteUnmatched'; at: number }
  | { do: 'repair'; at: number }
  | { do: 'repairAll' };

export interface Offer {
  readonly title: string;
  /** `quickfix` when offered for a diagnostic, `refactor.rewrite` at the cursor without one. */
  readonly kind: 'quickfix' | 'refactor.rewrite';
  readonly resolution?: Resolution;
  /** A command instead of an edit (renumbering). */
  readonly command?: 'treaty.renumber';
  /** Index into the diagnostics the request gave, for a quick fix. */
  readonly diagnostic?: number;
  readonly isPreferred?: boolean;
}

export interface DiagnosticInContext {
  readonly code?: string | number;
  readonly source?: string;
  readonly start: number;
  readonly end: number;
}

/**
 * The actions for a range: first the quick fixes of the treaty diagnostics in it, then what can be done at the cursor.
 * Cheap: titles and offsets only; `resolveOffer` computes the edits.
 */
export function codeActionOffers(draft: AnalysedDraft, start: number, end: number, diagnostics: readonly DiagnosticInContext[], markers: readonly string[]): Offer[] {
  const offers: Offer[] = [];
  const seen = new Set<string>();
  const add = (offer: Offer) => {
    const key = offer.resolution ? JSON.stringify(offer.resolution) : (offer.command ?? offer.title);
    if (seen.has(key)) return;
    seen.add(key);
    offers.push(offer);
  };
  diagnostics.forEach((d, index) => {
    if (d.source !== undefined && d.source !== 'treaty') return;
    for (const offer of offersFor(draft, String(d.code), d.start, markers)) add({ ...offer, kind: 'quickfix', diagnostic: index });
  });
  for (const offer of offersAtCursor(draft, start, end, markers)) add({ ...offer, kind: 'refactor.rewrite' });
  return offers;
}

type Draft = AnalysedDraft;
type Partial = Omit<Offer, 'kind'>;

function offersFor(draft: Draft, code: string, at: number, markers: readonly string[]): Partial[] {
  switch (code) {
    case 'unclosed-bracket': {
      const b = bracketOpeningAt(draft, at);
      return b && b.close < 0 ? [{ title: `Close the bracket at the end of ${blockName(draft, b)}`, resolution: { do: 'close', open: at }, isPreferred: true }] : [];
    }
    case 'unmatched-bracket':
      return [{ title: 'Delete the unmatched ]', resolution: { do: 'deleteUnmatched', at }, isPreferred: true }];
    case 'unresolved-bracket':
    case 'placeholder':
    case 'empty-bracket': {
      const b = bracketOpeningAt(draft, at);
      return b ? bracketOffers(draft, b, markers) : [];
    }
    case 'agreed-with-brackets': {
      const marker = startingAt(draft.markers, at);
      const p = paragraphAt(draft, at);
      const out: Partial[] = [];
      if (marker) out.push({ title: `Remove the marker ${marker.text}`, resolution: { do: 'removeMarker', start: at } });
      if (p) out.push(...paragraphOffers(draft, p, markers));
      return out;
    }
    case 'encoding-damage': {
      const repairs = findEncodingDamage(draft.text);
      const here = repairs.find((r) => r.span.start === at);
      if (!here) return [];
      const out: Partial[] = [{ title: `Repair “${here.damaged}” as “${here.repaired}”`, resolution: { do: 'repair', at }, isPreferred: true }];
      if (repairs.length > 1) out.push({ title: `Repair all encoding damage in this draft (${repairs.length} places)`, resolution: { do: 'repairAll' } });
      return out;
    }
    case 'numbering-gap':
    case 'numbering-order':
    case 'duplicate-number':
      return [{ title: 'Renumber the paragraphs (references follow)', command: 'treaty.renumber' }];
    default:
      return [];
  }
}

function offersAtCursor(draft: Draft, start: number, end: number, markers: readonly string[]): Partial[] {
  const out: Partial[] = [];
  const bracket = innermostBracket(draft, start, end);
  if (bracket) out.push(...bracketOffers(draft, bracket, markers));
  const p = paragraphAt(draft, start);
  if (p) {
    const member = memberAt(p, start);
    if (member) out.push(...groupOffers(member.group));
    const option = p.optionGroups.find((g) => g.span.start <= start && start <= g.span.end);
    if (option) out.push(...optionOffers(option, p));
    out.push(...paragraphOffers(draft, p, markers));
  }
  return out;
}

/**
 * What can be done with a bracket. An action that would reshape the blocks around it (a label appearing at a line
 * start or going, a paragraph becoming a heading: `resolve.keepsBlocks`) is not offered (decisions §7).
 */
function bracketOffers(draft: Draft, b: BracketSpan, markers: readonly string[]): Partial[] {
  const out: Partial[] = [];
  // A bracket around a whole alternative (`[Alt 1 58. …]`, `[Alt 45g1) …]`) offers the choice between the members.
  const group = groupWrappedBy(draft, b);
  if (group) out.push(...groupOffers(group));
  if (b.run && b.run.spans.length > 1) {
    for (const s of b.run.spans) {
      if (resolve.keepsBlocks(draft, resolve.keepRunMember(draft, b.run, s), markers)) out.push({ title: `Keep “${shortQuote(draft.text.slice(s.open + 1, s.close))}”`, resolution: { do: 'keepRun', open: s.open } });
    }
  }
  b.options.forEach((o, index) => {
    if (resolve.keepsBlocks(draft, resolve.keepSlashOption(draft, b, index), markers)) out.push({ title: `Choose “${shortQuote(draft.text.slice(o.start, o.end))}”`, resolution: { do: 'keepSlash', open: b.open, index } });
  });
  // Nested brackets are offered together: the titles quote each one so that the choice is unambiguous.
  const shown = shortQuote(draft.text.slice(b.open, b.end));
  if (resolve.isPlain(b) && resolve.keepsBlocks(draft, resolve.acceptBracket(b), markers)) out.push({ title: `Accept ${shown} (keep its text)`, resolution: { do: 'accept', open: b.open } });
  if (b.close >= 0 && resolve.deleteBracket(draft, b, markers)) out.push({ title: b.placeholder || b.empty ? `Delete ${shown}` : `Delete ${shown} with its text`, resolution: { do: 'delete', open: b.open } });
  return out;
}

function groupOffers(group: AlternativeGroup): Partial[] {
  const out: Partial[] = [];
  if (group.original) out.push({ title: `Keep the original of ${group.name}`, resolution: { do: 'keepMember', member: group.original.block.span.start } });
  for (const alt of group.alternatives) out.push({ title: `Keep ${memberName(alt)} of ${group.name}`, resolution: { do: 'keepMember', member: alt.block.span.start } });
  return out;
}

function optionOffers(group: OptionGroup, p: Paragraph): Partial[] {
  return group.options.map((o) => ({
    title: `Keep Option ${o.block.label.kind === 'option' ? o.block.label.index : '?'} of ${p.name}`,
    resolution: { do: 'keepOption' as const, option: o.block.span.start },
  }));
}

function paragraphOffers(draft: Draft, p: Paragraph, markers: readonly string[]): Partial[] {
  const out: Partial[] = [];
  const plain = resolve.acceptableBrackets(draft, p);
  if (plain.length > 1 && resolve.keepsBlocks(draft, resolve.acceptAllPlain(draft, p), markers)) out.push({ title: `Accept all brackets in ${p.name} (${plural(plain.length, 'bracket')})`, resolution: { do: 'acceptAll', paragraph: p.span.start } });
  if (p.status === 'pending' && markers.length > 0) out.push({ title: `Mark ${p.name} agreed ${markers[0]}`, resolution: { do: 'markAgreed', paragraph: p.span.start } });
  return out;
}

/** Computes the edits of an offer on the draft it was offered for. */
export function resolveOffer(draft: Draft, resolution: Resolution, markers: readonly string[]): SpanEdit[] | Refusal {
  const gone: Refusal = { refused: 'What this action resolves is no longer there; ask for the actions again.' };
  const reshapes: Refusal = { refused: 'This would change the paragraphs around the bracket (a number or label would appear, go, or stop reading as one); edit the text by hand.' };
  const kept = (edits: SpanEdit[]): SpanEdit[] | Refusal => (resolve.keepsBlocks(draft, edits, markers) ? edits : reshapes);
  switch (resolution.do) {
    case 'keepMember': {
      for (const group of draft.alternativeGroups) {
        const members = group.original ? [group.original, ...group.alternatives] : group.alternatives;
        const keep = members.find((m) => m.block.span.start === resolution.member);
        if (keep) return resolve.keepGroupMember(draft, group, keep);
      }
      return gone;
    }
    case 'keepOption': {
      const group = draft.optionGroups.find((g) => g.options.some((o) => o.block.span.start === resolution.option));
      const keep = group?.options.find((o) => o.block.span.start === resolution.option);
      return group && keep ? resolve.keepOption(draft, group, keep) : gone;
    }
    case 'keepSlash': {
      const b = bracketOpeningAt(draft, resolution.open);
      return b && b.options[resolution.index] ? kept(resolve.keepSlashOption(draft, b, resolution.index)) : gone;
    }
    case 'keepRun': {
      const b = bracketOpeningAt(draft, resolution.open);
      return b?.run ? kept(resolve.keepRunMember(draft, b.run, b)) : gone;
    }
    case 'accept': {
      const b = bracketOpeningAt(draft, resolution.open);
      return b && b.close >= 0 ? kept(resolve.acceptBracket(b)) : gone;
    }
    case 'delete': {
      const b = bracketOpeningAt(draft, resolution.open);
      return b && b.close >= 0 ? (resolve.deleteBracket(draft, b, markers) ?? reshapes) : gone;
    }
    case 'acceptAll': {
      const p = startingAt(draft.paragraphs, resolution.paragraph);
      return p ? kept(resolve.acceptAllPlain(draft, p)) : gone;
    }
    case 'markAgreed': {
      const p = startingAt(draft.paragraphs, resolution.paragraph);
      if (!p || p.status !== 'pending') return { refused: 'Only a paragraph with no brackets, options or alternatives can be marked agreed.' };
      return resolve.markAgreed(p, markers[0] ?? '(Agreed)');
    }
    case 'removeMarker': {
      const marker = startingAt(draft.markers, resolution.start);
      return marker ? resolve.removeMarker(draft, marker.span) : gone;
    }
    case 'close': {
      const b = bracketOpeningAt(draft, resolution.open);
      return b && b.close < 0 ? resolve.closeBracket(b) : gone;
    }
    case 'deleteUnmatched':
      return draft.text[resolution.at] === ']' && draft.problems.some((p) => p.code === 'unmatched-bracket' && p.span.start === resolution.at)
        ? resolve.deleteCharacter(resolution.at)
        : gone;
    case 'repair': {
      const repair = findEncodingDamage(draft.text).find((r) => r.span.start === resolution.at);
      return repair ? resolve.repairEncoding([repair]) : gone;
    }
    case 'repairAll':
      return resolve.repairEncoding(findEncodingDamage(draft.text));
  }
}

function groupWrappedBy(draft: Draft, b: BracketSpan): AlternativeGroup | undefined {
  const p = paragraphAt(draft, b.open);
  if (!p) return undefined;
  if (p.block.span.start === b.open && p.group) return p.group;
  let found: AlternativeGroup | undefined;
  visitItems(p.items, (item) => {
    if (!found && item.group && item.block.span.start === b.open) found = item.group;
  });
  return found;
}

/** The one of a list ordered by start whose span starts at `at`. */
function startingAt<T extends { span: TextSpan }>(list: readonly T[], at: number): T | undefined {
  return itemAt(list, (x) => x.span.start, at);
}

/** The innermost bracket holding the range, found from the paragraph (or the whole list outside paragraphs). */
function innermostBracket(draft: Draft, start: number, end: number): BracketSpan | undefined {
  const p = paragraphAt(draft, start);
  const brackets = draft.brackets;
  const [from, to] = p ? brackets.rowsWithin(p.span.start, p.span.end) : [0, brackets.length];
  let best = -1;
  for (let row = from; row < to; row++) {
    if (brackets.opens[row] <= start && end <= brackets.ends[row] && (best < 0 || brackets.depths[row] > brackets.depths[best])) best = row;
  }
  return best >= 0 ? brackets.at(best) : undefined;
}

/** The alternative (paragraph or item) at an offset, with its group. */
function memberAt(p: Paragraph, offset: number): { group: AlternativeGroup } | undefined {
  if (p.group) return { group: p.group };
  let found: { group: AlternativeGroup } | undefined;
  visitItems(p.items, (item: Item) => {
    if (!found && item.group && item.span.start <= offset && offset <= item.span.end) found = { group: item.group };
  });
  return found;
}

function memberName(member: Paragraph | Item): string {
  const label = member.block.label;
  if (label.kind === 'alternative') return `Alt ${label.index}`;
  if (label.kind === 'subparagraph') return `(${label.letter}${label.variant ?? ''})`;
  return 'this text';
}

function blockName(draft: Draft, b: BracketSpan): string {
  return describeBlock(draft.blocks[b.block]);
}
