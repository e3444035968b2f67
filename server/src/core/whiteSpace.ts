/** The white space and line terminators String.prototype.trim removes. */
function isTrimmed(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Where [start, end) begins once the white space String.prototype.trim removes is skipped: `end` when it is all white space. */
export function trimmedStart(text: string, start: number, end: number): number {
  let s = start;
  while (s < end && isTrimmed(text.charCodeAt(s))) s++;
  return s;
}

/** Where [start, end) ends once the white space String.prototype.trim removes is dropped. */
export function trimmedEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && isTrimmed(text.charCodeAt(e - 1))) e--;
  return e;
}
