/** A few magic numbers for http.log's *_mime_types (Zeek sniffs with its file signatures). */
const MAGIC: [string, number[]][] = [
  ['image/png', [0x89, 0x50, 0x4e, 0x47]],
  ['image/gif', [0x47, 0x49, 0x46, 0x38]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['application/pdf', [0x25, 0x50, 0x44, 0x46]],
  ['application/zip', [0x50, 0x4b, 0x03, 0x04]],
  ['application/x-gzip', [0x1f, 0x8b]],
  ['application/x-dosexec', [0x4d, 0x5a]],
  ['application/x-executable', [0x7f, 0x45, 0x4c, 0x46]],
  ['application/x-shockwave-flash', [0x46, 0x57, 0x53]],
  ['application/x-shockwave-flash', [0x43, 0x57, 0x53]],
  ['image/x-icon', [0x00, 0x00, 0x01, 0x00]],
];

function startsWith(b: Uint8Array, m: number[]): boolean {
  if (b.length < m.length) return false;
  for (let i = 0; i < m.length; i++) if (b[i] !== m[i]) return false;
  return true;
}

/** MIME type of a body from its first bytes, or null. Text needs a few bytes to be called text. */
export function sniffMime(b: Uint8Array): string | null {
  for (const [t, m] of MAGIC) if (startsWith(b, m)) return t;
  let s = 0;
  while (s < b.length && s < 64 && (b[s] === 0x20 || b[s] === 0x09 || b[s] === 0x0d || b[s] === 0x0a)) s++;
  const e = Math.min(b.length, s + 256);
  const head = Buffer.from(b.buffer, b.byteOffset + s, e - s)
    .toString('latin1')
    .toLowerCase();
  if (head.startsWith('<?xml')) return head.includes('<svg') ? 'image/svg+xml' : 'application/xml';
  if (/^<(!doctype html|html|head|body|title|script|div|p|a|h1|br|table|meta|iframe)[\s>]/.test(head))
    return 'text/html';
  // Zeek (like libmagic) needs more than a handful of bytes to call something text.
  if (b.length < 16) return null;
  const n = Math.min(b.length, 512);
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) return null;
    if (c === 0x7f) return null;
  }
  if (head.startsWith('{') || head.startsWith('[')) return 'text/json';
  return 'text/plain';
}
