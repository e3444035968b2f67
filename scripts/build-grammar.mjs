// Generates syntaxes/treaty.tmLanguage.json: the rules repeat per bracket depth, so they are written once here.
// Run `node scripts/build-grammar.mjs` after editing; a test checks that the committed grammar is this script's output.
// Label and reference forms follow server/src/core/labels.ts and references.ts.
import fs from 'node:fs';

const out = process.argv[2] ?? new URL('../syntaxes/treaty.tmLanguage.json', import.meta.url).pathname;

// --- regex fragments (Oniguruma, Ruby syntax: never write {n,m}+, it is a nested quantifier there) ---
const SUFFIX = '(?i:quaterdecies|terdecies|quindecies|sexdecies|septdecies|octodecies|novodecies|duodecies|undecies|quinquies|decies|quater|sexies|septies|octies|novies|vicies|bis|ter)(?![A-Za-z])';
const ROMAN = '(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})';
const UPPER = '(?:(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})(?![A-Z])|[A-Z])';
const REPEATED = 'abcdefghijklmnopqrstuvwxyz'.split('').map((c) => `${c}{2,3}`).join('|');
const SUBLET = `(?:${REPEATED}|${ROMAN}|[a-z])`;
const PARANUM = `\\d++(?:[ \\t]?${SUFFIX}|[a-z](?![A-Za-z]))?`;
const END_OF_LABEL = '(?=[ \\t]|$)';
const SUB_LABEL = `(?:\\((?:[a-z]\\d{1,2}|${SUBLET})\\)|(?:[a-z]\\d{1,2}|${SUBLET})\\)|${SUBLET}\\.)`;

// A heading title (server's isHeadingShaped): one line, a letter, at most `words` words, no closing
// punctuation (looked for before any trailing ]) and no agreed marker at the end.
const title = (words) => '(?=[^\\p{L}\\n]*+\\p{L})(?!\\[.*\\][ \\t]*$)(?![^\\n]*[.;:,]\\]*+[ \\t]*+$)'
  + `\\S++(?>(?:[ \\t]++\\S++){0,${words - 1}})`
  + '(?<!\\((?i:agreed)\\))(?<!\\((?i:agreed ad ref)\\))(?<!\\((?i:agreed ad referendum)\\))[ \\t]*+$';
const TITLE = title(15);
// On the label's own line the grammar cannot see whether the block goes on, and wrapped paragraphs
// (`2. We recall the commitments made at both phases of the`) would pass for headings: be stricter there.
const FUNCTION_WORD = '(?:a|an|and|are|as|at|be|both|by|for|from|in|into|is|its|may|must|of|on|or|our|shall|should|that|the|their|these|this|to|which|will|with|within)';
const SAME_LINE_TITLE = `(?=[\\p{Lu}\\d“"\\[])(?!We\\b)(?![^\\n]*(?<![\\p{L}\\p{N}-])${FUNCTION_WORD}\\]*+[ \\t]*+$)${title(8)}`;
// After `Article 5` / `Chapter II`: end of line, a separator, or a capitalised title; `Article 5 shall` is prose.
const TAIL = '(?=[ \\t]*+$|[ \\t]*+[–—:.-]|[ \\t]++[A-Z“"])';
const SECTION_NUM = '(?:\\d{1,3}[A-Za-z]?|[IVXLC]{1,7}|[A-Z])(?![\\dA-Za-z])';
const ARTICLE_WORD = 'A(?i:rticle)';
const SECTION_WORD = '(?:C(?i:hapter)|P(?i:art)|S(?i:ection))';
const ALT_WORD = 'A(?i:lt)\\.?';
const OPTION_WORD = 'O(?i:ption)';

const LABEL = '(?:' + [
  `${PARANUM}[.)]${END_OF_LABEL}`,
  `${SUB_LABEL}${END_OF_LABEL}`,
  `${UPPER}[.)]${END_OF_LABEL}`,
  `${ALT_WORD}[ \\t]*+\\d`,
  `${OPTION_WORD}[ \\t]++(?:\\d{1,2}|[A-Z])(?:[:.)]|[ \\t]*+$)`,
  `${ARTICLE_WORD}[ \\t]++${PARANUM}${TAIL}`,
  `${SECTION_WORD}[ \\t]++${SECTION_NUM}${TAIL}`,
  '[·•-][ \\t]',
  '(?:(?:_[ \\t]*+){3,}|(?:\\*[ \\t]*+){3,}|(?:-[ \\t]*+){3,})$',
].join('|') + ')';

// Line start, or just after a block-start [. Not (?:^|\\G): the scanner does not cache \\G regexes, and the
// alternation keeps Oniguruma from anchoring the search, which then rescans the line after every push.
const BOL = '(?:^|(?<=\\[))[ \\t]*+';

// (?<!\\d): a failed number costs its length once, not once per digit.
const NUMREF = `(?<!\\d)\\d++(?:[ \\t]?${SUFFIX}|[a-z](?![A-Za-z]))?(?![/\\d\\p{L}]|[.,]\\d)(?:[ \\t]?\\((?:${ROMAN}|[a-z])\\)|[ \\t](?:${ROMAN}|[a-z])\\))?`;
// Bounded spaces: the end rule's lookahead is tried at arbitrary positions.
const SEP = '(?:[ \\t]{0,3},[ \\t]{0,3}(?:(?i:and|or)[ \\t]{1,3})?|[ \\t]{1,3}(?i:and|or|to)[ \\t]{1,3}|[ \\t]{0,3}[-–—][ \\t]{0,3})';
const LIST = `(?>${NUMREF}(?:${SEP}${NUMREF})*)`;
const PARA_WORD = '(?i:sub-?paragraphs?|paragraphs?|paras?\\.?)';
const THIS_DOC = '(?i:this|the[ \\t]++present)[ \\t]++(?i:agreement|convention|protocol|declaration|document|article|resolution|decision|annex|instrument|text|outcome[ \\t]++document|treaty|charter)\\b';
const OF = '[ \\t]++(?i:of)[ \\t]++';
const INTERNAL_DOC = `${THIS_DOC}|(?i:article|art\\.)[ \\t]++\\d++(?!${OF}(?!${THIS_DOC}))`;

const MAX = 6; // depth 6 is the recursive catch-all under depth-5plus

const depthName = (d) => (d <= 4 ? `meta.bracket.depth-${d}.treaty` : d === 5 ? 'meta.bracket.depth-5plus.treaty' : undefined);
const next = (d) => Math.min(d + 1, MAX);

const repo = {};

repo['labels'] = {
  patterns: [
    { include: '#rule-line' },
    { include: '#alternative-label' },
    { include: '#option-label' },
    { include: '#paragraph-label' },
    { include: '#subparagraph-label' },
    { include: '#bullet' },
  ],
};

repo['rule-line'] = {
  match: '^[ \\t]*+(?:(?:_[ \\t]*+){3,}|(?:\\*[ \\t]*+){3,}|(?:-[ \\t]*+){3,})$',
  name: 'meta.separator.treaty',
};

repo['alternative-label'] = {
  patterns: [
    {
      comment: '`Alt 71g1)`, `Alt 71 g2)`: the paragraph, then the sub-paragraph letter with the alternative\'s index.',
      match: `${BOL}(${ALT_WORD})[ \\t]*+(\\d++(?:[ \\t]?${SUFFIX})?)[ \\t]*+(\\(?[a-z]\\d{1,2}\\))${END_OF_LABEL}`,
      name: 'meta.label.alternative.treaty',
      captures: {
        1: { name: 'keyword.other.alternative.treaty' },
        2: { name: 'constant.numeric.paragraph.treaty' },
        3: { name: 'constant.numeric.subparagraph.treaty' },
      },
    },
    {
      comment: '`Alt 1 61.`, `Alt. 2 61.`, `Alt 1 71 g)`: the index, then the target.',
      match: `${BOL}(${ALT_WORD})[ \\t]*+(\\d++)[ \\t]++(${PARANUM})(?:([.)])|[ \\t]?(\\((?:${ROMAN}|[a-z])\\)|(?:${ROMAN}|[a-z])[.)]))${END_OF_LABEL}`,
      name: 'meta.label.alternative.treaty',
      captures: {
        1: { name: 'keyword.other.alternative.treaty' },
        2: { name: 'constant.numeric.alternative.treaty' },
        3: { name: 'constant.numeric.paragraph.treaty' },
        4: { name: 'punctuation.separator.label.treaty' },
        5: { name: 'constant.numeric.subparagraph.treaty' },
      },
    },
  ],
};

repo['option-label'] = {
  match: `${BOL}(${OPTION_WORD})[ \\t]++(\\d{1,2}|[A-Z])(?:([:.)])|(?=[ \\t]*+$))`,
  name: 'meta.label.option.treaty',
  captures: {
    1: { name: 'keyword.other.option.treaty' },
    2: { name: 'constant.numeric.option.treaty' },
    3: { name: 'punctuation.separator.label.treaty' },
  },
};

repo['paragraph-label'] = {
  match: `${BOL}((?:${PARANUM})([.)]))${END_OF_LABEL}`,
  name: 'meta.label.paragraph.treaty',
  captures: {
    1: { name: 'constant.numeric.paragraph.treaty' },
    2: { name: 'punctuation.separator.label.treaty' },
  },
};

repo['subparagraph-label'] = {
  comment: '`I.`, `A.` not shaped like a heading line are sub-paragraphs, as in the server.',
  match: `${BOL}(${SUB_LABEL}|${UPPER}[.)])${END_OF_LABEL}`,
  name: 'meta.label.subparagraph.treaty',
  captures: { 1: { name: 'constant.numeric.subparagraph.treaty' } },
};

repo['bullet'] = {
  match: `${BOL}([·•-])(?=[ \\t])`,
  captures: { 1: { name: 'punctuation.definition.list.begin.treaty' } },
};

for (let k = 1; k <= MAX; k++) {
  // k = depth of the brackets opened inside the heading line
  // The title test reads the rest of the line, so it may only run where a label can stand: at the line
  // start (^) or right after the block-start [ (\\G, anchored, hence tried at one position only).
  const heading = (anchor) => ({
    comment: 'Ends at the end of the line, before a ] that closes an enclosing bracket, or at the next line start if a bracket kept it open.',
    begin: `${anchor}[ \\t]*+(?:(${ARTICLE_WORD})[ \\t]++(${PARANUM})${TAIL}|(${SECTION_WORD})[ \\t]++(${SECTION_NUM})${TAIL}|((?:${PARANUM}|${UPPER})([.)]))[ \\t]++(?=${SAME_LINE_TITLE}))(?:[ \\t]*+([–—:.-]))?[ \\t]*+`,
    beginCaptures: {
      1: { name: 'keyword.other.article.treaty' },
      2: { name: 'constant.numeric.article.treaty' },
      3: { name: 'keyword.other.section.treaty' },
      4: { name: 'constant.numeric.section.treaty' },
      5: { name: 'constant.numeric.heading.treaty' },
      6: { name: 'punctuation.separator.label.treaty' },
      7: { name: 'punctuation.separator.heading.treaty' },
    },
    end: '$|^|(?=\\])',
    name: 'markup.heading.treaty',
    contentName: 'entity.name.section.treaty',
    patterns: [{ include: `#content-${k}` }],
  });
  repo[`heading-${k}`] = heading('^');
  repo[`heading-after-bracket-${k}`] = heading('\\G');

  const labelLine = (anchor) => ({
    comment: 'A label alone on its line (`1.`, `Chapter II`, `Article 5`): the next line, if shaped like a title, is its title.',
    begin: `${anchor}[ \\t]*+(?:(${ARTICLE_WORD})[ \\t]++(${PARANUM})|(${SECTION_WORD})[ \\t]++(${SECTION_NUM})|((?:${PARANUM}|${UPPER})([.)])))[ \\t]*+\\n`,
    beginCaptures: {
      1: { name: 'keyword.other.article.treaty' },
      2: { name: 'constant.numeric.article.treaty' },
      3: { name: 'keyword.other.section.treaty' },
      4: { name: 'constant.numeric.section.treaty' },
      5: { name: 'constant.numeric.heading.treaty' },
      6: { name: 'punctuation.separator.label.treaty' },
    },
    // (?<!\n)$: not the end of the label line, whose \n the begin consumed.
    end: `^(?=[ \\t\\[]*+${LABEL})|^(?![ \\t]*+${TITLE})|(?<!\\n)$|(?=\\])`,
    name: 'markup.heading.treaty',
    contentName: 'entity.name.section.treaty',
    patterns: [{ include: `#content-${k}` }],
  });
  repo[`heading-label-line-${k}`] = labelLine('^');
  // `[1.` / `[Chapter II` / `[Article 5` alone on the line, the title on the next one (as the server reads it).
  repo[`heading-label-line-after-bracket-${k}`] = labelLine('\\G');

  const content = [
    { include: '#placeholder' },
    { include: `#inline-bracket-${k}` },
    { include: '#agreed-marker' },
    { include: '#reference-external' },
    { include: '#reference-internal' },
  ];
  if (k >= 2) content.push({ include: '#slash-option' });
  repo[`content-${k}`] = { patterns: content };
}

for (let d = 1; d <= MAX; d++) {
  const name = depthName(d);
  const n = next(d);
  const block = {
    begin: `^[ \\t]*+(\\[)(?=[ \\t\\[]*+${LABEL})|(?<=\\[)[ \\t]*+(\\[)`,
    beginCaptures: {
      1: { name: 'punctuation.definition.bracket.begin.treaty' },
      2: { name: 'punctuation.definition.bracket.begin.treaty' },
    },
    end: '\\]',
    endCaptures: { 0: { name: 'punctuation.definition.bracket.end.treaty' } },
    patterns: [
      { include: `#heading-label-line-${n}` },
      { include: `#heading-label-line-after-bracket-${n}` },
      { include: `#heading-${n}` },
      { include: `#heading-after-bracket-${n}` },
      { include: '#labels' },
      { include: `#block-bracket-${n}` },
      { include: `#content-${n}` },
    ],
  };
  const inline = {
    begin: '\\[',
    beginCaptures: { 0: { name: 'punctuation.definition.bracket.begin.treaty' } },
    end: `(\\])|(?=^[ \\t\\[]*+${LABEL})`,
    endCaptures: { 1: { name: 'punctuation.definition.bracket.end.treaty' } },
    patterns: [{ include: `#content-${n}` }],
  };
  if (name) {
    block.name = name;
    inline.name = name;
  }
  if (d === 1) {
    block.comment = 'A [ before a block label may close in a later block; any other [ closes at the next block start, as in the server.';
  }
  if (d === MAX) {
    const c = 'No name: depth-5plus is inherited, so scope lists stay short however deep the nesting.';
    block.comment = c;
    inline.comment = c;
  }
  repo[`block-bracket-${d}`] = block;
  repo[`inline-bracket-${d}`] = inline;
}

repo['placeholder'] = {
  match: '(\\[)(?:x++|X++|\\.\\.\\.|…)(\\])',
  name: 'constant.other.placeholder.treaty',
  captures: {
    1: { name: 'punctuation.definition.bracket.begin.treaty' },
    2: { name: 'punctuation.definition.bracket.end.treaty' },
  },
};

repo['slash-option'] = {
  comment: 'Not `55/63`, `http://`, nor at the very start or end of a bracket.',
  match: '(?<=[^\\d/:\\[])/(?=[^\\d/\\]\\n])',
  name: 'keyword.operator.option.treaty',
};

repo['agreed-marker'] = {
  match: '\\((?i:agreed(?:[ \\t]++ad[ \\t]++ref(?:erendum)?)?)\\)',
  name: 'markup.inserted.agreed.treaty',
};

// (?!\\d) rather than (?!NUMREF): NUMREF would read a whole digit run at every position of it.
const refEnd = `(?!\\d)(?!${SEP}${NUMREF})`;
const refPatterns = (name) => [
  { match: NUMREF, name },
  { match: `${SEP}(?=${NUMREF})` },
];
repo['reference-external'] = {
  comment: 'Followed by `of` and another document\'s name: never a paragraph of this draft, never renamed. `Art. 85` counts only here.',
  begin: `(?<![\\w-])((?i:articles?|arts?\\.)|${PARA_WORD})[ \\t]++(?=${LIST}(?:,?[ \\t]++${PARA_WORD}[ \\t]++${LIST})?${OF}(?!${INTERNAL_DOC}))`,
  end: refEnd,
  name: 'meta.reference.external.treaty',
  patterns: refPatterns('constant.numeric.reference.external.treaty'),
};
repo['reference-internal'] = {
  begin: `(?<![\\w-])((?i:articles?)|${PARA_WORD})[ \\t]++(?=${NUMREF})`,
  end: refEnd,
  name: 'meta.reference.internal.treaty',
  patterns: refPatterns('variable.other.reference.treaty'),
};

repo['stray-close'] = {
  match: '\\]',
  name: 'punctuation.definition.bracket.end.unmatched.treaty',
};

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Treaty',
  scopeName: 'text.treaty',
  fileTypes: ['treaty'],
  patterns: [
    { include: '#heading-label-line-1' },
    { include: '#heading-1' },
    { include: '#labels' },
    { include: '#block-bracket-1' },
    { include: '#content-1' },
    { include: '#stray-close' },
  ],
  repository: repo,
};

fs.writeFileSync(out, JSON.stringify(grammar, null, 2) + '\n');
