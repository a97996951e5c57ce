import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { digest } from './digest.js';

describe('digest', () => {
  it.each(['md5', 'sha1', 'sha256'] as const)('%s of bytes and strings equals a Hash object', (alg) => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 37) & 255);
    for (const enc of ['hex', 'base64'] as const) {
      expect(digest(alg, bytes, enc)).toBe(createHash(alg).update(bytes).digest(enc));
      expect(digest(alg, '771,4865-4866,0-23,29', enc)).toBe(
        createHash(alg).update('771,4865-4866,0-23,29').digest(enc),
      );
      expect(digest(alg, '', enc)).toBe(createHash(alg).update('').digest(enc));
    }
  });

  it('hashes a view, not its whole buffer', () => {
    const b = Buffer.from('xxabcyy');
    expect(digest('sha1', b.subarray(2, 5), 'hex')).toBe(createHash('sha1').update('abc').digest('hex'));
  });
});
