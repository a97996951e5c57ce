import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONN_STREAM } from '../streams/conn.js';
import type { LogStream } from '../types.js';
import { zeekColumns } from '../types.js';
import { tsvFooter, tsvHeader, tsvRow } from './tsv.js';

const T: LogStream = {
  path: 'test',
  fields: zeekColumns('t i d s e b v n', 'time interval double string enum bool vector[string] count'),
};

describe('Zeek TSV', () => {
  it('writes the header lines Zeek writes', () => {
    const h = tsvHeader(CONN_STREAM, new Date(Date.UTC(2026, 0, 2, 3, 4, 5)));
    const lines = h.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      '#separator \\x09',
      '#set_separator\t,',
      '#empty_field\t(empty)',
      '#unset_field\t-',
      '#path\tconn',
      '#open\t2026-01-02-03-04-05',
    ]);
    expect(
      lines[6]!.startsWith('#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice'),
    ).toBe(true);
    expect(lines[7]!.endsWith('\tset[string]\tcount\tstring')).toBe(true);
    expect(tsvFooter(new Date(Date.UTC(2026, 0, 2, 3, 4, 6)))).toBe('#close\t2026-01-02-03-04-06\n');
  });

  it('renders values: 6-decimal times, T/F, unset, empty, sets', () => {
    const row = tsvRow(T, {
      t: 1300475167.096535,
      i: 52,
      d: 0.5,
      s: 'x',
      e: 'udp',
      b: false,
      v: ['a', 'b'],
      n: 3,
    });
    expect(row).toBe('1300475167.096535\t52.000000\t0.5\tx\tudp\tF\ta,b\t3\n');
    expect(tsvRow(T, { d: 2, s: '', v: [], b: true })).toBe('-\t-\t2.0\t(empty)\t-\tT\t(empty)\t-\n');
  });

  it('escapes separators, control characters, a literal "-", and commas inside sets', () => {
    const row = tsvRow(T, { s: 'a\tb\nc\x7f,é', v: ['x,y', '-'], e: '-' });
    expect(row).toBe('-\t-\t-\ta\\x09b\\x0ac\\x7f,é\t\\x2d\t-\tx\\x2cy,\\x2d\t-\n');
  });

  it('renders raw bytes: valid UTF-8 kept, other bytes as \\xNN', () => {
    const bytes = Uint8Array.of(0x47, 0x45, 0x54, 0xff, 0xc3, 0xa9, 0x00, 0xe2, 0x82);
    expect(tsvRow(T, { s: bytes }).split('\t')[3]).toBe('GET\\xffé\\x00\\xe2\\x82');
  });

  it('keeps one line and one column per field whatever the strings hold', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.array(fc.string({ unit: 'binary' })), (s, v) => {
        const row = tsvRow(T, { s, v });
        expect(row.endsWith('\n')).toBe(true);
        expect(row.slice(0, -1)).not.toMatch(/[\n\r]/);
        expect(row.slice(0, -1).split('\t')).toHaveLength(T.fields.length);
        const set = row.split('\t')[6]!;
        expect(set.split(',')).toHaveLength(v.length === 0 ? 1 : v.length);
      }),
    );
  });
});
