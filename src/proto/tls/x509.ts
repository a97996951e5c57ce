import { createHash } from 'node:crypto';
import { ipText } from '../../output/addr.js';
import { latin1 } from '../../core/bytes.js';
import { children, derTime, oidText, Tag, tlv, type Tlv } from './der.js';
import { commonName, nameText, oidName } from './x509-names.js';

/** The fields of Zeek's x509.log that a certificate carries (names as there, without `certificate.`). */
export interface X509Cert {
  fingerprint: string;
  version: number;
  serial: string;
  subject: string;
  issuer: string;
  /** Seconds since the epoch. */
  not_valid_before: number | null;
  not_valid_after: number | null;
  key_alg: string;
  sig_alg: string;
  key_type: string | null;
  key_length: number | null;
  exponent: string | null;
  curve: string | null;
  san_dns: string[];
  san_uri: string[];
  san_email: string[];
  san_ip: string[];
  basic_constraints_ca: boolean | null;
  basic_constraints_path_len: number | null;
  /** Subject CN, unescaped, for host name checks. */
  cn: string | null;
}

const CURVE_BITS: Record<string, number> = {
  prime256v1: 256,
  secp384r1: 384,
  secp521r1: 521,
  secp256k1: 256,
};

function bitLength(b: Uint8Array, t: Tlv): number {
  let p = t.start;
  while (p < t.end && b[p] === 0) p++;
  if (p === t.end) return 0;
  return (t.end - p - 1) * 8 + (32 - Math.clz32(b[p]!));
}

/** Serial as OpenSSL prints it: upper-case hex of the value bytes (a sign-only leading zero dropped). */
function serialText(b: Uint8Array, t: Tlv): string {
  let p = t.start;
  if (t.end - p > 1 && b[p] === 0 && b[p + 1]! >= 0x80) p++;
  let s = '';
  for (let i = p; i < t.end; i++) s += b[i]!.toString(16).toUpperCase().padStart(2, '0');
  return s;
}

function intValue(b: Uint8Array, t: Tlv): number {
  let v = 0;
  for (let i = t.start; i < t.end; i++) v = v * 256 + b[i]!;
  return v;
}

function publicKey(b: Uint8Array, spki: Tlv, cert: X509Cert): void {
  const [alg, bits] = children(b, spki) ?? [];
  const algParts = alg === undefined ? null : children(b, alg);
  if (algParts === null || algParts[0] === undefined || bits === undefined) return;
  const oid = oidText(b, algParts[0]);
  cert.key_alg = oidName(oid);
  if (oid === '1.2.840.113549.1.1.1') {
    cert.key_type = 'rsa';
    const seq = tlv(b, bits.start + 1, bits.end);
    const [mod, exp] = seq === null ? [] : (children(b, seq) ?? []);
    if (mod !== undefined) cert.key_length = bitLength(b, mod);
    if (exp !== undefined) cert.exponent = String(intValue(b, exp));
  } else if (oid === '1.2.840.10045.2.1') {
    cert.key_type = 'ecdsa';
    const p = algParts[1];
    if (p !== undefined && p.tag === Tag.OID) {
      cert.curve = oidName(oidText(b, p));
      cert.key_length = CURVE_BITS[cert.curve] ?? null;
    }
  } else if (oid === '1.2.840.10040.4.1') cert.key_type = 'dsa';
}

function extensions(b: Uint8Array, exts: Tlv, cert: X509Cert): void {
  const seq = tlv(b, exts.start, exts.end);
  for (const ext of seq === null ? [] : (children(b, seq) ?? [])) {
    const parts = children(b, ext);
    if (parts === null || parts.length < 2) continue;
    const oid = oidText(b, parts[0]!);
    const val = parts[parts.length - 1]!;
    const inner = tlv(b, val.start, val.end);
    if (inner === null) continue;
    if (oid === '2.5.29.17') {
      for (const gn of children(b, inner) ?? []) {
        const text = latin1(b, gn.start, gn.end);
        if (gn.tag === 0x82) cert.san_dns.push(text);
        else if (gn.tag === 0x86) cert.san_uri.push(text);
        else if (gn.tag === 0x81) cert.san_email.push(text);
        else if (gn.tag === 0x87 && (gn.end - gn.start === 4 || gn.end - gn.start === 16)) {
          const a = new Uint8Array(16);
          a.set(b.subarray(gn.start, gn.end));
          cert.san_ip.push(ipText(gn.end - gn.start === 4 ? 4 : 6, a));
        }
      }
    } else if (oid === '2.5.29.19') {
      const bc = children(b, inner) ?? [];
      cert.basic_constraints_ca = bc[0]?.tag === Tag.BOOLEAN && b[bc[0].start] !== 0;
      const pl = bc.find((t) => t.tag === Tag.INTEGER);
      if (pl !== undefined) cert.basic_constraints_path_len = intValue(b, pl);
    }
  }
}

/** Parse one DER certificate; null when it is not a well-formed X.509 certificate. */
export function parseCertificate(der: Uint8Array): X509Cert | null {
  const top = tlv(der, 0, der.length);
  const parts = top === null ? null : children(der, top);
  if (parts === null || parts.length < 3) return null;
  const tbs = children(der, parts[0]!);
  const sigAlg = children(der, parts[1]!);
  if (tbs === null || sigAlg === null || sigAlg[0] === undefined) return null;
  let i = 0;
  let version = 1;
  if (tbs[0]?.tag === 0xa0) {
    const v = tlv(der, tbs[0].start, tbs[0].end);
    if (v !== null) version = intValue(der, v) + 1;
    i = 1;
  }
  const [serial, , issuer, validity, subject, spki] = tbs.slice(i);
  if (serial === undefined || issuer === undefined || validity === undefined || subject === undefined)
    return null;
  const times = children(der, validity) ?? [];
  const cert: X509Cert = {
    fingerprint: createHash('sha256').update(der).digest('hex'),
    version,
    serial: serialText(der, serial),
    subject: nameText(der, subject) ?? '',
    issuer: nameText(der, issuer) ?? '',
    not_valid_before: times[0] === undefined ? null : derTime(der, times[0]),
    not_valid_after: times[1] === undefined ? null : derTime(der, times[1]),
    key_alg: '',
    sig_alg: oidName(oidText(der, sigAlg[0])),
    key_type: null,
    key_length: null,
    exponent: null,
    curve: null,
    san_dns: [],
    san_uri: [],
    san_email: [],
    san_ip: [],
    basic_constraints_ca: null,
    basic_constraints_path_len: null,
    cn: commonName(der, subject),
  };
  if (spki !== undefined) publicKey(der, spki, cert);
  const exts = tbs.find((t) => t.tag === 0xa3);
  if (exts !== undefined) extensions(der, exts, cert);
  return cert;
}

/** Whether `host` is covered by the certificate's DNS names (SAN, else CN); `*.` matches one label. */
export function certMatchesHost(cert: X509Cert, host: string): boolean {
  const h = host.toLowerCase();
  const names = cert.san_dns.length > 0 ? cert.san_dns : cert.cn === null ? [] : [cert.cn];
  return names.some((n) => {
    const p = n.toLowerCase();
    if (p === h) return true;
    if (!p.startsWith('*.')) return false;
    const dot = h.indexOf('.');
    return dot > 0 && h.slice(dot) === p.slice(1);
  });
}
