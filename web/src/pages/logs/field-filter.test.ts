import { describe, expect, it } from 'vitest';
import { parseFieldFilter } from './field-filter.js';

describe('parseFieldFilter', () => {
  it('maps exact and substring conditions to the API parameters', () => {
    expect(parseFieldFilter('  id.orig_h=10.0.0.1   uri=~passwd ')).toEqual({
      ok: true,
      params: { 'id.orig_h': '10.0.0.1', uri: '~passwd' },
    });
    expect(parseFieldFilter('')).toEqual({ ok: true, params: {} });
  });

  it('keeps quoted values whole', () => {
    expect(parseFieldFilter('user_agent=~"Mozilla/5.0 (X11" host=a')).toEqual({
      ok: true,
      params: { user_agent: '~Mozilla/5.0 (X11', host: 'a' },
    });
  });

  it('explains what is wrong', () => {
    const err = (s: string) => {
      const r = parseFieldFilter(s);
      return r.ok ? null : r.error;
    };
    expect(err('passwd')).toMatch(/not field=value/);
    expect(err('uri="abc')).toMatch(/Unclosed/);
    expect(err('limit=5')).toMatch(/own control/);
    expect(err('uri=a uri=b')).toMatch(/twice/);
    expect(err('uri=~')).toMatch(/no value/);
    expect(err('a<b=1')).toMatch(/not a Zeek field/);
  });
});
