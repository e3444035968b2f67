import { readNumber } from './labels';
import { formatNumber, type DraftNumber } from './numberForms';

/** A new number as a drafter types it (`45`, `45 bis`, `45bis`), or undefined when it is not one. */
export function parseNumberName(name: string): DraftNumber | undefined {
  const text = name.trim();
  const read = readNumber(text, 0, text.length);
  if (!read || read.end !== text.length || read.number.value === 0) return undefined;
  return read.number;
}

/**
 * Writes a number the way the place it goes to wrote its old one: `61bis` stays without a space, so that a rename
 * and its reverse restore the text byte for byte.
 */
export function writeNumberLike(written: string, n: DraftNumber): string {
  if (n.suffix.length > 1 && /^\d+[a-z]/i.test(written)) return `${n.value}${n.suffix}`;
  return formatNumber(n);
}
