import type { TextEdit } from 'vscode-languageserver-types';
import type { LineIndex } from './lineIndex';
import type { TextSpan } from './model';
import { lastOf } from './lastOf';

/** A replacement of a span of the draft's text. */
export interface SpanEdit {
  readonly span: TextSpan;
  readonly newText: string;
}

/**
 * Sorts edits, drops exact duplicates (two paths may reach one span), and refuses overlapping ones:
 * an edit set that is not disjoint is a bug, and is never sent.
 */
export function disjointEdits(edits: readonly SpanEdit[]): SpanEdit[] {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const out: SpanEdit[] = [];
  for (const edit of sorted) {
    const last = lastOf(out);
    if (last && last.span.start === edit.span.start && last.span.end === edit.span.end) {
      if (last.newText !== edit.newText) throw new Error(`two different edits for one span at offset ${edit.span.start}`);
      continue;
    }
    if (last && edit.span.start < last.span.end) throw new Error(`overlapping edits at offset ${edit.span.start}`);
    if (last && edit.span.start === last.span.end && edit.span.start === edit.span.end && last.span.start === last.span.end) {
      throw new Error(`two insertions at offset ${edit.span.start}`);
    }
    out.push(edit);
  }
  return out;
}

/** Applies disjoint edits to a text, for the CLI and for checking an edit before it is sent. */
export function applySpanEdits(text: string, edits: readonly SpanEdit[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const edit of disjointEdits(edits)) {
    parts.push(text.slice(at, edit.span.start), edit.newText);
    at = edit.span.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

export function toTextEdits(lines: LineIndex, edits: readonly SpanEdit[]): TextEdit[] {
  return disjointEdits(edits).map((e) => ({ range: lines.rangeOf(e.span), newText: e.newText }));
}
