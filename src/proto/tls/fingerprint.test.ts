import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseClientHello, parseServerHello } from './hello.js';
import { ja3, ja3String, ja3sString } from './ja3.js';
import { ja4, ja4s } from './ja4.js';
import { clientHelloMsg, ext, serverHelloMsg, sniExt, u16ListExt } from './testkit.js';

const sha12 = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 12);

describe('JA3', () => {
  it('matches the JA3 reference example (string and MD5), GREASE removed', () => {
    const msg = clientHelloMsg({
      version: 0x0301,
      ciphers: [0x0a0a, 47, 53, 5, 10, 49161, 49162, 49171, 49172, 50, 56, 19, 4],
      exts: [ext(0x1a1a, []), sniExt('example.com'), u16ListExt(10, [0x2a2a, 23, 24, 25]), ext(11, [1, 0])],
    });
    const ch = parseClientHello(Uint8Array.from(msg), 4, msg.length)!;
    expect(ja3String(ch)).toBe('769,47-53-5-10-49161-49162-49171-49172-50-56-19-4,0-10-11,23-24-25,0');
    expect(ja3(ch)).toBe('ada70206e40642a3e4461f35503241d5');
  });

  it('JA3S string of a ServerHello', () => {
    const msg = serverHelloMsg({ cipher: 0xc02f, exts: [ext(0xff01, [0]), ext(11, [1, 0])] });
    expect(ja3sString(parseServerHello(Uint8Array.from(msg), 4, msg.length)!)).toBe('771,49199,65281-11');
  });
});

describe('JA4', () => {
  it('client: version from supported_versions, counts, ALPN, sorted hashes without SNI/ALPN', () => {
    const msg = clientHelloMsg({
      ciphers: [0x0a0a, 0x1301, 0xc02f, 0x1302],
      exts: [
        sniExt('a.test'),
        u16ListExt(43, [0x3a3a, 0x0304, 0x0303], 1),
        ext(16, [0, 3, 2, 0x68, 0x32]),
        u16ListExt(13, [0x0403, 0x0804]),
        u16ListExt(10, [29]),
      ],
    });
    const ch = parseClientHello(Uint8Array.from(msg), 4, msg.length)!;
    const b = sha12('1301,1302,c02f');
    const c = sha12('000a,000d,002b_0403,0804');
    expect(ja4(ch)).toBe(`t13d0305h2_${b}_${c}`);
  });

  it('server: negotiated version, extension order kept, chosen cipher', () => {
    const msg = serverHelloMsg({ cipher: 0x1301, exts: [ext(43, [3, 4]), ext(51, [0, 29, 0, 0])] });
    expect(ja4s(parseServerHello(Uint8Array.from(msg), 4, msg.length)!)).toBe(
      `t130200_1301_${sha12('002b,0033')}`,
    );
  });
});
