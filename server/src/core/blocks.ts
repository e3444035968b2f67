import { readLineLabel, isBlank, type LineLabel } from './labels';
import { isDigit, isLatinSuffix } from './numberForms';
import type { LineIndex } from './lineIndex';
import type { Block, BlockKind, Label } from './model';

/** Tells whether a stretch of text ends with one of the configured agreed markers. */
export type EndsWithMarker = (text: string) => boolean;

interface RawBlock {
  label: Label;
  start: number;
  labelStart: number;
  labelEnd: number;
  leadingBrackets: number;
  textStart: number;
  firstLine: number;
  lastLine: number;
  unnumbered?: boolean;
}

/**
 * Splits a draft into blocks (NOTATION §1). Never fails: every non-blank line belongs to exactly one block,
 * a text block when no label starts it.
 */
export function splitBlocks(text: string, lines: LineIndex, endsWithMarker: EndsWithMarker): Block[] {
  const raw = collectRawBlocks(text, lines, 0, lines.lineCount - 1);
  classifyNumberedBlocks(raw, text, lines, endsWithMarker, undefined);
  const numbered = raw.some((b) => isNumberedKind(b.label.kind));
  const final = numbered ? raw : segmentUnnumbered(raw, text, lines, endsWithMarker);
  return final.map((b, index) => toBlock(b, index, lines));
}

/**
 * The blocks of a numbered draft's lines [firstLine, lastLine], numbered from `firstIndex`, for re-reading the lines
 * an edit touched. The first line must start a block (a label line, or the draft's first line) and `following` is the
 * label kind of the line after the range, as a label alone reads it: then these blocks are exactly those a split of
 * the whole draft gives there.
 */
export function splitBlockWindow(
  text: string,
  lines: LineIndex,
  firstLine: number,
  lastLine: number,
  firstIndex: number,
  following: BlockKind | undefined,
  endsWithMarker: EndsWithMarker,
): Block[] {
  const raw = collectRawBlocks(text, lines, firstLine, lastLine);
  classifyNumberedBlocks(raw, text, lines, endsWithMarker, following);
  return raw.map((b, i) => toBlock(b, firstIndex + i, lines));
}

/** The kind of label a line starts on its own, before its neighbours are read: what classification looks ahead at. */
export function lineLabelKind(text: string, lines: LineIndex, line: number): BlockKind {
  return readLineLabel(text, lines.lineStart(line), lines.lineEnd(line))?.label.kind ?? 'text';
}

/** True for the kinds that make a draft numbered. */
export function isNumberedKind(kind: BlockKind): boolean {
  return kind === 'paragraph' || kind === 'alternative' || kind === 'article';
}

function collectRawBlocks(text: string, lines: LineIndex, firstLine: number, lastLine: number): RawBlock[] {
  const blocks: RawBlock[] = [];
  let current: RawBlock | undefined;
  for (let line = firstLine; line <= lastLine; line++) {
    const lineStart = lines.lineStart(line);
    const lineEnd = lines.lineEnd(line);
    const firstChar = firstNonBlank(text, lineStart, lineEnd);
    if (firstChar === lineEnd) continue;
    const found: LineLabel | undefined = readLineLabel(text, lineStart, lineEnd);
    if (found) {
      current = {
        label: found.label,
        start: found.start,
        labelStart: found.labelSpan.start,
        labelEnd: found.labelSpan.end,
        leadingBrackets: found.leadingBrackets,
        textStart: found.textStart,
        firstLine: line,
        lastLine: line,
      };
      blocks.push(current);
      if (found.label.kind === 'rule') current = undefined;
    } else if (current) {
      current.lastLine = line;
    } else {
      current = textBlock(firstChar, line);
      blocks.push(current);
    }
  }
  return blocks;
}

/**
 * A numbered block is a heading when its text is one short line without closing punctuation (NOTATION §1).
 * Two refinements a drafter expects: a block followed by its own sub-paragraphs is a paragraph
 * (`45. Decide to` + `a) …`), and so is one whose text is a single bracket or ends in an agreed marker
 * (`45. [Deleted]`, `12. Reaffirm (Agreed)`).
 */
function classifyNumberedBlocks(blocks: RawBlock[], text: string, lines: LineIndex, endsWithMarker: EndsWithMarker, following: BlockKind | undefined): void {
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    const label = b.label;
    const next = i + 1 < blocks.length ? blocks[i + 1].label.kind : following;
    const hasOwnItems = next === 'subparagraph' || next === 'bullet' || next === 'option';
    if (label.kind === 'paragraph') {
      const title = headingTitle(b, text, lines, endsWithMarker);
      if (title !== undefined && !hasOwnItems) {
        b.label = {
          kind: 'heading',
          headingKind: 'numbered',
          number: text.slice(label.numberSpan.start, label.numberSpan.end).replace(/\s+/g, ''),
          numberSpan: label.numberSpan,
          title,
        };
      }
    } else if (label.kind === 'heading' && label.headingKind === 'lettered') {
      const title = headingTitle(b, text, lines, endsWithMarker);
      if (title === undefined || hasOwnItems) {
        const letter = (label.number ?? 'a').toLowerCase();
        b.label = { kind: 'subparagraph', letter, style: text[b.labelEnd - 1] === ')' ? 'close' : 'dot' };
      } else {
        b.label = { ...label, title };
      }
    } else if (label.kind === 'heading' && label.title === '') {
      // `Chapter II` with its title on the next line.
      const title = headingTitle(b, text, lines, endsWithMarker);
      if (title !== undefined) b.label = { ...label, title };
    } else if (label.kind === 'article' && label.title === '' && b.lastLine > b.firstLine) {
      const second = lines.lineStart(b.firstLine + 1);
      const secondText = text.slice(second, lines.lineEnd(b.firstLine + 1)).trim();
      if (isHeadingShaped(secondText, endsWithMarker)) b.label = { ...label, title: secondText };
    }
  }
}

function headingTitle(b: RawBlock, text: string, lines: LineIndex, endsWithMarker: EndsWithMarker): string | undefined {
  let title: string | undefined;
  for (let line = b.firstLine; line <= b.lastLine; line++) {
    const from = line === b.firstLine ? b.textStart : lines.lineStart(line);
    const content = text.slice(from, lines.lineEnd(line)).trim();
    if (content === '') continue;
    if (title !== undefined) return undefined;
    title = content;
  }
  if (title === undefined || !isHeadingShaped(title, endsWithMarker)) return undefined;
  return title;
}

/**
 * NOTATION §1: one line of at most 15 words not ending in `.`, `;`, `:` (nor `,`, nor a marker). The 200-character
 * limit is ours: it keeps hostile text (a 30,000-character run of `]` with one letter) from becoming a title that every
 * message naming its heading would quote. A rename can move a title across it only when 15 words fill 200 characters.
 */
export function isHeadingShaped(title: string, endsWithMarker: EndsWithMarker): boolean {
  if (title.length === 0 || title.length > 200) return false;
  // `[61. Text.]`: the punctuation that counts is the text's own, inside any closing brackets.
  let end = title.length;
  while (end > 0 && (title[end - 1] === ']' || isBlank(title.charCodeAt(end - 1)))) end--;
  const last = title[end - 1];
  if (last === '.' || last === ';' || last === ':' || last === ',') return false;
  if (title.startsWith('[') && title.endsWith(']')) return false;
  if (wordCount(title, 16) > 15) return false;
  if (!/\p{L}/u.test(title)) return false;
  return !endsWithMarker(title);
}

/**
 * Words separated by blanks, counted up to `limit`. A number's Latin suffix counts with its number, also where a range
 * goes on from it: `paras 3 bis and 4` is four words and `paras 1 quater-3` two, as `paras 4 and 5` and `paras 2-3`
 * are, so renaming or renumbering never turns a paragraph into a heading or back.
 */
function wordCount(title: string, limit: number): number {
  let words = 0;
  let previousEndsInDigit = false;
  for (let i = 0; i < title.length && words < limit; ) {
    if (isBlank(title.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < title.length && !isBlank(title.charCodeAt(i))) i++;
    if (!(previousEndsInDigit && startsWithLatinSuffix(title, start, i))) words++;
    previousEndsInDigit = isDigit(title.charCodeAt(i - 1));
  }
  return words;
}

/** `bis`, `quater-3`, `ter)`: the word's leading letters are a Latin suffix, ended by a non-letter or the word's end. */
function startsWithLatinSuffix(title: string, start: number, end: number): boolean {
  let letters = start;
  while (letters < end && /\p{L}/u.test(title[letters])) letters++;
  return letters > start && isLatinSuffix(title.slice(start, letters));
}

/**
 * A draft with no numbered paragraphs is cut at blank lines, or, with no blank line anywhere, line by line
 * (NOTATION §1). Headings and rules keep their blocks; a lone heading-shaped line becomes an unnumbered heading.
 */
function segmentUnnumbered(raw: RawBlock[], text: string, lines: LineIndex, endsWithMarker: EndsWithMarker): RawBlock[] {
  let hasBlankLine = false;
  for (let line = 0; line < lines.lineCount - 1 && !hasBlankLine; line++) {
    const s = lines.lineStart(line);
    hasBlankLine = firstNonBlank(text, s, lines.lineEnd(line)) === lines.lineEnd(line);
  }
  const keeps = (b: RawBlock) => b.label.kind === 'heading' || b.label.kind === 'rule';
  const out: RawBlock[] = [];
  for (const b of raw) {
    if (keeps(b)) {
      out.push(b);
      continue;
    }
    let segment: RawBlock | undefined;
    for (let line = b.firstLine; line <= b.lastLine; line++) {
      const s = lines.lineStart(line);
      const e = lines.lineEnd(line);
      const first = firstNonBlank(text, s, e);
      if (first === e) {
        segment = undefined;
        continue;
      }
      if (!segment || !hasBlankLine) {
        segment = textBlock(first, line);
        out.push(segment);
      } else {
        segment.lastLine = line;
      }
    }
  }
  for (const b of out) {
    if (b.label.kind !== 'text') continue;
    const content = b.firstLine === b.lastLine ? text.slice(b.start, lines.lineEnd(b.firstLine)).trim() : undefined;
    const bracketed = content !== undefined && content.includes('[');
    if (content !== undefined && !bracketed && isHeadingShaped(content, endsWithMarker)) {
      b.label = { kind: 'heading', headingKind: 'unnumbered', title: content };
    } else {
      b.label = { kind: 'paragraph', number: { value: 0, suffix: '' }, numberSpan: { start: b.start, end: b.start }, terminator: '.' };
      b.unnumbered = true;
    }
  }
  return out;
}

/** A block no label starts: it begins at its first non-blank character. */
function textBlock(start: number, line: number): RawBlock {
  return { label: { kind: 'text' }, start, labelStart: start, labelEnd: start, leadingBrackets: 0, textStart: start, firstLine: line, lastLine: line };
}

function toBlock(b: RawBlock, index: number, lines: LineIndex): Block {
  const kind: BlockKind = b.label.kind;
  const end = lines.lineEnd(b.lastLine);
  let trimmedEnd = end;
  while (trimmedEnd > b.start && isBlankOrBreak(lines.text.charCodeAt(trimmedEnd - 1))) trimmedEnd--;
  const block: Block = {
    index,
    kind,
    label: b.label,
    span: { start: b.start, end: Math.max(trimmedEnd, b.labelEnd) },
    labelSpan: { start: b.labelStart, end: b.labelEnd },
    leadingBrackets: b.leadingBrackets,
    firstLine: b.firstLine,
    lastLine: b.lastLine,
    unnumbered: b.unnumbered === true,
  };
  return block;
}

function firstNonBlank(text: string, from: number, to: number): number {
  let p = from;
  while (p < to && isBlank(text.charCodeAt(p))) p++;
  return p;
}

function isBlankOrBreak(c: number): boolean {
  return isBlank(c) || c === 10 || c === 13;
}
