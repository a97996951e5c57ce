/** Zeek's names for TLS codes (scripts/base/protocols/ssl/consts.zeek), so ssl.log reads the same. */

export function versionName(v: number): string {
  switch (v) {
    case 0x0002:
      return 'SSLv2';
    case 0x0300:
      return 'SSLv3';
    case 0x0301:
      return 'TLSv10';
    case 0x0302:
      return 'TLSv11';
    case 0x0303:
      return 'TLSv12';
    case 0x0304:
      return 'TLSv13';
    case 0xfeff:
      return 'DTLSv10';
    case 0xfefd:
      return 'DTLSv12';
    case 0xfefc:
      return 'DTLSv13';
  }
  if (v >> 8 === 0x7f) return `TLSv13-draft${v & 0xff}`;
  return `unknown-${v}`;
}

// prettier-ignore
const CIPHERS: Record<number, string> = {
  0x0000: 'TLS_NULL_WITH_NULL_NULL', 0x0001: 'TLS_RSA_WITH_NULL_MD5', 0x0002: 'TLS_RSA_WITH_NULL_SHA',
  0x0004: 'TLS_RSA_WITH_RC4_128_MD5', 0x0005: 'TLS_RSA_WITH_RC4_128_SHA', 0x000a: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
  0x0013: 'TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA', 0x0016: 'TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA',
  0x002f: 'TLS_RSA_WITH_AES_128_CBC_SHA', 0x0032: 'TLS_DHE_DSS_WITH_AES_128_CBC_SHA',
  0x0033: 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA', 0x0035: 'TLS_RSA_WITH_AES_256_CBC_SHA',
  0x0038: 'TLS_DHE_DSS_WITH_AES_256_CBC_SHA', 0x0039: 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA',
  0x003c: 'TLS_RSA_WITH_AES_128_CBC_SHA256', 0x003d: 'TLS_RSA_WITH_AES_256_CBC_SHA256',
  0x0041: 'TLS_RSA_WITH_CAMELLIA_128_CBC_SHA', 0x0045: 'TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA',
  0x0067: 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA256', 0x006b: 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA256',
  0x0084: 'TLS_RSA_WITH_CAMELLIA_256_CBC_SHA', 0x0088: 'TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA',
  0x009c: 'TLS_RSA_WITH_AES_128_GCM_SHA256', 0x009d: 'TLS_RSA_WITH_AES_256_GCM_SHA384',
  0x009e: 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256', 0x009f: 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384',
  0x00ff: 'TLS_EMPTY_RENEGOTIATION_INFO_SCSV',
  0x1301: 'TLS_AES_128_GCM_SHA256', 0x1302: 'TLS_AES_256_GCM_SHA384', 0x1303: 'TLS_CHACHA20_POLY1305_SHA256',
  0x1304: 'TLS_AES_128_CCM_SHA256', 0x1305: 'TLS_AES_128_CCM_8_SHA256', 0x5600: 'TLS_FALLBACK_SCSV',
  0xc002: 'TLS_ECDH_ECDSA_WITH_RC4_128_SHA', 0xc004: 'TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA',
  0xc005: 'TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA', 0xc007: 'TLS_ECDHE_ECDSA_WITH_RC4_128_SHA',
  0xc008: 'TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA', 0xc009: 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA',
  0xc00a: 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA', 0xc00c: 'TLS_ECDH_RSA_WITH_RC4_128_SHA',
  0xc00e: 'TLS_ECDH_RSA_WITH_AES_128_CBC_SHA', 0xc00f: 'TLS_ECDH_RSA_WITH_AES_256_CBC_SHA',
  0xc011: 'TLS_ECDHE_RSA_WITH_RC4_128_SHA', 0xc012: 'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA',
  0xc013: 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', 0xc014: 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA',
  0xc023: 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256', 0xc024: 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384',
  0xc027: 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256', 0xc028: 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384',
  0xc02b: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 0xc02c: 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  0xc02f: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 0xc030: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  0xcca8: 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256', 0xcca9: 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  0xccaa: 'TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
};

export function cipherName(c: number): string {
  return CIPHERS[c] ?? `unknown-${c}`;
}

// prettier-ignore
const CURVES: Record<number, string> = {
  1: 'sect163k1', 2: 'sect163r1', 3: 'sect163r2', 4: 'sect193r1', 5: 'sect193r2', 6: 'sect233k1',
  7: 'sect233r1', 8: 'sect239k1', 9: 'sect283k1', 10: 'sect283r1', 11: 'sect409k1', 12: 'sect409r1',
  13: 'sect571k1', 14: 'sect571r1', 15: 'secp160k1', 16: 'secp160r1', 17: 'secp160r2', 18: 'secp192k1',
  19: 'secp192r1', 20: 'secp224k1', 21: 'secp224r1', 22: 'secp256k1', 23: 'secp256r1', 24: 'secp384r1',
  25: 'secp521r1', 26: 'brainpoolP256r1', 27: 'brainpoolP384r1', 28: 'brainpoolP512r1', 29: 'x25519',
  30: 'x448', 256: 'ffdhe2048', 257: 'ffdhe3072', 258: 'ffdhe4096', 259: 'ffdhe6144', 260: 'ffdhe8192',
  0x11ec: 'X25519MLKEM768', 0x6399: 'X25519Kyber768Draft00', 0xff01: 'arbitrary_explicit_prime_curves',
  0xff02: 'arbitrary_explicit_char2_curves',
};

export function curveName(c: number): string {
  return CURVES[c] ?? `unknown-${c}`;
}

// prettier-ignore
const ALERTS: Record<number, string> = {
  0: 'close_notify', 10: 'unexpected_message', 20: 'bad_record_mac', 21: 'decryption_failed',
  22: 'record_overflow', 30: 'decompression_failure', 40: 'handshake_failure', 41: 'no_certificate',
  42: 'bad_certificate', 43: 'unsupported_certificate', 44: 'certificate_revoked', 45: 'certificate_expired',
  46: 'certificate_unknown', 47: 'illegal_parameter', 48: 'unknown_ca', 49: 'access_denied', 50: 'decode_error',
  51: 'decrypt_error', 60: 'export_restriction', 70: 'protocol_version', 71: 'insufficient_security',
  80: 'internal_error', 86: 'inappropriate_fallback', 90: 'user_canceled', 100: 'no_renegotiation',
  109: 'missing_extension', 110: 'unsupported_extension', 111: 'certificate_unobtainable',
  112: 'unrecognized_name', 113: 'bad_certificate_status_response', 114: 'bad_certificate_hash_value',
  115: 'unknown_psk_identity', 116: 'certificate_required', 120: 'no_application_protocol',
};

export function alertName(d: number): string {
  return ALERTS[d] ?? `unknown-${d}`;
}

/** ssl_history letter per handshake type (Zeek main.zeek); client letters are upper-cased by the caller. */
// prettier-ignore
const HISTORY: Record<number, string> = {
  0: 'h', 1: 'c', 2: 's', 3: 'v', 4: 't', 5: 'e', 6: 'j', 8: 'o', 11: 'x', 12: 'k', 13: 'r', 14: 'n',
  15: 'y', 16: 'g', 20: 'f', 21: 'w', 22: 'u', 23: 'a', 24: 'p', 254: 'm',
};

export function historyLetter(handshakeType: number): string {
  return HISTORY[handshakeType] ?? 'z';
}

/** GREASE values (RFC 8701): 0x?a?a with equal bytes. */
export function isGrease(v: number): boolean {
  return (v & 0x0f0f) === 0x0a0a && v >> 8 === (v & 0xff);
}
