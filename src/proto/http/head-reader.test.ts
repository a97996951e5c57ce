import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HeadReader } from './head-reader.js';

/** The byte-at-a-time definition: LF ends a line; an LF right after LF or LF CR ends the head. */
function reference(input: Uint8Array, max: number, http09: (line: Uint8Array) => boolean) {
  const out: number[] = [];
  let eol = 0;
  let first = true;
  let i = 0;
  while (i < input.length && (input[i] === 0x0d || input[i] === 0x0a)) i++;
  for (; i < input.length; i++) {
    const c = input[i]!;
    if (out.length >= max) return { state: 'overflow' as const };
    out.push(c);
    if (c === 0x0a) {
      if (eol !== 0) return { state: 'done' as const, head: Uint8Array.from(out), used: i + 1 };
      eol = 1;
      if (first) {
        first = false;
        if (http09(Uint8Array.from(out)))
          return { state: 'done' as const, head: Uint8Array.from(out), used: i + 1 };
      }
    } else eol = c === 0x0d ? (eol === 1 ? 2 : 0) : 0;
  }
  return { state: 'more' as const };
}

const http09 = (line: Uint8Array) => !line.includes(0x48); // no 'H' on the first line: HTTP/0.9
const alphabet = fc.constantFrom(0x0d, 0x0a, 0x61, 0x3a, 0x20, 0x48);

describe('HeadReader', () => {
  it('ends the head where the byte-at-a-time definition does, however the input is split', () => {
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 80 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.integer({ min: 4, max: 100 }),
        (bytes, cuts, max) => {
          const input = Uint8Array.from(bytes);
          const want = reference(input, max, http09);
          const r = new HeadReader(max);
          // Fed in pieces inside a larger buffer: bytes after a piece's end must not be looked at.
          const ends = [...new Set(cuts.map((c) => c % (input.length + 1)))].sort((a, b) => a - b);
          let pos = 0;
          for (const end of [...ends, input.length]) {
            if (end <= pos || r.state !== 'more') continue;
            const buf = new Uint8Array(input.length + 4).fill(0x0a);
            buf.set(input.subarray(0, end));
            buf[end] = 0x61; // then LFs: a search that runs past the end finds an empty line there
            while (pos < end && r.state === 'more') pos = r.feed(buf, pos, end, http09);
          }
          if (want.state === 'overflow') expect(r.state).toBe('overflow');
          else if (want.state === 'more') expect(r.state).toBe('more');
          else {
            expect(r.state).toBe('done');
            expect(pos).toBe(want.used);
            expect(r.bytes()).toEqual(want.head);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
