import type { Paragraph, Problem } from './model';

const MIN_WORDS = 8;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * A sentence of eight or more words that repeats one of an earlier paragraph word for word (NOTATION §6).
 * Words are compared case-insensitively, ignoring brackets and punctuation. Members of one alternative group
 * are expected to share sentences with each other and are not compared.
 *
 * One pass over the characters finds the words; a sentence's key (its words, lower-cased, joined by spaces) is built
 * from slices once the sentence ends, and only when it is long enough. Building it character by character would
 * allocate a string per character, and this runs on every keystroke of a 10 MB draft.
 */
export function findDuplicateSentences(text: string, paragraphs: readonly Paragraph[]): Problem[] {
  const problems: Problem[] = [];
  const firstSeen = new Map<string, Paragraph>();
  for (const p of paragraphs) {
    const from = p.block.labelSpan.end;
    const end = p.span.end;
    const words: string[] = [];
    let wordStart = -1;
    let sentenceStart = from;
    for (let i = from; i <= end; i++) {
      const c = i < end ? text.charCodeAt(i) : 32;
      if (i < end && isWordChar(text, c, i)) {
        if (wordStart < 0) wordStart = i;
        continue;
      }
      // `sector’s`, `well-being`: a joiner between two word characters stays inside the word.
      if (wordStart >= 0 && (c === 0x2019 || c === 39 || c === 45) && i + 1 < end && isWordChar(text, text.charCodeAt(i + 1), i + 1)) continue;
      if (wordStart >= 0) {
        words.push(text.slice(wordStart, i));
        wordStart = -1;
      }
      const closes = i === end || ((c === 46 || c === 59 || c === 33 || c === 63) && (i + 1 >= end || isSpace(text.charCodeAt(i + 1))));
      if (!closes) continue;
      const sentenceEnd = Math.min(i + 1, end);
      if (words.length >= MIN_WORDS) {
        const key = words.join(' ').toLowerCase();
        const earlier = firstSeen.get(key);
        if (!earlier) firstSeen.set(key, p);
        else if (earlier !== p && !(earlier.group && earlier.group === p.group)) {
          let start = sentenceStart;
          while (start < sentenceEnd && isSpace(text.charCodeAt(start))) start++;
          problems.push({
            code: 'duplicate-sentence',
            span: { start, end: sentenceEnd },
            message: `This sentence repeats one of ${earlier.name} word for word.`,
            related: [{ span: earlier.span, message: `${earlier.name}` }],
          });
        }
      }
      words.length = 0;
      sentenceStart = sentenceEnd;
    }
  }
  return problems;
}

function isWordChar(text: string, c: number, i: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return LETTER_OR_DIGIT.test(text[i]);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 0xa0;
}
