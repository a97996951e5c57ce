import { describe, expect, it } from 'vitest';
import { diagnosticsOf, matches } from '../testkit.js';

describe('isdataat and bufferlen', () => {
  it('absolute and relative positions, negation', () => {
    expect(matches('isdataat:3', 'abcd')).toBe(true);
    expect(matches('isdataat:4', 'abcd')).toBe(false);
    expect(matches('isdataat:!4', 'abcd')).toBe(true);
    // Relative: that many bytes remain after the cursor (suricata-verify issue-8031).
    expect(matches('content:"b"; isdataat:3,relative', 'abcd')).toBe(false);
    expect(matches('content:"b"; isdataat:2,relative', 'abcd')).toBe(true);
    expect(matches('content:"c"; isdataat:!1,relative', 'abcd')).toBe(false);
    expect(matches('content:"d"; isdataat:!1,relative', 'abcd')).toBe(true);
    expect(diagnosticsOf('isdataat:1,rawbytes')[0]!.message).toMatch(/raw/);
  });

  it('bufferlen ranges', () => {
    expect(matches('bufferlen:4', 'abcd')).toBe(true);
    expect(matches('bufferlen:>4', 'abcd')).toBe(false);
    expect(matches('bufferlen:<5', 'abcd')).toBe(true);
    expect(matches('bufferlen:2<>5', 'abcd')).toBe(true);
    expect(matches('bufferlen:4<>5', 'abcd')).toBe(false);
    expect(matches('bufferlen:4<=>5', 'abcd')).toBe(true);
    expect(matches('content:"b"; bufferlen:2,relative', 'abcd')).toBe(true);
  });
});
