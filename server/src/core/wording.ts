/** How messages, hovers and the outline phrase counts and names. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function capitalise(s: string): string {
  return s.length > 0 ? s[0].toUpperCase() + s.slice(1) : s;
}

/** A piece of the draft quoted in a title or hover: white space folded, at most 40 characters. */
export function shortQuote(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 40 ? `${flat.slice(0, 37)}…` : flat;
}
