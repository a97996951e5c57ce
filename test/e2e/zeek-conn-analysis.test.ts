/**
 * Zeek's connection analysis beyond the baselines: role flips (a SYN/SYN-ACK reversal, a DNS reply first), the
 * TCP analyzer's weirds, and which weirds reach weird.log (Zeek's Weird::do_weird: ignored names, one row
 * per name and connection per 10 minutes, once per originator for the per-host actions). Expected values
 * follow Zeek's TCPSessionAdapter and weird.zeek (see src/logs/NOTES.md).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ethernet, ipv4, tcp, udp } from '../../src/packet/testkit.js';
import { pcapFile } from '../../src/packet/testkit-capture.js';
import { jsonLines, vigil } from './run-cli.js';

const FIN = 0x01;
const SYN = 0x02;
const RST = 0x04;
const ACK = 0x10;
const PSH_ACK = 0x18;

interface Seg {
  src: string;
  dst: string;
  sport: number;
  dport: number;
  seq: number;
  ack?: number;
  flags: number;
  data?: string;
  win?: number;
}

function logsOf(
  segs: Seg[],
  extra: string[] = [],
): { conn: Record<string, unknown>[]; weird: Record<string, unknown>[] } {
  const frames = segs.map((s) =>
    ethernet(
      0x0800,
      ipv4({
        src: s.src,
        dst: s.dst,
        proto: 6,
        payload: tcp({
          sport: s.sport,
          dport: s.dport,
          seq: s.seq,
          ack: s.ack ?? 0,
          flags: s.flags,
          win: s.win ?? 65535,
          payload: [...Buffer.from(s.data ?? '', 'latin1')],
        }),
      }),
    ),
  );
  const dir = mkdtempSync(join(tmpdir(), 'vigil-tcp-weirds-'));
  const pcap = join(dir, 't.pcap');
  writeFileSync(pcap, pcapFile(frames.map((data, i) => ({ data, tsSec: 1_700_000_000, tsFrac: i * 1000 }))));
  const r = vigil(['logs', '-q', '-r', pcap, '-d', join(dir, 'logs'), '--format', 'json', ...extra]);
  expect(r.status, r.stderr).toBe(0);
  const read = (s: string) => jsonLines(readFileSync(join(dir, 'logs', `${s}.log`), 'utf8'));
  return { conn: read('conn'), weird: read('weird') };
}

const C = '10.9.0.1';
const S = '10.9.0.2';

describe('Zeek connection analysis: role flips and weirds', () => {
  it.each([
    ['-z', '1'],
    ['-z', '2'],
  ])(
    'a SYN-ACK seen before its SYN (ports give no hint): the roles flip, with ^ in the history (%s %s)',
    (...z) => {
      // Both ports ephemeral, so Zeek's likely_server_ports heuristic does not decide.
      const c = { src: C, dst: S, sport: 40000, dport: 50000 };
      const s = { src: S, dst: C, sport: 50000, dport: 40000 };
      const { conn, weird } = logsOf(
        [
          { ...s, seq: 7000, ack: 1001, flags: SYN | ACK },
          { ...c, seq: 1000, flags: SYN },
          { ...c, seq: 1001, ack: 7001, flags: ACK },
          { ...c, seq: 1001, ack: 7001, flags: PSH_ACK, data: 'hello' },
          { ...s, seq: 7001, ack: 1006, flags: PSH_ACK, data: 'world!' },
          { ...c, seq: 1006, ack: 7007, flags: FIN | ACK },
          { ...s, seq: 7007, ack: 1007, flags: FIN | ACK },
          { ...c, seq: 1007, ack: 7008, flags: ACK },
        ],
        z,
      );
      expect(conn).toHaveLength(1);
      const r = conn[0]!;
      expect([r['id.orig_h'], r['id.orig_p'], r['id.resp_h'], r['id.resp_p']]).toEqual([C, 40000, S, 50000]);
      expect(r['history']).toBe('Hs^ADdFf');
      expect(r['conn_state']).toBe('SF');
      expect([r['orig_bytes'], r['resp_bytes']]).toEqual([5, 6]);
      // Zeek counts the flipping SYN for the side it came in on (ConnSize sees the old is_orig).
      expect([r['orig_pkts'], r['resp_pkts']]).toEqual([4, 4]);
      // The SYN-ACK from what was then the originator is a weird, raised before the flip.
      expect(weird.map((w) => [w['name'], w['id.orig_h'], w['uid']])).toEqual([
        ['connection_originator_SYN_ack', S, r['uid']],
      ]);
    },
  );

  it('data before the handshake completes, and an ACK of data never seen', () => {
    const c = { src: C, dst: S, sport: 40001, dport: 5555 };
    const { weird } = logsOf([
      { ...c, seq: 1000, flags: SYN },
      { ...c, seq: 1001, ack: 5001, flags: PSH_ACK, data: 'early' },
    ]);
    expect(weird.map((w) => w['name'])).toEqual(['possible_split_routing', 'data_before_established']);
  });

  it('a window taken back is a window_recision', () => {
    const c = { src: C, dst: S, sport: 40003, dport: 5555 };
    const s = { src: S, dst: C, sport: 5555, dport: 40003 };
    const { weird } = logsOf([
      { ...c, seq: 1000, flags: SYN },
      { ...s, seq: 5000, ack: 1001, flags: SYN | ACK },
      { ...c, seq: 1001, ack: 5001, flags: ACK, win: 60000 },
      // The right edge moves from 5001 + 60000 back to 5001 + 1000.
      { ...c, seq: 1001, ack: 5001, flags: ACK, win: 1000 },
      { ...c, seq: 1001, ack: 5001, flags: ACK, win: 2000 },
    ]);
    expect(weird.map((w) => w['name'])).toEqual(['window_recision']);
  });

  it('per-host weirds are logged once per originator, ignored ones never', () => {
    const segs: Seg[] = [];
    for (let i = 0; i < 3; i++) {
      // A SYN carrying data (TCP Fast Open style): SYN_with_data is once per originator.
      segs.push({ src: C, dst: S, sport: 41000 + i, dport: 5555, seq: 100, flags: SYN, data: 'x' });
    }
    // A FIN out of nowhere: spontaneous_FIN is ignored by Zeek's weird.zeek.
    segs.push({ src: C, dst: S, sport: 42000, dport: 5555, seq: 9, ack: 9, flags: FIN | ACK });
    const { weird } = logsOf(segs);
    expect(weird.map((w) => [w['name'], w['id.orig_p']])).toEqual([['SYN_with_data', 41000]]);
  });

  it('the same weird of the same connection is logged once within 10 minutes, with its connection', () => {
    const c = { src: C, dst: S, sport: 40002, dport: 80 };
    const s = { src: S, dst: C, sport: 80, dport: 40002 };
    const segs: Seg[] = [
      { ...c, seq: 1000, flags: SYN },
      { ...s, seq: 5000, ack: 1001, flags: SYN | ACK },
      { ...c, seq: 1001, ack: 5001, flags: ACK },
      { ...c, seq: 1001, ack: 5001, flags: PSH_ACK, data: 'GET / HTTP/1.1\r\n' },
      { ...s, seq: 5001, ack: 1017, flags: ACK },
    ];
    // The same segment three times: a retransmission each time.
    for (let i = 0; i < 3; i++)
      segs.push({ ...c, seq: 1001, ack: 5001, flags: PSH_ACK, data: 'GET / HTTP/1.1\r\n' });
    segs.push({ ...c, seq: 1017, ack: 5001, flags: RST });
    const { conn, weird } = logsOf(segs);
    const retransmits = weird.filter((w) => w['name'] === 'stream_retransmit');
    expect(retransmits).toHaveLength(1);
    expect(retransmits[0]!['uid']).toBe(conn[0]!['uid']);
    expect(retransmits[0]!['id.orig_p']).toBe(40002);
  });

  it('a RST storm: the 1,000th RST of a side within a second of its previous packet, then once per 10 minutes', () => {
    const c = { src: C, dst: S, sport: 40004, dport: 5555 };
    const s = { src: S, dst: C, sport: 5555, dport: 40004 };
    const segs: Seg[] = [
      { ...c, seq: 1000, flags: SYN },
      { ...s, seq: 5000, ack: 1001, flags: SYN | ACK },
      { ...c, seq: 1001, ack: 5001, flags: ACK },
    ];
    for (let i = 0; i < 1001; i++) segs.push({ ...c, seq: 1001, ack: 5001, flags: RST | ACK });
    const { weird } = logsOf(segs);
    expect(weird.map((w) => w['name'])).toEqual(['RST_storm']);
  });

  it('a DNS reply seen first from the originator flips the roles (both ports 53: no port hint)', () => {
    const name = [1, 97, 4, 116, 101, 115, 116, 0]; // a.test
    const question = [...name, 0, 1, 0, 1];
    const answer = [0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 1, 2, 3, 4];
    const reply = [0x12, 0x34, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0, ...question, ...answer];
    const query = [0x56, 0x78, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, ...question];
    const frame = (src: string, dst: string, payload: number[]) =>
      ethernet(0x0800, ipv4({ src, dst, proto: 17, payload: udp({ sport: 53, dport: 53, payload }) }));
    const dir = mkdtempSync(join(tmpdir(), 'vigil-dns-flip-'));
    const pcap = join(dir, 'd.pcap');
    writeFileSync(
      pcap,
      pcapFile([
        { data: frame(S, C, reply), tsSec: 1_700_000_000 },
        { data: frame(C, S, query), tsSec: 1_700_000_001 },
      ]),
    );
    const r = vigil(['logs', '-q', '-r', pcap, '-d', join(dir, 'logs'), '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const conn = jsonLines(readFileSync(join(dir, 'logs', 'conn.log'), 'utf8'));
    expect(conn).toHaveLength(1);
    expect([conn[0]!['id.orig_h'], conn[0]!['id.resp_h']]).toEqual([C, S]);
    expect(conn[0]!['history']).toBe('D^');
    // The query adds no letter: the originator's data bit was set by the reply before the flip (Zeek's
    // hist_seen is not swapped). The reply is counted on the originator's index, as Zeek's ConnSize counts
    // it after the DNS analyzer flipped, with the packet's old is_orig: so is the query.
    expect([conn[0]!['orig_pkts'], conn[0]!['resp_pkts']]).toEqual([2, 0]);
    const dns = jsonLines(readFileSync(join(dir, 'logs', 'dns.log'), 'utf8'));
    // Different transaction ids: two rows, each with the flipped orientation.
    const rows = dns.map((d) => [d['id.orig_h'], d['query'], d['trans_id']] as [unknown, unknown, number]);
    expect(rows.sort((a, b) => a[2] - b[2])).toEqual([
      [C, 'a.test', 0x1234],
      [C, 'a.test', 0x5678],
    ]);
  });
});
