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

/**
 * How a rename writes the new number in one place: as typed, except that a place which already wrote a Latin suffix
 * keeps its own spacing before it (`12bis` → `12ter`, `12 bis` → `12 ter`). Renaming back to the text that was there
 * then restores every place, whatever spacing each used.
 */
export function writeAsTyped(written: string, n: DraftNumber, typed: string): string {
  const place = /^\d+([ \t]*)[a-z]{2,}$/i.exec(written);
  const typedSuffix = /^\d+[ \t]*([a-z]{2,})$/i.exec(typed);
  if (place && typedSuffix && n.suffix.length > 1) return `${n.value}${place[1]}${typedSuffix[1]}`;
  return typed;
}
