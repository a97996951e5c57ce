import type { EventCounts } from '../../core/counters.js';
import { MessageBody, type Framing } from './body.js';
import { HttpBuffersImpl } from './buffers.js';
import { HeadReader } from './head-reader.js';
import type { BodyInflater } from './inflate.js';
import { bodyFraming, contentCodings } from './framing.js';
import { httpLimits, type HttpLimits } from './limits.js';
import type { MessageHead } from './message-head.js';
import { TCHAR } from './methods.js';
import { parseRequestLine } from './start-line.js';
import { RequestHead, ResponseHead } from './request.js';
import { emitBody, emitHead, emitTrailers } from './sections.js';
import { fillRequest, fillResponse, newTransaction } from './transaction.js';
import type { HttpDir, HttpSink, HttpTransaction } from './types.js';
import { HttpWeird } from './weirds.js';

/** A request/response pair in flight. */
export interface TxState {
  tx: HttpTransaction;
  req: RequestHead | null;
  resp: ResponseHead | null;
  reqDone: boolean;
}

/** Per-direction parse state. */
export interface Half {
  mode: 'head' | 'body' | 'tunnel' | 'dead';
  reader: HeadReader;
  body: MessageBody | null;
  /** Content codings to undo, outermost (last applied) first. */
  inflaters: BodyInflater[];
  /** Body bytes given to detection so far (for request_depth / response_depth). */
  inspected: number;
  /** The transaction the current message belongs to. */
  cur: TxState | null;
  head: MessageHead | null;
  sniffed: boolean;
  /** Scratch for body units while a body is read (from the pool; NONE between messages). */
  raw: Uint8Array;
  dec: Uint8Array;
  /** Capture time (µs) of the first byte of the section being read; -1 before its first byte. */
  secUs: number;
}

const NONE = new Uint8Array(0);

/**
 * Body unit scratch buffers, shared by the sessions of this thread: a message takes two when its body starts
 * and gives them back when it ends (its sections were inspected by then), so thousands of flows do not each
 * allocate their own.
 */
const POOL: Uint8Array[] = [];
const POOL_MAX = 64;

function takeScratch(size: number): Uint8Array {
  const b = POOL.pop();
  return b !== undefined && b.length === size ? b : new Uint8Array(size);
}

function giveScratch(b: Uint8Array, size: number): void {
  if (b.length === size && POOL.length < POOL_MAX) POOL.push(b);
}

const newHalf = (max: number): Half => ({
  mode: 'head',
  reader: new HeadReader(max),
  body: null,
  inflaters: [],
  inspected: 0,
  cur: null,
  head: null,
  sniffed: false,
  raw: NONE,
  dec: NONE,
  secUs: -1,
});

/**
 * HTTP/1.x over one TCP connection: both directions' in-order bytes in, detection sections and
 * http.log transactions out. Never throws on input; memory per session is bounded by the limits
 * (head size, section size, pending requests, decompression caps).
 */
export class HttpSession {
  readonly lim: HttpLimits;
  readonly bufs = new HttpBuffersImpl();
  private readonly halves: [Half, Half];
  /** Capture time (µs) of the bytes being fed (set by the caller before `feed`): a section's time. */
  nowUs = 0;
  /** When set, the time of each byte fed (offsets from `feed`'s `off`), for sections that start inside. */
  clock: { at(k: number): number } | null = null;
  /** Requests in order; the response side answers pending[0]. */
  private readonly pending: TxState[] = [];
  private depth = 0;
  /** Capture time (seconds) of the data being fed: the caller sets it; stamps transactions (http.log ts). */
  now: number | null = null;
  private ended = [false, false];

  constructor(
    readonly events: EventCounts,
    limits?: Partial<HttpLimits>,
  ) {
    this.lim = httpLimits(limits);
    const max = this.lim.maxHeadBytes;
    this.halves = [newHalf(max), newHalf(max)];
  }

  feed(dir: HttpDir, data: Uint8Array, off: number, len: number, sink: HttpSink): void {
    const h = this.halves[dir];
    let i = off;
    const end = Math.min(off + len, data.length);
    while (i < end) {
      // The bytes read now open a section if none is under way: it carries their time (`nowUs`).
      if (h.secUs < 0) h.secUs = this.clock !== null ? this.clock.at(i - off) : this.nowUs;
      if (h.mode === 'head') i = this.feedHead(dir, h, data, i, end, sink);
      else if (h.mode === 'body') i = this.feedBody(dir, h, data, i, end, sink);
      else return;
    }
  }

  /** End of one direction (FIN/close): a body delimited by close ends here; at the server's end, pending pairs are logged. */
  end(dir: HttpDir, sink: HttpSink): void {
    if (this.ended[dir]) return;
    this.ended[dir] = true;
    const h = this.halves[dir];
    if (h.mode === 'body' && h.body !== null) {
      if (h.body.framing !== 'close') this.events.add(HttpWeird.truncatedMessage);
      this.finishBody(dir, h, sink);
    } else if (h.mode === 'head' && h.reader.started) {
      this.events.add(HttpWeird.truncatedMessage);
      this.flushTruncatedHead(dir, h, sink);
    }
    h.mode = 'dead';
    if (dir === 1 || this.ended[1]) {
      for (const t of this.pending.splice(0)) sink.transaction(t.tx);
    }
  }

  /**
   * The connection closed inside a head: a complete start line and the header lines so far are inspected
   * as a head (Snort 3 and Suricata both inspect truncated headers at close); a partial start line is not.
   */
  private flushTruncatedHead(dir: HttpDir, h: Half, sink: HttpSink): void {
    const got = h.reader.bytes();
    h.reader.reset();
    if (got.indexOf(0x0a) < 0) return;
    // Close the last line and the head, so the head parser sees the shape it always sees.
    let n = got.length;
    while (n > 0 && got[n - 1] === 0x0d) n--;
    const tail = got[n - 1] === 0x0a ? [0x0d, 0x0a] : [0x0d, 0x0a, 0x0d, 0x0a];
    const bytes = new Uint8Array(n + tail.length);
    bytes.set(got.subarray(0, n));
    bytes.set(tail, n);
    if (dir === 0) this.onRequestHead(h, bytes, sink);
    else this.onResponseHead(h, bytes, sink);
    if (h.mode === 'body' && h.body !== null) this.finishBody(dir, h, sink);
  }

  private feedHead(dir: HttpDir, h: Half, b: Uint8Array, i: number, e: number, sink: HttpSink): number {
    if (dir === 1 && !h.reader.started && this.pending[0]?.req?.version === '0.9') {
      // An HTTP/0.9 response has no head: the body runs to the end of the connection.
      this.startBody(dir, h, this.pending[0], null, 'close', 0, sink);
      return i;
    }
    if (!h.reader.started && !plausibleStart(dir, b, i, e)) {
      this.events.add(dir === 0 ? HttpWeird.badRequest : HttpWeird.badReply);
      h.mode = 'dead';
      return e;
    }
    const next = h.reader.feed(b, i, e, dir === 0 ? isHttp09Line : () => false);
    if (h.reader.state === 'overflow') {
      this.events.add(HttpWeird.headTooLarge);
      h.mode = 'dead';
      return e;
    }
    if (h.reader.state === 'done') {
      const bytes = h.reader.bytes();
      h.reader.reset();
      if (dir === 0) this.onRequestHead(h, bytes, sink);
      else this.onResponseHead(h, bytes, sink);
    }
    return next;
  }

  private onRequestHead(h: Half, bytes: Uint8Array, sink: HttpSink): void {
    const r = RequestHead.parse(bytes, this.events, this.lim);
    if (r === null) {
      h.mode = 'dead';
      return;
    }
    const t: TxState = { tx: newTransaction(++this.depth, this.now), req: r, resp: null, reqDone: false };
    fillRequest(t.tx, r);
    if (this.pending.length >= this.lim.maxPending) {
      this.events.add(HttpWeird.tooManyPending);
      sink.transaction(this.pending.shift()!.tx);
    }
    this.pending.push(t);
    h.cur = t;
    h.head = r.head;
    emitHead(this, 0, h, t, sink, bytes);
    const { framing, length } = bodyFraming(r.head, false, this.events);
    if (framing === null) this.endMessage(0, h, sink);
    else this.startBody(0, h, t, r.head, framing, length, sink);
  }

  private onResponseHead(h: Half, bytes: Uint8Array, sink: HttpSink): void {
    const r = ResponseHead.parse(bytes, this.events, this.lim);
    if (r === null) {
      h.mode = 'dead';
      return;
    }
    let t = this.pending[0];
    if (t === undefined) {
      this.events.add(HttpWeird.unmatchedReply);
      t = { tx: newTransaction(++this.depth, this.now), req: null, resp: null, reqDone: true };
      this.pending.push(t);
    }
    if (t.req !== null && t.req.version !== r.version && t.req.version !== '0.9') {
      this.events.add(HttpWeird.versionMismatch);
    }
    t.resp = r;
    fillResponse(t.tx, r);
    h.cur = t;
    h.head = r.head;
    emitHead(this, 1, h, t, sink, bytes);
    const method = t.req?.method ?? '';
    if (r.code === 101 || (method === 'CONNECT' && r.code >= 200 && r.code < 300)) {
      // The connection now carries another protocol: no more HTTP either way.
      this.pending.shift();
      sink.transaction(t.tx);
      this.halves[0].mode = 'tunnel';
      h.mode = 'tunnel';
      return;
    }
    const noBody = (r.code >= 100 && r.code < 200) || r.code === 204 || r.code === 304 || method === 'HEAD';
    const { framing, length } = noBody
      ? { framing: null, length: 0 }
      : bodyFraming(r.head, true, this.events);
    if (framing === null) this.endMessage(1, h, sink);
    else this.startBody(1, h, t, r.head, framing, length, sink);
  }

  private startBody(
    dir: HttpDir,
    h: Half,
    t: TxState,
    head: MessageHead | null,
    f: Framing,
    n: number,
    sink: HttpSink,
  ): void {
    h.cur = t;
    h.head = head;
    h.mode = 'body';
    h.inspected = 0;
    h.sniffed = false;
    // Most requests have no body: a direction takes unit buffers only while it reads one.
    if (h.raw.length === 0) {
      h.raw = takeScratch(this.lim.sectionBytes);
      h.dec = takeScratch(this.lim.sectionBytes);
    }
    h.body = new MessageBody(f, n, h.raw, h.dec, this.events, this.lim.maxHeadBytes, this.lim.sections);
    h.inflaters = this.lim.unzip ? contentCodings(head, this.lim, this.events) : [];
    if (h.body.done) this.finishBody(dir, h, sink);
  }

  private feedBody(dir: HttpDir, h: Half, b: Uint8Array, i: number, e: number, sink: HttpSink): number {
    const body = h.body!;
    const next = body.feed(b, i, e);
    if (body.done) this.finishBody(dir, h, sink);
    else if (body.unitFull) {
      emitBody(this, dir, h, sink);
      body.nextUnit();
    }
    return next;
  }

  private finishBody(dir: HttpDir, h: Half, sink: HttpSink): void {
    const body = h.body!;
    if (body.rawLen > 0) emitBody(this, dir, h, sink);
    if (body.framing === 'close' && h.inflaters.length === 0 && h.cur !== null) {
      // Zeek reads a body without length in line mode and counts every line end as CRLF, a final
      // unterminated line included: mirror that so http.log's *_body_len agree with Zeek's.
      const extra = body.bareLf + (body.lastByte >= 0 && body.lastByte !== 0x0a ? 2 : 0);
      if (dir === 0) h.cur.tx.request_body_len += extra;
      else h.cur.tx.response_body_len += extra;
    }
    const trailer = body.chunk?.trailer;
    if (trailer !== undefined && trailer.length > 0)
      emitTrailers(this, dir, h, Uint8Array.from(trailer), sink);
    this.endMessage(dir, h, sink);
  }

  private endMessage(dir: HttpDir, h: Half, sink: HttpSink): void {
    const t = h.cur;
    if (h.body !== null) {
      giveScratch(h.raw, this.lim.sectionBytes);
      giveScratch(h.body.dec, this.lim.sectionBytes);
      h.raw = h.dec = NONE;
    }
    h.body = null;
    for (const z of h.inflaters) z.end();
    h.inflaters = [];
    if (h.mode !== 'dead' && h.mode !== 'tunnel') h.mode = 'head';
    if (t === null) return;
    if (dir === 0) t.reqDone = true;
    else if (t.resp !== null && t.resp.code >= 200) {
      const k = this.pending.indexOf(t);
      if (k >= 0) this.pending.splice(k, 1);
      sink.transaction(t.tx);
    } else if (t.resp === null) {
      // HTTP/0.9 reply (no head) ends the pair too.
      const k = this.pending.indexOf(t);
      if (k >= 0) this.pending.splice(k, 1);
      sink.transaction(t.tx);
    }
  }
}

/**
 * Rejects a message at its first byte when it cannot be HTTP (TLS, binary protocols): requests start
 * with a token character, responses with 'H'. Leading empty lines are allowed.
 */
function plausibleStart(dir: HttpDir, b: Uint8Array, i: number, e: number): boolean {
  while (i < e && (b[i] === 0x0d || b[i] === 0x0a)) i++;
  if (i >= e) return true;
  return dir === 0 ? TCHAR[b[i]!] === 1 : (b[i]! | 0x20) === 0x68;
}

/** A request line with no version: HTTP/0.9, which has no headers. */
function isHttp09Line(line: Uint8Array): boolean {
  let e = line.length;
  while (e > 0 && (line[e - 1] === 0x0a || line[e - 1] === 0x0d)) e--;
  const rl = parseRequestLine(line, e);
  return rl !== null && rl.versionStart < 0;
}
