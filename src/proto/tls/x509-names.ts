import { hex } from '../../core/bytes.js';
import { children, oidText, Tag, type Tlv } from './der.js';

/** OpenSSL's short names, which Zeek's x509.log shows. */
// prettier-ignore
export const OID_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN', '2.5.4.4': 'SN', '2.5.4.5': 'serialNumber', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST',
  '2.5.4.9': 'street', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.12': 'title', '2.5.4.15': 'businessCategory',
  '2.5.4.17': 'postalCode', '2.5.4.42': 'GN', '1.2.840.113549.1.9.1': 'emailAddress',
  '0.9.2342.19200300.100.1.25': 'DC', '0.9.2342.19200300.100.1.1': 'UID',
  '1.3.6.1.4.1.311.60.2.1.3': 'jurisdictionC', '1.3.6.1.4.1.311.60.2.1.2': 'jurisdictionST',
  '1.2.840.113549.1.1.1': 'rsaEncryption', '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption', '1.2.840.113549.1.1.10': 'rsassaPss',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption', '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption', '1.2.840.10045.2.1': 'id-ecPublicKey',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1', '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384', '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.2.840.10040.4.1': 'dsaEncryption', '1.2.840.10040.4.3': 'dsaWithSHA1', '1.3.101.112': 'ED25519',
  '1.3.101.113': 'ED448', '1.2.840.10045.3.1.7': 'prime256v1', '1.3.132.0.34': 'secp384r1',
  '1.3.132.0.35': 'secp521r1', '1.3.132.0.10': 'secp256k1',
};

export const oidName = (oid: string): string => OID_NAMES[oid] ?? oid;

/** RFC 2253 escaping as OpenSSL's XN_FLAG_RFC2253 does it: specials with '\', other bytes as \XX. */
function escapeValue(bytes: number[]): string {
  let s = '';
  bytes.forEach((c, i) => {
    const special =
      c === 0x2c || c === 0x2b || c === 0x22 || c === 0x5c || c === 0x3c || c === 0x3e || c === 0x3b;
    const edge = (i === 0 && (c === 0x23 || c === 0x20)) || (i === bytes.length - 1 && c === 0x20);
    if (special || edge) s += `\\${String.fromCharCode(c)}`;
    else if (c < 0x20 || c >= 0x7f) s += `\\${c.toString(16).toUpperCase().padStart(2, '0')}`;
    else s += String.fromCharCode(c);
  });
  return s;
}

function valueText(b: Uint8Array, v: Tlv): string {
  if (v.tag === Tag.BMP) {
    // UCS-2 to UTF-8 bytes first, as OpenSSL's UTF8_CONVERT.
    let str = '';
    for (let i = v.start; i + 1 < v.end; i += 2) str += String.fromCharCode((b[i]! << 8) | b[i + 1]!);
    return escapeValue(Array.from(Buffer.from(str, 'utf8')));
  }
  const known = [Tag.UTF8, Tag.PRINTABLE, Tag.T61, Tag.IA5, Tag.UNIVERSAL, 0x1a] as number[];
  if (!known.includes(v.tag)) return `#${hex(b, v.start - 2, v.end)}`;
  return escapeValue(Array.from(b.subarray(v.start, v.end)));
}

/** A Name in RFC 2253 order (last RDN first), e.g. `CN=host,O=Org,C=US`. */
export function nameText(b: Uint8Array, name: Tlv): string | null {
  const rdns = children(b, name);
  if (rdns === null) return null;
  const parts: string[] = [];
  for (const rdn of rdns) {
    const atvs = children(b, rdn);
    if (atvs === null) return null;
    const inner: string[] = [];
    for (const atv of atvs) {
      const kv = children(b, atv);
      if (kv === null || kv.length < 2 || kv[0]!.tag !== Tag.OID) return null;
      inner.push(`${oidName(oidText(b, kv[0]!))}=${valueText(b, kv[1]!)}`);
    }
    parts.push(inner.join('+'));
  }
  return parts.reverse().join(',');
}

/** The first CN of a Name, unescaped (for host name checks). */
export function commonName(b: Uint8Array, name: Tlv): string | null {
  for (const rdn of children(b, name) ?? []) {
    for (const atv of children(b, rdn) ?? []) {
      const kv = children(b, atv);
      if (kv !== null && kv.length >= 2 && oidText(b, kv[0]!) === '2.5.4.3') {
        return Buffer.from(b.subarray(kv[1]!.start, kv[1]!.end)).toString('latin1');
      }
    }
  }
  return null;
}
