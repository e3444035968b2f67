import type { AgreedMarker, Block, Problem } from './model';

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

export function findMarkers(text: string, pattern: RegExp): AgreedMarker[] {
  const result: AgreedMarker[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    result.push({ span: { start: m.index, end: m.index + m[0].length }, text: m[0] });
  }
  return result;
}

/** The marker that ends a block's text, if any; markers followed by more text in their block are misplaced. */
export function assignMarkers(text: string, blocks: readonly Block[], markers: readonly AgreedMarker[]): {
  endMarkers: Map<number, AgreedMarker>;
  problems: Problem[];
} {
  const endMarkers = new Map<number, AgreedMarker>();
  const problems: Problem[] = [];
  let b = 0;
  for (const marker of markers) {
    while (b < blocks.length && blocks[b].span.end < marker.span.end) b++;
    const block = blocks[b];
    if (!block || block.span.start > marker.span.start) continue;
    if (text.slice(marker.span.end, block.span.end).trim() === '') {
      endMarkers.set(block.index, marker);
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
