/**
 * PostgreSQL text, text[] and jsonb cannot hold U+0000, which traffic puts in log fields (a NUL in an HTTP
 * header or a DNS name). It is stored as the four characters `\x00`, Zeek's escape for control bytes in its
 * logs; the rest of the value is kept. Without this one such record failed its whole batch, and an agent
 * retried that batch for ever, holding back everything spooled after it.
 */
export function pgText(s: string): string {
  return s.includes('\0') ? s.replaceAll('\0', '\\x00') : s;
}

/** A NUL in JSON text: `\u0000` not preceded by an odd run of backslashes (which would make it literal). */
const JSON_NUL = /(?<!\\)((?:\\\\)*)\\u0000/g;

/** `JSON.stringify(v)` for a jsonb column: NULs in strings and keys become `\x00` as in `pgText`. */
export function pgJson(v: unknown): string {
  const s = JSON.stringify(v);
  return s.includes('\\u0000') ? s.replace(JSON_NUL, '$1\\\\x00') : s;
}
