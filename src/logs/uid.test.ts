import { describe, expect, it } from 'vitest';
import { base62, UidGenerator } from './uid.js';

describe('uids', () => {
  it('base62 writes the least significant digit first, as Zeek does', () => {
    expect(base62(0, 0)).toBe('0');
    expect(base62(0, 61)).toBe('z');
    expect(base62(0, 62)).toBe('01');
    expect(base62(0, 62 * 62 + 10)).toBe('A01');
    // 2^64 - 1 = LygHa16AHYF in base 62, reversed.
    expect(base62(0xffffffff, 0xffffffff)).toBe('FYHA61aHgyL');
  });

  it('a seed gives a reproducible, distinct sequence of C-prefixed uids', () => {
    const a = new UidGenerator(7);
    const b = new UidGenerator(7);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b.next()));
    expect(new Set(xs).size).toBe(1000);
    for (const x of xs) expect(x).toMatch(/^C[0-9A-Za-z]{2,17}$/);
    expect(new UidGenerator(8).next()).not.toBe(xs[0]);
  });
});
