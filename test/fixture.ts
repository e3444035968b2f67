/**
 * Fixtures in the texlab / rust-analyzer style: a draft snippet with marker lines under the text they mark.
 *
 *     61. The Parties [shall/should] act.
 *                     ^^^^^^^^^^^^^^ unresolved-bracket
 *                      |              cursor (a tag after it is optional)
 *
 * A marker line holds only spaces and `^` (a range on the text line above, tagged with what follows) or one `|`
 * (a cursor). A range over several lines starts with a tag ending in ` >` and ends with a tag starting `< `:
 *
 *     [42. Whole paragraph
 *     ^ unresolved-bracket >
 *     a) item.]
 *             ^ < unresolved-bracket
 *
 * Marker lines are removed from the text; offsets refer to the text without them.
 */
export interface FixtureRange {
  readonly start: number;
  readonly end: number;
  readonly tag: string;
}

export interface Fixture {
  readonly text: string;
  readonly ranges: FixtureRange[];
  readonly cursors: Array<{ offset: number; tag: string }>;
}

const MARKER_LINE = /^(\s*)(\^+|\|)(?:\s+(.*))?$/;

export function parseFixture(source: string): Fixture {
  const lines = dedent(source).split('\n');
  const textLines: string[] = [];
  const lineStarts: number[] = [];
  const ranges: FixtureRange[] = [];
  const cursors: Array<{ offset: number; tag: string }> = [];
  const open: Array<{ start: number; tag: string }> = [];
  let offset = 0;
  for (const line of lines) {
    const marker = MARKER_LINE.exec(line);
    if (marker && textLines.length > 0) {
      const base = lineStarts[lineStarts.length - 1];
      const column = marker[1].length;
      const tag = (marker[3] ?? '').trim();
      if (marker[2] === '|') {
        cursors.push({ offset: base + column, tag });
      } else if (tag.endsWith(' >')) {
        open.push({ start: base + column, tag: tag.slice(0, -2).trim() });
      } else if (tag.startsWith('< ')) {
        const name = tag.slice(2).trim();
        const i = open.findIndex((o) => o.tag === name);
        if (i < 0) throw new Error(`fixture: '< ${name}' closes nothing`);
        ranges.push({ start: open[i].start, end: base + column + marker[2].length, tag: name });
        open.splice(i, 1);
      } else {
        ranges.push({ start: base + column, end: base + column + marker[2].length, tag });
      }
      continue;
    }
    lineStarts.push(offset);
    textLines.push(line);
    offset += line.length + 1;
  }
  if (open.length > 0) throw new Error(`fixture: unclosed multi-line range ${open[0].tag}`);
  return { text: textLines.join('\n'), ranges, cursors };
}

/** Removes the indentation common to all non-blank lines and the blank first and last lines of a template literal. */
export function dedent(source: string): string {
  const lines = source.replace(/^\n/, '').replace(/\n\s*$/, '').split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^\s*/.exec(l)![0].length);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(common)).join('\n');
}

/** Shows a span as `line:col-line:col "text"` so that failures read like the draft. */
export function showSpan(text: string, start: number, end: number): string {
  const pos = (o: number) => {
    const before = text.slice(0, o).split('\n');
    return `${before.length}:${before[before.length - 1].length + 1}`;
  };
  const snippet = text.slice(start, end).replace(/\n/g, '⏎');
  return `${pos(start)}-${pos(end)} "${snippet.length > 40 ? `${snippet.slice(0, 37)}…` : snippet}"`;
}
