import type { Paragraph, Problem } from './model';

const MIN_WORDS = 8;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** A sentence of eight words or more, as offsets from the start of its paragraph's text, and the hash of its words. */
export interface Sentence {
  readonly start: number;
  readonly end: number;
  readonly hash: number;
}

/** Each paragraph's sentences in paragraph order, with where its text runs: what the next analysis may reuse. */
export interface SentencesByParagraph {
  readonly froms: Float64Array;
  readonly ends: Float64Array;
  readonly lists: Array<readonly Sentence[]>;
}

/**
 * The sentences of a paragraph found before, when its text is known unchanged (`from` and `end` in this text's
 * offsets), or undefined to read them anew.
 */
export type RecallSentences = (from: number, end: number) => readonly Sentence[] | undefined;

/**
 * A sentence of eight or more words that repeats one of an earlier paragraph word for word (NOTATION §6).
 * Words are compared case-insensitively, ignoring brackets and punctuation. Members of one alternative group
 * are expected to share sentences with each other and are not compared.
 */
export function findDuplicateSentences(
  text: string,
  paragraphs: readonly Paragraph[],
  recall: RecallSentences = () => undefined,
): { problems: Problem[]; sentences: SentencesByParagraph } {
  const problems: Problem[] = [];
  // Sized once: these are filled for every paragraph on every keystroke.
  const sentences: SentencesByParagraph = {
    froms: new Float64Array(paragraphs.length),
    ends: new Float64Array(paragraphs.length),
    lists: new Array<readonly Sentence[]>(paragraphs.length),
  };
  let count = 0;
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i];
    const from = p.block.labelSpan.end;
    const end = p.span.end;
    const own = recall(from, end) ?? sentencesIn(text, from, end);
    sentences.froms[i] = from;
    sentences.ends[i] = end;
    sentences.lists[i] = own;
    count += own.length;
  }
  const seen = SeenSentences.sized(count);
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i];
    const from = sentences.froms[i];
    for (const s of sentences.lists[i]) {
      const start = from + s.start;
      const sentenceEnd = from + s.end;
      const earlier = seen.firstOrAdd(text, s.hash, start, sentenceEnd, i);
      if (earlier < 0) continue;
      const first = paragraphs[earlier];
      if (first === p || (first.group && first.group === p.group)) continue;
      let shown = start;
      while (shown < sentenceEnd && isSpace(text.charCodeAt(shown))) shown++;
      problems.push({
        code: 'duplicate-sentence',
        span: { start: shown, end: sentenceEnd },
        message: `This sentence repeats one of ${first.name} word for word.`,
        related: [{ span: first.span, message: `${first.name}` }],
      });
    }
  }
  return { problems, sentences };
}

/**
 * The distinct sentences read so far, as an open-addressed table over typed arrays: every sentence of the draft is
 * looked up on every keystroke, and a Map with an entry per sentence was a tenth of a keystroke's work and garbage.
 * One table serves every analysis (the lookup never yields), grown when a draft has more sentences than it holds.
 */
class SeenSentences {
  private static shared = new SeenSentences(1 << 12);

  /** For each slot: 1 + the first sentence with that hash, or 0 when free. */
  private readonly slots: Int32Array;
  /** For each slot: the hash whose chain it holds. */
  private readonly slotHash: Int32Array;
  /** Per distinct sentence: where it stands, its paragraph, and the next one with the same hash (or -1). */
  private readonly start: Int32Array;
  private readonly end: Int32Array;
  private readonly paragraph: Int32Array;
  private readonly sameHash: Int32Array;
  private size = 0;

  private constructor(private readonly capacity: number) {
    this.slots = new Int32Array(capacity * 2);
    this.slotHash = new Int32Array(capacity * 2);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.paragraph = new Int32Array(capacity);
    this.sameHash = new Int32Array(capacity);
  }

  /** The shared table, emptied, with room for `count` sentences. */
  static sized(count: number): SeenSentences {
    let table = SeenSentences.shared;
    if (table.capacity < count) {
      let capacity = table.capacity;
      while (capacity < count) capacity *= 2;
      table = SeenSentences.shared = new SeenSentences(capacity);
    } else {
      table.slots.fill(0);
    }
    table.size = 0;
    return table;
  }

  /**
   * The paragraph of the earliest sentence with the same words as text[start, end), or -1 after recording this one as
   * the first of its words. Sentences whose hashes collide are told apart by their words.
   */
  firstOrAdd(text: string, hash: number, start: number, end: number, paragraph: number): number {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot] !== 0 && this.slotHash[slot] !== (hash | 0)) slot = (slot + 1) & mask;
    let last = -1;
    for (let k = this.slots[slot] - 1; k >= 0; k = this.sameHash[k]) {
      if (sameWords(text, this.start[k], this.end[k], start, end)) return this.paragraph[k];
      last = k;
    }
    const k = this.size++;
    this.start[k] = start;
    this.end[k] = end;
    this.paragraph[k] = paragraph;
    this.sameHash[k] = -1;
    // Kept in order of first appearance: the chain is walked from the earliest sentence.
    if (last >= 0) this.sameHash[last] = k;
    else {
      this.slots[slot] = k + 1;
      this.slotHash[slot] = hash;
    }
    return -1;
  }
}

/**
 * One pass over the characters hashes each sentence's words (lower-cased, a space between words) without building
 * a string: strings per sentence were most of the cost on a 10 MB draft. Only when two sentences hash alike are their
 * words compared, so a collision never reports a false duplicate.
 */
export function sentencesIn(text: string, from: number, end: number): Sentence[] {
  const found: Sentence[] = [];
  let hash = FNV_OFFSET;
  let words = 0;
  let inWord = false;
  let sentenceStart = from;
  for (let i = from; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : 32;
    if (i < end && isWordChar(text, c, i)) {
      if (!inWord) {
        if (words > 0) hash = mix(hash, 32);
        words++;
        inWord = true;
      }
      hash = mix(hash, lower(text, c, i));
      continue;
    }
    // `sector’s`, `well-being`: a joiner between two word characters stays inside the word.
    if (inWord && isJoiner(c) && i + 1 < end && isWordChar(text, text.charCodeAt(i + 1), i + 1)) {
      hash = mix(hash, c);
      continue;
    }
    inWord = false;
    const closes = i === end || ((c === 46 || c === 59 || c === 33 || c === 63) && (i + 1 >= end || isSpace(text.charCodeAt(i + 1))));
    if (!closes) continue;
    const sentenceEnd = Math.min(i + 1, end);
    if (words >= MIN_WORDS) found.push({ start: sentenceStart - from, end: sentenceEnd - from, hash });
    hash = FNV_OFFSET;
    words = 0;
    sentenceStart = sentenceEnd;
  }
  return found;
}

/** The words of a sentence as the hash saw them: lower-cased, one space between words. */
function normalised(text: string, start: number, end: number): string {
  const out: string[] = [];
  let word = -1;
  for (let i = start; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : 32;
    if (i < end && isWordChar(text, c, i)) {
      if (word < 0) word = i;
      continue;
    }
    if (word >= 0 && isJoiner(c) && i + 1 < end && isWordChar(text, text.charCodeAt(i + 1), i + 1)) continue;
    if (word >= 0) out.push(text.slice(word, i));
    word = -1;
  }
  return out.join(' ').toLowerCase();
}

function sameWords(text: string, aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  return normalised(text, aStart, aEnd) === normalised(text, bStart, bEnd);
}

const FNV_OFFSET = 0x811c9dc5;

function mix(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193) >>> 0;
}

function lower(text: string, c: number, i: number): number {
  if (c >= 65 && c <= 90) return c | 32;
  if (c < 128) return c;
  return text[i].toLowerCase().charCodeAt(0);
}

function isJoiner(c: number): boolean {
  return c === 0x2019 || c === 39 || c === 45;
}

function isWordChar(text: string, c: number, i: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return LETTER_OR_DIGIT.test(text[i]);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 0xa0;
}
