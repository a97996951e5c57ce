import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EventCounts } from '../../core/counters.js';
import { HttpSession } from './session.js';
import { bytes, CollectSink, run } from './testkit.js';

const GET =
  'GET /a/../b%41?x=1+2 HTTP/1.1\r\nHost: example.com\r\nUser-Agent: ua/1\r\nCookie: s=1\r\nReferer: http://r/\r\n\r\n';
const OK = (body: string, extra = '') =>
  `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n${extra}\r\n${body}`;

describe('HttpSession: requests and responses', () => {
  it('splits a request/response pair into sections with Snort buffers', () => {
    const { sink } = run(GET, OK('hello', 'Set-Cookie: t=2\r\n'));
    const [req] = sink.of(0, 'headers');
    expect(req!.bufs['http_method']).toBe('GET');
    expect(req!.bufs['http_raw_uri']).toBe('/a/../b%41?x=1+2');
    expect(req!.bufs['http_uri']).toBe('/bA?x=1 2');
    expect(req!.bufs['http_version']).toBe('HTTP/1.1');
    expect(req!.bufs['http_raw_request']).toBe('GET /a/../b%41?x=1+2 HTTP/1.1');
    expect(req!.bufs['http_raw_header']).toBe('Host: example.com\r\nUser-Agent: ua/1\r\nReferer: http://r/');
    expect(req!.bufs['http_cookie']).toBe('s=1');
    expect(req!.bufs['http_stat_code']).toBeNull();
    const [resp] = sink.of(1, 'headers');
    expect(resp!.bufs['http_stat_code']).toBe('200');
    expect(resp!.bufs['http_stat_msg']).toBe('OK');
    expect(resp!.bufs['http_raw_status']).toBe('HTTP/1.1 200 OK');
    expect(resp!.bufs['http_uri']).toBe('/bA?x=1 2');
    expect(resp!.bufs['http_cookie']).toBe('t=2');
    expect(resp!.bufs['http_raw_header']).toBe('Content-Length: 5');
    expect(sink.of(1, 'body')[0]!.bufs['file_data']).toBe('hello');
    expect(sink.of(1, 'body')[0]!.raw).toBe('hello');
    expect(sink.txs).toHaveLength(1);
    const tx = sink.txs[0]!;
    expect([tx.trans_depth, tx.method, tx.host, tx.uri, tx.referrer, tx.version, tx.user_agent]).toEqual([
      1,
      'GET',
      'example.com',
      '/a/../b%41?x=1+2',
      'http://r/',
      '1.1',
      'ua/1',
    ]);
    expect([tx.status_code, tx.status_msg, tx.response_body_len, tx.request_body_len]).toEqual([
      200,
      'OK',
      5,
      0,
    ]);
  });

  it('handles pipelined requests and responses in one feed each', () => {
    const c =
      'GET /1 HTTP/1.1\r\nHost: h\r\n\r\nHEAD /2 HTTP/1.1\r\nHost: h\r\n\r\nGET /3 HTTP/1.1\r\nHost: h\r\n\r\n';
    const s = OK('one') + 'HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n' + OK('three');
    const { sink } = run(c, s);
    expect(sink.txs.map((t) => [t.trans_depth, t.uri, t.status_code, t.response_body_len])).toEqual([
      [1, '/1', 200, 3],
      [2, '/2', 200, 0],
      [3, '/3', 200, 5],
    ]);
    expect(sink.of(1, 'body').map((x) => [x.bufs['file_data'], x.bufs['http_uri']])).toEqual([
      ['one', '/1'],
      ['three', '/3'],
    ]);
  });

  it('de-chunks bodies and exposes trailers', () => {
    const body = '5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n';
    const { sink } = run(GET, 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n' + body);
    expect(sink.fileData(1)).toBe('hello world');
    expect(sink.of(1, 'body')[0]!.raw).toBe(body.slice(0, body.indexOf('X-Trailer')));
    const [tr] = sink.of(1, 'trailers');
    expect(tr!.bufs['http_raw_trailer']).toBe('X-Trailer: t');
    expect(sink.txs[0]!.response_body_len).toBe(11);
  });

  it('gives the same sections whatever the split of a chunked body (every byte position)', () => {
    const server =
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\n\r\n';
    const whole = run(GET, server).sink.sections;
    for (let cut = 1; cut < server.length; cut++) {
      expect(run(GET, server, { split: [[], [cut]] }).sink.sections).toEqual(whole);
    }
  });

  it('decompresses gzip, zlib deflate and raw deflate bodies', () => {
    const text = 'EICAR-like payload '.repeat(50);
    for (const [enc, z] of [
      ['gzip', gzipSync(text)],
      ['deflate', deflateSync(text)],
      ['deflate', deflateRawSync(text)],
    ] as const) {
      const head = bytes(
        `HTTP/1.1 200 OK\r\nContent-Encoding: ${enc}\r\nContent-Length: ${z.length}\r\n\r\n`,
      );
      const { sink } = run(GET, Buffer.concat([head, z]));
      expect(sink.fileData(1)).toBe(text);
      expect(sink.txs[0]!.response_body_len).toBe(text.length);
    }
  });

  it('returns what a truncated gzip stream holds and does not throw', () => {
    let text = '';
    for (let i = 0; text.length < 5000; i++) text += `${(i * 7919) % 1009} `;
    const z = gzipSync(text);
    const cut = z.subarray(0, Math.floor(z.length / 2));
    const head = bytes(`HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${z.length}\r\n\r\n`);
    const { sink, events } = run(GET, Buffer.concat([head, cut]));
    const got = sink.fileData(1);
    expect(got.length).toBeGreaterThan(0);
    expect(text.startsWith(got)).toBe(true);
    expect(events.get('HTTP_truncated_message')).toBe(1);
  });

  it('inspects a body that claims gzip but is not compressed as is', () => {
    const { sink, events } = run(GET, OK('plain text body', 'Content-Encoding: gzip\r\n'));
    expect(sink.fileData(1)).toBe('plain text body');
    expect(events.get('HTTP_decompression_failed')).toBe(1);
  });

  it('caps decompressed output (bomb guard)', () => {
    const z = gzipSync(Buffer.alloc(8 << 20));
    const head = bytes(`HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${z.length}\r\n\r\n`);
    const { sink, events } = run(GET, Buffer.concat([head, z]), { limits: { maxDecompressed: 1 << 20 } });
    expect(events.get('HTTP_decompression_limit')).toBe(1);
    expect(sink.fileData(1).length).toBeLessThan(2 << 20);
  });

  it('undoes header folding and joins duplicate fields', () => {
    const c = 'GET / HTTP/1.1\r\nHost: h\r\nX-A: one\r\n two\r\nX-B: 1\r\nX-B: 2\r\n\r\n';
    const { sink, events } = run(c, '', { fields: ['x-a', 'x-b', 'host', 'nope'] });
    const [req] = sink.of(0, 'headers');
    expect(req!.fields).toEqual({ 'x-a': 'one two', 'x-b': '1,2', host: 'h', nope: null });
    expect(req!.bufs['http_header']).toBe('Host: h\r\nX-A: one two\r\nX-B: 1\r\nX-B: 2');
    expect(req!.bufs['http_raw_header']).toBe('Host: h\r\nX-A: one\r\n two\r\nX-B: 1\r\nX-B: 2');
    expect(events.get('HTTP_obsolete_line_folding')).toBe(1);
  });

  it('accepts LF-only line ends', () => {
    const { sink, events } = run('GET /x HTTP/1.1\nHost: h\n\n', 'HTTP/1.1 200 OK\nContent-Length: 2\n\nhi');
    expect(sink.of(0, 'headers')[0]!.bufs['http_raw_header']).toBe('Host: h');
    expect(sink.fileData(1)).toBe('hi');
    expect(events.get('HTTP_bare_LF')).toBe(2);
  });

  it('reads a request body and its buffers', () => {
    const c = 'POST /up HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\na=%41&b=c+d';
    const { sink } = run(c, OK(''));
    const [b] = sink.of(0, 'body');
    expect(b!.bufs['http_raw_body']).toBe('a=%41&b=c+d');
    expect(b!.bufs['http_client_body']).toBe('a=A&b=c+d');
    expect(b!.bufs['file_data']).toBe('a=%41&b=c+d');
    expect(b!.bufs['http_method']).toBe('POST');
    expect(sink.txs[0]!.request_body_len).toBe(11);
  });

  it('records 1xx as info_code, then the final status', () => {
    const { sink } = run(GET, 'HTTP/1.1 100 Continue\r\n\r\n' + OK('x'));
    expect(sink.txs.map((t) => [t.info_code, t.info_msg, t.status_code])).toEqual([[100, 'Continue', 200]]);
  });

  it('reads a body delimited by the end of the connection', () => {
    const { sink } = run(GET, 'HTTP/1.0 200 OK\r\n\r\nuntil close');
    expect(sink.fileData(1)).toBe('until close');
    // Zeek's line-mode count: the unterminated last line is counted with a CRLF.
    expect(sink.txs[0]!.response_body_len).toBe(13);
    const lf = run(GET, 'HTTP/1.0 200 OK\r\n\r\na\nb\r\n').sink;
    expect(lf.txs[0]!.response_body_len).toBe(6);
  });

  it('emits body sections at most every sectionBytes', () => {
    const body = 'x'.repeat(40000);
    const { sink } = run(GET, OK(body));
    expect(sink.of(1, 'body').map((s) => s.raw.length)).toEqual([16384, 16384, 40000 - 32768]);
    expect(sink.fileData(1)).toBe(body);
  });

  it('stops inspecting at response_depth', () => {
    const { sink } = run(GET, OK('0123456789'), { limits: { responseDepth: 4 } });
    expect(sink.fileData(1)).toBe('0123');
    expect(sink.txs[0]!.response_body_len).toBe(10);
  });

  it('counts Zeek weirds for odd messages', () => {
    const { events } = run(
      'FOO / HTTP/1.1\r\nContent-Length: 0\r\nContent-Length: 5\r\n\r\n',
      'HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\nContent-Type: multipart/mixed\r\n\r\nzz\r\n',
    );
    expect(events.get('unknown_HTTP_method')).toBe(1);
    expect(events.get('HTTP_multiple_content_length')).toBe(1);
    expect(events.get('HTTP_version_mismatch')).toBe(1);
    expect(events.get('HTTP_content_length_and_chunked')).toBe(1);
    expect(events.get('HTTP_chunked_transfer_for_multipart_message')).toBe(1);
    expect(events.get('HTTP_bad_chunk_size')).toBe(1);
  });

  it('stops at a line that is not HTTP', () => {
    const { sink, events } = run('\x16\x03\x01\x02\x00 binary', '');
    expect(sink.sections).toHaveLength(0);
    expect(events.get('bad_HTTP_request')).toBe(1);
  });

  it('logs a request without a response at the end', () => {
    const { sink } = run(GET, '');
    expect(sink.txs.map((t) => [t.uri, t.status_code])).toEqual([['/a/../b%41?x=1+2', null]]);
  });

  it('fills username and proxied like Zeek', () => {
    const c = `GET / HTTP/1.1\r\nAuthorization: Basic ${Buffer.from('bob:pw').toString('base64')}\r\nVia: 1.1 p\r\n\r\n`;
    const tx = run(c, OK('')).sink.txs[0]!;
    expect([tx.username, tx.password, tx.proxied]).toEqual(['bob', null, ['VIA -> 1.1 p']]);
  });

  it('inspects the headers of a response closed before its empty line', () => {
    const { sink, events } = run('GET / HTTP/1.1\r\nHost: h\r\n\r\n', 'HTTP/1.0 200 OK\r\nServer:ng1nx\r\n');
    const [resp] = sink.of(1, 'headers');
    expect(resp!.bufs['http_stat_code']).toBe('200');
    expect(resp!.bufs['http_raw_header']).toBe('Server:ng1nx');
    expect(sink.txs.map((t) => t.status_code)).toEqual([200]);
    expect(events.get('HTTP_truncated_message')).toBe(1);
    // Without a line end the last header line still counts; a cut start line is not a head.
    expect(run(GET, 'HTTP/1.1 404 Not Found\r\nX-A: 1').sink.of(1, 'headers')[0]!.bufs['http_header']).toBe(
      'X-A: 1',
    );
    expect(run(GET, 'HTTP/1.1 404 No').sink.of(1, 'headers')).toHaveLength(0);
  });

  it('takes X-Forwarded-For as http_true_ip', () => {
    const c = 'GET / HTTP/1.1\r\nX-Forwarded-For: 10.1.2.3, 10.0.0.1\r\n\r\n';
    expect(run(c, '').sink.of(0, 'headers')[0]!.bufs['http_true_ip']).toBe('10.1.2.3');
  });

  it('sniffs response MIME types', () => {
    const { sink } = run(GET, OK('<html><body>hi</body></html>'));
    expect(sink.txs[0]!.resp_mime_types).toEqual(['text/html']);
  });
});

describe('HttpSession: transactions only (sections: false)', () => {
  const cases: [string, string | Uint8Array][] = [
    [GET, OK('<html><body>hi</body></html>')],
    [GET + GET, OK('a') + OK('bb')],
    [
      'POST /up HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-T: 1\r\n\r\n',
    ],
    [
      GET,
      Buffer.concat([
        bytes(
          `HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${gzipSync('z'.repeat(5000)).length}\r\n\r\n`,
        ),
        gzipSync('z'.repeat(5000)),
      ]),
    ],
    [GET, 'HTTP/1.0 200 OK\r\n\r\nline one\nline two'],
  ];

  it('logs the same transactions as with sections, and builds none', () => {
    for (const [c, s] of cases) {
      const full = run(c, s);
      const lean = run(c, s, { limits: { sections: false } });
      expect(lean.sink.sections).toHaveLength(0);
      expect(full.sink.sections.length).toBeGreaterThan(0);
      expect(lean.sink.txs).toEqual(full.sink.txs);
      expect(lean.events.toJSON()).toEqual(full.events.toJSON());
    }
  });
});

describe('HttpSession: body scratch buffers are shared between sessions', () => {
  it('keeps each message body intact when sessions interleave', () => {
    const body = (ch: string) => ch.repeat(40000);
    const resp = (ch: string) => bytes(OK(body(ch)));
    const alone = ['a', 'b', 'c'].map((ch) => run(GET, resp(ch)).sink.fileData(1));
    // Three sessions, their response bodies fed 1000 bytes at a time in turn: each body in flight holds its
    // own buffers while the others start and finish theirs.
    const sessions = ['a', 'b', 'c'].map((ch) => {
      const events = new EventCounts();
      const sink = new CollectSink();
      const s = new HttpSession(events);
      s.feed(0, bytes(GET), 0, GET.length, sink);
      return { s, sink, data: resp(ch), at: 0 };
    });
    for (let round = 0; sessions.some((x) => x.at < x.data.length); round++) {
      for (const x of sessions.slice(round % 3).concat(sessions.slice(0, round % 3))) {
        const n = Math.min(1000 + round * 7, x.data.length - x.at);
        if (n > 0) x.s.feed(1, x.data, x.at, n, x.sink);
        x.at += n;
        if (x.at === x.data.length && round % 2 === 0) x.s.end(1, x.sink);
      }
    }
    for (const x of sessions) x.s.end(1, x.sink);
    expect(sessions.map((x) => x.sink.fileData(1))).toEqual(alone);
    expect(sessions.map((x) => x.sink.txs[0]!.response_body_len)).toEqual([40000, 40000, 40000]);
  });
});

describe('HttpSession: transaction times', () => {
  it("stamps a transaction with the time its request head was read, an unmatched reply's with its own", () => {
    const sink = new CollectSink();
    const s = new HttpSession(new EventCounts());
    s.now = 10;
    s.feed(0, bytes(GET + GET), 0, GET.length * 2, sink);
    s.now = 12;
    const two = bytes(OK('a') + OK('b') + OK('c'));
    s.feed(1, two, 0, two.length, sink);
    s.end(1, sink);
    expect(sink.txs.map((t) => t.ts)).toEqual([10, 10, 12]);
  });
});
