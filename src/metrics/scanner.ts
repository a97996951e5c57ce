/**
 * A cursor over the bytes of one /proc file. Readers parse with it instead of strings and regexes: a sample
 * allocates nothing on this path. Every method tolerates odd text: numbers that are not there come back as
 * NaN and the caller counts a named event.
 */
const SPACE = 0x20;
const TAB = 0x09;
const NL = 0x0a;
const D0 = 0x30;
const D9 = 0x39;

export class Scanner {
  buf: Buffer = Buffer.alloc(0);
  pos = 0;
  end = 0;

  reset(buf: Buffer, end: number): void {
    this.buf = buf;
    this.pos = 0;
    this.end = end;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** Skips spaces and tabs, not newlines. */
  blanks(): void {
    const b = this.buf;
    let p = this.pos;
    while (p < this.end && (b[p] === SPACE || b[p] === TAB)) p++;
    this.pos = p;
  }

  /** Index of the newline ending the current line (or the end of the data). */
  lineEnd(): number {
    const i = this.buf.indexOf(NL, this.pos);
    return i < 0 || i > this.end ? this.end : i;
  }

  /** Moves to the start of the next line. */
  nextLine(): void {
    const i = this.lineEnd();
    this.pos = i < this.end ? i + 1 : this.end;
  }

  /** Skips blanks and one field of non-blank bytes; false when the line has no more fields. */
  skipField(): boolean {
    this.blanks();
    const b = this.buf;
    const start = this.pos;
    let p = start;
    while (p < this.end && b[p] !== SPACE && b[p] !== TAB && b[p] !== NL) p++;
    this.pos = p;
    return p > start;
  }

  /** Skips n fields; false if the line ran out first. */
  skipFields(n: number): boolean {
    for (let i = 0; i < n; i++) if (!this.skipField()) return false;
    return true;
  }

  /** True if the bytes at the cursor equal `lit` (the cursor does not move). */
  startsWith(lit: Uint8Array): boolean {
    if (this.pos + lit.length > this.end) return false;
    const b = this.buf;
    for (let i = 0; i < lit.length; i++) if (b[this.pos + i] !== lit[i]) return false;
    return true;
  }

  /** Skips blanks, then reads an unsigned decimal integer; NaN (cursor after the blanks) if there is none. */
  uint(): number {
    this.blanks();
    const b = this.buf;
    const start = this.pos;
    let p = start;
    let v = 0;
    while (p < this.end) {
      const c = b[p]!;
      if (c < D0 || c > D9) break;
      v = v * 10 + (c - D0);
      p++;
    }
    if (p === start) return NaN;
    this.pos = p;
    // Past 15 digits the running product can round differently from a correct parse (as Go's ParseUint then
    // float64 conversion does); these are rare 64-bit counters, so take the slow exact path.
    return p - start > 15 ? Number(b.toString('latin1', start, p)) : v;
  }

  /** Like uint() with an optional leading '-'. */
  int(): number {
    this.blanks();
    if (this.pos < this.end && this.buf[this.pos] === 0x2d) {
      this.pos++;
      const v = this.uint();
      return Number.isNaN(v) ? NaN : -v;
    }
    return this.uint();
  }

  /** Unsigned decimal with an optional fraction ("0.21"), correctly rounded. */
  decimal(): number {
    this.blanks();
    const s0 = this.pos;
    const whole = this.uint();
    if (Number.isNaN(whole)) return NaN;
    if (this.pos >= this.end || this.buf[this.pos] !== 0x2e) return whole;
    const b = this.buf;
    let p = this.pos + 1;
    let frac = 0;
    let scale = 1;
    while (p < this.end) {
      const c = b[p]!;
      if (c < D0 || c > D9) break;
      frac = frac * 10 + (c - D0);
      scale *= 10;
      p++;
    }
    this.pos = p;
    // One division of two exact integers rounds correctly, so "0.21" gives the same double as parseFloat;
    // past 15 significant digits the integers are no longer exact and the slow path is.
    if (p - s0 > 16) return Number(b.toString('latin1', s0, p));
    return (whole * scale + frac) / scale;
  }

  /** Reads two hex digits (a /proc/net/tcp state); NaN if they are not hex. */
  hexByte(): number {
    if (this.pos + 2 > this.end) return NaN;
    const hi = hexVal(this.buf[this.pos]!);
    const lo = hexVal(this.buf[this.pos + 1]!);
    if (hi < 0 || lo < 0) return NaN;
    this.pos += 2;
    return hi * 16 + lo;
  }
}

function hexVal(c: number): number {
  if (c >= D0 && c <= D9) return c - D0;
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x61 + 10 : -1;
}

/** ASCII bytes of a literal, for Scanner.startsWith. */
export function lit(s: string): Uint8Array {
  return Buffer.from(s, 'latin1');
}
