import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Scanner } from './scanner.js';

function scan(text: string): Scanner {
  const s = new Scanner();
  const buf = Buffer.from(text, 'latin1');
  s.reset(buf, buf.length);
  return s;
}

describe('Scanner', () => {
  it('parses integers like Number() does, exactly up to 2^64', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (n) => {
        expect(scan(`  ${n} x`).uint()).toBe(Number(n));
      }),
    );
  });

  it('parses decimals like parseFloat does', () => {
    fc.assert(
      fc.property(fc.nat(), fc.stringMatching(/^[0-9]{1,20}$/), (whole, frac) => {
        const text = `${whole}.${frac}`;
        expect(scan(text).decimal()).toBe(parseFloat(text));
      }),
    );
  });

  it('returns NaN, not a number, where none is', () => {
    const s = scan('abc -1');
    expect(s.uint()).toBeNaN();
    expect(s.skipField()).toBe(true);
    expect(s.int()).toBe(-1);
    expect(scan('').decimal()).toBeNaN();
    expect(scan('0x').hexByte()).toBeNaN();
    expect(scan('0A').hexByte()).toBe(10);
  });

  it('walks lines and fields', () => {
    const s = scan('a b  c\n\nd');
    expect(s.skipFields(3)).toBe(true);
    expect(s.skipField()).toBe(false);
    s.nextLine();
    expect(s.lineEnd()).toBe(s.pos);
    s.nextLine();
    expect(s.skipField()).toBe(true);
    expect(s.atEnd()).toBe(true);
  });
});
