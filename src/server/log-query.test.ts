import { describe, expect, it } from 'vitest';
import { logCell } from './log-query.js';

describe('logCell (CSV export of log records)', () => {
  it('writes Zeek-style cells', () => {
    expect(logCell(null)).toBe('');
    expect(logCell(true)).toBe('T');
    expect(logCell(-3.5)).toBe(-3.5);
    expect(logCell(['a', 'b'])).toBe('a,b');
    expect(logCell('/index.html')).toBe('/index.html');
  });

  it.each(['=HYPERLINK("http://evil","x")', '+1+cmd', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])(
    'quotes text a spreadsheet would run as a formula: %j',
    (v) => {
      expect(logCell(v)).toBe(`'${v}`);
      expect(logCell([v, 'x'])).toBe(`'${v},x`);
    },
  );
});
