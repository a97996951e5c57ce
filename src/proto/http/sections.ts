import type { EventCounts } from '../../core/counters.js';
import type { HttpBuffersImpl } from './buffers.js';
import type { HttpLimits } from './limits.js';
import { sniffMime } from './mime.js';
import type { Half, TxState } from './session.js';
import type { BufferView, HttpDir, HttpSink } from './types.js';
import { classicNormalize } from './uri-norm.js';

/** What the section emitters need from the session. */
export interface SectionHost {
  readonly bufs: HttpBuffersImpl;
  readonly lim: HttpLimits;
  readonly events: EventCounts;
}

const view = (data: Uint8Array, off = 0, len = data.length): BufferView => ({ data, off, len });

/**
 * Buffers of the section's message head. Response sections also carry the request's method, URI and
 * request line (Snort 3 lets http_uri match in the response of the same transaction).
 */
function fillHead(b: HttpBuffersImpl, dir: HttpDir, t: TxState): void {
  b.reset();
  const q = t.req;
  if (q !== null) {
    b.http_method = q.methodView;
    b.http_uri = q.uri;
    b.http_raw_uri = q.rawUri;
    b.http_raw_request = q.rawRequest;
    if (dir === 0) {
      b.http_version = q.versionView;
      b.http_true_ip = q.trueIp;
    }
  }
  const head = dir === 0 ? (q?.head ?? null) : (t.resp?.head ?? null);
  if (dir === 1 && t.resp !== null) {
    const r = t.resp;
    b.http_stat_code = r.codeView;
    b.http_stat_msg = r.msgView;
    b.http_version = r.versionView;
    b.http_raw_status = r.rawStatus;
  }
  if (head !== null) {
    b.head = head;
    b.http_header = head.header;
    b.http_raw_header = head.rawHeader;
    b.http_cookie = head.cookie;
    b.http_raw_cookie = head.rawCookie;
  }
}

/** The time of the section being emitted; the next section's first byte sets its own. */
function takeSectionUs(h: Half): number {
  const us = h.secUs;
  h.secUs = -1;
  return us;
}

export function emitHead(
  s: SectionHost,
  dir: HttpDir,
  h: Half,
  t: TxState,
  sink: HttpSink,
  raw: Uint8Array,
): void {
  const us = takeSectionUs(h);
  if (!s.lim.sections) return;
  fillHead(s.bufs, dir, t);
  s.bufs.sectionUs = us;
  sink.section(dir, 'headers', raw, 0, raw.length, s.bufs);
}

/** Emits the current body unit: decompressed, cut to the inspection depth, in slices of sectionBytes. */
export function emitBody(s: SectionHost, dir: HttpDir, h: Half, sink: HttpSink): void {
  const body = h.body!;
  const us = takeSectionUs(h);
  const t = h.cur;
  let out = body.dec.subarray(0, body.decLen);
  for (const z of h.inflaters) if (out.length > 0) out = z.push(out, body.done);
  if (t !== null) {
    if (dir === 0) t.tx.request_body_len += out.length;
    else t.tx.response_body_len += out.length;
    if (!h.sniffed && out.length > 0) {
      h.sniffed = true;
      const m = sniffMime(out.subarray(0, 1024));
      if (m !== null) (dir === 0 ? t.tx.orig_mime_types : t.tx.resp_mime_types).push(m);
    }
  }
  if (!s.lim.sections) return;
  const depth = dir === 0 ? s.lim.requestDepth : s.lim.responseDepth;
  if (depth >= 0) {
    const room = Math.max(0, depth - h.inspected);
    // Past the depth nothing more of the body is inspected (Snort's request_depth/response_depth).
    if (room === 0) return;
    out = out.subarray(0, room);
  }
  h.inspected += out.length;
  const step = s.lim.sectionBytes;
  let first = true;
  for (let o = 0; first || o < out.length; o += step) {
    const piece = out.subarray(o, Math.min(out.length, o + step));
    if (t !== null) fillHead(s.bufs, dir, t);
    else s.bufs.reset();
    const pv = view(piece);
    s.bufs.http_raw_body = pv;
    s.bufs.file_data = pv;
    if (dir === 0) s.bufs.http_client_body = view(classicNormalize(piece, 0, piece.length, s.lim));
    s.bufs.sectionUs = us;
    sink.section(dir, 'body', body.raw, 0, first ? body.bodyRawLen : 0, s.bufs);
    first = false;
  }
}

export function emitTrailers(s: SectionHost, dir: HttpDir, h: Half, raw: Uint8Array, sink: HttpSink): void {
  if (!s.lim.sections) return;
  const t = h.cur;
  if (t !== null) fillHead(s.bufs, dir, t);
  else s.bufs.reset();
  let n = raw.length;
  while (n > 0 && (raw[n - 1] === 0x0a || raw[n - 1] === 0x0d)) n--;
  s.bufs.http_raw_trailer = view(raw, 0, n);
  s.bufs.http_trailer = view(classicNormalize(raw, 0, n, s.lim));
  s.bufs.sectionUs = takeSectionUs(h);
  sink.section(dir, 'trailers', raw, 0, raw.length, s.bufs);
}
