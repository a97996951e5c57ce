/**
 * Bits of `TlsSession.state`, for Snort's ssl_state and ssl_version options. Bit i is the i-th name of
 * SSL_STATES / SSL_VERSIONS in detect/options/ssl_state.ts and ssl_version.ts (a test holds them equal).
 */
export const SslStateBit = {
  CLIENT_HELLO: 1 << 0,
  SERVER_HELLO: 1 << 1,
  CLIENT_KEYX: 1 << 2,
  SERVER_KEYX: 1 << 3,
  UNKNOWN: 1 << 4,
} as const;

export const SslVersionBit = {
  SSLV2: 1 << 0,
  SSLV3: 1 << 1,
  TLS1_0: 1 << 2,
  TLS1_1: 1 << 3,
  TLS1_2: 1 << 4,
  TLS1_3: 1 << 5,
} as const;

/** The version bit for a wire version (0 for anything else, e.g. DTLS or drafts). */
export function versionBit(v: number): number {
  switch (v) {
    case 0x0002:
      return SslVersionBit.SSLV2;
    case 0x0300:
      return SslVersionBit.SSLV3;
    case 0x0301:
      return SslVersionBit.TLS1_0;
    case 0x0302:
      return SslVersionBit.TLS1_1;
    case 0x0303:
      return SslVersionBit.TLS1_2;
    case 0x0304:
      return SslVersionBit.TLS1_3;
  }
  return 0;
}

/** What ssl_state / ssl_version test; the same object lives for the flow and is updated in place. */
export interface SslFlags {
  stateBits: number;
  versionBits: number;
}
