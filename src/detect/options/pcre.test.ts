import { describe, expect, it } from 'vitest';
import { diagnosticsOf, matches } from '../testkit.js';
import { translatePcre } from './pcre-translate.js';

describe('pcre', () => {
  it('matches with Snort flags', () => {
    expect(matches('pcre:"/ab+c/"', 'xabbbc')).toBe(true);
    expect(matches('pcre:"/ABC/"', 'abc')).toBe(false);
    expect(matches('pcre:"/ABC/i"', 'abc')).toBe(true);
    expect(matches('pcre:"/a.c/"', 'a\nc')).toBe(false);
    expect(matches('pcre:"/a.c/s"', 'a\nc')).toBe(true);
    expect(matches('pcre:"/a.c/"', 'a\rc')).toBe(true); // PCRE dot matches CR
    expect(matches('pcre:"/^b/m"', 'a\nb')).toBe(true);
    expect(matches('pcre:"/^b/"', 'a\nb')).toBe(false);
    expect(matches('pcre:"/a b c/x"', 'abc')).toBe(true);
    expect(matches('pcre:"/bc/A"', 'abc')).toBe(false);
    expect(matches('pcre:"/ab/A"', 'abc')).toBe(true);
    expect(matches('pcre:"/c$/"', 'abc\n')).toBe(true);
    expect(matches('pcre:"/c$/E"', 'abc\n')).toBe(false);
    expect(matches('pcre:"/a.*?c/G"', 'abcc')).toBe(true);
    expect(matches('pcre:"/a\\x00\\xff/"', new Uint8Array([0x61, 0, 0xff]))).toBe(true);
  });

  it('R starts at the cursor', () => {
    expect(matches('content:"ab"; pcre:"/^c/R"', 'abc')).toBe(false); // ^ is the buffer start, as in PCRE
    expect(diagnosticsOf('pcre:"/\\Gc/R"')[0]!.message).toMatch(/G/);
    expect(matches('content:"ab"; pcre:"/c/R"', 'cab')).toBe(false);
    expect(matches('content:"ab"; pcre:"/c/R"', 'abc')).toBe(true);
    expect(matches('content:"ab"; pcre:"/c/AR"', 'abxc')).toBe(false);
    expect(matches('content:"ab"; pcre:"/c/AR"', 'abc')).toBe(true);
  });

  it('backtracks content to satisfy a relative pcre', () => {
    expect(matches('content:"k="; pcre:"/\\d+/AR"', 'k=x k=12')).toBe(true);
  });

  it('negation', () => {
    expect(matches('pcre:!"/evil/"', 'good')).toBe(true);
    expect(matches('pcre:!"/evil/"', 'evil')).toBe(false);
  });

  it('translates PCRE-only constructs', () => {
    expect(translatePcre('\\Aab\\z', '').error).toBeNull();
    expect(matches('pcre:"/\\Aab\\Z/"', 'ab\n')).toBe(true);
    expect(matches('pcre:"/\\Aab\\z/"', 'ab\n')).toBe(false);
    expect(matches('pcre:"/(?i)abc/"', 'ABC')).toBe(true);
    expect(matches('pcre:"/(?P<x>a)(?P=x)/"', 'aa')).toBe(true);
    expect(matches('pcre:"/[[:digit:]]+x/"', '12x')).toBe(true);
    expect(matches('pcre:"/a\\sb/"', 'a\xa0b')).toBe(false); // \\s has no NBSP in PCRE
    expect(matches('pcre:"/\\Qa.b\\E/"', 'axb')).toBe(false);
  });

  it('reports constructs JavaScript cannot express', () => {
    expect(diagnosticsOf('pcre:"/a++/"')[0]!.message).toMatch(/possessive/);
    expect(diagnosticsOf('pcre:"/(?>a)/"')[0]!.message).toMatch(/atomic/);
    expect(diagnosticsOf('pcre:"/(a)(?1)/"')[0]!.message).toMatch(/recursion/);
    expect(diagnosticsOf('pcre:"/(?(1)a|b)/"')[0]!.message).toMatch(/conditional/);
    expect(diagnosticsOf('pcre:"/a/Q"')[0]!.message).toMatch(/flag/);
    expect(diagnosticsOf('pcre:"abc"')[0]!.message).toMatch(/pattern/);
  });
});

describe('pcre inline case modifiers', () => {
  it('spells out case folding when a group toggles it', () => {
    const re = 'pcre:"/^Authorization\\x3a\\s*Basic\\s+(?-i)YWRt[=\\s]/smi"';
    expect(matches(re, 'authorization: basic YWRt=')).toBe(true);
    expect(matches(re, 'authorization: basic ywrt=')).toBe(false);
    expect(matches('pcre:"/a(?i:b)c/"', 'aBc')).toBe(true);
    expect(matches('pcre:"/a(?i:b)c/"', 'aBC')).toBe(false);
    expect(matches('pcre:"/(?i:[a-c]x)/"', 'BX')).toBe(true);
  });
});
