import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AcBuilder } from './aho-corasick.js';
import type { MpseBuilder } from './mpse.js';
import { NaiveBuilder } from './naive.js';

interface Case {
  patterns: { bytes: Uint8Array; nocase: boolean; id: number }[];
  text: Uint8Array;
  start: number;
  end: number;
}

function ids(b: MpseBuilder, c: Case): number[] {
  for (const p of c.patterns) b.add(p.bytes, p.nocase, p.id);
  const m = b.build();
  const out = new Int32Array(m.idCapacity);
  const n = m.scan(c.text, c.start, c.end, out);
  return [...out.subarray(0, n)].sort((x, y) => x - y);
}

/** Patterns and text over `byte`; ids drawn from a small range so several patterns share one. */
function cases(byte: fc.Arbitrary<number>, maxPat: number, maxText: number): fc.Arbitrary<Case> {
  const bytes = (min: number, max: number) =>
    fc.array(byte, { minLength: min, maxLength: max }).map((a) => Uint8Array.from(a));
  const pattern = fc.record({
    bytes: bytes(1, maxPat),
    nocase: fc.boolean(),
    id: fc.integer({ min: 0, max: 40 }),
  });
  return fc
    .record({
      patterns: fc.array(pattern, { maxLength: 30 }),
      text: bytes(0, maxText),
      a: fc.nat(),
      b: fc.nat(),
    })
    .map(({ patterns, text, a, b }) => {
      const x = text.length === 0 ? 0 : a % (text.length + 1);
      const y = text.length === 0 ? 0 : b % (text.length + 1);
      return { patterns, text, start: Math.min(x, y), end: Math.max(x, y) };
    });
}

/** Default (all dense for these sizes), root-only dense, and mixes of dense and sparse rows. */
const budgets = [undefined, 0, 60, 1500];

function agrees(c: Case): void {
  const want = ids(new NaiveBuilder(), c);
  for (const denseTableBytes of budgets) {
    const b = denseTableBytes === undefined ? new AcBuilder() : new AcBuilder({ denseTableBytes });
    expect(ids(b, c)).toEqual(want);
  }
}

describe('AcMpse matches the naive reference', () => {
  it('on a tiny mixed-case alphabet (forces overlaps and case conflicts)', () => {
    const byte = fc.constantFrom(0x61, 0x62, 0x41, 0x42, 0x00); // a b A B NUL
    fc.assert(fc.property(cases(byte, 5, 80), agrees), { numRuns: 2000 });
  });

  it('on letters around the ASCII case boundary', () => {
    const byte = fc.integer({ min: 0x3f, max: 0x7b }); // includes @ [ ` { next to A-Z / a-z
    fc.assert(fc.property(cases(byte, 4, 200), agrees), { numRuns: 1000 });
  });

  it('on the full byte range', () => {
    fc.assert(fc.property(cases(fc.integer({ min: 0, max: 255 }), 3, 300), agrees), { numRuns: 1000 });
  });

  it('when patterns are substrings of the text', () => {
    const byte = fc.constantFrom(0x78, 0x79, 0x58, 0xff);
    const arb = cases(byte, 1, 60).chain((c) =>
      fc
        .array(
          fc.tuple(fc.nat(), fc.integer({ min: 1, max: 8 }), fc.boolean(), fc.integer({ min: 0, max: 9 })),
          { maxLength: 10 },
        )
        .map((cuts) => {
          const extra = cuts
            .map(([at, len, nocase, id]) => {
              const s = c.text.length === 0 ? 0 : at % c.text.length;
              return { bytes: c.text.slice(s, s + len), nocase, id };
            })
            .filter((p) => p.bytes.length > 0);
          return { ...c, patterns: [...c.patterns, ...extra] };
        }),
    );
    fc.assert(fc.property(arb, agrees), { numRuns: 1000 });
  });

  it('on long texts scanned as four walks, with matches planted across the quarter boundaries', () => {
    // Scans of 256+ bytes walk each quarter separately: plant patterns that begin before a quarter ends
    // and end after it (also across several quarters when a pattern is longer than a quarter).
    const byte = fc.constantFrom(0x61, 0x62, 0x41, 0x42, 0xff);
    const arb = fc
      .record({
        c: cases(byte, 40, 1),
        text: fc.array(byte, { minLength: 256, maxLength: 1500 }).map((a) => Uint8Array.from(a)),
        a: fc.nat(),
        b: fc.nat(),
        plants: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 3 }), fc.nat()), { maxLength: 8 }),
      })
      .map(({ c, text, a, b, plants }) => {
        const x = a % (text.length + 1);
        const y = b % (text.length + 1);
        const start = x < y && y - x >= 256 ? x : 0;
        const end = x < y && y - x >= 256 ? y : text.length;
        const q = (end - start) >>> 2;
        for (const [k, quarter, back] of plants) {
          if (c.patterns.length === 0) break;
          const pat = c.patterns[k % c.patterns.length]!.bytes;
          const at = Math.max(start, start + quarter * q - 1 - (back % pat.length));
          if (at + pat.length <= end) text.set(pat, at);
        }
        return { patterns: c.patterns, text, start, end };
      });
    fc.assert(fc.property(arb, agrees), { numRuns: 800 });
  });
});
