import fc from 'fast-check';
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EventCounts } from '../../core/counters.js';
import { BodyInflater, type Coding } from './inflate.js';

function text(n: number, seed: number): Buffer {
  let s = '';
  let x = seed >>> 0;
  while (s.length < n) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    s += `${(x >>> 8).toString(36)} `;
  }
  return Buffer.from(s.slice(0, n));
}

/** Feed `z` in pieces cut at `cuts`, through a buffer that is overwritten after each call (as a body unit). */
function feed(coding: Coding, z: Uint8Array, cuts: number[], ev = new EventCounts(), maxOut = 64 << 20) {
  const inf = new BodyInflater(coding, maxOut, 1000, ev);
  const scratch = new Uint8Array(z.length);
  const out: Buffer[] = [];
  const ends = [...new Set(cuts.map((c) => c % (z.length + 1)))].filter((c) => c > 0).sort((a, b) => a - b);
  let prev = 0;
  for (const end of [...ends.filter((e) => e < z.length), z.length]) {
    const piece = scratch.subarray(0, end - prev);
    piece.set(z.subarray(prev, end));
    out.push(Buffer.from(inf.push(piece, end === z.length)));
    piece.fill(0xee);
    prev = end;
  }
  return { out: Buffer.concat(out), ev };
}

describe('BodyInflater', () => {
  it('gives the whole body for gzip, zlib and raw deflate, whatever the pieces', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer(),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.constantFrom('gzip', 'zlib', 'raw'),
        (n, seed, cuts, kind) => {
          const t = text(n, seed);
          const z = kind === 'gzip' ? gzipSync(t) : kind === 'zlib' ? deflateSync(t) : deflateRawSync(t);
          const { out, ev } = feed(kind === 'gzip' ? 'gzip' : 'deflate', z, cuts);
          expect(out.equals(t)).toBe(true);
          expect(ev.toJSON()).toEqual({});
        },
      ),
      { numRuns: 60 },
    );
  });

  it('returns a prefix of the body for a truncated stream, in one piece or many', () => {
    const t = text(300_000, 7);
    const z = gzipSync(t);
    for (const cuts of [[], [20_000, 40_000, 60_000, 80_000]]) {
      const { out, ev } = feed('gzip', z.subarray(0, 100_000), cuts);
      expect(out.length).toBeGreaterThan(100_000);
      expect(t.subarray(0, out.length).equals(out)).toBe(true);
      expect(ev.toJSON()).toEqual({});
    }
  });

  it('stops at the output cap in the streaming part too, and passes the rest as is', () => {
    const z = gzipSync(Buffer.alloc(8 << 20));
    const cuts = Array.from({ length: 40 }, (_, i) => (i + 1) * 200);
    const { out, ev } = feed('gzip', z, cuts, new EventCounts(), 1 << 20);
    expect(ev.get('HTTP_decompression_limit')).toBe(1);
    expect(out.length).toBeLessThan((1 << 20) + z.length);
  });

  it('inspects a body that is not compressed as sent, and a stream that breaks later from there on', () => {
    const plain = Buffer.from('not compressed at all, just text');
    expect(feed('gzip', plain, []).out.equals(plain)).toBe(true);
    // Garbage after the end of the gzip data, in a later piece: the decoder fails there, and from that piece
    // on the bytes pass as sent (as with one piece, where zlib fails the same way).
    const t = text(100_000, 3);
    const gz = gzipSync(t);
    const z = Buffer.concat([gz, Buffer.alloc(5000, 0x47)]);
    const { out, ev } = feed('gzip', z, [10_000, gz.length + 100]);
    expect(ev.get('HTTP_decompression_failed')).toBe(1);
    const head = out.length - (z.length - 10_000);
    expect(head).toBeGreaterThan(0);
    expect(out.subarray(0, head).equals(t.subarray(0, head))).toBe(true);
    expect(out.subarray(head).equals(z.subarray(10_000))).toBe(true);
  });

  it('gives each body its own stream when decoders are reused: interleaved, abandoned and failed bodies', () => {
    // Bodies of three kinds, fed unit by unit in turns; some are abandoned midway (never ended), one fails.
    // Every body that ends must still be exact: a decoder goes back to the pool reset, or not at all.
    const kinds: [Coding, (b: Buffer) => Buffer][] = [
      ['gzip', (b) => gzipSync(b)],
      ['deflate', (b) => deflateSync(b)],
      ['deflate', (b) => deflateRawSync(b)],
    ];
    for (let round = 0; round < 4; round++) {
      const bodies = Array.from({ length: 9 }, (_, i) => {
        const [coding, enc] = kinds[i % 3]!;
        const t = text(3000 + 7919 * ((i + round) % 5), 100 * round + i);
        const z = i === 4 ? t : enc(t); // body 4 is not compressed at all: its decoder fails
        return {
          t,
          z,
          inf: new BodyInflater(coding, 64 << 20, 1000, new EventCounts()),
          out: [] as Buffer[],
        };
      });
      const step = 1500;
      for (let off = 0; bodies.some((b) => off < b.z.length); off += step) {
        for (const [i, b] of bodies.entries()) {
          if (off >= b.z.length) continue;
          if (i === 7 && off >= step) continue; // abandoned after its first piece
          const end = Math.min(b.z.length, off + step);
          b.out.push(Buffer.from(b.inf.push(b.z.subarray(off, end), end === b.z.length)));
        }
      }
      for (const [i, b] of bodies.entries()) {
        if (i === 7 || i === 4) continue;
        expect(Buffer.concat(b.out).equals(b.t), `round ${round} body ${i}`).toBe(true);
      }
      expect(bodies[4]!.inf.state).toBe('raw');
    }
  });
});
