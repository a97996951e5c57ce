import { describe, expect, it } from 'vitest';
import { IdsPipeline } from '../pipeline/ids-pipeline.js';
import { captureRecord, concat, ethernet, gre, icmp, ipv4, tcp, udp, vxlan } from '../packet/testkit.js';
import { MemoryLogs } from './log-set.js';

/** Inner ICMP echo request/reply between two pods, as 14-byte Ethernet frames. */
const echo = (type: 8 | 0, seq: number) =>
  ethernet(
    0x0800,
    ipv4({
      src: type === 8 ? '10.0.0.1' : '10.0.0.2',
      dst: type === 8 ? '10.0.0.2' : '10.0.0.1',
      proto: 1,
      payload: icmp(type, 0, [0, 7, 0, seq], new Uint8Array(48)),
    }),
  );

/** An outer UDP datagram between two nodes carrying `payload` to `dport`. */
const overNodes = (from: 11 | 12, sport: number, dport: number, payload: Uint8Array) =>
  ethernet(
    0x0800,
    ipv4({
      src: `192.168.56.${from}`,
      dst: `192.168.56.${from === 11 ? 12 : 11}`,
      proto: 17,
      payload: udp({ sport, dport, payload }),
    }),
  );

/** Geneve header (version 0, no options, protocol Ethernet) around a frame. */
const geneve = (frame: Uint8Array) => concat([0, 0, 0x65, 0x58, 0, 0, 42, 0], frame);

function run(frames: Uint8Array[]): MemoryLogs {
  const logs = new MemoryLogs();
  const p = new IdsPipeline(null, () => undefined, { logs });
  frames.forEach((data, i) => p.push(captureRecord(data, 1_700_000_000 + i), i + 1));
  p.finish();
  return logs;
}

describe('tunnels in conn.log and tunnel.log', () => {
  it('VXLAN: each UDP carrier is a vxlan connection and a tunnel; the inner conn names both as parents', () => {
    const frames: Uint8Array[] = [];
    for (let i = 0; i < 4; i++) {
      frames.push(overNodes(11, 48134, 4789, vxlan(7, echo(8, i))));
      frames.push(overNodes(12, 38071, 4789, vxlan(7, echo(0, i))));
    }
    const logs = run(frames);
    const conns = logs.records.conn;
    const outer = conns.filter((c) => c.proto === 'udp');
    expect(outer).toHaveLength(2);
    for (const c of outer)
      expect(c).toMatchObject({
        service: 'vxlan',
        conn_state: 'S0',
        history: 'D',
        orig_pkts: 4,
        resp_pkts: 0,
      });
    expect(outer.map((c) => `${c['id.orig_h']}:${c['id.orig_p']}`).sort()).toEqual([
      '192.168.56.11:48134',
      '192.168.56.12:38071',
    ]);
    const inner = conns.find((c) => c.proto === 'icmp')!;
    expect(inner).toMatchObject({
      'id.orig_h': '10.0.0.1',
      'id.resp_h': '10.0.0.2',
      orig_pkts: 4,
      resp_pkts: 4,
    });
    expect([...inner.tunnel_parents!].sort()).toEqual(outer.map((c) => c.uid).sort());
    const t = logs.records.tunnel;
    expect(t.map((r) => `${r.action} ${r.tunnel_type} ${r['id.orig_p']}>${r['id.resp_p']}`).sort()).toEqual([
      'Tunnel::CLOSE Tunnel::VXLAN 38071>4789',
      'Tunnel::CLOSE Tunnel::VXLAN 48134>4789',
      'Tunnel::DISCOVER Tunnel::VXLAN 38071>4789',
      'Tunnel::DISCOVER Tunnel::VXLAN 48134>4789',
    ]);
    for (const r of t) expect(outer.map((c) => c.uid)).toContain(r.uid);
  });

  it('Geneve: the carrier is a geneve connection and the parent', () => {
    const logs = run([overNodes(11, 50000, 6081, geneve(echo(8, 1)))]);
    const carrier = logs.records.conn.find((c) => c.proto === 'udp')!;
    expect(carrier).toMatchObject({ service: 'geneve', 'id.resp_p': 6081 });
    expect(logs.records.conn.find((c) => c.proto === 'icmp')!.tunnel_parents).toEqual([carrier.uid]);
    expect(logs.records.tunnel.map((r) => r.tunnel_type)).toEqual(['Tunnel::GENEVE', 'Tunnel::GENEVE']);
  });

  it('GRE over IP: a tunnel between the two addresses (ports 0), no carrier connection, one DISCOVER', () => {
    const syn = ethernet(
      0x0800,
      ipv4({ src: '10.1.0.1', dst: '10.1.0.2', proto: 6, payload: tcp({ flags: 0x02 }) }),
    );
    const outer = (src: string, dst: string) =>
      ethernet(0x0800, ipv4({ src, dst, proto: 47, payload: gre(0x6558, syn) }));
    const logs = run([outer('172.16.0.1', '172.16.0.2'), outer('172.16.0.2', '172.16.0.1')]);
    expect(logs.records.conn.filter((c) => c.proto !== 'tcp')).toEqual([]);
    const t = logs.records.tunnel;
    expect(t).toHaveLength(1);
    expect(t[0]).toMatchObject({
      'id.orig_h': '172.16.0.1',
      'id.orig_p': 0,
      'id.resp_h': '172.16.0.2',
      'id.resp_p': 0,
      tunnel_type: 'Tunnel::GRE',
      action: 'Tunnel::DISCOVER',
    });
    expect(logs.records.conn.find((c) => c.proto === 'tcp')!.tunnel_parents).toEqual([t[0]!.uid]);
  });

  it('plain traffic has no tunnel rows and no parents', () => {
    const logs = run([echo(8, 1), echo(0, 1)]);
    expect(logs.records.tunnel).toEqual([]);
    expect(logs.records.conn.map((c) => c.tunnel_parents)).toEqual([null]);
  });
});
