import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pgJson, pgText } from './pg-text.js';

/** What pgText does to every string inside a JSON value (keys included). */
function deepText(v: unknown): unknown {
  if (typeof v === 'string') return pgText(v);
  if (Array.isArray(v)) return v.map(deepText);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [pgText(k), deepText(x)]));
  return v;
}

/** Whether any string (or key) in a parsed JSON value holds a NUL character. */
function hasNul(v: unknown): boolean {
  if (typeof v === 'string') return v.includes('\0');
  if (Array.isArray(v)) return v.some(hasNul);
  if (v !== null && typeof v === 'object')
    return Object.entries(v).some(([k, x]) => k.includes('\0') || hasNul(x));
  return false;
}

describe('pgText / pgJson', () => {
  it('escapes NUL as \\x00 and leaves other text alone', () => {
    expect(pgText('a\0b\0')).toBe('a\\x00b\\x00');
    expect(pgText('plain \\u0000 text')).toBe('plain \\u0000 text');
    expect(pgJson({ referrer: 'http://h/1.\0tml', 'k\0': ['\0', 'x'] })).toBe(
      '{"referrer":"http://h/1.\\\\x00tml","k\\\\x00":["\\\\x00","x"]}',
    );
  });

  it('never leaves a NUL escape in the JSON, and parses back to pgText of every string', () => {
    const str = fc.string({ unit: fc.constantFrom('\0', '\\', 'u', '0', 'a', '"') });
    fc.assert(
      fc.property(fc.dictionary(str, fc.oneof(str, fc.array(str))), (v) => {
        const j = pgJson(v);
        expect(JSON.parse(j)).toEqual(deepText(v));
        expect(hasNul(JSON.parse(j))).toBe(false);
      }),
    );
  });
});
