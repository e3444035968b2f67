import type { Paragraph, Problem } from './model';

const MIN_WORDS = 8;
const WORD = /[\p{L}\p{N}]+(?:[’'-][\p{L}\p{N}]+)*/gu;
const SENTENCE_END = /[.;!?](?=\s|$)|$/gu;

/**
 * A sentence of eight or more words that repeats one of an earlier paragraph word for word (NOTATION §6).
 * Words are compared case-insensitively, ignoring brackets and punctuation. Members of one alternative group
 * are expected to share sentences with each other and are not compared.
 */
export function findDuplicateSentences(text: string, paragraphs: readonly Paragraph[]): Problem[] {
  const problems: Problem[] = [];
  const firstSeen = new Map<string, Paragraph>();
  for (const p of paragraphs) {
    const from = p.block.labelSpan.end;
    const body = text.slice(from, p.span.end);
    let start = 0;
    SENTENCE_END.lastIndex = 0;
    for (let m = SENTENCE_END.exec(body); m; m = SENTENCE_END.exec(body)) {
      const end = m.index + m[0].length;
      const sentence = body.slice(start, end);
      const words = sentence.match(WORD);
      if (words && words.length >= MIN_WORDS) {
        const key = words.join(' ').toLowerCase();
        const earlier = firstSeen.get(key);
        if (!earlier) firstSeen.set(key, p);
        else if (earlier !== p && !(earlier.group && earlier.group === p.group)) {
          const lead = sentence.length - sentence.trimStart().length;
          problems.push({
            code: 'duplicate-sentence',
            span: { start: from + start + lead, end: from + end },
            message: `This sentence repeats one of ${earlier.name} word for word.`,
            related: [{ span: earlier.span, message: `${earlier.name}` }],
          });
        }
      }
      if (end >= body.length) break;
      start = end;
      if (m[0].length === 0) SENTENCE_END.lastIndex++;
    }
  }
  return problems;
}
