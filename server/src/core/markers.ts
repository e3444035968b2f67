import type { AgreedMarker, Block, Problem } from './model';
import { trimmedStart } from './whiteSpace';

/** One regular expression for the configured markers, longest first, matched case-insensitively (NOTATION §4). */
export function markerPattern(markers: readonly string[]): RegExp {
  const escaped = [...markers]
    .sort((a, b) => b.length - a.length)
    .map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
  return new RegExp(escaped.join('|'), 'giu');
}

export function endsWithMarkerTest(pattern: RegExp): (text: string) => boolean {
  const atEnd = new RegExp(`(?:${pattern.source})\\s*$`, 'iu');
  return (text) => atEnd.test(text);
}

/** The markers a scan of the whole text finds starting in [from, until), when `from` is where that scan stands free. */
export function findMarkers(text: string, pattern: RegExp, from = 0, until = Number.POSITIVE_INFINITY): AgreedMarker[] {
  const result: AgreedMarker[] = [];
  pattern.lastIndex = from;
  for (let m = pattern.exec(text); m && m.index < until; m = pattern.exec(text)) {
    if (m[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    result.push({ span: { start: m.index, end: m.index + m[0].length }, text: m[0] });
  }
  return result;
}

/** How the analysis reads one setting of agreed markers; made once per setting, not per keystroke. */
export interface MarkerReader {
  readonly endsWithMarker: (text: string) => boolean;
  /** Every marker, or those a scan of the whole text finds starting in [from, until), `from` being outside any. */
  readonly find: (text: string, from?: number, until?: number) => AgreedMarker[];
}

const readers = new Map<string, MarkerReader>();

/** One setting of agreed markers as a key: equal keys, equal readings. */
export function markerKey(markers: readonly string[]): string {
  return markers.join('\u0000');
}

export function markerReader(markers: readonly string[]): MarkerReader {
  const key = markerKey(markers);
  let reader = readers.get(key);
  if (!reader) {
    const pattern = markerPattern(markers);
    // Markers that all begin with one punctuation mark (`(Agreed)`): the expression is tried only where it stands,
    // found by indexOf, instead of at every position of the draft.
    const firsts = new Set(markers.map((m) => m.charAt(0)));
    const only = firsts.size === 1 ? [...firsts][0] : '';
    const sticky = new RegExp(pattern.source, 'iuy');
    const find =
      only !== '' && !/[\p{L}\p{N}\s]/u.test(only)
        ? (text: string, from?: number, until?: number) => findMarkersAt(text, only, sticky, from, until)
        : (text: string, from?: number, until?: number) => findMarkers(text, pattern, from, until);
    reader = { endsWithMarker: endsWithMarkerTest(pattern), find };
    if (readers.size > 16) readers.clear();
    readers.set(key, reader);
  }
  return reader;
}

function findMarkersAt(text: string, first: string, sticky: RegExp, from = 0, until = Number.POSITIVE_INFINITY): AgreedMarker[] {
  const result: AgreedMarker[] = [];
  for (let at = text.indexOf(first, from); at >= 0 && at < until; ) {
    sticky.lastIndex = at;
    const m = sticky.exec(text);
    if (m && m[0].length > 0) {
      result.push({ span: { start: at, end: at + m[0].length }, text: m[0] });
      at = text.indexOf(first, at + m[0].length);
    } else {
      at = text.indexOf(first, at + 1);
    }
  }
  return result;
}

/**
 * The marker that ends each block's text, by block index (none for most); markers followed by more text in their block
 * are misplaced.
 */
export function assignMarkers(text: string, blocks: readonly Block[], markers: readonly AgreedMarker[]): {
  endMarkers: Array<AgreedMarker | undefined>;
  problems: Problem[];
} {
  const endMarkers = new Array<AgreedMarker | undefined>(blocks.length);
  const problems: Problem[] = [];
  let b = 0;
  for (const marker of markers) {
    while (b < blocks.length && blocks[b].span.end < marker.span.end) b++;
    const block = blocks[b];
    if (!block || block.span.start > marker.span.start) continue;
    // Read in place: slicing and trimming the rest of the block was a string per marker on every keystroke.
    if (trimmedStart(text, marker.span.end, block.span.end) >= block.span.end) {
      endMarkers[block.index] = marker;
    } else {
      problems.push({
        code: 'misplaced-marker',
        span: marker.span,
        message: `Text follows the marker ${marker.text}: a marker marks a paragraph agreed only at its end.`,
      });
    }
  }
  return { endMarkers, problems };
}
