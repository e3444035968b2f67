/** The first occurrence of a character at or after an offset, or -1. */
export type CharFinder = (at: number) => number;

/**
 * Finds a character for callers that ask in text order (blocks for their brackets, brackets for their slashes,
 * sentences for their ends): one forward search serves every ask before the occurrence it found. Searching afresh from
 * each bracket read a draft without slashes to its end once per bracket (seven times slower on 1 MB).
 */
export function charFinder(text: string, char: string): CharFinder {
  // Nothing searched yet: the first ask searches from where it asks (a keystroke's first ask is in the middle of 1 MB).
  let from = Number.POSITIVE_INFINITY;
  let found = -1;
  return (at) => {
    if (at < from || (found >= 0 && at > found)) {
      from = at;
      found = text.indexOf(char, at);
    }
    return found;
  };
}

/**
 * Finds the first of several characters for callers that ask in text order, by a forward search for each: on 1 MB,
 * the 5,000 sentence ends (`.`, `;`, `!`, `?`) took a third, and the 3,000 numbers (`0` to `9`) two thirds, of the time a
 * regular expression for any of them did, which reads every character on the way.
 */
export function anyCharFinder(text: string, chars: string): CharFinder {
  const finders = Array.from(chars, (c) => charFinder(text, c));
  return (at) => {
    let first = -1;
    for (let k = 0; k < finders.length; k++) {
      const p = finders[k](at);
      if (p >= 0 && (first < 0 || p < first)) first = p;
    }
    return first;
  };
}
