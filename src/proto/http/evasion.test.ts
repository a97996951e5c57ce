import { deflateRawSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bytes, run } from './testkit.js';

/** Cases in the spirit of the http-evader suite: bodies browsers accept that naive parsers misread. */
const GET = 'GET /eicar.txt HTTP/1.1\r\nHost: evader.example.com\r\n\r\n';
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

function respond(headers: string, body: Uint8Array | string): Uint8Array {
  return Buffer.concat([
    bytes(`HTTP/1.1 200 ok\r\n${headers}\r\n`),
    typeof body === 'string' ? bytes(body) : body,
  ]);
}

function chunks(s: string, n: number, size: (k: number) => string = (k) => k.toString(16)): string {
  let out = '';
  for (let i = 0; i < s.length; i += n) {
    const part = s.slice(i, i + n);
    out += `${size(part.length)}\r\n${part}\r\n`;
  }
  return out + '0\r\n\r\n';
}

describe('evasion resistance', () => {
  it.each([
    ['one byte chunks', chunks(EICAR, 1)],
    ['leading zeros in sizes', chunks(EICAR, 7, (k) => `000${k.toString(16)}`)],
    ['upper-case hex and extensions', chunks(EICAR, 11, (k) => `${k.toString(16).toUpperCase()} ;x="y"`)],
    ['LF-only chunk framing', chunks(EICAR, 5).replace(/\r\n/g, '\n')],
  ])('chunked: %s', (_name, body) => {
    const { sink } = run(GET, respond('Transfer-Encoding: chunked\r\n', body));
    expect(sink.fileData(1)).toBe(EICAR);
  });

  it('reads chunked even with a Content-Length alongside (chunked wins)', () => {
    const { sink, events } = run(
      GET,
      respond('Content-Length: 3\r\nTransfer-Encoding: chunked\r\n', chunks(EICAR, 9)),
    );
    expect(sink.fileData(1)).toBe(EICAR);
    expect(events.get('HTTP_content_length_and_chunked')).toBe(1);
  });

  it('reads a folded Transfer-Encoding header', () => {
    const { sink } = run(GET, respond('Transfer-Encoding:\r\n chunked\r\n', chunks(EICAR, 9)));
    expect(sink.fileData(1)).toBe(EICAR);
  });

  it('inspects the rest as body after broken chunking', () => {
    const { sink, events } = run(GET, respond('Transfer-Encoding: chunked\r\n', `zz\r\n${EICAR}`));
    expect(sink.fileData(1)).toContain(EICAR);
    expect(events.get('HTTP_bad_chunk_size')).toBe(1);
  });

  it.each([
    ['gzip', gzipSync(EICAR)],
    ['GZIP', gzipSync(EICAR)],
    ['deflate', deflateRawSync(EICAR)],
    ['gzip, gzip', gzipSync(gzipSync(EICAR))],
    ['deflate, gzip', gzipSync(deflateRawSync(EICAR))],
  ])('Content-Encoding: %s', (enc, z) => {
    const { sink } = run(GET, respond(`Content-Encoding: ${enc}\r\nContent-Length: ${z.length}\r\n`, z));
    expect(sink.fileData(1)).toBe(EICAR);
  });

  it('gzip inside chunked', () => {
    const z = gzipSync(EICAR);
    const body = Buffer.concat([bytes(`${z.length.toString(16)}\r\n`), z, bytes('\r\n0\r\n\r\n')]);
    const { sink } = run(GET, respond('Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n', body));
    expect(sink.fileData(1)).toBe(EICAR);
  });

  it('a body after LF-only headers', () => {
    const { sink } = run(GET, `HTTP/1.1 200 ok\nContent-Length: ${EICAR.length}\n\n${EICAR}`);
    expect(sink.fileData(1)).toBe(EICAR);
  });

  it('normalizes an encoded request path for http_uri', () => {
    // One .. removes /x, the second climbs above the root and is kept, as Snort does.
    const { sink } = run('GET /x/..%2f%2e%2e/cgi-bin\\%2570hp.cgi?a=1 HTTP/1.1\r\n\r\n', '');
    expect(sink.of(0, 'headers')[0]!.bufs['http_uri']).toBe('/../cgi-bin/php.cgi?a=1');
  });
});
