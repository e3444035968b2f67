import type { Paragraph, Problem } from './model';
import { anyCharFinder, type CharFinder } from './charFinder';

const MIN_WORDS = 8;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * A sentence that may have eight words or more, as offsets from the start of its paragraph's text, and its key: the
 * hash of the start and end of its words (`sentencesIn`).
 */
export interface Sentence {
  readonly start: number;
  readonly end: number;
  readonly hash: number;
  /**
   * Its words as compared (`normalised`), once a sentence sharing its key has asked, or null when it has fewer than
   * eight: a sentence is kept only while its text is, and opening paragraphs alike (`Encourages Member States to …`)
   * would otherwise have every one of them read again on every keystroke.
   */
  words: string | null | undefined;
}

/**
 * Each paragraph's sentences in paragraph order, with where its text runs, and every sentence by the hash of its words:
 * what the next analysis may reuse, or update in place when the edit kept the paragraphs.
 */
export interface SentencesByParagraph {
  readonly froms: Float64Array;
  readonly ends: Float64Array;
  readonly lists: Array<readonly Sentence[]>;
  /** Each hash's sentences in text order, each as its paragraph × PER_PARAGRAPH + its place in that paragraph's list. */
  readonly byHash: Map<number, number | number[]>;
  /** The hashes two sentences or more share: the only places a duplicate can be. */
  readonly shared: Set<number>;
}

/** How many sentences a paragraph may hold in one sentence's number (a 10 MB paragraph holds under a million). */
const PER_PARAGRAPH = 2 ** 21;

/**
 * The sentences of a paragraph found before, when its text is known unchanged (`from` and `end` in this text's
 * offsets), or undefined to read them anew.
 */
export type RecallSentences = (from: number, end: number) => readonly Sentence[] | undefined;

interface DuplicateSentences {
  readonly problems: Problem[];
  readonly sentences: SentencesByParagraph;
}

/**
 * A sentence of eight or more words that repeats one of an earlier paragraph word for word (NOTATION §6).
 * Words are compared case-insensitively, ignoring brackets and punctuation. Members of one alternative group
 * are expected to share sentences with each other and are not compared.
 */
export function findDuplicateSentences(text: string, paragraphs: readonly Paragraph[], recall: RecallSentences = () => undefined): DuplicateSentences {
  // Sized once: these are filled for every paragraph.
  const sentences: SentencesByParagraph = {
    froms: new Float64Array(paragraphs.length),
    ends: new Float64Array(paragraphs.length),
    lists: new Array<readonly Sentence[]>(paragraphs.length),
    byHash: new Map(),
    shared: new Set(),
  };
  const nextEnd = sentenceEnds(text, text.length);
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i];
    const from = p.block.labelSpan.end;
    const end = p.span.end;
    const own = recall(from, end) ?? sentencesIn(text, from, end, nextEnd);
    sentences.froms[i] = from;
    sentences.ends[i] = end;
    sentences.lists[i] = own;
    for (let k = 0; k < own.length; k++) file(sentences, own[k].hash, i * PER_PARAGRAPH + k);
  }
  return { problems: duplicatesAmong(text, paragraphs, sentences), sentences };
}

/**
 * The same after an edit that kept the paragraphs (the same objects in the same order), reading again only
 * paragraphs [first, last), the ones the edit may have changed, and updating `previous` (consumed) in place. Looking up
 * all 3,000 sentences of a 1 MB draft again was a seventh of a keystroke's work. The paragraphs after `last` lie wholly
 * after the edit, and moved by `delta` with the text.
 */
export function updateDuplicateSentences(text: string, paragraphs: readonly Paragraph[], previous: SentencesByParagraph, first: number, last: number, delta: number): DuplicateSentences {
  const { froms, ends, lists } = previous;
  // Sentences are kept from their paragraph's start, which is kept here. Those before `first` lie wholly before the
  // edit; those after `last` are moved here rather than read from their paragraphs, a thousand objects on 1 MB.
  for (let i = first; i < last; i++) {
    froms[i] = paragraphs[i].block.labelSpan.end;
    ends[i] = paragraphs[i].span.end;
  }
  if (delta !== 0) {
    for (let i = Math.max(first, last); i < paragraphs.length; i++) {
      froms[i] += delta;
      ends[i] += delta;
    }
  }
  const nextEnd = sentenceEnds(text, last > first ? ends[last - 1] : 0);
  for (let i = first; i < last; i++) {
    const old = lists[i];
    for (let k = 0; k < old.length; k++) unfile(previous, old[k].hash, i * PER_PARAGRAPH + k);
    const own = sentencesIn(text, froms[i], ends[i], nextEnd);
    lists[i] = own;
    for (let k = 0; k < own.length; k++) file(previous, own[k].hash, i * PER_PARAGRAPH + k);
  }
  return { problems: duplicatesAmong(text, paragraphs, previous), sentences: previous };
}

/** Adds a sentence under its hash, in text order. */
function file(sentences: SentencesByParagraph, hash: number, sentence: number): void {
  const filed = sentences.byHash.get(hash);
  if (filed === undefined) {
    sentences.byHash.set(hash, sentence);
    return;
  }
  sentences.shared.add(hash);
  if (typeof filed === 'number') {
    sentences.byHash.set(hash, filed < sentence ? [filed, sentence] : [sentence, filed]);
    return;
  }
  let at = filed.length;
  while (at > 0 && filed[at - 1] > sentence) at--;
  filed.splice(at, 0, sentence);
}

function unfile(sentences: SentencesByParagraph, hash: number, sentence: number): void {
  const filed = sentences.byHash.get(hash);
  if (typeof filed === 'number') {
    if (filed === sentence) sentences.byHash.delete(hash);
    return;
  }
  if (filed === undefined) return;
  const at = filed.indexOf(sentence);
  if (at >= 0) filed.splice(at, 1);
  if (filed.length === 1) {
    sentences.byHash.set(hash, filed[0]);
    sentences.shared.delete(hash);
  }
}

/**
 * Every sentence whose words the earliest sentence with the same words, in another paragraph and not in its
 * alternative group, already has. Only sentences that share a hash are compared, and by their words, so a collision
 * never reports a false duplicate.
 */
function duplicatesAmong(text: string, paragraphs: readonly Paragraph[], sentences: SentencesByParagraph): Problem[] {
  const problems: Problem[] = [];
  for (const hash of sentences.shared) {
    const filed = sentences.byHash.get(hash) as number[];
    // The first of each wording among the sentences sharing this key: sentences alike at both ends but not between
    // may share one by the hundred.
    const firstWith = new Map<string, number>();
    for (let j = 0; j < filed.length; j++) {
      const words = wordsOf(text, sentences, filed[j]);
      if (words === null) continue;
      const earliest = firstWith.get(words);
      if (earliest === undefined) {
        firstWith.set(words, filed[j]);
        continue;
      }
      const first = paragraphs[placeOf(sentences, earliest).paragraph];
      const { paragraph, start, end } = placeOf(sentences, filed[j]);
      const p = paragraphs[paragraph];
      if (first === p || (first.group && first.group === p.group)) continue;
      let shown = start;
      while (shown < end && classAt(text, shown) === SPACE) shown++;
      problems.push({
        code: 'duplicate-sentence',
        span: { start: shown, end },
        message: `This sentence repeats one of ${first.name} word for word.`,
        related: [{ span: first.span, message: `${first.name}` }],
      });
    }
  }
  return problems;
}

/** A filed sentence's words as compared, or null when it has fewer than eight (its key may not have read them all). */
function wordsOf(text: string, sentences: SentencesByParagraph, sentence: number): string | null {
  const at = placeOf(sentences, sentence);
  if (at.sentence.words === undefined) {
    const words = normalised(text, at.start, at.end);
    at.sentence.words = wordCount(words) >= MIN_WORDS ? words : null;
  }
  return at.sentence.words;
}

/** Where a filed sentence stands in the text, and the sentence itself. */
function placeOf(sentences: SentencesByParagraph, sentence: number): { paragraph: number; sentence: Sentence; start: number; end: number } {
  const paragraph = Math.floor(sentence / PER_PARAGRAPH);
  const own = sentences.lists[paragraph][sentence - paragraph * PER_PARAGRAPH];
  const from = sentences.froms[paragraph];
  return { paragraph, sentence: own, start: from + own.start, end: from + own.end };
}

/**
 * Gathered in a list shared by all paragraphs and copied out at its length: a list grown by pushing keeps room for 16,
 * and a paragraph has two or three sentences (2,000 such lists were 0.3 MB of the model of 1 MB).
 */
const GATHERED: Sentence[] = [];

/**
 * Each sentence's place and the key it is filed under. A sentence ends at `.`, `;`, `!` or `?` before white space,
 * found by native search rather than by reading every character. Its key hashes only the first and the last
 * KEY_CHARACTERS characters of its words (lower-cased, a space between words): reading every character of every
 * paragraph was a fifth of a full analysis. Sentences whose keys match are compared by all their words
 * (`duplicatesAmong`), so a key shared by sentences that differ in the middle never reports a false duplicate. A
 * sentence whose key read all its words is filed only with eight words or more; a longer one is counted when compared.
 */
function sentencesIn(text: string, from: number, end: number, nextEnd: SentenceEnds): Sentence[] {
  const found = GATHERED;
  // Empty unless a call before this one threw on its way.
  if (found.length > 0) found.length = 0;
  let start = from;
  while (start < end) {
    const stop = Math.min(nextEnd(start), end);
    const head = readKey(text, start, stop, 1, FNV_OFFSET);
    // The start read all the words when no word character is left after it: the rest may be punctuation or space.
    let rest = head.next;
    while (rest < stop && classAt(text, rest) < WORD) rest++;
    if (head.words >= MIN_WORDS || (head.words > 0 && rest < stop)) {
      found.push({ start: start - from, end: stop - from, hash: readKey(text, stop - 1, start - 1, -1, head.hash).hash, words: undefined });
    }
    start = stop;
  }
  const own = found.slice();
  found.length = 0;
  return own;
}

/** Where the sentence running on from an offset ends: just after its closer, or Infinity when none follows. */
type SentenceEnds = (start: number) => number;

/**
 * Finds sentence ends for callers that ask in text order, before `limit` (the end of the last paragraph read): one search
 * serves every ask before the end it found, so a stretch of paragraphs without a closer is searched once, not once for
 * each of them to the end of the draft. Closers are found by native search (`anyCharFinder`), only up to `limit`: that
 * spares a keystroke a search for a closer the draft never uses (`?`, `!`) to its end.
 */
function sentenceEnds(text: string, limit: number): SentenceEnds {
  const closers = anyCharFinder(limit < text.length ? text.slice(0, limit) : text, CLOSERS);
  let searchedFrom = 0;
  let found = -1;
  return (start) => {
    if (start < searchedFrom || start >= found) {
      searchedFrom = start;
      found = endAfter(text, closers, start);
    }
    return found;
  };
}

/** A sentence ends just after a closer followed by white space, the space included in the next sentence. */
const CLOSERS = '.;!?';

/** Where the first sentence end at or after `from` is, or Infinity when none is found. */
function endAfter(text: string, closers: CharFinder, from: number): number {
  for (let at = from; ; ) {
    const closer = closers(at);
    if (closer < 0) return Number.POSITIVE_INFINITY;
    const after = text.charCodeAt(closer + 1);
    if (after === 32 || after === 10 || after === 13 || after === 9 || after === 0xa0) return closer + 1;
    at = closer + 1;
  }
}

/** How many characters of its words, from each end, a sentence's key reads. */
const KEY_CHARACTERS = 16;

/** What reading a sentence's words from one end gave: the hash so far, the words begun, and where the reading stopped. */
interface KeyRead {
  hash: number;
  words: number;
  next: number;
}

/** One for every read: a result per sentence was garbage for each of thousands. */
const keyRead: KeyRead = { hash: 0, words: 0, next: 0 };

/**
 * Mixes into `hash` a sentence's words read from one end (`step` 1 from `first` at its start, -1 from `first` at its
 * end; `limit` is one step past its other end), up to KEY_CHARACTERS word characters: each word character's lower-cased
 * code, a joiner between two word characters (`sector’s`, `well-being`), a space between words.
 */
function readKey(text: string, first: number, limit: number, step: 1 | -1, hash: number): KeyRead {
  let words = 0;
  let read = 0;
  let inWord = false;
  let i = first;
  for (; i !== limit && read < KEY_CHARACTERS; i += step) {
    const cls = classAt(text, i);
    if (cls >= WORD) {
      if (!inWord && words > 0) hash = mix(hash, 32);
      if (!inWord) words++;
      hash = mix(hash, cls & 0xffff);
      read++;
      inWord = true;
    } else if (inWord && cls === JOINER && i + step !== limit && classAt(text, i + step) >= WORD) {
      hash = mix(hash, text.charCodeAt(i));
    } else {
      inWord = false;
    }
  }
  keyRead.hash = hash;
  keyRead.words = words;
  keyRead.next = i;
  return keyRead;
}

function wordCount(words: string): number {
  let count = words.length > 0 ? 1 : 0;
  for (let at = words.indexOf(' '); at >= 0; at = words.indexOf(' ', at + 1)) count++;
  return count;
}

/** The words of a sentence as the hash saw them: lower-cased, one space between words. */
function normalised(text: string, start: number, end: number): string {
  const out: string[] = [];
  let word = -1;
  for (let i = start; i <= end; i++) {
    const cls = i < end ? classAt(text, i) : SPACE;
    if (cls >= WORD) {
      if (word < 0) word = i;
      continue;
    }
    if (word >= 0 && cls === JOINER && i + 1 < end && classAt(text, i + 1) >= WORD) continue;
    if (word >= 0) out.push(text.slice(word, i));
    word = -1;
  }
  return out.join(' ').toLowerCase();
}

const FNV_OFFSET = 0x811c9dc5 | 0;

/** FNV-1a, kept a signed 32-bit integer: a small integer is a Map key without a heap number made for it. */
function mix(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

/**
 * What a character is to a sentence's words: a word character's class is its lower-cased code (WORD or more), so one
 * look-up both classes and lower-cases it; a joiner may stay inside a word. Where sentences end is `endAfter`'s.
 */
const OTHER = 0;
const JOINER = 1;
const SPACE = 2;
/** Below every ASCII letter and digit; a wider character's lower-cased code is set above 0xffff to stay above it. */
const WORD = 48;
const WIDE_WORD = 0x10000;

const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) ASCII_CLASS[c] = c;
  else if (c >= 65 && c <= 90) ASCII_CLASS[c] = c | 32;
  else if (c === 39 || c === 45) ASCII_CLASS[c] = JOINER;
  else if (c === 32 || c === 10 || c === 13 || c === 9) ASCII_CLASS[c] = SPACE;
}

function wideClass(text: string, c: number, i: number): number {
  if (c === 0x2019) return JOINER;
  if (c === 0xa0) return SPACE;
  return LETTER_OR_DIGIT.test(text[i]) ? WIDE_WORD | text[i].toLowerCase().charCodeAt(0) : OTHER;
}

function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c < 128 ? ASCII_CLASS[c] : wideClass(text, c, i);
}
