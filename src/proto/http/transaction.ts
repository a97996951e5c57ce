import type { RequestHead, ResponseHead } from './request.js';
import type { HttpTransaction } from './types.js';

/** Headers that mark a proxied request (Zeek's HTTP::proxy_headers). */
const PROXY_HEADERS = [
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-from',
  'client-ip',
  'via',
  'xroxy-connection',
  'proxy-connection',
];

export function newTransaction(depth: number, ts: number | null = null): HttpTransaction {
  return {
    ts,
    trans_depth: depth,
    method: null,
    host: null,
    uri: null,
    referrer: null,
    version: null,
    user_agent: null,
    origin: null,
    request_body_len: 0,
    response_body_len: 0,
    status_code: null,
    status_msg: null,
    info_code: null,
    info_msg: null,
    tags: [],
    username: null,
    password: null,
    proxied: [],
    orig_fuids: [],
    orig_filenames: [],
    orig_mime_types: [],
    resp_fuids: [],
    resp_filenames: [],
    resp_mime_types: [],
  };
}

/** Zeek's http_request / http_header handlers for the client side. */
export function fillRequest(tx: HttpTransaction, r: RequestHead): void {
  const h = r.head;
  tx.method = r.method;
  // Native latin1 decoding: no argument spread (a 64 KiB target would overflow the call stack).
  const u = r.rawUri;
  tx.uri = Buffer.from(u.data.buffer, u.data.byteOffset + u.off, u.len).toString('latin1');
  tx.version = r.version;
  tx.host = h.value('host');
  tx.referrer = h.value('referer');
  tx.user_agent = h.value('user-agent');
  tx.origin = h.value('origin');
  for (const p of PROXY_HEADERS) {
    const v = h.value(p);
    if (v !== null) tx.proxied.push(`${p.toUpperCase()} -> ${v}`);
  }
  const auth = h.value('authorization');
  if (auth !== null && /^basic /i.test(auth)) {
    const userpass = Buffer.from(auth.slice(6).trim(), 'base64').toString('latin1');
    const colon = userpass.indexOf(':');
    // Zeek keeps the password only with HTTP::default_capture_password (off by default).
    tx.username = colon >= 0 ? userpass.slice(0, colon) : `<problem-decoding>`;
  }
}

/** Zeek's http_reply: 1xx are informational (info_code), the rest final; the reply's version wins. */
export function fillResponse(tx: HttpTransaction, r: ResponseHead): void {
  if (r.code >= 100 && r.code < 200) {
    tx.info_code = r.code;
    tx.info_msg = r.msg;
  } else {
    tx.status_code = r.code;
    tx.status_msg = r.msg;
  }
  tx.version = r.version;
}
