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
  readonly froms: number[];
  readonly ends: number[];
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
  const sentences: SentencesByParagraph = { froms: [], ends: [], lists: [] };
  // Every sentence of the draft is looked up on every keystroke: kept in flat arrays, with a chain for equal hashes,
  // so that the lookup allocates nothing for the many sentences that repeat none.
  const seenParagraph: Paragraph[] = [];
  const seenStart: number[] = [];
  const seenEnd: number[] = [];
  const sameHash: number[] = [];
  const firstWithHash = new Map<number, number>();
  for (const p of paragraphs) {
    const from = p.block.labelSpan.end;
    const end = p.span.end;
    const own = recall(from, end) ?? sentencesIn(text, from, end);
    sentences.froms.push(from);
    sentences.ends.push(end);
    sentences.lists.push(own);
    for (const s of own) {
      const start = from + s.start;
      const sentenceEnd = from + s.end;
      // 30 bits of the hash: a key V8 stores unboxed. Sentences whose keys collide are told apart by their words.
      const key = s.hash & 0x3fffffff;
      const head = firstWithHash.get(key);
      let earlier = -1;
      for (let k = head ?? -1; k >= 0; k = sameHash[k]) {
        if (sameWords(text, seenStart[k], seenEnd[k], start, sentenceEnd)) {
          earlier = k;
          break;
        }
      }
      if (earlier < 0) {
        const k = seenStart.length;
        seenParagraph.push(p);
        seenStart.push(start);
        seenEnd.push(sentenceEnd);
        // Kept in order of first appearance: the chain is walked from the earliest sentence.
        sameHash.push(-1);
        if (head === undefined) firstWithHash.set(key, k);
        else {
          let last = head;
          while (sameHash[last] >= 0) last = sameHash[last];
          sameHash[last] = k;
        }
        continue;
      }
      const first = seenParagraph[earlier];
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
