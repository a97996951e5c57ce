import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytes, concat, ethernet, ip6Frag, ipv4, ipv6, udp, vxlan } from '../../src/packet/testkit.js';
import { pcapFile } from '../../src/packet/testkit-capture.js';
import { jsonLines, vigil } from './run-cli.js';

const TS = 1_700_000_000;
const RULES = [
  'alert udp any any -> any 7777 (msg:"set"; content:"SET-THE-BIT"; flowbits:set,seen; flowbits:noalert; sid:3100001;)',
  'alert udp any any -> any 7777 (msg:"inner after set"; content:"INNER-PAYLOAD"; flowbits:isset,seen; sid:3100002;)',
].join('\n');

/** Inner UDP datagram of flow `i` (192.168.i.1:3000+i → 192.168.i.2:7777) in an Ethernet frame. */
function innerFrame(i: number, text: string): Uint8Array {
  const payload = bytes(`${'x'.repeat(40)}${text}${'y'.repeat(40)}`);
  const dg = udp({ sport: 3000 + i, dport: 7777, payload });
  return ethernet(0x0800, ipv4({ src: `192.168.${i}.1`, dst: `192.168.${i}.2`, proto: 17, payload: dg }));
}

/** The VXLAN carrier datagram (UDP 10.9.0.1:50000+i → 10.9.0.2:4789) around `frame`. */
const carrier = (i: number, frame: Uint8Array) =>
  udp({ sport: 50_000 + i, dport: 4789, payload: vxlan(42, frame) });

/** A whole carrier packet (IPv4 id `id`) of carrier `i` around the inner datagram of flow `inner`. */
const carrierPacket = (i: number, id: number, inner: number, text: string) =>
  ethernet(
    0x0800,
    ipv4({ src: '10.9.0.1', dst: '10.9.0.2', proto: 17, id, payload: carrier(i, innerFrame(inner, text)) }),
  );

/** Outer IPv4 fragments of `dg` cut at `cut` bytes, second fragment first. */
function outerV4Fragments(i: number, dg: Uint8Array, cut: number): Uint8Array[] {
  const spec = { src: '10.9.0.1', dst: '10.9.0.2', proto: 17, id: 500 + i };
  const f1 = ipv4({ ...spec, frag: 0x2000, payload: dg.subarray(0, cut) });
  const f2 = ipv4({ ...spec, frag: cut / 8, payload: dg.subarray(cut) });
  return [ethernet(0x0800, f2), ethernet(0x0800, f1)];
}

/** Outer IPv6 fragments of `dg` (fragment header, next header UDP), in order. */
function outerV6Fragments(i: number, dg: Uint8Array, cut: number): Uint8Array[] {
  const spec = { src: 'fd00:9::1', dst: 'fd00:9::2', nh: 44 };
  const f1 = ipv6({ ...spec, payload: concat(ip6Frag(17, 0, true, 900 + i), dg.subarray(0, cut)) });
  const f2 = ipv6({ ...spec, payload: concat(ip6Frag(17, cut, false, 900 + i), dg.subarray(cut)) });
  return [ethernet(0x86dd, f1), ethernet(0x86dd, f2)];
}

/**
 * 12 inner UDP flows in VXLAN: a whole carrier packet sets a flowbit on the inner flow, then the inner
 * datagram that tests it arrives in a carrier datagram fragmented at the outer IP layer (IPv4 for even
 * flows, IPv6 for odd ones).
 */
function capture(): Uint8Array {
  const frames: Uint8Array[] = [];
  for (let i = 0; i < 12; i++) {
    frames.push(carrierPacket(i, 100 + i, i, 'SET-THE-BIT'));
    const dg = carrier(i, innerFrame(i, 'INNER-PAYLOAD'));
    if (i % 2 === 0) frames.push(...outerV4Fragments(i, dg, 64));
    else {
      const v6 = udp({ sport: 50_000 + i, dport: 4789, payload: vxlan(42, innerFrame(i, 'INNER-PAYLOAD')) });
      frames.push(...outerV6Fragments(i, v6, 72));
    }
  }
  return pcapFile(frames.map((data, n) => ({ data, tsSec: TS, tsFrac: n * 1000 })));
}

describe('tunnels inside fragmented outer packets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-tunnel-frag-'));
  const pcap = join(dir, 'vxlan-frag.pcap');
  const rules = join(dir, 'r.rules');
  writeFileSync(pcap, capture());
  writeFileSync(rules, RULES);

  it.each([1, 2, 3])(
    'inspects the inner packet of a rebuilt carrier datagram as its inner flow (-z %i)',
    (z) => {
      const r = vigil(['ids', '-q', '-r', pcap, '-R', rules, '-A', 'json', '-z', String(z)]);
      expect(r.status, r.stderr).toBe(0);
      const alerts = jsonLines(r.stdout);
      expect(alerts.map((a) => a.sid)).toEqual(new Array(12).fill(3100002));
      const srcs = alerts.map((a) => a.src_ap as string).sort();
      expect(new Set(srcs).size).toBe(12);
      expect(srcs).toEqual(Array.from({ length: 12 }, (_, i) => `192.168.${i}.1:${3000 + i}`).sort());
    },
  );

  it.each([1, 2])('logs the inner connections with their carrier as tunnel parent (-z %i)', (z) => {
    const logs = join(dir, `logs-${z}`);
    const r = vigil(['logs', '-q', '-r', pcap, '-d', logs, '--format', 'json', '-z', String(z)]);
    expect(r.status, r.stderr).toBe(0);
    const conn = jsonLines(readFileSync(join(logs, 'conn.log'), 'utf8'));
    const inner = conn.filter((c) => (c['id.resp_p'] as number) === 7777);
    const carriers = conn.filter((c) => (c['id.resp_p'] as number) === 4789);
    expect(inner).toHaveLength(12);
    // one IPv4 carrier per flow (whole packets, and the fragmented ones of even flows); odd flows' second
    // datagram came in an IPv6 carrier: a connection of its own
    expect(carriers).toHaveLength(18);
    for (const c of inner) {
      // both inner datagrams, the second one out of a rebuilt carrier datagram
      expect(c.orig_pkts).toBe(2);
      const i = Number(String(c['id.orig_h']).split('.')[2]);
      const parents = (c.tunnel_parents as string[]).map((uid) => carriers.find((k) => k.uid === uid));
      const expected = i % 2 === 0 ? ['10.9.0.1'] : ['10.9.0.1', 'fd00:9::1'];
      expect(parents.map((p) => p?.['id.orig_h']).sort(), `carriers of flow ${i}`).toEqual(expected);
      for (const p of parents) {
        expect(p!.service).toBe('vxlan');
        expect(p!['id.orig_p']).toBe(50_000 + i);
      }
    }
    // a carrier row counts a rebuilt datagram as one packet, as Zeek does
    for (const c of carriers) {
      const v6 = String(c['id.orig_h']).includes(':');
      const i = (c['id.orig_p'] as number) - 50_000;
      expect(c.orig_pkts, `carrier ${String(c['id.orig_h'])} of flow ${i}`).toBe(v6 || i % 2 === 1 ? 1 : 2);
    }
    const tunnel = jsonLines(readFileSync(join(logs, 'tunnel.log'), 'utf8'));
    expect(tunnel.filter((t) => t.action === 'Tunnel::DISCOVER')).toHaveLength(18);
  });
});

describe('one carrier for many inner flows, with -z N', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-tunnel-shared-'));
  const pcap = join(dir, 'vxlan-shared.pcap');
  // 16 inner UDP flows through one VXLAN carrier (10.9.0.1:50000 → 10.9.0.2:4789)
  const frames = Array.from({ length: 16 }, (_, i) => carrierPacket(0, i, i, 'HELLO'));
  writeFileSync(pcap, pcapFile(frames.map((data, n) => ({ data, tsSec: TS, tsFrac: n * 1000 }))));

  it.each([1, 2, 3])('the carrier is one connection, parent of every inner one (-z %i)', (z) => {
    const logs = join(dir, `logs-${z}`);
    const r = vigil(['logs', '-q', '-r', pcap, '-d', logs, '--format', 'json', '-z', String(z)]);
    expect(r.status, r.stderr).toBe(0);
    const conn = jsonLines(readFileSync(join(logs, 'conn.log'), 'utf8'));
    const carriers = conn.filter((c) => c['id.resp_p'] === 4789);
    expect(carriers).toHaveLength(1);
    expect(carriers[0]!.orig_pkts).toBe(16);
    const inner = conn.filter((c) => c['id.resp_p'] === 7777);
    expect(inner).toHaveLength(16);
    for (const c of inner) expect(c.tunnel_parents).toEqual([carriers[0]!.uid]);
    const tunnel = jsonLines(readFileSync(join(logs, 'tunnel.log'), 'utf8'));
    expect(tunnel.filter((t) => t.action === 'Tunnel::DISCOVER')).toHaveLength(1);
  });
});
