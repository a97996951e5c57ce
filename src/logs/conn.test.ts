import { describe, expect, it } from 'vitest';
import { ACK, FIN, RST, SYN } from '../flow/test-packets.js';
import { IpProto } from '../packet/packet.js';
import { connHarness } from './test-conn.js';

const C = { src: '10.0.0.1', dst: '93.184.216.34', sport: 40000, dport: 80 };
const S = { src: '93.184.216.34', dst: '10.0.0.1', sport: 80, dport: 40000 };

/** Client ISN 1000, server ISN 5000. */
function open(h: ReturnType<typeof connHarness>, t = 1) {
  h.send({ ...C, flags: SYN, seq: 1000, ts: t });
  h.send({ ...S, flags: SYN | ACK, seq: 5000, ack: 1001, ts: t + 0.1 });
  h.send({ ...C, flags: ACK, seq: 1001, ack: 5001, ts: t + 0.2 });
}

describe('ConnTracker: TCP', () => {
  it('a normal connection is SF with the 4-way close, bytes by sequence numbers', () => {
    const h = connHarness();
    open(h);
    h.send({ ...C, flags: ACK, seq: 1001, ack: 5001, payload: 'GET / HTTP/1.0\r\n\r\n', ts: 1.3 });
    h.send({ ...S, flags: ACK, seq: 5001, ack: 1019, payload: 'HTTP/1.0 200 OK\r\n\r\nhi', ts: 1.4 });
    h.send({ ...C, flags: FIN | ACK, seq: 1019, ack: 5022, ts: 1.5 });
    h.send({ ...S, flags: FIN | ACK, seq: 5022, ack: 1020, ts: 1.6 });
    h.send({ ...C, flags: ACK, seq: 1020, ack: 5023, ts: 1.7 });
    const [r] = h.end();
    expect(r).toMatchObject({
      'id.orig_h': '10.0.0.1',
      'id.orig_p': 40000,
      'id.resp_h': '93.184.216.34',
      'id.resp_p': 80,
      proto: 'tcp',
      conn_state: 'SF',
      // No pure ACK from the responder: its data and FIN carry the ACKs.
      history: 'ShADdFf',
      orig_bytes: 18,
      resp_bytes: 21,
      orig_pkts: 5,
      orig_ip_bytes: 5 * 40 + 18,
      resp_pkts: 3,
      resp_ip_bytes: 3 * 40 + 21,
      missed_bytes: 0,
      local_orig: true,
      local_resp: false,
      ip_proto: 6,
    });
    // The final ACK after both FINs does not count towards the duration.
    expect(r!.duration).toBeCloseTo(0.6, 6);
    expect(r!.uid).toMatch(/^C[0-9A-Za-z]{5,17}$/);
    expect(r!.community_id).toMatch(/^1:[A-Za-z0-9+/]{27}=$/);
  });

  it('a lone SYN is S0 with no duration or byte counts', () => {
    const h = connHarness();
    h.send({ ...C, flags: SYN, seq: 1000 });
    const [r] = h.end();
    expect(r).toMatchObject({
      conn_state: 'S0',
      history: 'S',
      duration: null,
      orig_bytes: null,
      orig_pkts: 1,
    });
  });

  it('SYN retries are one S: a new ISN restarts the sequence space, so its SYN is again at 0', () => {
    const h = connHarness();
    h.send({ ...C, flags: SYN, seq: 1000, ts: 1 });
    h.send({ ...C, flags: SYN, seq: 1000, ts: 2 });
    h.send({ ...C, flags: SYN, seq: 7000, ts: 3 });
    expect(h.end()[0]).toMatchObject({ history: 'S', orig_pkts: 3, conn_state: 'S0' });
  });

  it('a FIN retransmitted at another sequence number is a second F', () => {
    const h = connHarness();
    open(h);
    h.send({ ...C, flags: FIN | ACK, seq: 1001, ack: 5001, ts: 2 });
    h.send({ ...C, flags: FIN | ACK, seq: 1001, ack: 5001, ts: 2.1 });
    h.send({ ...C, flags: FIN | ACK, seq: 1005, ack: 5001, payload: 'abcd', ts: 2.2 });
    expect(h.end()[0]!.history).toBe('ShAFF');
  });

  it('REJ, RSTO, RSTR, RSTOS0, S2, S3', () => {
    const cases: [string, (h: ReturnType<typeof connHarness>) => void][] = [
      [
        'REJ',
        (h) => {
          h.send({ ...C, flags: SYN, seq: 1000 });
          h.send({ ...S, flags: RST | ACK, seq: 0, ack: 1001, ts: 1.1 });
        },
      ],
      [
        'RSTO',
        (h) => {
          open(h);
          h.send({ ...C, flags: RST, seq: 1001, ts: 2 });
        },
      ],
      [
        'RSTR',
        (h) => {
          open(h);
          h.send({ ...S, flags: RST, seq: 5001, ts: 2 });
        },
      ],
      [
        'RSTOS0',
        (h) => {
          h.send({ ...C, flags: SYN, seq: 1000 });
          h.send({ ...C, flags: RST, seq: 1001, ts: 1.5 });
        },
      ],
      [
        'S2',
        (h) => {
          open(h);
          h.send({ ...C, flags: FIN | ACK, seq: 1001, ack: 5001, ts: 2 });
        },
      ],
      [
        'S3',
        (h) => {
          open(h);
          h.send({ ...S, flags: FIN | ACK, seq: 5001, ack: 1001, ts: 2 });
        },
      ],
    ];
    for (const [state, run] of cases) {
      const h = connHarness();
      run(h);
      expect(h.end()[0]!.conn_state, state).toBe(state);
    }
  });

  it('a SYN-ACK first from a server port flips the connection (^h, OTH)', () => {
    const h = connHarness();
    h.send({ ...S, flags: SYN | ACK, seq: 5000, ack: 1001 });
    const [r] = h.end();
    expect(r).toMatchObject({
      'id.orig_h': '10.0.0.1',
      'id.resp_p': 80,
      history: '^h',
      conn_state: 'OTH',
      orig_pkts: 0,
      resp_pkts: 1,
    });
  });

  it('retransmissions and zero windows are logged logarithmically (1st, 10th …)', () => {
    const h = connHarness();
    open(h);
    h.send({ ...C, flags: ACK, seq: 1001, ack: 5001, payload: 'abc', ts: 2 });
    for (let i = 0; i < 10; i++)
      h.send({ ...C, flags: ACK, seq: 1001, ack: 5001, payload: 'abc', ts: 2 + i / 100 });
    h.send({ ...S, flags: ACK, seq: 5001, ack: 1004, win: 0, ts: 3 });
    const [r] = h.end();
    expect(r!.history).toBe('ShADTTaw');
    expect(r!.orig_bytes).toBe(3);
  });

  it('an ACK beyond bytes never seen is a content gap (missed_bytes, G)', () => {
    const h = connHarness();
    open(h);
    h.send({ ...C, flags: ACK, seq: 1001, ack: 5001, payload: 'aaaa', ts: 2 });
    // 1005..1009 lost; 1009.. seen; the server acknowledges everything.
    h.send({ ...C, flags: ACK, seq: 1009, ack: 5001, payload: 'cccc', ts: 2.1 });
    h.send({ ...S, flags: ACK, seq: 5001, ack: 1013, ts: 2.2 });
    const [r] = h.end();
    expect(r!.missed_bytes).toBe(4);
    expect(r!.history).toBe('ShADaG');
  });

  it('picked up midstream: partial endpoints, OTH', () => {
    const h = connHarness();
    h.send({ ...C, flags: ACK, seq: 1001, ack: 5001, payload: 'x'.repeat(10) });
    h.send({ ...S, flags: ACK, seq: 5001, ack: 1011, payload: 'y'.repeat(5), ts: 1.5 });
    const [r] = h.end();
    expect(r).toMatchObject({ conn_state: 'OTH', history: 'Dd', orig_bytes: 10, resp_bytes: 5 });
  });
});

describe('ConnTracker: UDP, ICMP, options', () => {
  const U = { src: '10.0.0.1', dst: '8.8.8.8', sport: 5555, dport: 53, proto: IpProto.UDP };
  const UR = { src: '8.8.8.8', dst: '10.0.0.1', sport: 53, dport: 5555, proto: IpProto.UDP };

  it('request and reply: SF, Dd, payload bytes', () => {
    const h = connHarness();
    h.send({ ...U, payload: 'q'.repeat(30), ts: 1 });
    h.send({ ...UR, payload: 'r'.repeat(50), ts: 1.25 });
    const [r] = h.end();
    expect(r).toMatchObject({
      proto: 'udp',
      conn_state: 'SF',
      history: 'Dd',
      orig_bytes: 30,
      resp_bytes: 50,
    });
    expect(r).toMatchObject({ orig_ip_bytes: 58, resp_ip_bytes: 78, duration: 0.25 });
  });

  it('a reply seen alone is flipped to the client: ^d, SHR', () => {
    const h = connHarness();
    h.send({ ...UR, payload: 'r', ts: 1 });
    h.send({ ...UR, payload: 'r', ts: 2 });
    const [r] = h.end();
    expect(r).toMatchObject({
      'id.orig_p': 5555,
      'id.resp_p': 53,
      history: '^d',
      conn_state: 'SHR',
      resp_bytes: 2,
    });
  });

  it('a flow idle past Zeek’s inactivity timeout becomes two connections', () => {
    const h = connHarness();
    h.send({ ...U, payload: 'q', ts: 1 });
    h.send({ ...U, payload: 'q', ts: 100 });
    const rs = h.end();
    expect(rs).toHaveLength(2);
    expect(rs[0]!.uid).not.toBe(rs[1]!.uid);
    expect(rs.map((r) => r.ts)).toEqual([1, 100]);
  });

  it('ICMP echo: ports are type and counterpart type, no history, OTH', () => {
    const h = connHarness();
    const E = { proto: IpProto.ICMP, sport: 0, dport: 0, icmpId: 7 };
    h.send({ ...E, src: '192.168.0.89', dst: '192.168.0.1', icmpType: 8, payload: 'p'.repeat(16), ts: 1 });
    h.send({ ...E, src: '192.168.0.1', dst: '192.168.0.89', icmpType: 0, payload: 'p'.repeat(16), ts: 1.5 });
    const [r] = h.end();
    expect(r).toMatchObject({
      proto: 'icmp',
      'id.orig_p': 8,
      'id.resp_p': 0,
      history: null,
      conn_state: 'OTH',
    });
    // The spec's test vector for this pair.
    expect(r!.community_id).toBe('1:X0snYXpgwiv9TZtqg64sgzUn6Dk=');
  });

  it('ICMP echo with different identifiers between the same hosts is one connection, as in Zeek', () => {
    const h = connHarness();
    const A = '192.168.0.89';
    const B = '192.168.0.1';
    const ping = (src: string, dst: string, type: number, id: number, ts: number) =>
      h.send({
        proto: IpProto.ICMP,
        sport: 0,
        dport: 0,
        icmpId: id,
        src,
        dst,
        icmpType: type,
        payload: 'p'.repeat(16),
        ts,
      });
    ping(A, B, 8, 7, 1);
    ping(B, A, 0, 7, 1.1);
    ping(A, B, 8, 9, 2); // a second `ping` run: new identifier, same Zeek connection
    ping(B, A, 0, 9, 2.1);
    ping(B, A, 8, 3, 3); // B pings A: a connection of its own
    const rs = h.end();
    expect(rs).toHaveLength(2);
    const ab = rs.find((r) => r['id.orig_h'] === A)!;
    expect(ab).toMatchObject({ 'id.orig_p': 8, 'id.resp_p': 0, orig_pkts: 2, resp_pkts: 2, duration: 1.1 });
    expect(rs.find((r) => r['id.orig_h'] === B)).toMatchObject({ orig_pkts: 1, resp_pkts: 0 });
  });

  it('an ICMP connection shared by several flows is cut once by inactivity and starts again', () => {
    const h = connHarness();
    const ping = (id: number, ts: number) =>
      h.send({
        proto: IpProto.ICMP,
        sport: 0,
        dport: 0,
        icmpId: id,
        src: '10.0.0.1',
        dst: '10.0.0.2',
        icmpType: 8,
        ts,
      });
    ping(1, 1);
    ping(2, 2);
    ping(1, 100); // more than a minute later: the first connection is written, a new one starts
    ping(2, 101);
    const rs = h.end();
    expect(rs.map((r) => [r.ts, r.orig_pkts])).toEqual([
      [1, 2],
      [100, 2],
    ]);
  });

  it('uids follow the seed; local_* are unset without local nets', () => {
    const run = (seed: number) => {
      const h = connHarness({ uidSeed: seed, localNets: null });
      h.send({ ...U, payload: 'q' });
      return h.end()[0]!;
    };
    expect(run(1).uid).toBe(run(1).uid);
    expect(run(1).uid).not.toBe(run(2).uid);
    expect(run(1)).toMatchObject({ local_orig: null, local_resp: null });
  });
});
