import type { EventCounts } from '../../core/counters.js';
import { concatBytes, latin1, LOWER } from '../../core/bytes.js';
import type { HttpLimits } from './limits.js';
import type { BufferView } from './types.js';
import { classicNormalize } from './uri-norm.js';
import { HttpWeird } from './weirds.js';

/** One header field: offsets into the head bytes. */
export interface HeaderField {
  /** Lower-case name. */
  name: string;
  lineStart: number;
  /** End of the field's last (folded) line, before its line terminator. */
  lineEnd: number;
  /** Start of the next line (after the terminator). */
  next: number;
  valueStart: number;
  /** Continued on following lines (obsolete line folding). */
  folded: boolean;
}

const view = (data: Uint8Array, off = 0, len = data.length): BufferView => ({ data, off, len });
const COMMA = Uint8Array.of(0x2c);

/** A field name, ASCII lower-cased, as one string (no second string from toLowerCase). */
function lowerName(b: Uint8Array, s: number, e: number): string {
  if (e - s > 32) return latin1(b, s, e).toLowerCase();
  let out = '';
  for (let i = s; i < e; i++) {
    const c = b[i]!;
    // Not a token byte: lower-case as the string does (Latin-1 letters too).
    if (c >= 0x80) return latin1(b, s, e).toLowerCase();
    out += String.fromCharCode(LOWER[c]!);
  }
  return out;
}
const isWs = (c: number | undefined) => c === 0x20 || c === 0x09;

interface HeadBuffers {
  rawHeader: BufferView | null;
  header: BufferView | null;
  rawCookie: BufferView | null;
  cookie: BufferView | null;
}

/**
 * A parsed start line + header block (a private copy of the wire bytes), with the buffers Snort 3
 * derives from it: raw/normalized header without cookies, cookie, and per-field normalized values.
 */
export class MessageHead {
  readonly bytes: Uint8Array;
  /** Start line [0, startEnd). */
  startEnd = 0;
  /**
   * Length of Snort's header section: the header lines from after the start line to the end of the last
   * one, without the line ends that close the head (what Snort 3 reports as the alert's pkt_len).
   */
  sectionLen = 0;
  readonly fields: HeaderField[] = [];
  /** Normalized values by lower-case name, duplicates joined with ','. */
  readonly values = new Map<string, Uint8Array>();
  /** The detection buffers, built on first use: http.log needs only the field values. */
  private bufs: HeadBuffers | null = null;

  /** `bytes` = start line through the empty line ending the head; `isRequest` picks Cookie or Set-Cookie. */
  constructor(
    bytes: Uint8Array,
    private readonly isRequest: boolean,
    ev: EventCounts,
    private readonly lim: HttpLimits,
  ) {
    this.bytes = bytes;
    this.parseLines(ev, lim);
    this.buildValues(ev);
  }

  get rawHeader(): BufferView | null {
    return (this.bufs ??= this.buildHeaderBuffers()).rawHeader;
  }

  get header(): BufferView | null {
    return (this.bufs ??= this.buildHeaderBuffers()).header;
  }

  get rawCookie(): BufferView | null {
    return (this.bufs ??= this.buildHeaderBuffers()).rawCookie;
  }

  get cookie(): BufferView | null {
    return (this.bufs ??= this.buildHeaderBuffers()).cookie;
  }

  value(name: string): string | null {
    const v = this.values.get(name);
    return v === undefined ? null : latin1(v);
  }

  fieldView(name: string): BufferView | null {
    const v = this.values.get(name);
    return v === undefined ? null : view(v);
  }

  private parseLines(ev: EventCounts, lim: HttpLimits): void {
    const b = this.bytes;
    let bareLf = false;
    let pos = 0;
    let first = true;
    let cur: HeaderField | null = null;
    let blockStart = -1;
    let blockEnd = -1;
    while (pos < b.length) {
      let nl = b.indexOf(0x0a, pos);
      if (nl < 0) nl = b.length;
      const crlf = nl > pos && b[nl - 1] === 0x0d;
      if (!crlf && nl < b.length) bareLf = true;
      const lineEnd = crlf ? nl - 1 : nl;
      const next = nl + 1;
      if (first) {
        this.startEnd = lineEnd;
        first = false;
        pos = next;
        continue;
      }
      if (lineEnd === pos) break; // the empty line that ends the head
      if (blockStart < 0) blockStart = pos;
      blockEnd = lineEnd;
      if (isWs(b[pos]) && cur !== null) {
        ev.add(HttpWeird.lineFolding);
        cur.lineEnd = lineEnd;
        cur.next = next;
        cur.folded = true;
      } else {
        cur = this.parseField(pos, lineEnd, next, ev, lim);
      }
      pos = next;
    }
    if (bareLf) ev.add(HttpWeird.bareLf);
    this.sectionLen = blockStart < 0 ? 0 : blockEnd - blockStart;
  }

  private parseField(
    pos: number,
    lineEnd: number,
    next: number,
    ev: EventCounts,
    lim: HttpLimits,
  ): HeaderField | null {
    const b = this.bytes;
    const colon = b.indexOf(0x3a, pos);
    if (colon < 0 || colon >= lineEnd) {
      ev.add(HttpWeird.headerNoColon);
      return null;
    }
    let nameEnd = colon;
    while (nameEnd > pos && isWs(b[nameEnd - 1])) nameEnd--;
    if (nameEnd !== colon) ev.add(HttpWeird.spaceBeforeColon);
    if (this.fields.length >= lim.maxHeaders) {
      if (this.fields.length === lim.maxHeaders) ev.add(HttpWeird.tooManyHeaders);
      return null;
    }
    const f: HeaderField = {
      name: lowerName(b, pos, nameEnd),
      lineStart: pos,
      lineEnd,
      next,
      valueStart: colon + 1,
      folded: false,
    };
    this.fields.push(f);
    return f;
  }

  /** Field value with folding undone (line breaks dropped) and outer white space trimmed. */
  private fieldValue(f: HeaderField): Uint8Array {
    const b = this.bytes;
    if (!f.folded) {
      // Not folded: a trimmed view of the line.
      let s = f.valueStart;
      let e = f.lineEnd;
      while (s < e && isWs(b[s])) s++;
      while (e > s && isWs(b[e - 1])) e--;
      return b.subarray(s, e);
    }
    const out: number[] = [];
    for (let i = f.valueStart; i < f.lineEnd; i++) {
      const c = b[i]!;
      if (c !== 0x0d && c !== 0x0a) out.push(c);
    }
    let s = 0;
    let e = out.length;
    while (s < e && isWs(out[s])) s++;
    while (e > s && isWs(out[e - 1])) e--;
    return Uint8Array.from(out.slice(s, e));
  }

  private buildValues(ev: EventCounts): void {
    // One pass: most names occur once; a repeated name gets its parts joined with ',' at the end.
    let dups: Map<string, Uint8Array[]> | null = null;
    let firstLength: string | null = null;
    let lengthsDiffer = false;
    for (const f of this.fields) {
      const v = this.fieldValue(f);
      const had = this.values.get(f.name);
      if (had === undefined) this.values.set(f.name, v);
      else {
        dups ??= new Map();
        const l = dups.get(f.name);
        if (l === undefined) dups.set(f.name, [had, COMMA, v]);
        else l.push(COMMA, v);
      }
      if (f.name === 'content-length') {
        const text = latin1(v);
        if (firstLength === null) firstLength = text;
        else if (text !== firstLength) lengthsDiffer = true;
      }
    }
    if (dups !== null) for (const [k, l] of dups) this.values.set(k, concatBytes(l));
    if (lengthsDiffer) ev.add(HttpWeird.multipleContentLength);
  }

  /**
   * http_raw_header: the header lines (not the start line) minus the side's cookie lines, with their
   * separators but none after the last (as Snort 3's classic raw header). http_header: the same with
   * folding undone, then classic-normalized.
   */
  private buildHeaderBuffers(): HeadBuffers {
    const out: HeadBuffers = { rawHeader: null, header: null, rawCookie: null, cookie: null };
    const cookieName = this.isRequest ? 'cookie' : 'set-cookie';
    const lim = this.lim;
    const b = this.bytes;
    const kept = this.fields.filter((f) => f.name !== cookieName);
    if (kept.length > 0) {
      // One pass fills both: raw keeps the lines as sent, unfolded drops the line breaks inside fields.
      const raw = new Uint8Array(b.length);
      const unfolded = new Uint8Array(b.length);
      let r = 0;
      let u = 0;
      for (let i = 0; i < kept.length; i++) {
        const f = kept[i]!;
        const end = i === kept.length - 1 ? f.lineEnd : f.next;
        raw.set(b.subarray(f.lineStart, end), r);
        r += end - f.lineStart;
        for (let k = f.lineStart; k < f.lineEnd; k++) {
          const c = b[k]!;
          if (c !== 0x0d && c !== 0x0a) unfolded[u++] = c;
        }
        for (let k = f.lineEnd; k < end; k++) unfolded[u++] = b[k]!;
      }
      out.rawHeader = view(raw, 0, r);
      out.header = view(classicNormalize(unfolded, 0, u, lim));
    }
    const ck = this.values.get(cookieName);
    if (ck !== undefined) {
      out.rawCookie = view(ck);
      out.cookie = view(classicNormalize(ck, 0, ck.length, lim));
    }
    return out;
  }
}
