import type { TextSpan } from './model';

/**
 * The last of `list` (sorted by start, not overlapping) whose span holds `offset`, end included:
 * what an offset stands in, in O(log n).
 */
export function spanAt<T extends { span: TextSpan }>(list: readonly T[], offset: number): T | undefined {
  let lo = 0;
  let hi = list.length - 1;
  let found: T | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].span.start <= offset) {
      found = list[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found && offset <= found.span.end ? found : undefined;
}

/**
 * The first index in [lo, hi) whose position is at least `at`, in a list sorted by position (`hi` when none is; the
 * whole list unless bounds are given).
 */
export function firstFrom<T>(list: ArrayLike<T>, position: (item: T) => number, at: number, lo = 0, hi = list.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (position(list[mid]) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The item of a list sorted by position whose position is exactly `at`, found by binary search. */
export function itemAt<T>(list: readonly T[], position: (item: T) => number, at: number): T | undefined {
  const found = list[firstFrom(list, position, at)];
  return found !== undefined && position(found) === at ? found : undefined;
}

/**
 * A list sorted by position (belonging to an analysis a re-analysis consumes) with what stood in [windowStart,
 * windowEnd) replaced, in place, by the window's items; `moved` is where the part after the window now begins.
 */
export function spliced<T>(list: T[], position: (item: T) => number, windowStart: number, windowEnd: number, windowItems: readonly T[]): { all: T[]; moved: number } {
  const head = firstFrom(list, position, windowStart);
  const tail = firstFrom(list, position, windowEnd);
  // Moved once, not item by item; but never as many arguments as a large window holds (a call takes only so many).
  if (windowItems.length <= 1024) {
    list.splice(head, tail - head, ...windowItems);
    return { all: list, moved: head + windowItems.length };
  }
  const all = list.slice(0, head);
  for (const item of windowItems) all.push(item);
  for (let i = tail; i < list.length; i++) all.push(list[i]);
  return { all, moved: head + windowItems.length };
}

/** A span moved in place by `delta` (the analysis it belongs to is being consumed by a re-analysis). */
export function moveSpan(span: TextSpan, delta: number): void {
  const moved = span as { start: number; end: number };
  moved.start += delta;
  moved.end += delta;
}
