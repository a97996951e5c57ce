/** Character class helpers for the rule lexers (char codes, no per-character regex or string). */

/** Space, tab, CR, LF, vertical tab, form feed. */
export function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}
