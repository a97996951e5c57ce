import { describe, expect, it } from 'vitest';
import { diagnosticsOf, makeRule, matches } from '../testkit.js';

describe('content', () => {
  it('matches plain, hex and escaped patterns', () => {
    expect(matches('content:"GET"', 'xxGETyy')).toBe(true);
    expect(matches('content:"get"', 'GET')).toBe(false);
    expect(matches('content:"get",nocase', 'GET')).toBe(true);
    expect(matches('content:"|41 42|C"', 'zABC')).toBe(true);
    expect(matches('content:"a\\"b"', 'a"b')).toBe(true);
    expect(matches('content:"a\\;b"', 'a;b')).toBe(true);
    expect(matches('content:"|00 ff|"', new Uint8Array([1, 0, 255]))).toBe(true);
  });

  it('applies offset and depth from the buffer start', () => {
    expect(matches('content:"GET",depth 3', 'GET /')).toBe(true);
    expect(matches('content:"GET",depth 3', ' GET /')).toBe(false);
    expect(matches('content:"abc",offset 2', 'abcabc')).toBe(true);
    expect(matches('content:"abc",offset 4', 'abcabc')).toBe(false);
    expect(matches('content:"abc",offset 1,depth 4', 'xabcx')).toBe(true);
    expect(matches('content:"abc",offset 1,depth 3', 'xxabc')).toBe(false);
  });

  it('applies distance and within relative to the previous match', () => {
    expect(matches('content:"ab"; content:"cd",distance 0', 'abcd')).toBe(true);
    expect(matches('content:"ab"; content:"cd",distance 1', 'abcd')).toBe(false);
    expect(matches('content:"ab"; content:"cd",within 2', 'abcd')).toBe(true);
    expect(matches('content:"ab"; content:"cd",within 3', 'abxcd')).toBe(true);
    expect(matches('content:"ab"; content:"cd",within 2', 'abxcd')).toBe(false);
    expect(matches('content:"ab"; content:"cd",distance 1,within 2', 'abxcd')).toBe(true);
    expect(matches('content:"cd"; content:"ab",distance -4,within 2', 'abcd')).toBe(true);
  });

  it('backtracks to a later occurrence when a relative option fails', () => {
    // first "a" is followed by "x"; only the second "a" is followed by "b"
    expect(matches('content:"a"; content:"b",within 1', 'axab')).toBe(true);
    expect(matches('content:"a"; content:"b",within 1', 'axax')).toBe(false);
    expect(matches('content:"a"; isdataat:!1,relative', 'aaa')).toBe(true);
  });

  it('negated content matches when the pattern is absent from the window', () => {
    expect(matches('content:!"evil"', 'good')).toBe(true);
    expect(matches('content:!"evil"', 'so evil')).toBe(false);
    expect(matches('content:"a"; content:!"b",within 1', 'ab ac')).toBe(true);
    expect(matches('content:!"b",depth 2', 'aab')).toBe(true);
  });

  it('uses byte_extract variables for offset and depth', () => {
    expect(matches('byte_extract:1,0,off; content:"hit",offset off', '\x03xxhit')).toBe(true);
    expect(matches('byte_extract:1,0,off; content:"hit",offset off', '\x04xxhit')).toBe(false);
  });

  it('reports invalid modifiers with a location', () => {
    const d = diagnosticsOf('msg:"x"; content:"a",depth 0');
    expect(d.length).toBeGreaterThan(0);
    expect(diagnosticsOf('content:"a",depth 0')[0]!.message).toMatch(/depth/);
    expect(diagnosticsOf('content:"abc",offset 1,distance 2')[0]!.message).toMatch(/cannot be combined/);
    expect(diagnosticsOf('content:"ab",within 1')[0]!.message).toMatch(/within/);
    expect(diagnosticsOf('content:"|4|"')[0]!.message).toMatch(/hex/);
    expect(diagnosticsOf('content:"x",bogus')[0]!.message).toMatch(/bogus/);
    const text = 'flow:established; content:"a",depth 0';
    const loc = diagnosticsOf(text)[0]!;
    expect(loc.file).toBe('test.rules');
    expect(loc.col).toBe(makeRule(text).options[1]!.col);
    expect(loc.col).toBeGreaterThan(1);
  });
});
