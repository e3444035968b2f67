/**
 * Paragraph and article numbers as drafters write them: `61`, `61 bis`, `61bis`, `3a`.
 * A suffix sorts after its bare number (61 < 61 bis < 61 ter < 62), so numbers compare by `rank`.
 */
export const LATIN_SUFFIXES = [
  'bis', 'ter', 'quater', 'quinquies', 'sexies', 'septies', 'octies', 'novies', 'decies',
  'undecies', 'duodecies', 'terdecies', 'quaterdecies', 'quindecies', 'sexdecies', 'septdecies',
  'octodecies', 'novodecies', 'vicies',
] as const;

const SUFFIX_RANK = new Map<string, number>(LATIN_SUFFIXES.map((s, i) => [s, i + 1]));
/** Longest first, so that `terdecies` is not read as `ter` + `decies`. */
const SUFFIXES_LONGEST_FIRST = [...LATIN_SUFFIXES].sort((a, b) => b.length - a.length);

export interface DraftNumber {
  /** The digits as a number: 61 for `61 bis`. */
  readonly value: number;
  /** `bis`, `ter`…, or a single lower-case letter (`3a`), or '' for none. */
  readonly suffix: string;
}

export function suffixRank(suffix: string): number {
  if (suffix === '') return 0;
  const latin = SUFFIX_RANK.get(suffix);
  if (latin !== undefined) return latin;
  return suffix.length === 1 ? suffix.charCodeAt(0) - 96 : 99;
}

/** A total order: `3a` and `3 bis` rank alike (both first after 3), and are told apart by their suffix's spelling. */
export function compareNumbers(a: DraftNumber, b: DraftNumber): number {
  return a.value - b.value || suffixRank(a.suffix) - suffixRank(b.suffix) || (a.suffix < b.suffix ? -1 : a.suffix > b.suffix ? 1 : 0);
}

export function sameNumber(a: DraftNumber, b: DraftNumber): boolean {
  return a.value === b.value && a.suffix === b.suffix;
}

/** A stable key for maps: `61`, `61 bis`. */
export function numberKey(n: DraftNumber): string {
  return n.suffix ? `${n.value} ${n.suffix}` : String(n.value);
}

/**
 * The same key as a number where one fits (`61` → 3904, `61 bis` → 3905, `3a` → 212): for the maps every paragraph goes
 * into on a keystroke that changed a number, where a string per paragraph was a twentieth of the work. A number too
 * large to add a suffix to exactly keeps its string key.
 */
export function numberCode(n: DraftNumber): number | string {
  const base = n.value * 64;
  if (!Number.isSafeInteger(base + 63)) return numberKey(n);
  if (n.suffix === '') return base;
  const latin = SUFFIX_RANK.get(n.suffix);
  if (latin !== undefined) return base + latin;
  const c = n.suffix.charCodeAt(0);
  // Letters come after the Latin suffixes' ranks: `a` is one past the last of them.
  return n.suffix.length === 1 && c >= 97 && c <= 122 ? base + LATIN_SUFFIXES.length + (c - 96) : numberKey(n);
}

export function formatNumber(n: DraftNumber): string {
  if (!n.suffix) return String(n.value);
  return n.suffix.length === 1 ? `${n.value}${n.suffix}` : `${n.value} ${n.suffix}`;
}

export function isLatinSuffix(word: string): boolean {
  return SUFFIX_RANK.has(word.toLowerCase());
}

/**
 * Reads a Latin suffix at `pos` (after an optional single space or tab), returning the suffix and the end offset.
 * The suffix must end at a non-letter so that `61 bishop` is not `61 bis`.
 */
export function readLatinSuffix(text: string, pos: number): { suffix: string; start: number; end: number } | undefined {
  let p = pos;
  if (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9) p++;
  const c = text.charCodeAt(p);
  if (!(c >= 97 && c <= 118) && !(c >= 65 && c <= 86)) return undefined;
  for (const s of SUFFIXES_LONGEST_FIRST) {
    if (text.length - p < s.length) continue;
    if (!startsWithLowered(text, p, s)) continue;
    if (isLetter(text.charCodeAt(p + s.length))) continue;
    return { suffix: s, start: p, end: p + s.length };
  }
  return undefined;
}

/**
 * Whether `text` at `p`, lower-cased, starts with the ASCII word `lower`. Compared by code, not by lower-casing a copy:
 * every number in a draft (`paragraph 5 and 6`) is tried against all nineteen suffixes. No other character lower-cases
 * to a letter of a suffix (the Kelvin sign becomes `k`, which none has).
 */
function startsWithLowered(text: string, p: number, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    const c = text.charCodeAt(p + i);
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== lower.charCodeAt(i)) return false;
  }
  return true;
}

export function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Reads 1–5 digits at `pos` not followed by another digit (a 10 MB draft runs to 20,000 paragraphs). */
export function readDigits(text: string, pos: number): { value: number; end: number } | undefined {
  let p = pos;
  let value = 0;
  while (p < text.length && isDigit(text.charCodeAt(p)) && p - pos < 6) value = value * 10 + text.charCodeAt(p++) - 48;
  const len = p - pos;
  if (len === 0 || len > 5) return undefined;
  return { value, end: p };
}

const ROMAN = /^(?:x{0,3})(?:ix|iv|v?i{0,3})$/;

export function isRoman(label: string): boolean {
  return label.length > 0 && ROMAN.test(label);
}

export function romanValue(label: string): number {
  const values: Record<string, number> = { i: 1, v: 5, x: 10 };
  let total = 0;
  for (let i = 0; i < label.length; i++) {
    const v = values[label[i]];
    const next = values[label[i + 1]] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}
