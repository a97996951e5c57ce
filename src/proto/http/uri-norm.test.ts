import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { latin1 } from '../../core/bytes.js';
import { DEFAULT_HTTP_LIMITS } from './limits.js';
import { bytes } from './testkit.js';
import { classicNormalize, normalizeUri } from './uri-norm.js';

const norm = (s: string, p = {}, connect = false) => {
  const b = bytes(s);
  return latin1(normalizeUri(b, 0, b.length, connect, { ...DEFAULT_HTTP_LIMITS, ...p }));
};

describe('normalizeUri (Snort 3 http_inspect rules, default options)', () => {
  it.each([
    ['/index.html', '/index.html'],
    ['/a/./b', '/a/b'],
    ['/a/b/../c', '/a/c'],
    ['/a//b///c', '/a/b/c'],
    ['/a/b/..', '/a/'],
    ['/a/.', '/a/'],
    ['/../../x', '/../../x'],
    ['/a/../../x', '/../x'],
    ['/a\\b\\..\\c', '/a/c'],
    ['/%41%42c', '/ABc'],
    ['/a%2fb', '/a/b'],
    ['/a/%2e%2e/b', '/b'],
    ['/%2e%2e/x', '/../x'],
    ['/x%c0%afy', '/x/y'],
    ['/x%c1%81', '/xA'],
    ['/%e2%80%a2', '/\xff'],
    ['/%2541', '/A'],
    // `%%` decodes to `%` and consumes both: `/%341`, then double decoding `%34` → `4`.
    ['/%%34%31', '/41'],
    ['/%%41', '/A'],
    ['/%zz', '/%zz'],
    ['/%u0041', '/%u0041'],
    ['/a+b?q=c+d', '/a b?q=c d'],
    ['/p?q=%2e%2e/%2e%2e//x', '/p?q=../..//x'],
    ['/p#frag+x/../y', '/p#frag x/../y'],
    ['http://Example.com:8080/a/../b?x=1', 'http://Example.com:8080/b?x=1'],
    ['http://ex%41mple.com/', 'http://exAmple.com/'],
    ['*', '*'],
    ['garbage', 'garbage'],
  ])('%s → %s', (input, want) => {
    expect(norm(input)).toBe(want);
  });

  it('decodes %u only when percent_u is on', () => {
    expect(norm('/%u0041b', { percentU: true })).toBe('/Ab');
    expect(norm('/%u2215', { percentU: true })).toBe('/\xff');
  });

  it('keeps a CONNECT authority as is', () => {
    expect(norm('host%41:443', {}, true)).toBe('host%41:443');
  });

  it('honours switched-off options', () => {
    expect(norm('/a//b/../c+d', { simplifyPath: false, plusToSpace: false })).toBe('/a//b/../c+d');
    expect(norm('/a\\b', { backslashToSlash: false })).toBe('/a\\b');
    expect(norm('/%2541', { iisDoubleDecode: false })).toBe('/%41');
    expect(norm('/%c1%81', { utf8: false })).toBe('/\xc1\x81');
  });
});

describe('classicNormalize (http_header, http_cookie, http_client_body)', () => {
  it('decodes everywhere and leaves paths alone (Snort 3: do_path false for these buffers)', () => {
    const b = bytes('a=%41+b; path=/x/../y//z\\w; ref=http://h/');
    expect(latin1(classicNormalize(b, 0, b.length, DEFAULT_HTTP_LIMITS))).toBe(
      'a=A+b; path=/x/../y//z\\w; ref=http://h/',
    );
  });
});

describe('classic normalization: runs without % are copied whole', () => {
  it('gives what the byte-by-byte decoder gives, inside a larger buffer too', () => {
    // Below 0x80 bare UTF-8 decoding changes nothing, so the byte-by-byte path (utf8BareByte on) is the
    // reference for the run-copying path (off, the default).
    const byte = fc.constantFrom(
      0x25,
      0x25,
      0x30,
      0x35,
      0x41,
      0x46,
      0x61,
      0x75,
      0x55,
      0x2f,
      0x2e,
      0x20,
      0x7a,
    );
    fc.assert(
      fc.property(
        fc.array(byte, { maxLength: 120 }),
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        fc.boolean(),
        (arr, a, b, percentU, iisDoubleDecode) => {
          const buf = Uint8Array.from(arr);
          const x = a % (buf.length + 1);
          const y = b % (buf.length + 1);
          const [off, end] = x <= y ? [x, y] : [y, x];
          const p = { ...DEFAULT_HTTP_LIMITS, percentU, iisDoubleDecode };
          const fast = classicNormalize(buf, off, end - off, { ...p, utf8BareByte: false });
          const slow = classicNormalize(buf, off, end - off, { ...p, utf8BareByte: true });
          expect([...fast]).toEqual([...slow]);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
