import { describe, expect, it } from 'vitest';
import { diagnosticsOf, matches } from '../testkit.js';

const B = (...b: number[]): Uint8Array => Uint8Array.from(b);

describe('byte_test', () => {
  it('compares with every operator', () => {
    const p = B(0x00, 0x10);
    expect(matches('byte_test:2,=,16,0', p)).toBe(true);
    expect(matches('byte_test:2,<,17,0', p)).toBe(true);
    expect(matches('byte_test:2,<,16,0', p)).toBe(false);
    expect(matches('byte_test:2,>,15,0', p)).toBe(true);
    expect(matches('byte_test:2,<=,16,0', p)).toBe(true);
    expect(matches('byte_test:2,>=,17,0', p)).toBe(false);
    expect(matches('byte_test:2,&,0x10,0', p)).toBe(true);
    expect(matches('byte_test:2,&,0x01,0', p)).toBe(false);
    expect(matches('byte_test:2,^,0x10,0', p)).toBe(false);
    expect(matches('byte_test:2,!=,16,0', p)).toBe(false);
    expect(matches('byte_test:2,!<,16,0', p)).toBe(true);
  });

  it('honours endianness, relative offsets and bounds', () => {
    expect(matches('byte_test:2,=,0x0201,0,little', B(1, 2))).toBe(true);
    expect(matches('byte_test:2,=,0x0102,0,big', B(1, 2))).toBe(true);
    expect(matches('byte_test:4,=,4294967295,0', B(255, 255, 255, 255))).toBe(true);
    expect(matches('content:"|AA|"; byte_test:1,=,7,1,relative', B(0xaa, 0, 7))).toBe(true);
    expect(matches('byte_test:2,>,0,1', B(1, 2))).toBe(false); // reads past the end
  });

  it('converts text with string dec/hex/oct', () => {
    expect(matches('byte_test:3,=,123,0,string,dec', '123')).toBe(true);
    expect(matches('byte_test:2,=,255,0,string,hex', 'ff')).toBe(true);
    expect(matches('byte_test:2,=,8,0,string,oct', '10')).toBe(true);
    expect(matches('byte_test:4,>,1000,0,string,dec', '12a4')).toBe(false);
    expect(matches('byte_test:3,=,1,0,string', 'abc')).toBe(false);
  });

  it('applies a bitmask and shifts by its trailing zeros', () => {
    expect(matches('byte_test:1,=,3,0,bitmask 0x30', B(0x3f))).toBe(true);
    expect(matches('byte_test:2,=,1,0,bitmask 0x8000', B(0x80, 0))).toBe(true);
  });

  it('rejects bad arguments', () => {
    expect(diagnosticsOf('byte_test:5,=,1,0')[0]!.message).toMatch(/out of range/);
    expect(diagnosticsOf('byte_test:2,?,1,0')[0]!.message).toMatch(/operator/);
    expect(diagnosticsOf('byte_test:2,=,1')[0]!.message).toMatch(/expected/);
    expect(diagnosticsOf('byte_test:2,=,v,0')[0]!.message).toMatch(/unknown variable/);
  });
});
