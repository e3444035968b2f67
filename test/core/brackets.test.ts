import * as assert from 'node:assert/strict';
import { analyseDraft } from '../../server/src/core/analyse';
import type { BracketSpan } from '../../server/src/core/model';

function show(text: string, b: BracketSpan): string {
  const options = b.options.length > 0 ? ` options=${b.options.map((o) => text.slice(o.start, o.end)).join('|')}` : '';
  const flags = [b.placeholder ? 'placeholder' : '', b.empty ? 'empty' : '', b.close < 0 ? 'unclosed' : ''].filter(Boolean).join(',');
  return `${'  '.repeat(b.depth - 1)}${text.slice(b.open, b.end).replace(/\n/g, '⏎')}${options}${flags ? ` (${flags})` : ''}`;
}

/** NOTATION §2 as data: a snippet and the bracket tree it must give, each bracket indented by depth. */
const CASES: Array<[string, string, string[]]> = [
  ['nesting', '1. a [b [c [d] e] f] g.', ['[b [c [d] e] f]', '  [c [d] e]', '    [d]']],
  ['slash options at the bracket’s own level', '1. [management/development] and [shall/should/may] and [a [x/y] / b].', [
    '[management/development] options=management|development',
    '[shall/should/may] options=shall|should|may',
    '[a [x/y] / b] options=a [x/y]|b',
    '  [x/y] options=x|y',
  ]],
  ['not options: digits on a side of the slash, URLs', '1. [resolution 55/63] and [see http://example.org] and [1/b].', ['[resolution 55/63]', '[see http://example.org]', '[1/b]']],
  ['placeholders and empty brackets', '1. [X] [x] [XX] [...] […] [] [  ] [Xy].', ['[X] (placeholder)', '[x] (placeholder)', '[XX] (placeholder)', '[...] (placeholder)', '[…] (placeholder)', '[] (empty)', '[  ] (empty)', '[Xy]']],
  ['an unclosed bracket is closed at the end of its block, and holds what follows in it', '1. a [b [c] d\n2. next [e].', ['[b [c] d (unclosed)', '  [c]', '[e]']],
];

describe('brackets (NOTATION §2)', () => {
  for (const [name, text, expected] of CASES) {
    it(name, () => {
      const draft = analyseDraft(text);
      assert.deepEqual(draft.brackets.spans().map((b) => show(text, b)), expected);
    });
  }

  it('adjacent brackets form one run; a space separates runs; a lone bracket has none', () => {
    const text = '1. [75][85] percent, [a] [b], [below 2 °C][below 1.5 °C][well below 2 °C], [x [c][d]].';
    const draft = analyseDraft(text);
    const runs = draft.brackets.spans().map((b) => (b.run ? b.run.spans.map((s) => text.slice(s.open, s.end)).join('+') : `${text.slice(b.open, b.end)} alone`));
    assert.deepEqual(runs, [
      '[75]+[85]', '[75]+[85]', '[a] alone', '[b] alone',
      '[below 2 °C]+[below 1.5 °C]+[well below 2 °C]', '[below 2 °C]+[below 1.5 °C]+[well below 2 °C]', '[below 2 °C]+[below 1.5 °C]+[well below 2 °C]',
      '[x [c][d]] alone', '[c]+[d]', '[c]+[d]',
    ]);
    const unresolved = draft.problems.filter((p) => p.code === 'unresolved-bracket').map((p) => text.slice(p.span.start, p.span.end));
    assert.deepEqual(unresolved, ['[75][85]', '[a]', '[b]', '[below 2 °C][below 1.5 °C][well below 2 °C]', '[x [c][d]]']);
  });

  it('each bracket knows its parent, its children and its run, past the brackets nested in a sibling', () => {
    const text = '1. [a [b [c] d] [e]][f] and [g [h][i [j]][k]].';
    const draft = analyseDraft(text);
    const quote = (b: BracketSpan) => text.slice(b.open, b.end);
    const tree = draft.brackets.spans().map((b) => {
      const run = b.run ? b.run.spans.map(quote).join('+') : 'alone';
      return `${quote(b)} in ${b.parent ? quote(b.parent) : '-'} holds ${b.children.map(quote).join(' ') || '-'} run ${run}`;
    });
    assert.deepEqual(tree, [
      '[a [b [c] d] [e]] in - holds [b [c] d] [e] run [a [b [c] d] [e]]+[f]',
      '[b [c] d] in [a [b [c] d] [e]] holds [c] run alone',
      '[c] in [b [c] d] holds - run alone',
      '[e] in [a [b [c] d] [e]] holds - run alone',
      '[f] in - holds - run [a [b [c] d] [e]]+[f]',
      '[g [h][i [j]][k]] in - holds [h] [i [j]] [k] run alone',
      '[h] in [g [h][i [j]][k]] holds - run [h]+[i [j]]+[k]',
      '[i [j]] in [g [h][i [j]][k]] holds [j] run [h]+[i [j]]+[k]',
      '[j] in [i [j]] holds - run alone',
      '[k] in [g [h][i [j]][k]] holds - run [h]+[i [j]]+[k]',
    ]);
    const unresolved = draft.problems.filter((p) => p.code === 'unresolved-bracket').map((p) => text.slice(p.span.start, p.span.end));
    assert.deepEqual(unresolved, ['[a [b [c] d] [e]][f]', '[g [h][i [j]][k]]']);
  });

  it('a bracket from the start of a block to the end of a later one wraps the blocks between, which become nested', () => {
    const text = '[Alt 1 61. The Parties shall:\na) act [now];\nb) report.]\n62. Next.';
    const draft = analyseDraft(text);
    assert.deepEqual(draft.brackets.spans().map((b) => show(text, b)), ['[Alt 1 61. The Parties shall:⏎a) act [now];⏎b) report.]', '  [now]']);
    assert.deepEqual(draft.problems.map((p) => p.code), ['unresolved-bracket']);
  });

  it('closing punctuation may follow the ] that ends a bracketed paragraph', () => {
    const text = '[61. The Parties shall:\na) act].\n62. Next.';
    assert.equal(analyseDraft(text).brackets.at(0).close, text.indexOf(']'));
  });

  it('a typo stays local: the blocks after an unclosed [ are read normally', () => {
    const text = '1. a [b\n2. c [d] e.\n3. f] g.';
    const draft = analyseDraft(text);
    assert.deepEqual(draft.problems.map((p) => p.code).sort(), ['unclosed-bracket', 'unmatched-bracket', 'unresolved-bracket']);
    assert.deepEqual(draft.brackets.spans().map((b) => show(text, b)), ['[b (unclosed)', '[d]']);
  });
});
