import { describe, expect, it } from 'vitest';
import { EventCounts } from '../../core/counters.js';
import { parseDnsMessage } from './message.js';
import { DnsSession } from './session.js';
import type { DnsLogRecord } from './record.js';

const u16 = (v: number) => [(v >> 8) & 255, v & 255];
const name = (s: string) => [...s.split('.').flatMap((l) => [l.length, ...Buffer.from(l)]), 0];
const rr = (n: number[], type: number, rdata: number[], ttl = 60) => [
  ...n,
  ...u16(type),
  0,
  1,
  0,
  0,
  0,
  ttl,
  ...u16(rdata.length),
  ...rdata,
];

/** Response to `example.com A` (id 0x1234) with one record of each common type; names compressed to offset 12. */
function response(): Uint8Array {
  const q = name('example.com');
  const ptr = [0xc0, 12];
  const answers = [
    rr(ptr, 1, [93, 184, 216, 34]),
    rr(ptr, 28, [0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), 1]),
    rr(ptr, 5, name('www.example.org')),
    rr(ptr, 15, [0, 10, ...name('mail.example.com')]),
    rr(ptr, 16, [5, ...Buffer.from('hello'), 2, ...Buffer.from('hi')]),
    rr(ptr, 33, [0, 1, 0, 2, 0x01, 0xbb, ...name('srv.example.com')]),
    rr(ptr, 257, [0, 5, ...Buffer.from('issue'), ...Buffer.from('ca.test')]),
    rr(ptr, 43, [0x12, 0x34, 8, 2, 0xab, 0xcd]),
    rr(ptr, 48, [1, 1, 3, 13, 9, 9]),
    rr(ptr, 46, [0, 1, 13, 2, 0, 0, 1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0x11, 0x22, ...ptr]),
    rr(ptr, 47, [...ptr, 0, 1, 0x40]),
    rr(ptr, 65, [0, 1, 0, 0, 1, 0, 3, 2, 0x68, 0x32]),
    rr(ptr, 6, [...name('ns.example.com'), ...name('admin.example.com'), ...new Array(20).fill(0)]),
  ];
  const opt = [0, ...u16(41), ...u16(1232), 0, 0, 0x80, 0, 0, 0];
  return Uint8Array.from([
    0x12,
    0x34,
    0x81,
    0x80,
    0,
    1,
    0,
    answers.length,
    0,
    0,
    0,
    1,
    ...q,
    0,
    1,
    0,
    1,
    ...answers.flat(),
    ...opt,
  ]);
}

describe('parseDnsMessage', () => {
  it('decodes the header, question and every common record type, with compression', () => {
    const events = new EventCounts();
    const m = parseDnsMessage(response(), 0, response().length, events)!;
    expect(events.total()).toBe(0);
    expect(m.truncated).toBe(false);
    expect(m.header).toMatchObject({ id: 0x1234, qr: true, rd: true, ra: true, rcode: 0, ancount: 13 });
    expect(m.questions).toEqual([{ name: 'example.com', qtype: 1, qclass: 1 }]);
    const kinds = m.answers.map((a) => a.rdata);
    expect(kinds[0]).toEqual({ kind: 'addr', addr: '93.184.216.34' });
    expect(kinds[1]).toEqual({ kind: 'addr', addr: '2001:db8::1' });
    expect(kinds[2]).toEqual({ kind: 'name', name: 'www.example.org' });
    expect(kinds[3]).toEqual({ kind: 'mx', preference: 10, name: 'mail.example.com' });
    expect(kinds[4]).toEqual({ kind: 'txt', strings: ['hello', 'hi'] });
    expect(kinds[5]).toMatchObject({ kind: 'srv', port: 443, target: 'srv.example.com' });
    expect(kinds[6]).toEqual({ kind: 'caa', flags: 0, tag: 'issue', value: 'ca.test' });
    expect(kinds[7]).toMatchObject({
      kind: 'ds',
      keyTag: 0x1234,
      algorithm: 8,
      digestType: 2,
      digest: 'abcd',
    });
    expect(kinds[8]).toMatchObject({ kind: 'dnskey', flags: 257, protocol: 3, algorithm: 13 });
    expect(kinds[9]).toMatchObject({ kind: 'rrsig', typeCovered: 1, signer: 'example.com' });
    expect(kinds[10]).toEqual({ kind: 'nsec', next: 'example.com', types: [1] });
    expect(kinds[11]).toMatchObject({ kind: 'svcb', priority: 1, target: '', params: [{ key: 1 }] });
    expect(kinds[12]).toMatchObject({ kind: 'soa', mname: 'ns.example.com', rname: 'admin.example.com' });
    expect(m.additional[0]!.rdata).toMatchObject({ kind: 'opt', udpSize: 1232, dnssecOk: true, options: [] });
  });

  it('a compression pointer loop terminates with a weird', () => {
    // Question name is a pointer to itself; then one pointing forward.
    const self = Uint8Array.from([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 1, 0, 1]);
    const events = new EventCounts();
    const m = parseDnsMessage(self, 0, self.length, events)!;
    expect(m.truncated).toBe(true);
    expect(events.get('DNS_label_forward_compress_offset')).toBe(1);
    // Two names pointing at each other through earlier bytes cannot loop either: pointers only go back.
    const mutual = Uint8Array.from([
      0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 1, 0x61, 0xc0, 16, 0, 1, 0, 1, 0xc0, 12, 0, 1, 0, 1,
    ]);
    const m2 = parseDnsMessage(mutual, 0, mutual.length, new EventCounts())!;
    expect(m2.truncated).toBe(true);
  });

  it('too short, too many questions, truncated answer: weirds, no throw', () => {
    const events = new EventCounts();
    expect(parseDnsMessage(Uint8Array.from([1, 2, 3]), 0, 3, events)).toBeNull();
    expect(events.get('DNS_truncated_len_lt_hdr_len')).toBe(1);
    const many = Uint8Array.from([0, 1, 0, 0, 0, 26, 0, 0, 0, 0, 0, 0]);
    expect(parseDnsMessage(many, 0, many.length, events)!.questions).toEqual([]);
    expect(events.get('DNS_Conn_count_too_large')).toBe(1);
    const r = response();
    const cut = parseDnsMessage(r, 0, r.length - 30, events)!;
    expect(cut.truncated).toBe(true);
    expect(cut.answers.length).toBeGreaterThan(0);
  });
});

describe('DnsSession over TCP', () => {
  it('length-prefixed messages split at every byte pair up into one record', () => {
    const q = Uint8Array.from([0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, ...name('example.com'), 0, 1, 0, 1]);
    const r = response();
    const stream = (m: Uint8Array) => Uint8Array.from([...u16(m.length), ...m]);
    const recs: DnsLogRecord[] = [];
    const sink = { dns: (x: DnsLogRecord) => recs.push(x) };
    const s = new DnsSession('tcp', 53, new EventCounts());
    const qs = stream(q);
    for (let i = 0; i < qs.length; i++) s.feedStream(0, qs, i, 1, 1.0, sink);
    const rs = stream(r);
    for (let i = 0; i < rs.length; i += 7) s.feedStream(1, rs, i, 7, 1.5, sink);
    s.end(sink);
    expect(recs).toHaveLength(1);
    expect(recs[0]).toMatchObject({
      proto: 'tcp',
      trans_id: 0x1234,
      query: 'example.com',
      qtype_name: 'A',
      rtt: 0.5,
      RA: true,
    });
    expect(recs[0]!.answers).toEqual([
      '93.184.216.34',
      '2001:db8::1',
      'www.example.org',
      'mail.example.com',
      'TXT 5 hello TXT 2 hi',
      'srv.example.com',
      'DS 8 2',
      'DNSKEY 13',
      'RRSIG 1 example.com',
      'NSEC example.com example.com',
      'ns.example.com',
    ]);
  });
});
