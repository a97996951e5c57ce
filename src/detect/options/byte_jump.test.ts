import { describe, expect, it } from 'vitest';
import { diagnosticsOf, matches } from '../testkit.js';

const B = (...b: number[]): Uint8Array => Uint8Array.from(b);

describe('byte_jump', () => {
  it('moves the cursor past the read bytes by the value', () => {
    // value 2 at 0: skip 2 bytes after the length field → cursor at 3
    expect(matches('byte_jump:1,0; content:"Z",within 1', B(2, 0x41, 0x41, 0x5a))).toBe(true);
    expect(matches('byte_jump:1,0; content:"Z",within 1', B(1, 0x41, 0x41, 0x5a))).toBe(false);
  });

  it('multiplier, align, post_offset', () => {
    expect(matches('byte_jump:1,0,multiplier 2; content:"Z",within 1', B(1, 0, 0, 0x5a))).toBe(true);
    // value 1 aligned to 4 → cursor 1+4 = 5
    expect(matches('byte_jump:1,0,align; content:"Z",within 1', B(1, 0, 0, 0, 0, 0x5a))).toBe(true);
    expect(matches('byte_jump:1,0,post_offset 1; content:"Z",within 1', B(1, 0, 0, 0x5a))).toBe(true);
    expect(matches('byte_jump:1,0,post_offset -1; content:"Z",within 1', B(2, 0, 0x5a, 0))).toBe(true);
  });

  it('from_beginning and from_end', () => {
    expect(matches('byte_jump:1,1,from_beginning; content:"Z",within 1', B(0, 3, 0, 0x5a))).toBe(true);
    expect(matches('byte_jump:0,0,from_end,post_offset -1; content:"Z",within 1', B(0, 0, 0x5a))).toBe(true);
  });

  it('relative reads and out-of-range jumps', () => {
    expect(matches('content:"L"; byte_jump:1,0,relative; content:"Z",within 1', B(0x4c, 1, 0, 0x5a))).toBe(
      true,
    );
    expect(matches('byte_jump:1,0', B(200, 0))).toBe(false);
    expect(
      matches(
        'byte_jump:2,0,string,dec; content:"Z",within 1',
        Uint8Array.from('02xxZ', (c) => c.charCodeAt(0)),
      ),
    ).toBe(true);
  });

  it('takes the byte count from a variable (Suricata form)', () => {
    // count 1 read at 0; then jump by the 1-byte value at 1 (=2) → cursor 4
    const rule = 'byte_extract:1,0,n; byte_jump:n,0,relative; content:"Z",within 1';
    expect(matches(rule, B(1, 2, 0, 0, 0x5a))).toBe(true);
    expect(matches(rule, B(9, 2, 0, 0, 0x5a))).toBe(false);
  });

  it('rejects bad arguments', () => {
    expect(diagnosticsOf('byte_jump:1')[0]!.message).toMatch(/expected/);
    expect(diagnosticsOf('byte_jump:1,0,from_beginning,from_end')[0]!.message).toMatch(/exclusive/);
    expect(diagnosticsOf('byte_jump:1,0,sideways')[0]!.message).toMatch(/sideways/);
  });
});
