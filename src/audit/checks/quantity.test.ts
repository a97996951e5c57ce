import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuantity } from './quantity.js';
import { parseImage, validDigest } from './images.js';

describe('parseQuantity', () => {
  it('reads binary, decimal, milli and exponent forms', () => {
    expect(parseQuantity('128Mi')).toBe(128 * 2 ** 20);
    expect(parseQuantity('1Gi')).toBe(2 ** 30);
    expect(parseQuantity('400m')).toBeCloseTo(0.4);
    expect(parseQuantity('2k')).toBe(2000);
    expect(parseQuantity('1e3')).toBe(1000);
    expect(parseQuantity(512)).toBe(512);
    expect(parseQuantity('12 Mi')).toBeNull();
    expect(parseQuantity('Mi')).toBeNull();
  });
  it('orders Mi below Gi for any count', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1023 }),
        (n) => (parseQuantity(`${n}Mi`) ?? Infinity) < (parseQuantity('1Gi') ?? 0),
      ),
    );
  });
});

describe('image references', () => {
  it('splits registry ports, tags and digests', () => {
    expect(parseImage('registry:5000/team/app')).toEqual({
      repo: 'registry:5000/team/app',
      tag: null,
      digest: null,
    });
    expect(parseImage('nginx:1.27@sha256:abc')).toEqual({ repo: 'nginx', tag: '1.27', digest: 'sha256:abc' });
    expect(validDigest('sha256:' + 'a'.repeat(64))).toBe(true);
    expect(validDigest('sha256:' + 'A'.repeat(64))).toBe(false);
    expect(validDigest('sha512:' + 'a'.repeat(64))).toBe(false);
  });
});
