import type { Position, Range } from 'vscode-languageserver-types';
import type { TextSpan } from './model';

/**
 * Offsets are what the analysis works in; LSP speaks in line/character (UTF-16, as JS strings are).
 * Line breaks are \n, \r\n and a lone \r, as in vscode-languageserver-textdocument.
 */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string, starts?: number[]) {
    this.starts = starts ?? lineBreaksIn(text, 0, text.length, [0]);
  }

  /**
   * The index of `text`, which is this index's text with [start, end) replaced by `inserted`: lines before the edit are
   * kept, lines after it are moved, and only the edited lines are read again.
   */
  afterEdit(text: string, start: number, end: number, inserted: number): LineIndex {
    // From the line before the edit's: a `\r` ending it may pair with a `\n` the edit brings or removes.
    const firstLine = Math.max(0, this.lineAt(start) - 1);
    const delta = inserted - (end - start);
    // The first line whose break (one or two characters) lies wholly after the edit: from it on, lines only move.
    let k = this.lineAt(end) + 1;
    while (k < this.starts.length && this.starts[k] - 2 < end) k++;
    const starts = this.starts.slice(0, firstLine + 1);
    const to = k < this.starts.length ? this.starts[k] + delta : text.length;
    lineBreaksIn(text, this.starts[firstLine], to, starts);
    for (let i = k + 1; i < this.starts.length; i++) starts.push(this.starts[i] + delta);
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** End of the line's content, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(clamped);
    return { line, character: clamped - this.starts[line] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  rangeOf(span: TextSpan): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}

/**
 * The offsets just after each line break in [from, to), pushed onto `starts`. Over a long stretch, `indexOf` finds each
 * `\n` and `\r`: a native search, ten times faster than reading every character. A short stretch (the lines an edit
 * touched) is read directly, since a search for a `\r` that is not there runs to the end of the draft.
 */
function lineBreaksIn(text: string, from: number, to: number, starts: number[] = []): number[] {
  if (to - from <= 4096) return lineBreaksReadIn(text, from, to, starts);
  const next = (c: string, at: number) => {
    const found = text.indexOf(c, at);
    return found < 0 || found >= to ? Number.POSITIVE_INFINITY : found;
  };
  let lf = next('\n', from);
  let cr = next('\r', from);
  while (lf !== cr) {
    if (lf < cr) {
      starts.push(lf + 1);
      lf = next('\n', lf + 1);
      continue;
    }
    // `\r\n` is one break (its `\n` may lie just past the stretch); a lone `\r` is one too.
    const pair = text.charCodeAt(cr + 1) === 10;
    starts.push(pair ? cr + 2 : cr + 1);
    if (pair && lf === cr + 1) lf = next('\n', lf + 1);
    cr = next('\r', cr + 1);
  }
  return starts;
}

function lineBreaksReadIn(text: string, from: number, to: number, starts: number[]): number[] {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}
