import { describe, expect, it } from 'vitest';
import { ipText, snortTime } from './addr.js';

function v6(...words: number[]): Uint8Array {
  const b = new Uint8Array(16);
  words.forEach((w, i) => {
    b[i * 2] = w >> 8;
    b[i * 2 + 1] = w & 0xff;
  });
  return b;
}

describe('ipText', () => {
  it('prints IPv4 dotted quads', () => {
    expect(ipText(4, new Uint8Array([10, 200, 0, 1, 0, 0]))).toBe('10.200.0.1');
  });
  it('compresses the longest zero run of IPv6', () => {
    expect(ipText(6, v6(0xfd00, 0x200, 0, 0, 0, 0, 0, 0xa))).toBe('fd00:200::a');
    expect(ipText(6, v6(0, 0, 0, 0, 0, 0, 0, 1))).toBe('::1');
    expect(ipText(6, v6(0xfe80, 0, 0, 0, 1, 0, 0, 1))).toBe('fe80::1:0:0:1');
    expect(ipText(6, v6(1, 0, 2, 3, 4, 5, 6, 7))).toBe('1:0:2:3:4:5:6:7');
  });
});

describe('snortTime', () => {
  it('formats like alert_fast', () => {
    expect(snortTime(Date.UTC(2026, 10, 22, 10, 46, 40) / 1000, 449584)).toBe('11/22-10:46:40.449584');
  });
});
