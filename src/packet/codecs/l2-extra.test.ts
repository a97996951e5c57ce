import { describe, expect, it } from 'vitest';
import { concat, ethernet, gre, ipv4, ipv6, tcp } from '../testkit.js';
import { decodeFrame } from './decode-fixture.js';

const v4 = ipv4({ proto: 6, payload: tcp({ sport: 11 }) });

describe('mpls', () => {
  it('pops labels to the bottom of stack, then IPv4/IPv6 by nibble or Ethernet after a control word', () => {
    const labels = [0, 0x10, 0x00, 64, 0, 0x20, 0x01, 64]; // two labels, BOS on the second
    expect(decodeFrame(ethernet(0x8847, concat(labels, v4))).pkt).toMatchObject({ ipOff: 22, sport: 11 });
    expect(decodeFrame(ethernet(0x8847, concat(labels, ipv6({ nh: 59, payload: [] })))).pkt.ipVer).toBe(6);
    const pw = concat([0, 0x10, 0x01, 64], [0, 0, 0, 0], ethernet(0x0800, v4));
    expect(decodeFrame(ethernet(0x8847, pw)).pkt).toMatchObject({ ipOff: 14 + 8 + 14, sport: 11 });
    expect(decodeFrame(ethernet(0x8847, [0, 0x10, 0x00, 64])).events).toEqual({ mpls_truncated: 1 });
    expect(decodeFrame(ethernet(0x8847, new Array<number>(40).fill(0))).events).toEqual({
      mpls_too_many_labels: 1,
    });
  });
});

describe('pppoe / ppp', () => {
  it('decodes PPPoE session frames carrying IPv4, bounded by the PPPoE length', () => {
    const body = concat([0x00, 0x21], v4);
    const frame = ethernet(0x8864, concat([0x11, 0, 0, 1, 0, body.length], body, [0xee, 0xee]));
    expect(decodeFrame(frame)).toMatchObject({ ok: true, pkt: { ipOff: 22, sport: 11 } });
    const lcp = ethernet(0x8864, [0x11, 0, 0, 1, 0, 2, 0xc0, 0x21]);
    expect(decodeFrame(lcp)).toMatchObject({ ok: false, events: { non_ip: 1 } });
  });
});

describe('erspan', () => {
  it('decodes ERSPAN II and III mirrored frames inside GRE', () => {
    const outer = (proto: number, hdr: number[]) =>
      ethernet(
        0x0800,
        ipv4({ proto: 47, payload: gre(proto, concat(hdr, ethernet(0x0800, v4)), { seq: 1 }) }),
      );
    expect(decodeFrame(outer(0x88be, [0x10, 1, 0, 0, 0, 0, 0, 0])).pkt).toMatchObject({
      tunnelDepth: 1,
      sport: 11,
    });
    const t3 = [0x20, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    expect(decodeFrame(outer(0x22eb, t3)).pkt).toMatchObject({ tunnelDepth: 1, sport: 11 });
    // A bad ERSPAN version: the outer GRE packet is inspected.
    const bad = decodeFrame(outer(0x88be, [0x70, 1, 0, 0, 0, 0, 0, 0]));
    expect(bad).toMatchObject({
      ok: true,
      pkt: { tunnelDepth: 0, proto: 47 },
      events: { erspan_bad_version: 1 },
    });
  });
});
