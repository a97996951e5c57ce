/**
 * One inspection buffer being built to satisfy a rule's options in order, with Snort's cursor semantics:
 * content at offset/depth from the start or distance/within from the cursor, pcre anywhere (or after the
 * cursor with R), isdataat and bufferlen as length bounds, negated contents and pcres as things that must
 * not appear. `place*` return false when the constraints cannot be met together. Test support only.
 */
/** The start of a header line: a field-name token and a colon. */
export const HEADER_START = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+:/;

export interface ContentSpec {
  bytes: string;
  nocase: boolean;
  negated: boolean;
  offset: number | null;
  depth: number | null;
  distance: number | null;
  within: number | null;
}

export class BufferModel {
  /** latin1 text; unset positions hold FILL until the end. */
  text = '';
  cursor = 0;
  minLen = 0;
  maxLen = Infinity;
  readonly forbidden: { s: string; nocase: boolean }[] = [];
  readonly regexes: { re: RegExp; from: number; negated: boolean }[] = [];
  /** A pcre anchored at `$` was placed: nothing may follow it. */
  private sealed = false;
  /** Some content is placed relative to the buffer start (offset/depth). */
  absolute = false;

  /**
   * @param lines header-like buffer: text placed after existing text without a relative constraint goes on
   *   a line of its own (CRLF between), as separate header lines would.
   */
  constructor(
    readonly fill: string,
    readonly lines = false,
  ) {}

  placeContent(c: ContentSpec): boolean {
    if (c.negated) {
      this.forbidden.push({ s: c.bytes, nocase: c.nocase });
      return true;
    }
    const n = c.bytes.length;
    const relative = c.distance !== null || c.within !== null;
    let lo: number;
    let hi: number;
    if (relative) {
      lo = Math.max(0, this.cursor + (c.distance ?? 0));
      hi = c.within === null ? Infinity : this.cursor + (c.distance ?? 0) + c.within - n;
    } else {
      lo = Math.max(0, c.offset ?? 0);
      hi = c.depth === null ? Infinity : lo + c.depth - n;
      if (c.offset !== null || c.depth !== null) this.absolute = true;
    }
    // Prefer overlaying identical bytes already there, else the first free position at or after the end.
    const end = this.text.length;
    for (let p = lo; p <= Math.min(hi, end - 1); p++) {
      if (this.fits(p, c)) return this.put(p, c.bytes);
    }
    let p = Math.max(lo, end);
    if (this.lines && !relative && end > 0 && p === end) {
      // A line of its own, and a well-formed one: text that does not start a header becomes a value.
      const sep = (this.text.endsWith('\r\n') ? '' : '\r\n') + (HEADER_START.test(c.bytes) ? '' : 'X-Test: ');
      this.put(end, sep);
      p += sep.length;
    }
    if (p > hi || this.sealed) return false;
    return this.put(p, c.bytes);
  }

  /** Places a pcre instance; `re` is checked against the final text. */
  placeRegex(
    instance: { text: string; anchoredStart: boolean; anchoredEnd: boolean },
    re: RegExp,
    relative: boolean,
    negated: boolean,
  ): boolean {
    if (negated) {
      this.regexes.push({ re, from: relative ? this.cursor : 0, negated: true });
      return true;
    }
    const from = relative ? this.cursor : 0;
    let p: number;
    if (instance.anchoredStart && !relative) {
      if (this.text.length > 0 && !this.text.startsWith(instance.text)) return false;
      p = 0;
      this.absolute = true;
    } else p = this.text.length;
    if (this.sealed) return false;
    this.put(p, instance.text);
    if (instance.anchoredEnd) this.sealed = true;
    this.regexes.push({ re, from, negated: false });
    return true;
  }

  /** Text after padding to the length bounds, or null when a check fails. */
  finish(): string | null {
    let t = this.text;
    if (t.length < this.minLen) {
      if (this.sealed) return null;
      t += this.fill.repeat(this.minLen - t.length);
    }
    if (t.length > this.maxLen) return null;
    const lower = t.toLowerCase();
    for (const f of this.forbidden)
      if (f.nocase ? lower.includes(f.s.toLowerCase()) : t.includes(f.s)) return null;
    for (const r of this.regexes) {
      r.re.lastIndex = 0;
      if (r.re.test(t.slice(r.from)) === r.negated) return null;
    }
    return t;
  }

  private fits(p: number, c: ContentSpec): boolean {
    for (let i = 0; i < c.bytes.length; i++) {
      const have = this.text[p + i];
      if (have === undefined) return !this.sealed;
      const want = c.bytes[i]!;
      if (have !== want && !(c.nocase && have.toLowerCase() === want.toLowerCase())) return false;
    }
    return true;
  }

  private put(p: number, s: string): boolean {
    if (p > this.text.length) this.text += this.fill.repeat(p - this.text.length);
    this.text = this.text.slice(0, p) + s + this.text.slice(p + s.length);
    this.cursor = p + s.length;
    return true;
  }
}
