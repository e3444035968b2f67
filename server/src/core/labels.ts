import { isDigit, isLetter, isRoman, readDigits, readLatinSuffix, type DraftNumber } from './numberForms';
import type { HeadingKind, Label, TextSpan } from './model';

/** What starts a line, before the heading-or-paragraph decision that needs the whole block. */
export interface LineLabel {
  readonly label: Label;
  /** Offset of the first `[` or, without brackets, of the label. */
  readonly start: number;
  readonly labelSpan: TextSpan;
  readonly leadingBrackets: number;
  /** Where the text after the label begins. */
  readonly textStart: number;
}

/**
 * Reads the label a line starts with (NOTATION §1), or undefined for a continuation line.
 * `line` is the whole text and [lineStart, lineEnd) the line; offsets returned are absolute.
 */
export function readLineLabel(text: string, lineStart: number, lineEnd: number): LineLabel | undefined {
  let p = lineStart;
  while (p < lineEnd && isBlank(text.charCodeAt(p))) p++;
  if (p >= lineEnd) return undefined;
  const start = p;
  if (isRuleLine(text, p, lineEnd)) {
    return { label: { kind: 'rule' }, start, labelSpan: { start: p, end: lineEnd }, leadingBrackets: 0, textStart: lineEnd };
  }
  let brackets = 0;
  while (p < lineEnd && text.charCodeAt(p) === 91 /* [ */) {
    brackets++;
    p++;
  }
  const found = readLabelAt(text, p, lineEnd);
  if (!found) return undefined;
  return { label: found.label, start, labelSpan: { start: p, end: found.end }, leadingBrackets: brackets, textStart: found.end };
}

interface Found {
  label: Label;
  end: number;
}

function readLabelAt(text: string, p: number, lineEnd: number): Found | undefined {
  const c = text.charCodeAt(p);
  if (isDigit(c)) return readNumberLabel(text, p, lineEnd);
  if (c === 0xb7 /* · */ || c === 0x2022 /* • */ || c === 45 /* - */) {
    const next = text.charCodeAt(p + 1);
    if (next === 32 || next === 9) return { label: { kind: 'bullet' }, end: p + 1 };
    return undefined;
  }
  if (c === 40 /* ( */) return readSubLabel(text, p + 1, lineEnd, true);
  if (c >= 97 && c <= 122) return readSubLabel(text, p, lineEnd, false);
  if (c >= 65 && c <= 90) {
    const word = readWord(text, p, lineEnd);
    switch (word.toLowerCase()) {
      case 'alt':
        return readAlternative(text, p + 3, lineEnd);
      case 'option':
        return readOption(text, p + 6, lineEnd);
      case 'article':
        return readArticle(text, p + 7, lineEnd);
      case 'part':
      case 'chapter':
      case 'section':
        return readNamedHeading(text, p + word.length, lineEnd, word.toLowerCase() as HeadingKind);
    }
    return readUpperLabel(text, p, lineEnd);
  }
  return undefined;
}

/** `39.`, `61 bis.`, `61bis.`, `3a)`: digits, an optional letter or Latin suffix, `.` or `)`, then a space or the end of the line. */
function readNumberLabel(text: string, p: number, lineEnd: number): Found | undefined {
  const number = readNumber(text, p, lineEnd);
  if (!number) return undefined;
  const t = text.charCodeAt(number.end);
  if (t !== 46 && t !== 41) return undefined;
  const end = number.end + 1;
  if (end < lineEnd && !isBlank(text.charCodeAt(end))) return undefined;
  return {
    label: { kind: 'paragraph', number: number.number, numberSpan: { start: p, end: number.end }, terminator: t === 46 ? '.' : ')' },
    end,
  };
}

/** Digits with an optional Latin suffix (`61 bis`, `61bis`) or one lower-case letter (`3a`). */
export function readNumber(text: string, p: number, limit: number, allowLetter = true): { number: DraftNumber; end: number } | undefined {
  const digits = readDigits(text, p);
  if (!digits || digits.end > limit) return undefined;
  const latin = readLatinSuffix(text, digits.end);
  if (latin && latin.end <= limit) return { number: { value: digits.value, suffix: latin.suffix }, end: latin.end };
  if (!allowLetter) return { number: { value: digits.value, suffix: '' }, end: digits.end };
  const c = text.charCodeAt(digits.end);
  if (c >= 97 && c <= 122 && !isLetter(text.charCodeAt(digits.end + 1)) && digits.end + 1 <= limit) {
    return { number: { value: digits.value, suffix: text[digits.end] }, end: digits.end + 1 };
  }
  return { number: { value: digits.value, suffix: '' }, end: digits.end };
}

/** `a)`, `(a)`, `b.`, `(iv)`, `g1)`: a letter, a roman numeral, a doubled letter or a letter with a variant number. */
function readSubLabel(text: string, p: number, lineEnd: number, paren: boolean): Found | undefined {
  let q = p;
  while (q < lineEnd && q - p < 6 && text.charCodeAt(q) >= 97 && text.charCodeAt(q) <= 122) q++;
  const letters = text.slice(p, q);
  if (letters.length === 0 || letters.length > 5) return undefined;
  let variant: number | undefined;
  if (letters.length === 1 && isDigit(text.charCodeAt(q))) {
    const digits = readDigits(text, q);
    if (!digits || digits.value > 99) return undefined;
    variant = digits.value;
    q = digits.end;
  }
  const t = text.charCodeAt(q);
  let style: 'paren' | 'close' | 'dot';
  if (paren) {
    if (t !== 41) return undefined;
    style = 'paren';
  } else if (t === 41) style = 'close';
  else if (t === 46 && variant === undefined) style = 'dot';
  else return undefined;
  const end = q + 1;
  if (end < lineEnd && !isBlank(text.charCodeAt(end))) return undefined;
  const acceptable = letters.length === 1 || isRoman(letters) || /^([a-z])\1{1,2}$/.test(letters);
  if (!acceptable) return undefined;
  return { label: { kind: 'subparagraph', letter: letters, variant, style }, end };
}

/** `I.`, `IV.`, `A.`: headings in UN documents when the block is heading-shaped, else sub-paragraphs. */
function readUpperLabel(text: string, p: number, lineEnd: number): Found | undefined {
  let q = p;
  while (q < lineEnd && q - p < 6 && text.charCodeAt(q) >= 65 && text.charCodeAt(q) <= 90) q++;
  const letters = text.slice(p, q);
  const t = text.charCodeAt(q);
  if (t !== 46 && t !== 41) return undefined;
  if (q + 1 < lineEnd && !isBlank(text.charCodeAt(q + 1))) return undefined;
  if (letters.length !== 1 && !isRoman(letters.toLowerCase())) return undefined;
  return {
    label: { kind: 'heading', headingKind: 'lettered', number: letters, numberSpan: { start: p, end: q }, title: '' },
    end: q + 1,
  };
}

/** `Alt 1 61.`, `Alt. 2 61.`, `Alt 1 71 g)`, `Alt 71g1)`, `Alt 71 g2)`. */
function readAlternative(text: string, p: number, lineEnd: number): Found | undefined {
  let q = p;
  if (text.charCodeAt(q) === 46) q++;
  q = skipSpaces(text, q, lineEnd);
  // No letter suffix here: in `Alt 45g1)` the `g` is the sub-paragraph, not part of the number.
  const first = readNumber(text, q, lineEnd, false);
  if (!first) return undefined;
  const firstSpan = { start: q, end: first.end };
  let r = first.end;
  // `Alt 71g1)` / `Alt 71 g2)`: the target paragraph, then the sub-paragraph letter with the alternative's index.
  const afterFirst = skipSpaces(text, r, lineEnd);
  const subVariant = /^\(?([a-z])(\d{1,2})\)/.exec(text.slice(afterFirst, Math.min(lineEnd, afterFirst + 6)));
  if (subVariant) {
    const end = afterFirst + subVariant[0].length;
    if (end < lineEnd && !isBlank(text.charCodeAt(end))) return undefined;
    const indexStart = afterFirst + subVariant[0].indexOf(subVariant[2]);
    return {
      label: {
        kind: 'alternative',
        index: parseInt(subVariant[2], 10),
        indexSpan: { start: indexStart, end: indexStart + subVariant[2].length },
        target: first.number,
        targetSpan: firstSpan,
        targetSub: subVariant[1],
      },
      end,
    };
  }
  // `Alt 1 61.` / `Alt 1 71 g)`: the alternative's index, then the target.
  if (first.number.suffix !== '') return undefined;
  r = skipSpaces(text, r, lineEnd);
  if (r === first.end) return undefined;
  const target = readNumber(text, r, lineEnd);
  if (!target) return undefined;
  const targetSpan = { start: r, end: target.end };
  let s = target.end;
  let targetSub: string | undefined;
  const t = text.charCodeAt(s);
  if (t !== 46 && t !== 41) {
    const sub = /^ ?\(?([a-z]{1,4})[.)]/.exec(text.slice(s, Math.min(lineEnd, s + 8)));
    if (!sub) return undefined;
    const letters = sub[1];
    if (sub[0].includes('(') && !sub[0].endsWith(')')) return undefined;
    if (letters.length > 1 && !isRoman(letters)) return undefined;
    targetSub = letters;
    s += sub[0].length;
  } else {
    s++;
  }
  if (s < lineEnd && !isBlank(text.charCodeAt(s))) return undefined;
  return {
    label: {
      kind: 'alternative',
      index: first.number.value,
      indexSpan: firstSpan,
      target: target.number,
      targetSpan,
      targetSub,
    },
    end: s,
  };
}

/** `Option 1:`, `Option 2.`, `Option A:` or `Option 1` alone on its line. */
function readOption(text: string, p: number, lineEnd: number): Found | undefined {
  const q = skipSpaces(text, p, lineEnd);
  if (q === p) return undefined;
  let r = q;
  while (r < lineEnd && (isDigit(text.charCodeAt(r)) || (text.charCodeAt(r) >= 65 && text.charCodeAt(r) <= 90)) && r - q < 3) r++;
  const index = text.slice(q, r);
  if (!/^(\d{1,2}|[A-Z])$/.test(index)) return undefined;
  const t = text.charCodeAt(r);
  if (t === 58 || t === 46 || t === 41) return { label: { kind: 'option', index }, end: r + 1 };
  if (skipSpaces(text, r, lineEnd) >= lineEnd) return { label: { kind: 'option', index }, end: r };
  return undefined;
}

/** `Article 5`, `Article 5 bis`, `Article 5 – Definitions`, `Article 5: Definitions`; not `Article 5 shall apply`. */
function readArticle(text: string, p: number, lineEnd: number): Found | undefined {
  const q = skipSpaces(text, p, lineEnd);
  if (q === p) return undefined;
  const number = readNumber(text, q, lineEnd);
  if (!number) return undefined;
  const title = readTitleAfter(text, number.end, lineEnd);
  if (title === undefined) return undefined;
  return {
    label: { kind: 'article', number: number.number, numberSpan: { start: q, end: number.end }, title: title.title },
    end: title.labelEnd,
  };
}

/** `Chapter II`, `Part 3`, `Section A` with an optional title after a separator. */
function readNamedHeading(text: string, p: number, lineEnd: number, headingKind: HeadingKind): Found | undefined {
  const q = skipSpaces(text, p, lineEnd);
  if (q === p) return undefined;
  let r = q;
  while (r < lineEnd && r - q < 8 && (isDigit(text.charCodeAt(r)) || (text.charCodeAt(r) >= 65 && text.charCodeAt(r) <= 90))) r++;
  const number = text.slice(q, r);
  if (!/^(\d{1,3}[A-Za-z]?|[IVXLC]{1,7}|[A-Z])$/.test(number)) return undefined;
  if (r < lineEnd && isLetter(text.charCodeAt(r))) return undefined;
  const title = readTitleAfter(text, r, lineEnd);
  if (title === undefined) return undefined;
  return { label: { kind: 'heading', headingKind, number, numberSpan: { start: q, end: r }, title: title.title }, end: title.labelEnd };
}

const TITLE_SEPARATORS = new Set([0x2013 /* – */, 0x2014 /* — */, 45 /* - */, 58 /* : */, 46 /* . */]);

/**
 * After `Article 5` or `Chapter II`: the end of the line, a separator and a title, or a capitalised title.
 * Anything else (`Article 5 shall apply`, `Article 5, paragraph 2`) is prose, not a label.
 */
function readTitleAfter(text: string, p: number, lineEnd: number): { title: string; labelEnd: number } | undefined {
  const q = skipSpaces(text, p, lineEnd);
  if (q >= lineEnd) return { title: '', labelEnd: p };
  const c = text.charCodeAt(q);
  if (TITLE_SEPARATORS.has(c)) {
    return { title: text.slice(q + 1, lineEnd).trim(), labelEnd: p };
  }
  if (q > p && ((c >= 65 && c <= 90) || c === 0x201c || c === 34)) return { title: text.slice(q, lineEnd).trim(), labelEnd: p };
  return undefined;
}

function isRuleLine(text: string, p: number, lineEnd: number): boolean {
  const c = text.charCodeAt(p);
  if (c !== 95 && c !== 42 && c !== 45) return false;
  let count = 0;
  let q = p;
  for (; q < lineEnd; q++) {
    const d = text.charCodeAt(q);
    if (d === c) count++;
    else if (!isBlank(d)) return false;
  }
  return count >= 3;
}

function readWord(text: string, p: number, lineEnd: number): string {
  let q = p;
  while (q < lineEnd && q - p < 8 && isLetter(text.charCodeAt(q))) q++;
  return text.slice(p, q);
}

function skipSpaces(text: string, p: number, lineEnd: number): number {
  let q = p;
  while (q < lineEnd && isBlank(text.charCodeAt(q))) q++;
  return q;
}

export function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x3000 || c === 0x2009 || c === 0x202f;
}
