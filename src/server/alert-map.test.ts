import { describe, expect, test } from 'vitest';
import { alertIn, splitAp } from './alert-map.js';
import { parseTime } from './time.js';

describe('splitAp', () => {
  test.each([
    ['10.0.0.1:80', '10.0.0.1', 80],
    ['fe80::1:443', 'fe80::1', 443],
    ['[2001:db8::1]:53', '2001:db8::1', 53],
    ['10.0.0.1:0', '10.0.0.1', 0],
    ['10.0.0.1', '10.0.0.1', null],
    ['', null, null],
  ])('%s', (ap, addr, port) => expect(splitAp(ap)).toEqual({ addr, port }));
});

test('alertIn keeps every field and derives ts and node', () => {
  const a = alertIn(
    { seconds: 10, ts_usec: 500000, gid: 1, sid: 2, rev: 3, msg: 'm', extra: [1] },
    'batch-node',
  );
  expect(a).toMatchObject({ ts: 10.5, node: 'batch-node', extra: [1], src_addr: null });
  expect(alertIn({ seconds: 1, gid: 1, sid: 2, rev: 3, msg: 'm', node: 'own' }, 'b')['node']).toBe('own');
});

describe('parseTime', () => {
  test('epoch seconds and ISO-8601 (UTC without a zone)', () => {
    expect(parseTime('1700000000.5')).toBe(1700000000.5);
    expect(parseTime('2023-11-14T22:13:20Z')).toBe(1700000000);
    expect(parseTime('2023-11-14 22:13:20')).toBe(1700000000);
    expect(parseTime('2023-11-14T23:13:20+01:00')).toBe(1700000000);
    expect(parseTime('2023-11-14')).toBe(1699920000);
  });
  test('anything else is null', () => {
    for (const s of ['yesterday', '2023-13-45', '1e9', '', 'NaN']) expect(parseTime(s)).toBeNull();
  });
});
