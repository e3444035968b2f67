import fc from 'fast-check';

/*
 * fast-check arbitraries for the property tests (test/core/properties.test.ts).
 *
 * `draftText` writes drafts that mix every construct of NOTATION §1–§5: numbered paragraphs (with `bis`, `3a`, `61bis`),
 * headings of every kind, articles, sub-paragraphs `a)` `(b)` `c.` `(iv)` `g1)`, `Alt k N.` and `Alt N g1)` alternatives,
 * `Option k:` lines, bullets, rules, brackets nested and adjacent, slash options, placeholders, agreed markers,
 * references of every form (internal and external), encoding damage, blank and continuation lines, and LF, CRLF, lone CR
 * or mixed line endings. Paragraph numbers mostly run in sequence (with the occasional skip, repeat or suffix) so that
 * references, alternatives and renames meet real targets; reference numbers are drawn from the same small range.
 *
 * `noiseText` is plain random text with the characters the analysis cares about (`[`, `]`, digits, line breaks, labels)
 * weighted in, plus any code point, lone surrogates and NUL.
 */

export type LineEnding = 'LF' | 'CRLF' | 'CR' | 'mixed';

export interface GeneratedText {
  readonly text: string;
  readonly eol: LineEnding;
}

// Placeholders in generated lines, replaced once the whole draft is laid out (see `layOut`).
const NEXT_PARAGRAPH = '\u0001'; // the next paragraph number in sequence
const SAME_PARAGRAPH = '\u0002'; // the current paragraph number (an Alt to the paragraph just written)
const NEXT_ARTICLE = '\u0003'; // the next article number
const NEXT_HEADING = '\u0004'; // the next heading number
const LINE = '\n'; // a line break inside a generated line; becomes the draft's line ending

const WORDS = [
  'the', 'Parties', 'shall', 'should', 'may', 'ensure', 'promote', 'support', 'strengthen', 'sustainable', 'development',
  'digital', 'cooperation', 'capacity', 'technology', 'transfer', 'resources', 'developing', 'countries', 'stakeholders',
  'governments', 'private', 'sector', 'civil', 'society', 'human', 'rights', 'access', 'inclusive', 'open', 'secure',
  'infrastructure', 'data', 'governance', 'national', 'measures', 'report', 'review', 'framework', 'mechanism',
  'Internet', 'management', 'of', 'and', 'to', 'in', 'for', 'with', 'sector’s', 'communiqué', 'âge', 'été', 'bishop',
  'Agreed', 'agreed', 'option', 'alternative', 'article', 'paragraph',
];

const word = fc.constantFrom(...WORDS);
const words = (min: number, max: number) => fc.array(word, { minLength: min, maxLength: max }).map((w) => w.join(' '));
const smallNumber = fc.integer({ min: 1, max: 12 });
const letter = fc.constantFrom('a', 'b', 'c', 'd', 'g', 'i', 'k');
const marker = fc.constantFrom('(Agreed)', '(agreed ad ref)', '(agreed ad referendum)', '(AGREED)', '(Agreed ad ref)');

/** A paragraph number as written in a reference: `12`, `12 bis`, `12bis`, `3a`. */
const writtenNumber = fc
  .tuple(smallNumber, fc.constantFrom('', '', '', '', ' bis', 'bis', ' ter', 'a', 'b', ' quater'))
  .map(([n, s]) => `${n}${s}`);

/** Every reference form of NOTATION §5, internal and external. */
const reference: fc.Arbitrary<string> = fc.oneof(
  writtenNumber.map((n) => `para ${n}`),
  writtenNumber.map((n) => `para. ${n}`),
  writtenNumber.map((n) => `paragraph ${n}`),
  writtenNumber.map((n) => `Paragraph ${n}`),
  writtenNumber.map((n) => `paragraph${LINE}${n}`),
  fc.tuple(writtenNumber, writtenNumber).map(([a, b]) => `paras ${a} and ${b}`),
  fc.tuple(smallNumber, smallNumber).map(([a, b]) => `paragraphs ${a} to ${b}`),
  fc.tuple(smallNumber, smallNumber).map(([a, b]) => `paragraphs ${a}-${b}`),
  fc.tuple(writtenNumber, writtenNumber, writtenNumber).map(([a, b, c]) => `paragraphs ${a}, ${b} and ${c}`),
  fc.tuple(smallNumber, letter).map(([n, l]) => `paragraph ${n} (${l})`),
  fc.tuple(smallNumber, letter).map(([n, l]) => `sub-paragraph ${n} ${l})`),
  smallNumber.map((n) => `paragraph ${n} bis`),
  fc.integer({ min: 1, max: 4 }).map((k) => `Article ${k}`),
  fc.tuple(fc.integer({ min: 1, max: 4 }), smallNumber).map(([k, n]) => `Article ${k}, paragraph ${n}`),
  fc.tuple(fc.integer({ min: 1, max: 4 }), smallNumber).map(([k, n]) => `paragraph ${n} of Article ${k}`),
  smallNumber.map((n) => `paragraph ${n} of this Article`),
  smallNumber.map((n) => `paragraph ${n} above`),
  smallNumber.map((n) => `paragraph ${n} of this Agreement`),
  smallNumber.map((n) => `paragraph ${n} of the present resolution`),
  // External: never resolved here, never renamed.
  writtenNumber.map((n) => `paragraph ${n} of the Geneva Declaration of Principles`),
  fc.constant('Art. 85 of the 2005 World Summit Outcome'),
  smallNumber.map((n) => `paragraph ${n} of resolution 57/239`),
  fc.tuple(smallNumber, smallNumber).map(([a, b]) => `paragraphs ${a} to ${b} of the Tunis Agenda`),
  fc.integer({ min: 1, max: 4 }).map((k) => `Article ${k} of the United Nations Convention on the Law of the Sea`),
);

/** Numbers in prose that are not references, and other look-alikes. */
const prose = fc.constantFrom('2012', '55/63', 'Art. 85', 'http://example.org/a/b', 'in 2003', '1.5 °C', 'No. 3', '12)');
const damage = fc.constantFrom('â€™', 'â€œ', 'â€', 'Ã©', 'sectorâs', 'donât', 'communiquÃ©', 'Ã', 'â');
const punctuation = fc.constantFrom(',', '.', ';', ':', ' –', '!');
const placeholder = fc.constantFrom('[X]', '[x]', '[XX]', '[...]', '[…]');

/**
 * Sentences of eight words or more from a pool of three, so that paragraphs repeat each other's word for word
 * (`duplicate-sentence`); written in capitals, with a word bracketed or a comma added, they are still the same words.
 */
const repeatedSentence = fc
  .tuple(
    fc.constantFrom(
      'the Parties shall cooperate in good faith on all matters',
      'developing countries need new and additional resources for capacity building',
      'closing the digital divide requires sustained investment in infrastructure',
    ),
    fc.constantFrom('as is', 'as is', 'capitals', 'bracketed', 'comma'),
  )
  .map(([sentence, how]) => {
    const written = how === 'capitals' ? sentence.toUpperCase() : how === 'bracketed' ? sentence.replace(/ (\w+) /, ' [$1] ') : how === 'comma' ? sentence.replace(/ (\w+) /, ' $1, ') : sentence;
    // The `;` ends whatever sentence the words before it began.
    return `; ${written}.`;
  });

/** Inline text: words, references, brackets nested, adjacent and with options, placeholders, markers, damage, repeated sentences. */
const { phrase } = fc.letrec<{ phrase: string; bracket: string; piece: string }>((tie) => ({
  phrase: fc
    .tuple(fc.array(tie('piece'), { minLength: 1, maxLength: 6 }), fc.array(fc.constantFrom(' ', ' ', ' ', ' ', '', '  '), { minLength: 6, maxLength: 6 }))
    .map(([pieces, gaps]) => pieces.map((p, i) => (i === 0 ? p : gaps[i % gaps.length] + p)).join('')),
  piece: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: words(1, 4), weight: 16 },
    { arbitrary: reference, weight: 4 },
    { arbitrary: repeatedSentence, weight: 2 },
    { arbitrary: tie('bracket'), weight: 5 },
    { arbitrary: fc.tuple(words(1, 2), words(1, 2), fc.option(words(1, 1), { nil: undefined })).map(([a, b, c]) => `[${a}/${b}${c ? `/${c}` : ''}]`), weight: 2 },
    { arbitrary: fc.tuple(words(1, 2), words(1, 2)).map(([a, b]) => `[${a} / ${b}]`), weight: 1 },
    { arbitrary: fc.array(fc.oneof(words(1, 2), placeholder), { minLength: 2, maxLength: 3 }).map((ws) => ws.map((w) => (w.startsWith('[') ? w : `[${w}]`)).join('')), weight: 2 },
    { arbitrary: placeholder, weight: 2 },
    { arbitrary: fc.constantFrom('[]', '[ ]', '[', ']', '[[', ']]'), weight: 1 },
    { arbitrary: prose, weight: 1 },
    { arbitrary: damage, weight: 1 },
    { arbitrary: punctuation, weight: 2 },
    { arbitrary: marker, weight: 1 },
    { arbitrary: fc.constant(LINE), weight: 1 },
    { arbitrary: fc.constant(`${LINE}   `), weight: 1 },
  ),
  bracket: fc.tuple(tie('phrase'), fc.constantFrom('', '', '', ']')).map(([inner]) => `[${inner}]`),
}));

const ending = fc.constantFrom('', '', '.', ';', ':', '.', ' (Agreed)', '. (Agreed)', ' (agreed ad ref)', '. (Agreed) later text');
const lead = fc.constantFrom('', '', '', '', '[', '[[', '  ');
const close = (opened: string) => fc.constantFrom('', ']', '.]', opened.includes('[') ? ']' : '');
const suffixOfLabel = fc.constantFrom('', '', '', '', '', '', ' bis', 'bis', ' ter', 'a', '\tbis', ' Bis');

/** One block-starting line (sometimes two), with its text. */
const line: fc.Arbitrary<string> = fc.oneof(
  // A numbered paragraph, possibly bracketed, possibly suffixed, possibly agreed.
  {
    weight: 20,
    arbitrary: fc
      .tuple(lead, suffixOfLabel, fc.constantFrom('.', '.', '.', ')'), phrase, ending)
      .chain(([l, s, t, p, e]) => close(l).map((c) => `${l}${NEXT_PARAGRAPH}${s}${t} ${p}${e}${c}`)),
  },
  // A paragraph number repeated (duplicate) or out of sequence.
  { weight: 1, arbitrary: fc.tuple(smallNumber, phrase).map(([n, p]) => `${n}. ${p}.`) },
  // Headings: `1.` + title line, `3a) Title`, `Chapter II`, `Part 3`, `Section A`, `IV.` + title.
  { weight: 1, arbitrary: words(1, 5).map((t) => `${NEXT_HEADING}.${LINE}${t}`) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 4 }), letter, words(1, 6)).map(([n, l, t]) => `${n}${l}) ${t}`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('Chapter II', 'Part 3', 'Section A', 'IV.', 'A.'), fc.constantFrom('', ' – Scope', ': Finance', ` Means of implementation`)).map(([h, t]) => `${h}${t}`) },
  // Articles: `Article 5`, `Article 5 bis`, `Article 5 – Definitions`, title on the next line.
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('', ' bis', ''), fc.constantFrom('', ' – Definitions', ': Objective', ' Scope', `${LINE}Final provisions`))
      .map(([s, t]) => `Article ${NEXT_ARTICLE}${s}${t}`),
  },
  // Sub-paragraphs.
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom('a)', 'b)', 'c)', '(a)', '(b)', '(d)', 'b.', 'e.', '(i)', '(ii)', '(iv)', 'i)', 'ii)', 'v)', 'g)', 'g1)', 'g2)', 'h)', 'aa)', '(k)'), lead, phrase, ending)
      .map(([label, l, p, e]) => `${l === '  ' ? l : ''}${label} ${p}${e}`),
  },
  // Alternatives: `Alt k N.`, `Alt. k N.`, `[Alt k N. …]`, `Alt Ng1)`, `Alt N g2)`, `Alt k N g)`.
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 3 }), fc.constantFrom('Alt ', 'Alt. ', '[Alt ', 'Alt '), fc.constantFrom(SAME_PARAGRAPH, SAME_PARAGRAPH, '\u0005'), phrase, ending)
      .map(([k, a, target, p, e]) => `${a}${k} ${target}. ${p}${e}${a.startsWith('[') ? ']' : ''}`),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 3 }), letter, fc.constantFrom('', ' '), fc.constantFrom(true, false), phrase)
      .map(([k, l, sp, index, p]) => (index ? `Alt ${k} ${SAME_PARAGRAPH} ${l}) ${p}` : `Alt ${SAME_PARAGRAPH}${sp}${l}${k}) ${p}`)),
  },
  // Options.
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom('Option 1:', 'Option 2:', 'Option 3:', 'Option 1.', 'Option A:', 'Option 2'), phrase)
      .map(([o, p]) => (o === 'Option 2' ? `${o}${LINE}${p}` : `${o} ${p}`)),
  },
  // Bullets, rules.
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('·', '•', '-'), phrase).map(([b, p]) => `${b} ${p}`) },
  { weight: 1, arbitrary: fc.constantFrom('___', '***', '-----', '  ___  ') },
  // Continuation lines, blank lines, a title before the first label.
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('', '   ', '\t'), phrase).map(([i, p]) => `${i}${p}`) },
  { weight: 4, arbitrary: fc.constantFrom('', '', '   ') },
);

/** Each draft's small irregularities: a skipped number (gap), a repeated one (duplicate), one step back (order). */
const jitter = fc.array(fc.constantFrom(1, 1, 1, 1, 1, 1, 1, 1, 2, 0, -1), { minLength: 64, maxLength: 64 });

const lineEnding: fc.Arbitrary<LineEnding> = fc.constantFrom('LF', 'LF', 'CRLF', 'CRLF', 'CR', 'mixed');

/** Replaces the number placeholders in order, and the line breaks by the chosen ending. */
function layOut(lines: readonly string[], steps: readonly number[], start: number, eol: LineEnding, eolChoices: readonly number[], finalBreak: boolean): string {
  let paragraph = start - 1;
  let article = 0;
  let heading = 0;
  let step = 0;
  const out = lines.map((l) =>
    l.replace(/[\u0001-\u0005]/g, (c) => {
      switch (c) {
        case NEXT_PARAGRAPH:
          paragraph = Math.max(1, paragraph + steps[step++ % steps.length]);
          return String(paragraph);
        case SAME_PARAGRAPH:
          return String(Math.max(1, paragraph));
        case '\u0005': // an Alt to the next number: alternatives standing in for an absent original
          return String(paragraph + 1);
        case NEXT_ARTICLE:
          paragraph = start - 1;
          return String(++article);
        default:
          return String(++heading);
      }
    }),
  );
  let text = out.join(LINE) + (finalBreak ? LINE : '');
  const endings = { LF: '\n', CRLF: '\r\n', CR: '\r' } as const;
  if (eol !== 'mixed') return text.replace(/\n/g, endings[eol]);
  let i = 0;
  text = text.replace(/\n/g, () => ['\n', '\r\n', '\r'][eolChoices[i++ % eolChoices.length] % 3]);
  return text;
}

export interface DraftConstraints {
  readonly maxLines?: number;
  /** Only these line endings. */
  readonly eol?: LineEnding;
}

/** A draft mixing every construct of the notation. */
export function draftText(constraints: DraftConstraints = {}): fc.Arbitrary<GeneratedText> {
  return fc
    .record({
      preamble: fc.option(words(2, 6), { nil: undefined }),
      lines: fc.array(line, { minLength: 1, maxLength: constraints.maxLines ?? 24, size: 'medium' }),
      steps: jitter,
      start: fc.constantFrom(1, 1, 1, 39, 9),
      eol: constraints.eol ? fc.constant(constraints.eol) : lineEnding,
      eolChoices: fc.array(fc.nat(2), { minLength: 16, maxLength: 16 }),
      finalBreak: fc.boolean(),
    })
    .map(({ preamble, lines, steps, start, eol, eolChoices, finalBreak }) => ({
      text: layOut(preamble ? [preamble, '', ...lines] : lines, steps, start, eol, eolChoices, finalBreak),
      eol,
    }));
}

/** Pieces random text is made of: the analysis's special characters weighted in among any code point. */
const noiseUnit: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('[', ']') },
  { weight: 4, arbitrary: fc.constantFrom('0', '1', '2', '3', '4', '9', '10', '61') },
  { weight: 4, arbitrary: fc.constantFrom('\n', '\r\n', '\r', '\n\n') },
  { weight: 4, arbitrary: fc.constantFrom(' ', ' ', '.', ')', '(', '/', ',', '-', ':', '\t', '\u00a0') },
  { weight: 3, arbitrary: fc.constantFrom('a', 'b', 'g', 'i', 'v', 'X', 'x', '…', '_', '*', '·', '•') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'para ', 'paragraph ', 'paras ', ' and ', ' to ', 'Alt 1 ', 'Alt ', 'Option 1:', 'Article ', ' bis', 'bis', ' ter',
      '(Agreed)', 'â€™', 'Ã©', 'â', ' of the Geneva Declaration', ' of this Article', 'Chapter ', 'g1)', '(iv)',
    ),
  },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom('\ud800', '\udfff', '\u0000', '\ufeff', '\u2028') },
);

/** Plain random text, `fc.string`-style, with `[`, `]`, digits, line breaks and label fragments weighted in. */
export function noiseText(maxLength = 200): fc.Arbitrary<GeneratedText> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: noiseUnit, maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength }) },
  ).map((text) => ({ text, eol: 'mixed' as const }));
}

/** Drafts most of the time, noise some of the time. */
export function anyText(): fc.Arbitrary<GeneratedText> {
  return fc.oneof({ weight: 3, arbitrary: draftText() }, { weight: 1, arbitrary: noiseText() });
}

/** Text an edit may insert: a draft fragment, a label, a bracket, a line break, or noise. */
export const insertedText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('', '[', ']', '\n', '\r\n', '\r', ' ', '.', '/', 'x') },
  { weight: 2, arbitrary: fc.constantFrom('12. ', 'Alt 1 3. ', 'a) ', '(ii) ', 'Option 2: ', 'Article 2 – Scope\n', '---\n', '(Agreed)', 'para 3', ' bis', '[X]', '[a/b]', '[a][b]', 'â€™') },
  { weight: 2, arbitrary: phrase },
  { weight: 1, arbitrary: fc.string({ unit: noiseUnit, maxLength: 12 }) },
);
