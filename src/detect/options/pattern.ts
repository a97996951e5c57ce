import { fail } from '../option.js';

/**
 * Decode a quoted Snort pattern: text with `|41 42|` hex sections and backslash escapes (`\"`, `\\`,
 * `\;`, `\:`, `\|`). Returns the bytes; characters above 0xff are rejected.
 */
export function parseQuotedPattern(text: string): Uint8Array {
  const t = text.trim();
  if (t.length < 2 || !t.startsWith('"') || !t.endsWith('"'))
    fail(`expected a quoted pattern, got '${text}'`);
  const body = t.slice(1, -1);
  const out: number[] = [];
  let hex = false;
  let nib = -1;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (hex) {
      if (c === '|') {
        if (nib >= 0) fail('odd number of hex digits in content');
        hex = false;
      } else if (/[0-9a-fA-F]/.test(c)) {
        const v = parseInt(c, 16);
        if (nib < 0) nib = v;
        else {
          out.push((nib << 4) | v);
          nib = -1;
        }
      } else if (c !== ' ' && c !== '\t') fail(`invalid character '${c}' in hex section`);
      continue;
    }
    if (c === '|') {
      hex = true;
      continue;
    }
    if (c === '\\') {
      const n = body[i + 1];
      if (n === undefined) fail('pattern ends with a backslash');
      out.push(n.charCodeAt(0));
      i++;
      continue;
    }
    if (c === '"') fail('unescaped double quote in pattern');
    const code = c.charCodeAt(0);
    if (code > 0xff) fail('pattern has a character outside latin1');
    out.push(code);
  }
  if (hex) fail('unterminated hex section in content');
  return Uint8Array.from(out);
}

export function hexKey(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += b[i]!.toString(16).padStart(2, '0');
  return s;
}
