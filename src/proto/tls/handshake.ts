import type { EventCounts } from '../../core/counters.js';
import { u16be } from '../../core/bytes.js';
import { Ext, parseClientHello, parseServerHello, type ClientHello, type ServerHello } from './hello.js';
import { ja3, ja3s } from './ja3.js';
import { ja4, ja4s } from './ja4.js';
import { cipherName, curveName, historyLetter, versionName } from './names.js';
import type { SslLogRecord } from './record.js';
import { SslStateBit, versionBit, type SslFlags } from './state.js';
import { parseCertificate } from './x509.js';

export const HandshakeType = {
  CLIENT_HELLO: 1,
  SERVER_HELLO: 2,
  CERTIFICATE: 11,
  SERVER_KEY_EXCHANGE: 12,
  SERVER_HELLO_DONE: 14,
  CLIENT_KEY_EXCHANGE: 16,
} as const;

/** ServerHello.random of a HelloRetryRequest (RFC 8446 §4.1.3). */
const HRR_RANDOM = 'cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c';

/** Most certificates kept from one Certificate message (the chain is rarely longer than 4). */
const MAX_CERTS = 10;

/** What handshake processing reads and updates: the log record, Snort's flags, and the hellos. */
export interface HandshakeState {
  /** Whether the record gets the JA3/JA4 fingerprints (only ssl.log uses them). */
  fingerprints: boolean;
  rec: SslLogRecord;
  flags: SslFlags;
  events: EventCounts;
  clientHello: ClientHello | null;
  serverHello: ServerHello | null;
  /** Raw hello messages (header included) per direction: the ssl_hello buffer. */
  hello: [Uint8Array | null, Uint8Array | null];
  /** Negotiated version (supported_versions wins), 0 until the ServerHello. */
  version: number;
  clientKeyExchangeSeen: boolean;
  clientTicketEmptySession: boolean;
  clientPsk: boolean;
  sessionId: string | null;
}

export function addHistory(rec: SslLogRecord, dir: 0 | 1, letter: string): void {
  // Zeek's SSL::max_ssl_history_length.
  if (rec.ssl_history.length >= 100) return;
  rec.ssl_history += dir === 0 ? letter.toUpperCase() : letter;
}

const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** One complete handshake message `b[p..end)` (4-byte header included) sent in direction `dir`. */
export function onHandshake(s: HandshakeState, dir: 0 | 1, b: Uint8Array, p: number, end: number): void {
  const type = b[p]!;
  const body = p + 4;
  const hrr =
    type === HandshakeType.SERVER_HELLO &&
    end - body >= 34 &&
    hexOf(b.subarray(body + 2, body + 34)) === HRR_RANDOM;
  addHistory(s.rec, dir, hrr ? 'j' : historyLetter(type));
  switch (type) {
    case HandshakeType.CLIENT_HELLO:
      return clientHello(s, b, p, end);
    case HandshakeType.SERVER_HELLO:
      return serverHello(s, b, p, end);
    case HandshakeType.CERTIFICATE:
      // TLS 1.3 certificates are encrypted, and their framing differs: only ≤ 1.2 is parsed.
      if (s.version !== 0x0304) certificates(s, dir, b, body, end);
      return;
    case HandshakeType.SERVER_KEY_EXCHANGE:
      s.flags.stateBits |= SslStateBit.SERVER_KEYX;
      // ECDHE with a named curve: curve_type 3, then the curve id.
      if (end - body >= 3 && b[body] === 3) s.rec.curve = curveName(u16be(b, body + 1));
      return;
    case HandshakeType.CLIENT_KEY_EXCHANGE:
      s.flags.stateBits |= SslStateBit.CLIENT_KEYX;
      s.clientKeyExchangeSeen = true;
      return;
  }
}

function clientHello(s: HandshakeState, b: Uint8Array, p: number, end: number): void {
  s.flags.stateBits |= SslStateBit.CLIENT_HELLO;
  s.hello[0] = b.slice(p, end);
  const ch = parseClientHello(b, p + 4, end);
  if (ch === null) {
    s.events.add('SSL_client_hello_malformed');
    return;
  }
  s.clientHello = ch;
  s.flags.versionBits |= versionBit(ch.version);
  const ticket = ch.extensions.find((e) => e.type === Ext.SESSION_TICKET);
  if (ticket !== undefined && ticket.data.length > 0) s.clientTicketEmptySession = true;
  if (ch.extensions.some((e) => e.type === Ext.PRE_SHARED_KEY)) s.clientPsk = true;
  if (ch.sessionId.length > 0 && ch.sessionId.some((x) => x !== 0)) {
    s.sessionId = hexOf(ch.sessionId);
    s.clientTicketEmptySession = false;
  }
  if (ch.serverNames.length > 0) {
    s.rec.server_name = ch.serverNames[0]!;
    if (ch.serverNames.length > 1) s.events.add('SSL_many_server_names');
  }
  if (s.fingerprints) {
    s.rec.ja3 = ja3(ch);
    s.rec.ja4 = ja4(ch);
  }
}

function serverHello(s: HandshakeState, b: Uint8Array, p: number, end: number): void {
  s.flags.stateBits |= SslStateBit.SERVER_HELLO;
  s.hello[1] = b.slice(p, end);
  const sh = parseServerHello(b, p + 4, end);
  if (sh === null) {
    s.events.add('SSL_server_hello_malformed');
    return;
  }
  s.serverHello = sh;
  s.version = sh.selectedVersion ?? sh.version;
  s.flags.versionBits |= versionBit(s.version);
  s.rec.version = versionName(s.version);
  s.rec.cipher = cipherName(sh.cipher);
  if (sh.keyShareGroup !== null) s.rec.curve = curveName(sh.keyShareGroup);
  if (sh.alpn.length > 0) s.rec.next_protocol = sh.alpn[0]!;
  const resumedById = s.sessionId !== null && s.sessionId === hexOf(sh.sessionId);
  if (resumedById && s.version >> 8 !== 0x7f && s.version !== 0x0304) s.rec.resumed = true;
  if (s.clientPsk && sh.extensions.some((e) => e.type === Ext.PRE_SHARED_KEY)) s.rec.resumed = true;
  if (s.fingerprints) {
    s.rec.ja3s = ja3s(sh);
    s.rec.ja4s = ja4s(sh);
  }
}

function certificates(s: HandshakeState, dir: 0 | 1, b: Uint8Array, p: number, end: number): void {
  if (end - p < 3) return;
  const stop = Math.min(end, p + 3 + ((b[p]! << 16) | u16be(b, p + 1)));
  const fps = dir === 1 ? s.rec.cert_chain_fps : s.rec.client_cert_chain_fps;
  const certs = dir === 1 ? s.rec.certs : s.rec.client_certs;
  for (let q = p + 3; q + 3 <= stop && certs.length < MAX_CERTS;) {
    const len = (b[q]! << 16) | u16be(b, q + 1);
    if (q + 3 + len > stop) {
      s.events.add('SSL_certificate_length_mismatch');
      return;
    }
    const cert = parseCertificate(b.subarray(q + 3, q + 3 + len));
    if (cert === null) s.events.add('x509_certificate_parse_error');
    else {
      certs.push(cert);
      fps.push(cert.fingerprint);
    }
    q += 3 + len;
  }
}
