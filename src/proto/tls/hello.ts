import { latin1, u16be } from '../../core/bytes.js';

export interface TlsExtension {
  type: number;
  data: Uint8Array;
}

export interface ClientHello {
  version: number;
  random: Uint8Array;
  sessionId: Uint8Array;
  ciphers: number[];
  compression: number[];
  extensions: TlsExtension[];
  serverNames: string[];
  alpn: string[];
  supportedVersions: number[];
  groups: number[];
  pointFormats: number[];
  sigAlgs: number[];
}

export interface ServerHello {
  version: number;
  random: Uint8Array;
  sessionId: Uint8Array;
  cipher: number;
  compression: number;
  extensions: TlsExtension[];
  /** supported_versions (TLS 1.3): the negotiated version, or null. */
  selectedVersion: number | null;
  alpn: string[];
  /** key_share (TLS 1.3): the server's group, or null. */
  keyShareGroup: number | null;
}

export const Ext = {
  SERVER_NAME: 0,
  SUPPORTED_GROUPS: 10,
  EC_POINT_FORMATS: 11,
  SIGNATURE_ALGORITHMS: 13,
  ALPN: 16,
  SESSION_TICKET: 35,
  PRE_SHARED_KEY: 41,
  SUPPORTED_VERSIONS: 43,
  KEY_SHARE: 51,
} as const;

/** u16 list with a length prefix of `lenBytes` (1 or 2) at `p`; null when it overruns `end` or is odd. */
function u16List(b: Uint8Array, p: number, end: number, lenBytes: 1 | 2): number[] | null {
  if (p + lenBytes > end) return null;
  const n = lenBytes === 1 ? b[p]! : u16be(b, p);
  p += lenBytes;
  if (p + n > end || n % 2 !== 0) return null;
  const out: number[] = [];
  for (let i = 0; i < n; i += 2) out.push(u16be(b, p + i));
  return out;
}

function u8List(b: Uint8Array, p: number, end: number): number[] | null {
  if (p >= end) return null;
  const n = b[p]!;
  if (p + 1 + n > end) return null;
  return Array.from(b.subarray(p + 1, p + 1 + n));
}

/** Extensions block at `p` (2-byte total length); null when malformed. Absent block = []. */
function extensions(b: Uint8Array, p: number, end: number): TlsExtension[] | null {
  if (p === end) return [];
  if (p + 2 > end) return null;
  const stop = p + 2 + u16be(b, p);
  if (stop > end) return null;
  p += 2;
  const out: TlsExtension[] = [];
  while (p < stop) {
    if (p + 4 > stop) return null;
    const len = u16be(b, p + 2);
    if (p + 4 + len > stop) return null;
    out.push({ type: u16be(b, p), data: b.subarray(p + 4, p + 4 + len) });
    p += 4 + len;
  }
  return out;
}

function serverNames(d: Uint8Array): string[] {
  const out: string[] = [];
  if (d.length < 2) return out;
  const end = Math.min(d.length, 2 + u16be(d, 0));
  for (let p = 2; p + 3 <= end;) {
    const len = u16be(d, p + 1);
    if (p + 3 + len > end) break;
    if (d[p] === 0) out.push(latin1(d, p + 3, p + 3 + len));
    p += 3 + len;
  }
  return out;
}

function alpnList(d: Uint8Array): string[] {
  const out: string[] = [];
  if (d.length < 2) return out;
  const end = Math.min(d.length, 2 + u16be(d, 0));
  for (let p = 2; p < end;) {
    const len = d[p]!;
    if (p + 1 + len > end) break;
    out.push(latin1(d, p + 1, p + 1 + len));
    p += 1 + len;
  }
  return out;
}

/** Common prefix of both hellos: version, random, session id. Returns the offset after it or -1. */
function helloPrefix(b: Uint8Array, p: number, end: number): number {
  if (p + 35 > end) return -1;
  const sidLen = b[p + 34]!;
  if (sidLen > 32 || p + 35 + sidLen > end) return -1;
  return p + 35 + sidLen;
}

/** ClientHello body `b[p..end)` (after the 4-byte handshake header); null when malformed. */
export function parseClientHello(b: Uint8Array, p: number, end: number): ClientHello | null {
  let q = helloPrefix(b, p, end);
  if (q < 0) return null;
  const ciphers = u16List(b, q, end, 2);
  if (ciphers === null) return null;
  q += 2 + ciphers.length * 2;
  const compression = u8List(b, q, end);
  if (compression === null) return null;
  q += 1 + compression.length;
  const exts = extensions(b, q, end);
  if (exts === null) return null;
  const ch: ClientHello = {
    version: u16be(b, p),
    random: b.slice(p + 2, p + 34),
    sessionId: b.slice(p + 35, p + 35 + b[p + 34]!),
    ciphers,
    compression,
    extensions: exts.map((e) => ({ type: e.type, data: e.data.slice() })),
    serverNames: [],
    alpn: [],
    supportedVersions: [],
    groups: [],
    pointFormats: [],
    sigAlgs: [],
  };
  for (const e of ch.extensions) {
    const d = e.data;
    if (e.type === Ext.SERVER_NAME) ch.serverNames = serverNames(d);
    else if (e.type === Ext.ALPN) ch.alpn = alpnList(d);
    else if (e.type === Ext.SUPPORTED_VERSIONS) ch.supportedVersions = u16List(d, 0, d.length, 1) ?? [];
    else if (e.type === Ext.SUPPORTED_GROUPS) ch.groups = u16List(d, 0, d.length, 2) ?? [];
    else if (e.type === Ext.EC_POINT_FORMATS) ch.pointFormats = u8List(d, 0, d.length) ?? [];
    else if (e.type === Ext.SIGNATURE_ALGORITHMS) ch.sigAlgs = u16List(d, 0, d.length, 2) ?? [];
  }
  return ch;
}

/** ServerHello body (after the handshake header); null when malformed. */
export function parseServerHello(b: Uint8Array, p: number, end: number): ServerHello | null {
  let q = helloPrefix(b, p, end);
  if (q < 0 || q + 3 > end) return null;
  const cipher = u16be(b, q);
  const compression = b[q + 2]!;
  q += 3;
  const exts = extensions(b, q, end);
  if (exts === null) return null;
  const sh: ServerHello = {
    version: u16be(b, p),
    random: b.slice(p + 2, p + 34),
    sessionId: b.slice(p + 35, p + 35 + b[p + 34]!),
    cipher,
    compression,
    extensions: exts.map((e) => ({ type: e.type, data: e.data.slice() })),
    selectedVersion: null,
    alpn: [],
    keyShareGroup: null,
  };
  for (const e of sh.extensions) {
    const d = e.data;
    if (e.type === Ext.SUPPORTED_VERSIONS && d.length === 2) sh.selectedVersion = u16be(d, 0);
    else if (e.type === Ext.ALPN) sh.alpn = alpnList(d);
    else if (e.type === Ext.KEY_SHARE && d.length >= 2) sh.keyShareGroup = u16be(d, 0);
  }
  return sh;
}
