import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { latin1 } from './bytes.js';

describe('latin1', () => {
  it('maps every byte to the code unit of the same value, short and long, at any offset', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), fc.nat(), (b, x, y) => {
        const s = b.length === 0 ? 0 : x % b.length;
        const e = b.length === 0 ? 0 : s + (y % (b.length - s + 1));
        const view = new Uint8Array(b.buffer, 0, b.length).subarray(0);
        let want = '';
        for (let i = s; i < e; i++) want += String.fromCharCode(b[i]!);
        expect(latin1(view, s, e)).toBe(want);
      }),
    );
    // 0x80–0x9f are C1 controls in ISO-8859-1, not windows-1252's punctuation.
    const hi = Uint8Array.from({ length: 40 }, (_, i) => 0x80 + i);
    expect([...latin1(hi)].map((c) => c.charCodeAt(0))).toEqual([...hi]);
  });

  it('clamps a range that runs past the bytes', () => {
    const b = Uint8Array.from([0x61, 0x62, 0x63]);
    expect(latin1(b, 1, 99)).toBe('bc');
    expect(latin1(b.subarray(1), 0, 50)).toBe('bc');
  });
});
