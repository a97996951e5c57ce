import { latin1, LOWER } from './bytes.js';

/**
 * Short ASCII strings made from bytes, lower-cased, without a new string when the same text was seen
 * before: header field names repeat on every message, and building each one again allocates as many
 * strings as it has characters. A fixed open-addressed table; once it is full (or for long or non-ASCII
 * text) strings are built as usual, so hostile input only loses the saving.
 */
export class LowerInterner {
  private readonly table: (string | undefined)[];
  private readonly mask: number;
  private used = 0;

  constructor(
    size = 1024,
    private readonly maxLen = 40,
  ) {
    this.table = new Array<string | undefined>(size);
    this.mask = size - 1;
  }

  /** b[s, e) with A-Z lower-cased (other bytes as Latin-1 code units). */
  get(b: Uint8Array, s: number, e: number): string {
    const n = e - s;
    if (n > this.maxLen) return latin1(b, s, e).toLowerCase();
    let h = n;
    for (let i = s; i < e; i++) {
      const c = b[i]!;
      if (c >= 0x80) return latin1(b, s, e).toLowerCase();
      h = Math.imul(h ^ LOWER[c]!, 0x01000193);
    }
    let k = (h >>> 0) & this.mask;
    for (let probe = 0; probe < 8; probe++) {
      const t = this.table[k];
      if (t === undefined) {
        const str = latin1(b, s, e).toLowerCase();
        if (this.used < (this.mask + 1) >>> 1) {
          this.table[k] = str;
          this.used++;
        }
        return str;
      }
      if (t.length === n && sameLower(t, b, s)) return t;
      k = (k + 1) & this.mask;
    }
    return latin1(b, s, e).toLowerCase();
  }
}

function sameLower(t: string, b: Uint8Array, s: number): boolean {
  for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) !== LOWER[b[s + i]!]) return false;
  return true;
}
