import { describe, expect, it } from 'vitest';
import { concat, icmp, ip6, ip6Ext, ip6Frag, ipv6, tcp, udp } from '../testkit.js';
import { decodeFrame } from './decode-fixture.js';

const raw = (b: Uint8Array) => decodeFrame(b, 229);

describe('ipv6', () => {
  it('fills header fields and addresses', () => {
    const { ok, pkt } = raw(
      ipv6({ src: 'fe80::1', dst: '2001:db8::ff', nh: 6, hlim: 3, payload: tcp({ dport: 443 }) }),
    );
    expect(ok).toBe(true);
    expect(pkt).toMatchObject({
      ipVer: 6,
      ipHdrLen: 40,
      ipLen: 60,
      ttl: 3,
      proto: 6,
      dport: 443,
      src4: 0,
      ipOptsLen: 0,
    });
    expect([...pkt.src]).toEqual(ip6('fe80::1'));
    expect([...pkt.dst]).toEqual(ip6('2001:db8::ff'));
  });

  it('walks hop-by-hop, routing, destination options and AH to the L4 header', () => {
    const ah = Uint8Array.from([17, 4, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]); // (4+2)*4 = 24
    // hop-by-hop → routing (16 bytes) → destination options → AH → UDP; ip6Ext(n) names the *next* header.
    const b = ipv6({
      nh: 0,
      payload: concat(
        ip6Ext(43),
        ip6Ext(60, new Array<number>(10).fill(0)),
        ip6Ext(51),
        ah,
        udp({ dport: 53, payload: [1] }),
      ),
    });
    const { ok, pkt } = raw(b);
    expect(ok).toBe(true);
    expect(pkt).toMatchObject({
      proto: 17,
      dport: 53,
      ipOptsLen: 4,
      ipHdrLen: 40 + 8 + 16 + 8 + 24,
      payLen: 1,
    });
  });

  it('stops at ESP and no-next-header', () => {
    expect(raw(ipv6({ nh: 50, payload: [1, 2, 3, 4] })).pkt).toMatchObject({
      proto: 50,
      payOff: 40,
      payLen: 4,
    });
    expect(raw(ipv6({ nh: 60, payload: ip6Ext(59) })).pkt).toMatchObject({
      proto: 59,
      payOff: 48,
      payLen: 0,
    });
  });

  it('counts ipv6_truncated_ext', () => {
    expect(raw(ipv6({ nh: 0, payload: [6, 0, 0] }))).toMatchObject({
      ok: false,
      events: { ipv6_truncated_ext: 1 },
    });
    expect(raw(ipv6({ nh: 43, payload: [6, 5, 0, 0, 0, 0, 0, 0] }))).toMatchObject({
      ok: false,
      events: { ipv6_truncated_ext: 1 },
    });
    expect(raw(new Uint8Array(39)).events).toEqual({ ipv6_truncated: 1 });
  });

  it('decodes the fragment header; non-first fragments stop there', () => {
    const first = raw(ipv6({ nh: 44, payload: concat(ip6Frag(6, 0, true, 0xdeadbeef), tcp({ sport: 7 })) }));
    expect(first.pkt).toMatchObject({
      isFragment: true,
      mf: true,
      fragOffset: 0,
      ipId: 0xdeadbeef,
      proto: 6,
      sport: 7,
      ipHdrLen: 48,
    });
    const later = raw(ipv6({ nh: 44, payload: concat(ip6Frag(6, 1448, false, 1), [1, 2, 3]) }));
    expect(later).toMatchObject({
      ok: true,
      pkt: { isFragment: true, fragOffset: 1448, proto: 6, l4Off: -1, payOff: 48, payLen: 3 },
    });
    const atomic = raw(ipv6({ nh: 44, payload: concat(ip6Frag(17, 0, false, 1), udp({})) }));
    expect(atomic.pkt).toMatchObject({ isFragment: false, proto: 17, dport: 53 });
  });

  it('decodes ICMPv6 echo id/seq', () => {
    const { pkt } = raw(ipv6({ nh: 58, payload: icmp(128, 0, [0x12, 0x34, 0, 9], [1, 2]) }));
    expect(pkt).toMatchObject({ icmpType: 128, icmpCode: 0, icmpId: 0x1234, icmpSeq: 9, payLen: 2 });
    const unreach = raw(ipv6({ nh: 58, payload: icmp(1, 4, [0x12, 0x34, 0, 9]) }));
    expect(unreach.pkt).toMatchObject({ icmpType: 1, icmpId: 0, icmpSeq: 0 });
    expect(raw(ipv6({ nh: 58, payload: [128, 0, 0] })).events).toEqual({ icmp6_truncated: 1 });
  });
});
