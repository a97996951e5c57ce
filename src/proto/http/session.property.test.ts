import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EventCounts } from '../../core/counters.js';
import { HttpSession } from './session.js';
import { bytes, CollectSink, run } from './testkit.js';
import type { HttpSink } from './types.js';

const token = fc.constantFrom('GET', 'POST', 'HEAD', 'PUT', 'X', '');
const sep = fc.constantFrom('\r\n', '\n', '\r', '');
const headerLine = fc.tuple(
  fc.constantFrom(
    'Host',
    'Content-Length',
    'Transfer-Encoding',
    'Content-Encoding',
    'Cookie',
    'X',
    ' folded',
  ),
  fc.constantFrom(': ', ':', ' : ', ''),
  fc.constantFrom('chunked', 'gzip', 'deflate', '5', '0', '-1', '00010', 'a=b', '', '99999999999999999999'),
  sep,
);
/** HTTP-shaped messages with broken pieces, and arbitrary bytes. */
const message = fc.oneof(
  fc
    .tuple(
      token,
      fc.constantFrom(' /', ' /a/../%2e%u0041', ' ', ''),
      fc.constantFrom(' HTTP/1.1', ' HTTP/1.0', ''),
      sep,
      fc.array(headerLine, { maxLength: 6 }),
      sep,
      fc.string({ maxLength: 64 }),
    )
    .map(([m, u, v, e, hs, e2, body]) =>
      bytes(m + u + v + e + hs.map((h) => h.join('')).join('') + e2 + body),
    ),
  fc
    .tuple(
      fc.constantFrom('HTTP/1.1 200 OK', 'HTTP/1.1 100 Continue', 'HTTP/1.0 304 x', 'HTTP/1.1 abc'),
      sep,
      fc.array(headerLine, { maxLength: 6 }),
      sep,
      fc.string({ maxLength: 64 }),
    )
    .map(([l, e, hs, e2, body]) => bytes(l + e + hs.map((h) => h.join('')).join('') + e2 + body)),
  fc.uint8Array({ maxLength: 200 }),
);
const stream = fc.array(message, { maxLength: 4 }).map((ms) => Buffer.concat(ms));

/** Feeds a stream split at the given cut points and records everything the sink sees. */
function feedSplit(client: Uint8Array, server: Uint8Array, cutsC: number[], cutsS: number[]) {
  return run(client, server, { split: [cutsC, cutsS], fields: ['host', 'x'] });
}

describe('HttpSession properties', () => {
  it('never throws on random or truncated input', () => {
    fc.assert(
      fc.property(stream, stream, fc.nat(400), (c, s, cut) => {
        expect(() => feedSplit(c.subarray(0, cut), s, [], [])).not.toThrow();
        expect(() => feedSplit(c, s.subarray(0, cut), [3, 7], [1])).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('yields the same sections and transactions whatever the chunking', () => {
    fc.assert(
      fc.property(
        stream,
        stream,
        fc.array(fc.nat(600), { maxLength: 8 }),
        fc.array(fc.nat(600), { maxLength: 8 }),
        (c, s, kc, ks) => {
          const whole = feedSplit(c, s, [], []);
          const split = feedSplit(c, s, kc, ks);
          expect(split.sink.sections).toEqual(whole.sink.sections);
          expect(split.sink.txs).toEqual(whole.sink.txs);
          expect(split.events.toJSON()).toEqual(whole.events.toJSON());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps gzip bodies equal under any chunking', () => {
    const z = gzipSync(Buffer.from('0123456789abcdef'.repeat(3000)));
    const server = Buffer.concat([
      bytes(`HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${z.length}\r\n\r\n`),
      z,
    ]);
    const whole = feedSplit(bytes('GET / HTTP/1.1\r\n\r\n'), server, [], []).sink.fileData(1);
    expect(whole.length).toBe(48000);
    fc.assert(
      fc.property(fc.array(fc.nat(server.length), { maxLength: 10 }), (cuts) => {
        expect(feedSplit(bytes('GET / HTTP/1.1\r\n\r\n'), server, [], cuts).sink.fileData(1)).toBe(whole);
      }),
      { numRuns: 50 },
    );
  });

  it('bounds memory: a huge head or endless body holds at most the limits', () => {
    const ev = new EventCounts();
    const s = new HttpSession(ev);
    const sink = new CollectSink();
    const junk = bytes('X-Junk: ' + 'a'.repeat(4096) + '\r\n');
    s.feed(0, bytes('GET / HTTP/1.1\r\n'), 0, 16, sink);
    for (let i = 0; i < 100; i++) s.feed(0, junk, 0, junk.length, sink);
    expect(ev.get('HTTP_header_too_large')).toBe(1);
    let biggest = 0;
    let sections = 0;
    const big: HttpSink = {
      section: (_d, _k, _raw, _off, len, b) => {
        sections++;
        biggest = Math.max(biggest, len, b.file_data?.len ?? 0);
      },
      transaction: () => {},
    };
    const s2 = new HttpSession(new EventCounts());
    s2.feed(0, bytes('GET / HTTP/1.1\r\n\r\n'), 0, 18, big);
    s2.feed(1, bytes('HTTP/1.0 200 OK\r\n\r\n'), 0, 19, big);
    const chunk = new Uint8Array(100000).fill(0x41);
    for (let i = 0; i < 20; i++) s2.feed(1, chunk, 0, chunk.length, big);
    expect(biggest).toBe(16384);
    expect(sections).toBeGreaterThan(100);
  });
});
