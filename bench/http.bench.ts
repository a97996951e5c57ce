import { gzipSync } from 'node:zlib';
import { EventCounts } from '../src/core/counters.js';
import { HttpSession } from '../src/proto/http/session.js';
import type { HttpSink } from '../src/proto/http/types.js';

export interface HttpBenchResult {
  mbPerSec: number;
  seconds: number;
  megabytes: number;
  sections: number;
  transactions: number;
}

const enc = (s: string) => Buffer.from(s, 'latin1');

/** One connection's streams: pipelined GETs answered with Content-Length, chunked and gzip bodies. */
function syntheticConnection(): [Uint8Array, Uint8Array] {
  const req: Uint8Array[] = [];
  const resp: Uint8Array[] = [];
  const page = Buffer.from('<html><body>' + 'lorem ipsum dolor sit amet '.repeat(400) + '</body></html>');
  const gz = gzipSync(page);
  for (let i = 0; i < 12; i++) {
    req.push(
      enc(
        `GET /static/app/${i}/../img%20${i}.png?v=${i}&q=a+b HTTP/1.1\r\nHost: www.example.com\r\n` +
          'User-Agent: Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/120.0\r\nAccept: */*\r\n' +
          'Accept-Encoding: gzip, deflate\r\nCookie: session=abcdef0123456789; theme=dark\r\n' +
          'Referer: http://www.example.com/\r\n\r\n',
      ),
    );
    const kind = i % 3;
    if (kind === 0) {
      resp.push(
        enc(`HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: ${page.length}\r\n\r\n`),
        page,
      );
    } else if (kind === 1) {
      resp.push(enc('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n'));
      for (let o = 0; o < page.length; o += 4000) {
        const part = page.subarray(o, o + 4000);
        resp.push(enc(`${part.length.toString(16)}\r\n`), part, enc('\r\n'));
      }
      resp.push(enc('0\r\n\r\n'));
    } else {
      resp.push(enc(`HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${gz.length}\r\n\r\n`), gz);
    }
  }
  return [Buffer.concat(req), Buffer.concat(resp)];
}

/** HTTP parsing throughput on synthetic streams fed in 1448-byte segments (wire bytes of both directions). */
export function benchHttp(connections = 400): HttpBenchResult {
  const [c, s] = syntheticConnection();
  let sections = 0;
  let transactions = 0;
  const sink: HttpSink = {
    section: () => {
      sections++;
    },
    transaction: () => {
      transactions++;
    },
  };
  const seg = 1448;
  const t0 = process.hrtime.bigint();
  for (let n = 0; n < connections; n++) {
    const sess = new HttpSession(new EventCounts());
    for (let o = 0; o < c.length; o += seg) sess.feed(0, c, o, Math.min(seg, c.length - o), sink);
    for (let o = 0; o < s.length; o += seg) sess.feed(1, s, o, Math.min(seg, s.length - o), sink);
    sess.end(0, sink);
    sess.end(1, sink);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const megabytes = ((c.length + s.length) * connections) / 1e6;
  return { mbPerSec: megabytes / seconds, seconds, megabytes, sections, transactions };
}

/**
 * One gzip response whose compressed body is `compressedMiB` MiB (random-ish text that compresses about
 * 3:1), fed in 1448-byte segments: decompression must cost in proportion to the body, not its square.
 */
export function benchGzipBody(compressedMiB = 1): {
  seconds: number;
  compressedMB: number;
  mbPerSec: number;
} {
  let text = '';
  let x = 12345;
  while (text.length < compressedMiB * 3.2 * (1 << 20)) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    text += `${x.toString(36)} `;
  }
  const gz = gzipSync(text);
  const head = enc(`HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${gz.length}\r\n\r\n`);
  const s = Buffer.concat([head, gz]);
  const c = enc('GET / HTTP/1.1\r\nHost: h\r\n\r\n');
  const sink: HttpSink = { section: () => undefined, transaction: () => undefined };
  const seg = 1448;
  const limits = { maxDecompressed: 64 << 20 };
  const t0 = process.hrtime.bigint();
  const sess = new HttpSession(new EventCounts(), limits);
  sess.feed(0, c, 0, c.length, sink);
  for (let o = 0; o < s.length; o += seg) sess.feed(1, s, o, Math.min(seg, s.length - o), sink);
  sess.end(1, sink);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { seconds, compressedMB: gz.length / 1e6, mbPerSec: gz.length / 1e6 / seconds };
}
