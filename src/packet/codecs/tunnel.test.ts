import { describe, expect, it } from 'vitest';
import { concat, ethernet, gre, icmp, ipv4, ipv6, tcp, udp, vxlan } from '../testkit.js';
import { decodeFrame } from './decode-fixture.js';

const innerTcp = ipv4({
  src: '172.16.0.1',
  dst: '172.16.0.2',
  proto: 6,
  payload: tcp({ sport: 5555, dport: 80, payload: [0x47, 0x45, 0x54] }),
});
const outer = (proto: number, payload: Uint8Array) =>
  ethernet(0x0800, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', proto, payload }));

function expectInner(r: ReturnType<typeof decodeFrame>, depth = 1): void {
  expect(r.ok).toBe(true);
  expect(r.pkt).toMatchObject({
    tunnelDepth: depth,
    ipVer: 4,
    src4: 0xac100001,
    dst4: 0xac100002,
    proto: 6,
    sport: 5555,
    dport: 80,
    payLen: 3,
  });
  expect(r.pkt.data[r.pkt.payOff]).toBe(0x47);
}

describe('tunnels', () => {
  it('vxlan (4789 and 8472) to the inner Ethernet frame', () => {
    for (const port of [4789, 8472]) {
      expectInner(
        decodeFrame(
          outer(17, udp({ sport: 1, dport: port, payload: vxlan(42, ethernet(0x0800, innerTcp, [9])) })),
        ),
      );
    }
  });

  it('vxlan without the I flag stays plain UDP', () => {
    const p = vxlan(1, ethernet(0x0800, innerTcp));
    p[0] = 0;
    const r = decodeFrame(outer(17, udp({ dport: 4789, payload: p })));
    expect(r).toMatchObject({
      ok: true,
      pkt: { tunnelDepth: 0, dport: 4789, payLen: p.length },
      events: { vxlan_bad_flags: 1 },
    });
  });

  it('geneve with options, Ethernet and IPv4 payloads', () => {
    const opts = [0, 1, 2, 1, 0, 0, 0, 0]; // one 8-byte option: optlen = 2 words
    const gEth = concat([0x02, 0, 0x65, 0x58, 0, 0, 1, 0], opts, ethernet(0x0800, innerTcp));
    expectInner(decodeFrame(outer(17, udp({ dport: 6081, payload: gEth }))));
    const gIp = concat([0, 0, 0x08, 0x00, 0, 0, 1, 0], innerTcp);
    expectInner(decodeFrame(outer(17, udp({ dport: 6081, payload: gIp }))));
    const bad = concat([0x40, 0, 0x08, 0x00, 0, 0, 1, 0], innerTcp);
    expect(decodeFrame(outer(17, udp({ dport: 6081, payload: bad }))).events).toEqual({
      geneve_bad_version: 1,
    });
  });

  it('gre with checksum, key and sequence; IPv4, IPv6 and Ethernet bridging payloads', () => {
    expectInner(decodeFrame(outer(47, gre(0x0800, innerTcp, { csum: true, key: 7, seq: 9 }))));
    expectInner(decodeFrame(outer(47, gre(0x6558, ethernet(0x0800, innerTcp)))));
    const v6 = decodeFrame(outer(47, gre(0x86dd, ipv6({ nh: 17, payload: udp({ dport: 53 }) }))));
    expect(v6.pkt).toMatchObject({ tunnelDepth: 1, ipVer: 6, proto: 17, dport: 53 });
  });

  it('gre over UDP 4754', () => {
    expectInner(decodeFrame(outer(17, udp({ dport: 4754, payload: gre(0x0800, innerTcp) }))));
  });

  it('gre with a bad version leaves the outer packet, GRE bytes as payload', () => {
    const g = gre(0x0800, innerTcp);
    g[1] = 3;
    const r = decodeFrame(outer(47, g));
    expect(r).toMatchObject({
      ok: true,
      pkt: { tunnelDepth: 0, proto: 47, src4: 0x0a000001, payOff: 34, payLen: g.length },
      events: { gre_bad_version: 1 },
    });
  });

  it('gre version 1 (PPTP) carrying PPP/IPv4', () => {
    const ppp = concat([0xff, 0x03, 0x00, 0x21], innerTcp);
    const g = concat([0x30, 0x01, 0x88, 0x0b, 0, ppp.length, 0, 1], [0, 0, 0, 5], ppp); // K+S, ver 1
    expectInner(decodeFrame(outer(47, g)));
  });

  it('IP-in-IP (4) and IPv6-in-IP (41)', () => {
    expectInner(decodeFrame(outer(4, innerTcp)));
    const r = decodeFrame(outer(41, ipv6({ nh: 58, payload: icmp(128, 0, [0, 1, 0, 2]) })));
    expect(r.pkt).toMatchObject({ tunnelDepth: 1, ipVer: 6, icmpType: 128, icmpId: 1, icmpSeq: 2 });
  });

  it('clears outer L4 fields when the inner packet has none of them', () => {
    const r = decodeFrame(
      outer(
        17,
        udp({ sport: 7, dport: 4754, payload: gre(0x0800, ipv4({ proto: 1, payload: icmp(8, 0) })) }),
      ),
    );
    expect(r.pkt).toMatchObject({ tunnelDepth: 1, proto: 1, sport: 0, dport: 0, icmpType: 8 });
  });

  it('bounds the tunnel depth', () => {
    let p = innerTcp;
    for (let i = 0; i < 6; i++) p = ipv4({ proto: 4, payload: p });
    const r = decodeFrame(ethernet(0x0800, p));
    expect(r).toMatchObject({
      ok: true,
      pkt: { tunnelDepth: 4, proto: 4 },
      events: { tunnel_depth_exceeded: 1 },
    });
    expect(decodeFrame(outer(4, innerTcp), 1, { tunnels: false }).pkt).toMatchObject({
      tunnelDepth: 0,
      proto: 4,
    });
  });

  it('inspects the outer layers when a tunnel holds a malformed packet', () => {
    const r = decodeFrame(
      outer(17, udp({ sport: 1, dport: 4789, payload: vxlan(1, ethernet(0x0800, innerTcp.slice(0, 10))) })),
    );
    expect(r).toMatchObject({
      ok: true,
      pkt: { tunnelDepth: 0, proto: 17, dport: 4789, src4: 0x0a000001, payOff: 42 },
      events: { ipv4_truncated: 1 },
    });
    // Good first tunnel, bad second: the packet is the first tunnel's inner packet.
    const nested = decodeFrame(
      outer(4, ipv4({ src: '1.1.1.1', proto: 47, payload: gre(0x0800, innerTcp.slice(0, 30)) })),
    );
    expect(nested).toMatchObject({
      ok: true,
      pkt: { tunnelDepth: 1, src4: 0x01010101, proto: 47 },
      events: { tcp_truncated: 1 },
    });
  });

  it('does not enter tunnels inside fragments', () => {
    const r = decodeFrame(ethernet(0x0800, ipv4({ proto: 4, frag: 0x2000, payload: innerTcp })));
    expect(r.pkt).toMatchObject({ tunnelDepth: 0, proto: 4, isFragment: true });
  });
});
