import type { EventCounts } from '../../core/counters.js';
import { concatBytes, latin1 } from '../../core/bytes.js';
import { LowerInterner } from '../../core/intern.js';
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

/** Field names, lower-cased: the same few dozen names on every message, built once. */
const NAMES = new LowerInterner();
const lowerName = (b: Uint8Array, s: number, e: number): string => NAMES.get(b, s, e);
const isWs = (c: number | undefined) => c === 0x20 || c === 0x09;
/** `find` results besides a field index. */
const NOT_FOUND = -1;
const JOINED = -2;

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
  /** Values of repeated or folded fields, built on first use (most values are views of the head bytes). */
  private built: Map<string, Uint8Array> | null = null;
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
    this.checkLengths(ev);
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

  /** The normalized value of a field by lower-case name, duplicates joined with ','; null when absent. */
  value(name: string): string | null {
    const i = this.find(name);
    if (i === NOT_FOUND) return null;
    if (i === JOINED) return latin1(this.joined(name));
    // One plain field: its text straight from the head bytes.
    const f = this.fields[i]!;
    const s = this.trimStart(f);
    return latin1(this.bytes, s, this.trimEnd(f, s));
  }

  fieldView(name: string): BufferView | null {
    const v = this.lookup(name);
    return v === null ? null : view(v);
  }

  /**
   * The only plain (unfolded) field named `name`, NOT_FOUND, or JOINED when it is repeated or folded. Names
   * are interned, so walking a dozen fields is mostly pointer tests.
   */
  private find(name: string): number {
    const fields = this.fields;
    let at = NOT_FOUND;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      if (f.name !== name) continue;
      if (at !== NOT_FOUND || f.folded) return JOINED;
      at = i;
    }
    return at;
  }

  /** A field's value: folding undone, outer white space trimmed, repeated fields joined with ','. */
  private lookup(name: string): Uint8Array | null {
    const i = this.find(name);
    if (i === NOT_FOUND) return null;
    return i === JOINED ? this.joined(name) : this.fieldValue(this.fields[i]!);
  }

  private joined(name: string): Uint8Array {
    const had = this.built?.get(name);
    if (had !== undefined) return had;
    const parts: Uint8Array[] = [];
    for (const f of this.fields) {
      if (f.name !== name) continue;
      if (parts.length > 0) parts.push(COMMA);
      parts.push(this.fieldValue(f));
    }
    const v = parts.length === 1 ? parts[0]! : concatBytes(parts);
    (this.built ??= new Map()).set(name, v);
    return v;
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

  private trimStart(f: HeaderField): number {
    const b = this.bytes;
    let s = f.valueStart;
    while (s < f.lineEnd && isWs(b[s])) s++;
    return s;
  }

  /** End of the value with trailing white space dropped; `s` is `trimStart(f)`. */
  private trimEnd(f: HeaderField, s: number): number {
    const b = this.bytes;
    let e = f.lineEnd;
    while (e > s && isWs(b[e - 1])) e--;
    return e;
  }

  /** Field value with folding undone (line breaks dropped) and outer white space trimmed. */
  private fieldValue(f: HeaderField): Uint8Array {
    const b = this.bytes;
    // Not folded: a trimmed view of the line.
    if (!f.folded) {
      const s = this.trimStart(f);
      return b.subarray(s, this.trimEnd(f, s));
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

  /** Content-Length given more than once with different values: a weird (smuggling attempts do it). */
  private checkLengths(ev: EventCounts): void {
    let first: string | null = null;
    for (const f of this.fields) {
      if (f.name !== 'content-length') continue;
      const text = latin1(this.fieldValue(f));
      if (first === null) first = text;
      else if (text !== first) {
        ev.add(HttpWeird.multipleContentLength);
        return;
      }
    }
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
    const ck = this.lookup(cookieName);
    if (ck !== null) {
      out.rawCookie = view(ck);
      out.cookie = view(classicNormalize(ck, 0, ck.length, lim));
    }
    return out;
  }
}
