import { latin1 } from '../../core/bytes.js';
import type { EventCounts } from '../../core/counters.js';
import type { HttpLimits } from './limits.js';
import { MessageHead } from './message-head.js';
import { isKnownMethod } from './methods.js';
import { parseRequestLine, parseStatusLine, versionNumber } from './start-line.js';
import type { BufferView } from './types.js';
import { normalizeUri } from './uri-norm.js';
import { HttpWeird } from './weirds.js';

const view = (data: Uint8Array, off: number, len: number): BufferView => ({ data, off, len });

/** A parsed request head and its start-line buffers. */
export class RequestHead {
  readonly method: string;
  readonly version: string;
  readonly methodView: BufferView;
  readonly rawUri: BufferView;
  readonly versionView: BufferView | null;
  readonly rawRequest: BufferView;
  private uriBuf: BufferView | null = null;
  private trueIpBuf: BufferView | null | undefined = undefined;

  private constructor(
    readonly head: MessageHead,
    rl: NonNullable<ReturnType<typeof parseRequestLine>>,
    private readonly lim: HttpLimits,
  ) {
    const b = head.bytes;
    this.method = latin1(b, 0, rl.methodEnd);
    this.methodView = view(b, 0, rl.methodEnd);
    this.rawUri = view(b, rl.uriStart, rl.uriEnd - rl.uriStart);
    this.versionView = rl.versionStart < 0 ? null : view(b, rl.versionStart, rl.versionEnd - rl.versionStart);
    this.version = rl.versionStart < 0 ? '0.9' : versionNumber(b, rl.versionStart, rl.versionEnd);
    this.rawRequest = view(b, 0, head.startEnd);
  }

  /** http_uri: the normalized URI, built on first use (http.log needs only the raw one). */
  get uri(): BufferView {
    if (this.uriBuf === null) {
      const r = this.rawUri;
      const norm = normalizeUri(r.data, r.off, r.len, this.method === 'CONNECT', this.lim);
      this.uriBuf = view(norm, 0, norm.length);
    }
    return this.uriBuf;
  }

  get trueIp(): BufferView | null {
    if (this.trueIpBuf === undefined) this.trueIpBuf = trueIp(this.head);
    return this.trueIpBuf;
  }

  /** null (and `bad_HTTP_request`) when the start line is not a request line. */
  static parse(bytes: Uint8Array, ev: EventCounts, lim: HttpLimits): RequestHead | null {
    const head = new MessageHead(bytes, true, ev, lim);
    const rl = parseRequestLine(bytes, head.startEnd);
    if (rl === null) {
      ev.add(HttpWeird.badRequest);
      return null;
    }
    const r = new RequestHead(head, rl, lim);
    if (!isKnownMethod(r.method)) ev.add(HttpWeird.unknownMethod);
    return r;
  }
}

/** First address of X-Forwarded-For, else True-Client-IP (Snort's default xff_headers order). */
function trueIp(head: MessageHead): BufferView | null {
  const v = head.fieldView('x-forwarded-for') ?? head.fieldView('true-client-ip');
  if (v === null) return null;
  let e = v.off;
  while (e < v.off + v.len && v.data[e] !== 0x2c) e++;
  let s = v.off;
  while (s < e && v.data[s] === 0x20) s++;
  while (e > s && v.data[e - 1] === 0x20) e--;
  return view(v.data, s, e - s);
}

/** A parsed status line and head. */
export class ResponseHead {
  readonly code: number;
  readonly msg: string;
  readonly version: string;
  readonly codeView: BufferView;
  readonly msgView: BufferView;
  readonly versionView: BufferView;
  readonly rawStatus: BufferView;

  private constructor(
    readonly head: MessageHead,
    sl: NonNullable<ReturnType<typeof parseStatusLine>>,
  ) {
    const b = head.bytes;
    this.code = sl.code;
    this.codeView = view(b, sl.codeStart, 3);
    this.msgView = view(b, sl.msgStart, sl.msgEnd - sl.msgStart);
    this.msg = latin1(b, sl.msgStart, sl.msgEnd);
    this.versionView = view(b, 0, sl.versionEnd);
    this.version = versionNumber(b, 0, sl.versionEnd);
    this.rawStatus = view(b, 0, head.startEnd);
  }

  static parse(bytes: Uint8Array, ev: EventCounts, lim: HttpLimits): ResponseHead | null {
    const head = new MessageHead(bytes, false, ev, lim);
    const sl = parseStatusLine(bytes, head.startEnd);
    if (sl === null) {
      ev.add(HttpWeird.badReply);
      return null;
    }
    return new ResponseHead(head, sl);
  }
}
