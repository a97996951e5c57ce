import { describe, expect, it } from 'vitest';
import { AcBuilder } from './aho-corasick.js';
import type { MpseBuilder } from './mpse.js';
import { NaiveBuilder } from './naive.js';

/** One conformance suite run against every Mpse implementation. */
const impls: [string, () => MpseBuilder][] = [
  ['aho-corasick', () => new AcBuilder()],
  ['aho-corasick, sparse rows below the root', () => new AcBuilder({ denseTableBytes: 0 })],
  ['naive', () => new NaiveBuilder()],
];

const enc = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe.each(impls)('Mpse conformance: %s', (_name, make) => {
  function run(
    patterns: [string | Uint8Array, boolean, number][],
    text: string | Uint8Array,
    start?: number,
    end?: number,
  ): number[] {
    const b = make();
    for (const [p, nocase, id] of patterns) b.add(typeof p === 'string' ? enc(p) : p, nocase, id);
    const m = b.build();
    const data = typeof text === 'string' ? enc(text) : text;
    const out = new Int32Array(m.idCapacity);
    const n = m.scan(data, start ?? 0, end ?? data.length, out);
    return [...out.subarray(0, n)].sort((a, b) => a - b);
  }

  it('finds overlapping patterns', () => {
    expect(
      run(
        [
          ['he', false, 1],
          ['she', false, 2],
          ['his', false, 3],
          ['hers', false, 4],
        ],
        'ushers',
      ),
    ).toEqual([1, 2, 4]);
  });

  it('finds patterns that are prefixes and suffixes of each other', () => {
    const pats: [string, boolean, number][] = [
      ['abcd', false, 1],
      ['abc', false, 2],
      ['bcd', false, 3],
      ['cd', false, 4],
      ['d', false, 5],
    ];
    expect(run(pats, 'xxabcdxx')).toEqual([1, 2, 3, 4, 5]);
    expect(run(pats, 'abc')).toEqual([2]);
    expect(run(pats, 'bcdabx')).toEqual([3, 4, 5]);
  });

  it('honours nocase against case-sensitive patterns of the same bytes', () => {
    const pats: [string, boolean, number][] = [
      ['Admin', false, 1],
      ['admin', false, 2],
      ['ADMIN', true, 3],
    ];
    expect(run(pats, 'xx Admin xx')).toEqual([1, 3]);
    expect(run(pats, 'xx admin xx')).toEqual([2, 3]);
    expect(run(pats, 'xx aDmIn xx')).toEqual([3]);
    expect(run([['Admin', false, 1]], 'ADMIN admin')).toEqual([]);
  });

  it('matches binary bytes 0x00 and 0xff without case folding them', () => {
    const nul = Uint8Array.of(0x00, 0xff, 0x00);
    const hi = Uint8Array.of(0xc1, 0x41); // 0xc1 is not an ASCII letter: never folded
    expect(
      run(
        [
          [nul, false, 7],
          [hi, true, 8],
        ],
        Uint8Array.of(1, 0, 0xff, 0, 0xc1, 0x61),
      ),
    ).toEqual([7, 8]);
    expect(run([[hi, true, 8]], Uint8Array.of(0xe1, 0x61))).toEqual([]);
  });

  it('reports an id shared by several patterns once', () => {
    const pats: [string, boolean, number][] = [
      ['foo', false, 9],
      ['bar', true, 9],
      ['baz', false, 10],
    ];
    const b = make();
    for (const [p, nc, id] of pats) b.add(enc(p), nc, id);
    const m = b.build();
    expect(m.patternCount).toBe(2);
    expect(m.idCapacity).toBe(2);
    const data = enc('foo BAR foo bar foo');
    const out = new Int32Array(m.idCapacity);
    expect(m.scan(data, 0, data.length, out)).toBe(1);
    expect(out[0]).toBe(9);
  });

  it('honours the start and end of the range', () => {
    const pats: [string, boolean, number][] = [
      ['abc', false, 1],
      ['xyz', false, 2],
    ];
    const text = 'abcxyz';
    expect(run(pats, text, 1, 6)).toEqual([2]);
    expect(run(pats, text, 0, 5)).toEqual([1]);
    expect(run(pats, text, 1, 5)).toEqual([]);
    expect(run(pats, text, 3, 3)).toEqual([]);
  });

  it('finds a match that ends on the very last byte', () => {
    expect(
      run(
        [
          ['end', false, 1],
          ['d', false, 2],
        ],
        'the end',
      ),
    ).toEqual([1, 2]);
    expect(run([['whole', false, 1]], 'whole')).toEqual([1]);
  });

  it('reports nothing when no pattern was added', () => {
    expect(run([], 'anything')).toEqual([]);
  });

  it('keeps scans independent (no state leaks between calls)', () => {
    const b = make();
    b.add(enc('ab'), false, 1);
    b.add(enc('cd'), false, 2);
    const m = b.build();
    const out = new Int32Array(m.idCapacity);
    const d1 = enc('xxab');
    const d2 = enc('cdxx');
    expect(m.scan(d1, 0, d1.length, out)).toBe(1);
    expect(m.scan(d2, 0, d2.length, out)).toBe(1);
    expect(out[0]).toBe(2);
    expect(m.scan(d1, 0, d1.length, out)).toBe(1);
    expect(out[0]).toBe(1);
  });

  it('rejects empty patterns and bad ids', () => {
    const b = make();
    expect(() => b.add(new Uint8Array(0), false, 1)).toThrow(RangeError);
    expect(() => b.add(enc('a'), false, -1)).toThrow(RangeError);
    expect(() => b.add(enc('a'), false, 1.5)).toThrow(RangeError);
    expect(() => b.add(enc('a'), false, 2 ** 31)).toThrow(RangeError);
  });
});
