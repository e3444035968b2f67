import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { repoRoot } from '../support/repoRoot';

const GRAMMAR_FILE = path.join('syntaxes', 'treaty.tmLanguage.json');

/** Walks up to the repo root, so the test runs from out/ or from a scratch output directory. */
const root = repoRoot();
const grammarPath = path.join(root, GRAMMAR_FILE);

let grammar: vsctm.IGrammar;

before(async () => {
  await oniguruma.loadWASM(fs.readFileSync(path.join(root, 'node_modules/vscode-oniguruma/release/onig.wasm')));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === 'text.treaty' ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath) : null,
  });
  const loaded = await registry.loadGrammar('text.treaty');
  assert.ok(loaded, 'grammar text.treaty did not load');
  grammar = loaded;
});

interface Token {
  start: number;
  end: number;
  scopes: string[];
}

/** Tokens of a whole text, with offsets into the text (lines joined by `\n`). */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let state = vsctm.INITIAL;
  let offset = 0;
  for (const line of text.split('\n')) {
    const result = grammar.tokenizeLine(line, state);
    assert.ok(!result.stoppedEarly, 'tokenizing stopped early');
    for (const t of result.tokens) {
      tokens.push({ start: offset + t.startIndex, end: offset + Math.min(t.endIndex, line.length), scopes: t.scopes });
    }
    state = result.ruleStack;
    offset += line.length + 1;
  }
  return tokens;
}

/** `meta.bracket` matches `meta.bracket.depth-1.treaty`, not `meta.brackets`. */
function hasScope(scopes: readonly string[], wanted: string): boolean {
  return scopes.some((s) => s === wanted || s.startsWith(wanted + '.'));
}

interface Case {
  /** Draft text; `\n` separates lines. */
  text: string;
  /** The substring looked at (its first occurrence, or the `nth`, counting from 1). */
  at: string;
  nth?: number;
  /** Every token overlapping `at` carries this scope. */
  has?: string;
  /** No token overlapping `at` carries this scope. */
  lacks?: string;
}

const PARA = 'constant.numeric.paragraph.treaty';
const SUB = 'constant.numeric.subparagraph.treaty';
const HEADING = 'markup.heading.treaty';
const TITLE = 'entity.name.section.treaty';
const REF = 'variable.other.reference.treaty';
const EXTERNAL = 'meta.reference.external.treaty';
const SLASH = 'keyword.operator.option.treaty';
const PLACEHOLDER = 'constant.other.placeholder.treaty';
const AGREED = 'markup.inserted.agreed.treaty';
const OPEN = 'punctuation.definition.bracket.begin.treaty';
const CLOSE = 'punctuation.definition.bracket.end.treaty';
const STRAY_CLOSE = 'punctuation.definition.bracket.end.unmatched.treaty';
const depth = (d: number | '5plus') => `meta.bracket.depth-${d}.treaty`;

const cases: Case[] = [
  // paragraph numbers
  { text: '39. The Parties shall cooperate.', at: '39', has: PARA },
  { text: '39. The Parties shall cooperate.', at: '39.', has: PARA },
  { text: '61 bis. The Parties shall cooperate.', at: '61 bis', has: PARA },
  { text: '61bis. The Parties shall cooperate.', at: '61bis', has: PARA },
  { text: '12 ter. The Parties shall cooperate.', at: '12 ter', has: PARA },
  { text: '  39. Indented paragraph text.', at: '39', has: PARA },
  { text: '[61. The Parties shall cooperate.]', at: '61', has: PARA },
  { text: '[61. The Parties shall cooperate.]', at: '61', has: depth(1) },
  { text: '[[61. The Parties shall cooperate.]]', at: '61', has: depth(2) },
  { text: '[61. The Parties shall cooperate;\n62. The Parties shall report.]', at: '62', has: PARA },
  { text: '[61. The Parties shall cooperate;\n62. The Parties shall report.]', at: 'report', has: depth(1) },
  { text: '3a. The Parties shall cooperate.', at: '3a', has: PARA },
  { text: 'The Parties recall 61. and more.', at: '61', lacks: PARA },
  { text: 'The Parties [recall 61. and] more.', at: '61', lacks: PARA },
  { text: 'In 2012 the Parties met.', at: '2012', lacks: 'constant.numeric' },
  { text: '2012 was the year the Parties met.', at: '2012', lacks: PARA },
  { text: '3.5 degrees is the limit.', at: '3.5', lacks: PARA },
  { text: '61 bishops attended.', at: '61', lacks: PARA },

  // sub-paragraphs
  { text: 'a) promote cooperation;', at: 'a)', has: SUB },
  { text: '(a) promote cooperation;', at: '(a)', has: SUB },
  { text: 'b. promote cooperation;', at: 'b.', has: SUB },
  { text: '(iv) promote cooperation;', at: '(iv)', has: SUB },
  { text: 'viii) promote cooperation;', at: 'viii)', has: SUB },
  { text: 'g1) promote cooperation;', at: 'g1)', has: SUB },
  { text: '(aa) promote cooperation;', at: '(aa)', has: SUB },
  { text: '[b) promote cooperation;]', at: 'b)', has: SUB },
  { text: 'A. The Parties shall meet.', at: 'A.', has: SUB },
  { text: 'i.e. the Parties shall meet.', at: 'i.e.', lacks: SUB },
  { text: 'as in (a) above;', at: '(a)', lacks: SUB },
  { text: 'civil) society', at: 'civil)', lacks: SUB },

  // section headings
  { text: 'Chapter II', at: 'Chapter', has: 'keyword.other.section.treaty' },
  { text: 'Chapter II', at: 'II', has: 'constant.numeric.section.treaty' },
  { text: 'Chapter II', at: 'II', has: HEADING },
  { text: 'Part 3', at: '3', has: HEADING },
  { text: 'Section A', at: 'Section', has: HEADING },
  { text: 'Section A – General provisions', at: 'General provisions', has: TITLE },
  { text: 'Section A – General provisions', at: '–', has: 'punctuation.separator.heading.treaty' },
  { text: '3a) Infrastructure and management', at: 'Infrastructure', has: HEADING },
  { text: '3a) Infrastructure and management', at: 'Infrastructure and management', has: TITLE },
  { text: '3a) Infrastructure and management', at: '3a', has: 'constant.numeric.heading.treaty' },
  { text: '3a) Infrastructure and management', at: '3a', lacks: PARA },
  { text: '1. Introduction', at: 'Introduction', has: HEADING },
  { text: 'I. Introduction', at: 'Introduction', has: HEADING },
  { text: '3a) Infrastructure [and management]', at: 'management', has: HEADING },
  { text: '3a) Infrastructure [and management]', at: 'management', has: depth(1) },
  { text: '3a) Infrastructure [and management]', at: ']', has: CLOSE },
  { text: '1.\nIntroduction\n\n2. The Parties shall act.', at: '1.', has: 'constant.numeric.heading.treaty' },
  { text: '1.\nIntroduction\n\n2. The Parties shall act.', at: 'Introduction', has: TITLE },
  { text: '1.\nIntroduction\n2. The Parties shall act.', at: '2', has: PARA },
  { text: '1.\nIntroduction\nA second short line', at: 'second', lacks: HEADING },
  { text: '3b)\nData governance and the free flow of data with trust', at: 'governance', has: TITLE },
  { text: 'Chapter II\nFinal provisions', at: 'Final provisions', has: TITLE },
  { text: 'Article 3\nGeneral principles', at: 'General principles', has: TITLE },
  { text: 'Article 3\n1. The Parties shall act.', at: '1', has: PARA },
  { text: '39. The Parties shall cooperate.', at: 'The Parties', lacks: HEADING },
  // a wrapped paragraph's first line: the grammar sees one line, so same-line titles are held to 8 words
  { text: '2. We recall the commitments made at both phases of the\nWorld Summit.', at: 'We recall', lacks: HEADING },
  { text: '2. We recall the commitments made at both phases of the\nWorld Summit.', at: '2', has: PARA },
  { text: '2. In pursuing the objective set out in', at: 'In pursuing', lacks: HEADING },
  { text: '2. Capacity-building and the transfer of marine technology under this Article', at: 'Capacity', lacks: HEADING },
  { text: '39. The Parties shall cooperate;', at: 'The Parties', lacks: HEADING },
  { text: '12. Reaffirm the commitments (Agreed)', at: 'Reaffirm', lacks: HEADING },
  { text: '61. The Parties agree to [act.]', at: 'The Parties', lacks: HEADING },
  { text: '[[61. The Parties shall cooperate.]]', at: 'The Parties', lacks: HEADING },
  { text: '[61. Short title]', at: 'Short title', has: HEADING },
  { text: '4. one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen', at: 'one', lacks: HEADING },
  { text: 'Part of the text is agreed.', at: 'Part', lacks: HEADING },
  { text: 'a) Short item', at: 'Short', lacks: HEADING },

  // articles
  { text: 'Article 5', at: 'Article', has: 'keyword.other.article.treaty' },
  { text: 'Article 5', at: '5', has: 'constant.numeric.article.treaty' },
  { text: 'Article 5 bis', at: '5 bis', has: 'constant.numeric.article.treaty' },
  { text: 'Article 5 – Definitions', at: 'Definitions', has: TITLE },
  { text: 'Article 5 – Definitions', at: 'Article', has: HEADING },
  { text: 'Article 5: Definitions', at: 'Definitions', has: TITLE },
  { text: '[Article 7 – [Scope]]', at: 'Scope', has: depth(2) },
  { text: '[Article 7 – [Scope]]', at: 'Scope', has: HEADING },
  { text: '[Article 7 – [Scope]]', at: ']]', has: depth(1) },
  { text: 'Article 5 shall apply.', at: 'Article', lacks: HEADING },
  { text: 'Article 5 shall apply.', at: '5', has: REF },

  // alternatives
  { text: 'Alt 1 61. The Parties shall act.', at: 'Alt', has: 'keyword.other.alternative.treaty' },
  { text: 'Alt 1 61. The Parties shall act.', at: '1', has: 'constant.numeric.alternative.treaty' },
  { text: 'Alt 1 61. The Parties shall act.', at: '61', has: PARA },
  { text: 'Alt. 2 61. The Parties shall act.', at: 'Alt.', has: 'keyword.other.alternative.treaty' },
  { text: 'Alt. 2 61. The Parties shall act.', at: '2', has: 'constant.numeric.alternative.treaty' },
  { text: 'Alt 71g1) promote cooperation;', at: '71', has: PARA },
  { text: 'Alt 71g1) promote cooperation;', at: 'g1)', has: SUB },
  { text: 'Alt 71 g2) promote cooperation;', at: 'g2)', has: SUB },
  { text: 'Alt 1 71 g) promote cooperation;', at: 'g)', has: SUB },
  { text: '[Alt 1 61. The Parties shall act.]', at: 'Alt', has: 'keyword.other.alternative.treaty' },
  { text: '[Alt 1 61. The Parties shall act.]', at: 'Alt', has: depth(1) },
  { text: 'See Alt 1 61. for the text.', at: 'Alt', lacks: 'keyword.other.alternative.treaty' },

  // options
  { text: 'Option 1: the Parties shall act.', at: 'Option', has: 'keyword.other.option.treaty' },
  { text: 'Option 1: the Parties shall act.', at: '1', has: 'constant.numeric.option.treaty' },
  { text: 'Option 2. the Parties shall act.', at: 'Option', has: 'keyword.other.option.treaty' },
  { text: 'Parties prefer Option 1: to act.', at: 'Option', lacks: 'keyword.other.option.treaty' },

  // brackets
  { text: 'The [Parties] shall act.', at: 'Parties', has: depth(1) },
  { text: 'The [Parties] shall act.', at: '[', has: OPEN },
  { text: 'The [Parties] shall act.', at: ']', has: CLOSE },
  { text: 'The [Parties] shall act.', at: 'shall', lacks: 'meta.bracket' },
  { text: 'The [Parties] shall act.', at: '[', lacks: 'invalid' },
  { text: '39. The Parties [shall] act.', at: 'shall', has: depth(1) },
  { text: '[a [b [c [d [e [f]]]]]]', at: 'a', has: depth(1) },
  { text: '[a [b [c [d [e [f]]]]]]', at: 'b', has: depth(2) },
  { text: '[a [b [c [d [e [f]]]]]]', at: 'c', has: depth(3) },
  { text: '[a [b [c [d [e [f]]]]]]', at: 'd', has: depth(4) },
  { text: '[a [b [c [d [e [f]]]]]]', at: 'd', lacks: depth('5plus') },
  { text: '[a [b [c [d [e [f]]]]]]', at: 'e', has: depth('5plus') },
  { text: '[a [b [c [d [e [f]]]]]]', at: 'f', has: depth('5plus') },
  { text: '[a [b [c [d [e [f]]]]]]', at: 'f', has: depth(4) },
  { text: '[a [b [c [d [e [f]]]]]]', at: ']]]]]]', has: CLOSE },
  { text: '[a [b [c [d [e [f]]]]]] g', at: 'g', lacks: 'meta.bracket' },
  { text: 'The Parties [shall\nconsider] further steps.', at: 'consider', has: depth(1) },
  { text: 'The Parties [shall\nconsider] further steps.', at: 'further', lacks: 'meta.bracket' },
  { text: 'The Parties [shall [will\nconsider]] further steps.', at: 'consider', has: depth(2) },
  { text: '39. The Parties [shall\n40. Next paragraph.', at: '40', has: PARA },
  { text: '39. The Parties [shall\n40. Next paragraph.', at: 'Next', lacks: 'meta.bracket' },
  { text: '39. The Parties [shall\na) act]', at: 'a)', has: SUB },
  { text: '[75][85] percent', at: '85', has: depth(1) },
  { text: '[75][85] percent', at: '85', lacks: depth(2) },
  { text: 'Parties [shall][agree to] act', at: 'agree to', has: depth(1) },
  { text: 'The text] continues', at: ']', has: 'punctuation.definition.bracket.end' },

  // slash options
  { text: 'The Parties [shall/should] act.', at: '/', has: SLASH },
  { text: 'The Parties [shall/should/may] act.', at: '/', nth: 2, has: SLASH },
  { text: '[management/development]', at: '/', has: SLASH },
  { text: '[a [shall/should] b]', at: '/', has: SLASH },
  { text: 'resolution [55/63]', at: '/', lacks: SLASH },
  { text: 'resolution 57/239', at: '/', lacks: SLASH },
  { text: 'and/or outside brackets', at: '/', lacks: SLASH },
  { text: '[see http://example.org]', at: '//', lacks: SLASH },
  { text: '[/shall]', at: '/', lacks: SLASH },

  // placeholders
  { text: 'within [X] days', at: '[X]', has: PLACEHOLDER },
  { text: 'within [x] days', at: '[x]', has: PLACEHOLDER },
  { text: 'within [XX] days', at: '[XX]', has: PLACEHOLDER },
  { text: 'as in [...]', at: '[...]', has: PLACEHOLDER },
  { text: 'as in […]', at: '[…]', has: PLACEHOLDER },
  { text: 'within [X] days', at: '[', has: OPEN },
  { text: 'within [Xylophone] days', at: 'Xylophone', lacks: PLACEHOLDER },

  // agreed markers
  { text: '39. The Parties shall act. (Agreed)', at: '(Agreed)', has: AGREED },
  { text: '39. The Parties shall act. (agreed ad ref)', at: '(agreed ad ref)', has: AGREED },
  { text: '39. The Parties shall act. (agreed ad referendum)', at: '(agreed ad referendum)', has: AGREED },
  { text: '39. The Parties shall act. (AGREED)', at: '(AGREED)', has: AGREED },
  { text: '39. The Parties shall act. (Agreed Ad Ref)', at: '(Agreed Ad Ref)', has: AGREED },
  { text: '39. As agreed, the Parties shall act.', at: 'agreed', lacks: AGREED },

  // internal references
  { text: 'as set out in para 43.', at: '43', has: REF },
  { text: 'as set out in para. 43.', at: '43', has: REF },
  { text: 'as set out in paragraph 43.', at: '43', has: REF },
  { text: 'Paragraph 43 applies.', at: '43', has: REF },
  { text: 'as set out in paras 43 and 45.', at: '43', has: REF },
  { text: 'as set out in paras 43 and 45.', at: '45', has: REF },
  { text: 'as set out in paras 43 and 45.', at: 'and', lacks: REF },
  { text: 'as set out in paragraphs 43 to 47.', at: '47', has: REF },
  { text: 'as set out in paragraphs 43-47.', at: '43', has: REF },
  { text: 'as set out in paragraphs 43-47.', at: '47', has: REF },
  { text: 'as set out in paragraphs 43, 44 and 46.', at: '44', has: REF },
  { text: 'as set out in paragraphs 43, 44 and 46.', at: '46', has: REF },
  { text: 'as set out in paragraph 71 (b).', at: '(b)', has: REF },
  { text: 'as set out in sub-paragraph 71 b).', at: 'b)', has: REF },
  { text: 'as set out in paragraph 61 bis.', at: '61 bis', has: REF },
  { text: 'as set out in Article 5.', at: '5', has: REF },
  { text: 'as set out in Article 5, paragraph 2.', at: '5', has: REF },
  { text: 'as set out in Article 5, paragraph 2.', at: '2', has: REF },
  { text: 'as set out in paragraph 2 of Article 5.', at: '2', has: REF },
  { text: 'as set out in paragraph 2 of Article 5.', at: '5', has: REF },
  { text: 'as set out in paragraph 2 of this Article.', at: '2', has: REF },
  { text: 'as set out in paragraph 2 above.', at: '2', has: REF },
  { text: '39. The Parties [, as in para 43,] shall act.', at: '43', has: REF },
  { text: '39. The Parties [, as in para 43,] shall act.', at: '43', has: depth(1) },
  { text: 'as set out in paragraph 49 of the Geneva Declaration of Principles.', at: '49', has: EXTERNAL },
  { text: 'as set out in paragraph 49 of the Geneva Declaration of Principles.', at: '49', lacks: REF },
  { text: 'as set out in paragraph 3 of resolution 57/239.', at: '3', lacks: REF },
  { text: 'as set out in paragraph 3 of resolution 57/239.', at: '57/239', lacks: REF },
  { text: 'as set out in paragraph 3 of resolution 57/239.', at: '57/239', lacks: 'constant.numeric' },
  { text: 'as set out in Art. 85.', at: '85', lacks: 'meta.reference' },
  { text: 'Art. 85 of the 2005 World Summit Outcome', at: '85', lacks: REF },
  { text: 'Art. 85 of the 2005 World Summit Outcome', at: '2005', lacks: 'meta.reference' },
  { text: 'In 2012 the Parties met.', at: '2012', lacks: 'meta.reference' },
  { text: 'a paragraph 1.5 long', at: '1.5', lacks: REF },
  { text: 'the 5th paragraph', at: '5th', lacks: REF },
];

describe('grammar: scopes', () => {
  for (const c of cases) {
    const where = c.nth ? `${c.at} (#${c.nth})` : c.at;
    const claims = [c.has ? `has ${c.has}` : '', c.lacks ? `lacks ${c.lacks}` : ''].filter(Boolean).join(', ');
    it(`${JSON.stringify(c.text)} @ ${JSON.stringify(where)}: ${claims}`, () => {
      let start = -1;
      for (let i = 0; i < (c.nth ?? 1); i++) start = c.text.indexOf(c.at, start + 1);
      assert.ok(start >= 0, `"${c.at}" not found in the text`);
      const end = start + c.at.length;
      const overlapping = tokenize(c.text).filter((t) => t.start < end && t.end > start);
      assert.ok(overlapping.length > 0, 'no token at that place');
      for (const t of overlapping) {
        const shown = `${JSON.stringify(c.text.slice(t.start, t.end))}: ${t.scopes.join(' ')}`;
        if (c.has) assert.ok(hasScope(t.scopes, c.has), `missing ${c.has} on ${shown}`);
        if (c.lacks) assert.ok(!hasScope(t.scopes, c.lacks), `unexpected ${c.lacks} on ${shown}`);
      }
    });
  }
});

/** `unit` repeated and cut to exactly `length` characters. */
function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

function tokenizeLine(line: string, state: vsctm.StateStack = vsctm.INITIAL): vsctm.ITokenizeLineResult {
  const result = grammar.tokenizeLine(line, state);
  assert.ok(!result.stoppedEarly, 'tokenizing stopped early');
  const last = result.tokens[result.tokens.length - 1];
  assert.ok(last.endIndex >= line.length, `tokens end at ${last.endIndex} of ${line.length}`);
  return result;
}

/** After the lines above, a plain paragraph is back at the top level: every bracket was closed. */
function assertBackAtTop(state: vsctm.StateStack): void {
  const { tokens } = tokenizeLine('39. The Parties shall act.', state);
  assert.ok(hasScope(tokens[0].scopes, PARA), tokens[0].scopes.join(' '));
  assert.ok(!tokens.some((t) => hasScope(t.scopes, 'meta.bracket')), 'still inside a bracket');
}

// Catastrophic backtracking shows up as a mocha timeout here: these run in well under a second each.
describe('grammar: adversarial input', function () {
  this.timeout(10000);

  it('a 100,000-character line of `[[[[/` tokenizes completely', () => {
    const line = repeatTo('[[[[/', 100_000);
    const { tokens } = tokenizeLine(line);
    assert.strictEqual(tokens.filter((t) => hasScope(t.scopes, OPEN)).length, 80_000);
    // Each `/` opens its bracket's text, so (as in the server) none separates options.
    assert.ok(!tokens.some((t) => hasScope(t.scopes, SLASH)));
    assert.ok(hasScope(tokens[tokens.length - 1].scopes, depth('5plus')));
  });

  it('a 100,000-character line of `]` tokenizes completely', () => {
    const { tokens } = tokenizeLine(']'.repeat(100_000));
    assert.strictEqual(tokens.filter((t) => hasScope(t.scopes, STRAY_CLOSE)).length, 100_000);
  });

  it('a 100,000-character line of `para 1 and ` tokenizes completely', () => {
    const line = repeatTo('para 1 and ', 100_000);
    const { tokens } = tokenizeLine(line);
    const refs = tokens.filter((t) => hasScope(t.scopes, REF));
    assert.strictEqual(refs.length, line.split('para 1').length - 1);
  });

  // Two lines that once made a single regex search quadratic.
  it('a 100,000-character line of `[61. ` tokenizes completely', () => {
    tokenizeLine(repeatTo('[61. ', 100_000));
  });

  it('`para` before 100,000 digits tokenizes completely', () => {
    const { tokens } = tokenizeLine('para 1, ' + '2'.repeat(100_000) + '/');
    assert.ok(hasScope(tokens.find((t) => t.startIndex === 5)?.scopes ?? [], REF));
  });

  it('brackets nested 5,000 deep on one line', () => {
    const { tokens, ruleStack } = tokenizeLine('['.repeat(5000) + 'x' + ']'.repeat(5000));
    const x = tokens.find((t) => t.startIndex === 5000);
    assert.ok(x && hasScope(x.scopes, depth('5plus')));
    // Deeper levels add no scope, so each token's scope list stays short.
    assert.ok(tokens.every((t) => t.scopes.length <= 8), 'scope lists grow with depth');
    assert.ok(hasScope(tokens[tokens.length - 2].scopes, depth(1)));
    assertBackAtTop(ruleStack);
  });

  it('brackets nested 5,000 deep over 10,001 lines', () => {
    let state = vsctm.INITIAL;
    for (let i = 0; i < 5000; i++) state = tokenizeLine('[', state).ruleStack;
    const { tokens } = tokenizeLine('x', state);
    assert.ok(hasScope(tokens[0].scopes, depth('5plus')));
    for (let i = 0; i < 5000; i++) state = tokenizeLine(']', state).ruleStack;
    assertBackAtTop(state);
  });

  it('a paragraph label inside 5,000 block-start brackets', () => {
    const line = '['.repeat(5000) + '61. The Parties shall act.' + ']'.repeat(5000);
    const { tokens, ruleStack } = tokenizeLine(line);
    const label = tokens.find((t) => t.startIndex === 5000);
    assert.ok(label && hasScope(label.scopes, PARA));
    assertBackAtTop(ruleStack);
  });
});

describe('grammar: file', () => {
  interface RawRule {
    [key: string]: unknown;
  }
  const raw = JSON.parse(fs.readFileSync(grammarPath, 'utf8')) as RawRule;

  /** Every regex in the grammar with where it stands. */
  function regexes(): Array<{ where: string; source: string }> {
    const found: Array<{ where: string; source: string }> = [];
    const walk = (node: unknown, where: string): void => {
      if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${where}[${i}]`));
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (['match', 'begin', 'end', 'while'].includes(key) && typeof value === 'string') found.push({ where: `${where}.${key}`, source: value });
          else walk(value, `${where}.${key}`);
        }
      }
    };
    walk(raw, '$');
    return found;
  }

  it('is named Treaty with scope text.treaty', () => {
    assert.strictEqual(raw.name, 'Treaty');
    assert.strictEqual(raw.scopeName, 'text.treaty');
  });

  it('every regex compiles in Oniguruma', () => {
    for (const { where, source } of regexes()) {
      assert.doesNotThrow(() => new oniguruma.OnigScanner([source]), `${where}: ${source}`);
    }
  });

  it('no regex uses {n,m}+, which Oniguruma reads as a nested quantifier', () => {
    for (const { where, source } of regexes()) {
      assert.ok(!/\{\d*,?\d*\}\+/.test(source), `${where}: ${source}`);
    }
  });

  it('every #include names a repository rule', () => {
    const repository = raw.repository as Record<string, unknown>;
    const text = JSON.stringify(raw);
    for (const m of text.matchAll(/"include":"#([^"]+)"/g)) {
      assert.ok(m[1] in repository, `#${m[1]} is not in the repository`);
    }
  });
});

describe('language-configuration.json', () => {
  interface LanguageConfiguration {
    brackets: string[][];
    colorizedBracketPairs: string[][];
    autoClosingPairs: Array<{ open: string; close: string }>;
    surroundingPairs: string[][];
    wordPattern: { pattern: string; flags?: string };
  }
  const file = path.join(root, 'language-configuration.json');
  const config = JSON.parse(fs.readFileSync(file, 'utf8')) as LanguageConfiguration;

  it('has the required keys', () => {
    for (const key of ['brackets', 'colorizedBracketPairs', 'autoClosingPairs', 'surroundingPairs', 'wordPattern']) {
      assert.ok(key in config, `missing ${key}`);
    }
  });

  it('pairs [] and () everywhere, and colours brackets by depth', () => {
    assert.deepStrictEqual(config.brackets, [['[', ']'], ['(', ')']]);
    assert.deepStrictEqual(config.colorizedBracketPairs, [['[', ']'], ['(', ')']]);
    for (const [open, close] of [['[', ']'], ['(', ')'], ['“', '”']]) {
      assert.ok(config.autoClosingPairs.some((p) => p.open === open && p.close === close), `autoClosingPairs ${open}${close}`);
      assert.ok(config.surroundingPairs.some((p) => p[0] === open && p[1] === close), `surroundingPairs ${open}${close}`);
    }
  });

  it('wordPattern keeps `61bis` one word and `61 bis` two', () => {
    const re = new RegExp(config.wordPattern.pattern, 'g' + (config.wordPattern.flags ?? ''));
    assert.deepStrictEqual('61bis and 61 bis'.match(re), ['61bis', 'and', '61', 'bis']);
    assert.deepStrictEqual('sub-paragraph [shall/should] 43-47 1.5'.match(re), ['sub-paragraph', 'shall', 'should', '43', '47', '1.5']);
    assert.ok(!new RegExp(`^(?:${config.wordPattern.pattern})$`, config.wordPattern.flags).test(''), 'matches the empty string');
  });
});

describe('grammar: source', () => {
  it('the committed grammar is what scripts/build-grammar.mjs generates', () => {
    const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
    const os = require('node:os') as typeof import('node:os');
    const root = path.resolve(__dirname, '../../..');
    const generated = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'grammar-')), 'treaty.tmLanguage.json');
    execFileSync(process.execPath, [path.join(root, 'scripts', 'build-grammar.mjs'), generated]);
    assert.equal(fs.readFileSync(generated, 'utf8'), fs.readFileSync(path.join(root, 'syntaxes', 'treaty.tmLanguage.json'), 'utf8'));
  });
});
