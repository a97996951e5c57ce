import * as crypto from 'node:crypto';

/** Hash algorithms Vigil names (Community ID, JA3/JA3S, JA4). */
export type DigestAlgorithm = 'md5' | 'sha1' | 'sha256';

/**
 * One-shot digest of bytes, or of a string's UTF-8 encoding, as hex or base64. Uses Node's `crypto.hash`
 * (20.12+): about 3× cheaper per call than a Hash object, which matters once per flow (Community ID) and
 * per TLS hello (JA3, JA4). Older Node 20 releases fall back to `createHash`.
 */
export const digest: (alg: DigestAlgorithm, data: Uint8Array | string, enc: 'hex' | 'base64') => string =
  typeof crypto.hash === 'function'
    ? (alg, data, enc) => crypto.hash(alg, data, enc)
    : (alg, data, enc) => crypto.createHash(alg).update(data).digest(enc);
