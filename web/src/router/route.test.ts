import { describe, expect, it } from 'vitest';
import { formatHash, parseHash } from './route.js';

describe('hash routes', () => {
  it('round-trips a page and its query, dropping empty values', () => {
    const h = formatHash('logs', {
      kind: 'http',
      q: 'uri=~passwd id.orig_h=10.0.0.1',
      empty: '',
      none: undefined,
    });
    expect(h).toBe('#/logs?kind=http&q=uri%3D%7Epasswd+id.orig_h%3D10.0.0.1');
    expect(parseHash(h)).toEqual({
      page: 'logs',
      query: { kind: 'http', q: 'uri=~passwd id.orig_h=10.0.0.1' },
    });
  });

  it('sends unknown and empty hashes to the overview', () => {
    expect(parseHash('')).toEqual({ page: 'overview', query: {} });
    expect(parseHash('#/nope?x=1')).toEqual({ page: 'overview', query: { x: '1' } });
  });
});
