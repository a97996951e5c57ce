/**
 * Accumulates one message's start line and headers until the empty line that ends them, LF or CRLF
 * line ends alike. Byte-driven, so where the input was split does not matter. Leading empty lines are
 * skipped (RFC 9112 §2.2). A request line without a version (HTTP/0.9) ends the head by itself.
 */
export class HeadReader {
  private buf = new Uint8Array(512);
  len = 0;
  /** 0 inside a line, 1 right after LF, 2 after LF CR. */
  private eol = 0;
  private firstLine = true;

  constructor(private readonly max: number) {}

  reset(): void {
    this.len = 0;
    this.eol = 0;
    this.firstLine = true;
    this.state = 'more';
  }

  get started(): boolean {
    return this.len > 0;
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, this.len);
  }

  /**
   * Consumes from b[s, e); returns the index after the last byte used, and sets `state` to 'done' at
   * the end of the head, 'overflow' past the size limit, else 'more'.
   */
  state: 'more' | 'done' | 'overflow' = 'more';

  feed(b: Uint8Array, s: number, e: number, http09: (line: Uint8Array) => boolean): number {
    let i = s;
    if (this.len === 0) while (i < e && (b[i] === 0x0d || b[i] === 0x0a)) i++;
    const from = i;
    let end = -1;
    // Line by line (the LF search is native): the head ends at an LF whose line is empty, or just CR.
    let eol = this.eol;
    while (i < e) {
      let j = b.indexOf(0x0a, i);
      if (j < 0 || j >= e) j = e;
      const n = j - i;
      // The state the bytes before the LF leave: one CR right after an LF keeps the line empty.
      if (n === 1) eol = eol === 1 && b[i] === 0x0d ? 2 : 0;
      else if (n > 1) eol = 0;
      if (j === e) break;
      if (eol !== 0) {
        end = j + 1;
        break;
      }
      eol = 1;
      i = j + 1;
      if (this.firstLine) {
        this.firstLine = false;
        this.eol = eol;
        if (!this.append(b, from, i)) return e;
        if (http09(this.buf.subarray(0, this.len))) {
          this.state = 'done';
          return i;
        }
        return this.feedRest(b, i, e, http09);
      }
    }
    this.eol = eol;
    const stop = end < 0 ? e : end;
    if (!this.append(b, from, stop)) return stop;
    this.state = end < 0 ? 'more' : 'done';
    return stop;
  }

  private feedRest(b: Uint8Array, s: number, e: number, http09: (line: Uint8Array) => boolean): number {
    if (this.state === 'overflow') return e;
    return s >= e ? s : this.feed(b, s, e, http09);
  }

  /** False (state overflow) past the limit. */
  private append(b: Uint8Array, s: number, e: number): boolean {
    const n = e - s;
    if (this.len + n > this.max) {
      this.state = 'overflow';
      return false;
    }
    if (this.len + n > this.buf.length) {
      const nb = new Uint8Array(Math.min(this.max, Math.max(this.buf.length * 2, this.len + n)));
      nb.set(this.buf.subarray(0, this.len));
      this.buf = nb;
    }
    this.buf.set(b.subarray(s, e), this.len);
    this.len += n;
    return true;
  }
}
