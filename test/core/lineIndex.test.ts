import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../../server/src/core/lineIndex';

/** Where each line starts, as the server's documents see it: the index must agree on every line ending. */
function documentLineStarts(text: string): number[] {
  const doc = TextDocument.create('file:///d.treaty', 'treaty', 1, text);
  return Array.from({ length: doc.lineCount }, (_, line) => doc.offsetAt({ line, character: 0 }));
}

function indexLineStarts(lines: LineIndex): number[] {
  return Array.from({ length: lines.lineCount }, (_, line) => lines.lineStart(line));
}

/** The first line whose start differs, rather than a diff of thousands of numbers (slow to print, slower to shrink). */
function assertSameStarts(actual: number[], expected: number[]): void {
  let line = 0;
  while (line < actual.length && line < expected.length && actual[line] === expected[line]) line++;
  if (line < actual.length || line < expected.length) {
    assert.fail(`line ${line} starts at ${actual[line]}, the document has ${expected[line]} (${actual.length} lines against ${expected.length})`);
  }
}

/** Texts of line endings and words, long enough that some are read by search (over 4,096 characters) and some directly. */
const endings = fc
  .array(fc.oneof({ arbitrary: fc.constantFrom('\n', '\r\n', '\r', '\r\r', '\n\r', 'x'), weight: 1 }, { arbitrary: fc.constant('a line of a draft, some forty characters long. '), weight: 1 }), { maxLength: 400, size: 'max' })
  .map((parts) => parts.join(''));

describe('line index', () => {
  for (const [name, text] of [
    ['empty', ''],
    ['LF', 'a\nb\n'],
    ['CRLF', 'a\r\nb\r\n'],
    ['lone CR', 'a\rb\r'],
    ['CR then LF at a stretch end', `${'x'.repeat(5000)}\r\n${'y'.repeat(5000)}\r`],
    ['no line break at all, long', 'z'.repeat(9000)],
  ]) {
    it(`${name}: line starts as the document has them`, () => {
      assertSameStarts(indexLineStarts(new LineIndex(text)), documentLineStarts(text));
    });
  }

  it('agrees with the document on generated texts with every line ending', () => {
    fc.assert(
      fc.property(endings, (text) => {
        assertSameStarts(indexLineStarts(new LineIndex(text)), documentLineStarts(text));
      }),
      { numRuns: 200 },
    );
  });

  it('after an edit, equals an index of the new text', () => {
    fc.assert(
      fc.property(endings, fc.nat(), fc.nat(20), fc.constantFrom('', '\n', '\r', '\r\n', 'abc', '\n\n\n'), (text, at, removed, inserted) => {
        const start = text.length === 0 ? 0 : at % (text.length + 1);
        const end = Math.min(text.length, start + removed);
        const edited = text.slice(0, start) + inserted + text.slice(end);
        assertSameStarts(indexLineStarts(new LineIndex(text).afterEdit(edited, start, end, inserted.length)), documentLineStarts(edited));
      }),
      { numRuns: 200 },
    );
  });
});
