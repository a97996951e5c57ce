import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LowerInterner } from './intern.js';

const enc = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('LowerInterner', () => {
  it('gives the lower-cased text, the same string object for the same text in any case', () => {
    const t = new LowerInterner(16);
    const a = t.get(enc('xxContent-Type'), 2, 14);
    expect(a).toBe('content-type');
    expect(t.get(enc('CONTENT-TYPE'), 0, 12)).toBe(a);
    expect(t.get(enc('Content-Typf'), 0, 12)).toBe('content-typf');
  });

  it('agrees with toLowerCase on any Latin-1 text, also once its table is full', () => {
    const t = new LowerInterner(8, 12);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 20 }), (codes) => {
        const b = Uint8Array.from(codes);
        expect(t.get(b, 0, b.length)).toBe(String.fromCharCode(...codes).toLowerCase());
        // Again: the second answer may come from the table.
        expect(t.get(b, 0, b.length)).toBe(String.fromCharCode(...codes).toLowerCase());
      }),
      { numRuns: 2000 },
    );
  });
});
