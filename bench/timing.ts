/** How both halves of the bench time things in-process: medians of repeated runs, in milliseconds. */

/** Repetitions of each figure: fewer on larger drafts, each already long enough to time. */
export function plannedRuns(textLength: number): number {
  return textLength > 5e6 ? 3 : textLength > 5e5 ? 7 : 25;
}

/**
 * Repetitions of each request to a server over stdio. More than in-process on the 1 MB draft: the first requests after
 * opening it run before the servers' code is optimised (our outline took 20 ms a request for its first ten, 11 ms
 * after), and a drafter's session is hours of requests, not seven.
 */
export function wireRuns(textLength: number): number {
  return textLength > 5e6 ? 3 : 21;
}

/** The median time of `runs` runs of `fn`. */
export function median(runs: number, fn: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) timed(times, fn);
  return medianOf(times);
}

/** Runs `fn` once and adds its time in ms to `times`. */
export function timed(times: number[], fn: () => unknown): void {
  const t = process.hrtime.bigint();
  fn();
  times.push(Number(process.hrtime.bigint() - t) / 1e6);
}

export function medianOf(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
