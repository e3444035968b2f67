import type { Problem, TextSpan } from './model';

/**
 * UTF-8 text read as Windows-1252 turns `’` into `â€™` and `é` into `Ã©` (NOTATION §6 encoding-damage).
 * A candidate is confirmed by re-encoding it as Windows-1252 and decoding the bytes as UTF-8: only a
 * sequence that decodes cleanly is damage, so French `été` or `âge` is never flagged.
 */
const CP1252_HIGH: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02c6: 0x88,
  0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91, 0x2019: 0x92, 0x201c: 0x93,
  0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98, 0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b,
  0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

const CONTINUATION_CHARS = '\\u0080-\\u00bf' + Object.keys(CP1252_HIGH).map((c) => `\\u${Number(c).toString(16).padStart(4, '0')}`).join('');
// No `u` flag: every character here is a single UTF-16 unit, and without it the scan of a 1 MB draft is several times faster.
const CANDIDATE = new RegExp(`[\\u00c2-\\u00f4][${CONTINUATION_CHARS}]{1,3}`, 'g');
/** `sectorâs`: the rest of `â€™` was lost, leaving `â` where an apostrophe belongs before an English contraction. */
const CONTRACTION_AFTER = /^(?:s|t|ll|re|ve|d|m)(?!\p{L})/u;
const LETTER = /\p{L}/u;
/** `â€` whose third byte (0x9D, for `”`) was dropped on the way. */
const TRUNCATED_QUOTE = /â€(?![\u0080-\u00bf\u2018-\u203a\u20ac\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2122])/g;

export interface EncodingRepair {
  readonly span: TextSpan;
  readonly damaged: string;
  readonly repaired: string;
}

/**
 * The damage in [from, to), which must be whole lines: no damaged sequence spans a line break, so lines read again
 * after an edit find exactly what a scan of the whole text finds there.
 */
export function findEncodingDamage(text: string, from = 0, to = text.length): EncodingRepair[] {
  // On lines of their own, not the text from `from` on: a regular expression looks past `to` for its next match.
  if (from > 0 || to < text.length) {
    return findEncodingDamage(text.slice(from, to)).map((r) => ({ ...r, span: { start: r.span.start + from, end: r.span.end + from } }));
  }
  const repairs: EncodingRepair[] = [];
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
    const decoded = decodeMisread(m[0]);
    if (decoded !== undefined) {
      repairs.push({ span: { start: m.index, end: m.index + decoded.consumed }, damaged: m[0].slice(0, decoded.consumed), repaired: decoded.text });
      CANDIDATE.lastIndex = m.index + decoded.consumed;
    }
  }
  const taken = (offset: number) => repairs.some((r) => offset >= r.span.start && offset < r.span.end);
  TRUNCATED_QUOTE.lastIndex = 0;
  for (let m = TRUNCATED_QUOTE.exec(text); m; m = TRUNCATED_QUOTE.exec(text)) {
    if (!taken(m.index)) repairs.push({ span: { start: m.index, end: m.index + 2 }, damaged: 'â€', repaired: '”' });
  }
  // indexOf, not a lookbehind regex: the regex would test every position of a 10 MB draft.
  for (let at = text.indexOf('â'); at >= 0; at = text.indexOf('â', at + 1)) {
    if (at === 0 || !LETTER.test(text[at - 1]) || !CONTRACTION_AFTER.test(text.slice(at + 1, at + 4)) || taken(at)) continue;
    repairs.push({ span: { start: at, end: at + 1 }, damaged: 'â', repaired: '’' });
  }
  return repairs.sort((a, b) => a.span.start - b.span.start);
}

/** Decodes one UTF-8 sequence written as Windows-1252 characters; undefined when it is not one. */
function decodeMisread(candidate: string): { text: string; consumed: number } | undefined {
  const bytes: number[] = [];
  for (const ch of candidate) {
    const code = ch.codePointAt(0) ?? 0;
    bytes.push(code <= 0xff ? code : CP1252_HIGH[code] ?? -1);
  }
  const lead = bytes[0];
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0;
  if (length === 0 || bytes.length < length) return undefined;
  for (let i = 1; i < length; i++) if (bytes[i] < 0x80 || bytes[i] > 0xbf) return undefined;
  try {
    const decoded = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes.slice(0, length)));
    return { text: decoded, consumed: length };
  } catch {
    return undefined;
  }
}

export function encodingProblems(repairs: readonly EncodingRepair[]): Problem[] {
  return repairs.map((r) => ({
    code: 'encoding-damage' as const,
    span: r.span,
    message: `"${r.damaged}" is text damaged by a wrong character encoding; it should read "${r.repaired}".`,
  }));
}
