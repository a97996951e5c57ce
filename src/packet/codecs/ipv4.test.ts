import { describe, expect, it } from 'vitest';
import { concat, ethernet, icmp, ipv4, tcp, udp } from '../testkit.js';
import { decodeFrame } from './decode-fixture.js';
import { IpOptBit } from './ipv4.js';

const raw = (b: Uint8Array) => decodeFrame(b, 228);

describe('ipv4', () => {
  it('fills header fields and addresses', () => {
    const { ok, pkt } = raw(
      ipv4({
        src: '192.168.1.5',
        dst: '10.1.2.3',
        proto: 17,
        id: 77,
        ttl: 9,
        tos: 0x10,
        frag: 0x4000,
        payload: udp({}),
      }),
    );
    expect(ok).toBe(true);
    expect(pkt).toMatchObject({
      ipVer: 4,
      ipHdrLen: 20,
      ipLen: 28,
      ttl: 9,
      tos: 0x10,
      ipId: 77,
      df: true,
      mf: false,
      rb: false,
      isFragment: false,
      proto: 17,
    });
    expect(pkt.src4).toBe(0xc0a80105);
    expect(pkt.dst4).toBe(0x0a010203);
    expect([...pkt.src.subarray(0, 4)]).toEqual([192, 168, 1, 5]);
    expect(pkt.src.subarray(4).every((b) => b === 0)).toBe(true);
  });

  it('validates version, IHL and total length', () => {
    const good = ipv4({ proto: 6, payload: tcp() });
    const badVer = good.slice();
    badVer[0] = 0x55;
    expect(raw(badVer).events).toEqual({ ipv4_bad_version: 1 });
    const badIhl = good.slice();
    badIhl[0] = 0x44;
    expect(raw(badIhl)).toMatchObject({ ok: false, events: { ipv4_bad_ihl: 1 } });
    const longIhl = good.slice(0, 30);
    longIhl[0] = 0x4f;
    expect(raw(longIhl)).toMatchObject({ ok: false, events: { ipv4_truncated: 1 } });
    expect(raw(good.slice(0, 19)).events).toEqual({ ipv4_truncated: 1 });
    expect(raw(ipv4({ proto: 6, payload: tcp(), totalLength: 19 })).events).toEqual({ ipv4_bad_length: 1 });
  });

  it('bounds the datagram by the capture when the header claims more', () => {
    const { ok, pkt, events } = raw(ipv4({ proto: 99, payload: [1, 2, 3, 4], totalLength: 100 }));
    expect(ok).toBe(true);
    expect(pkt.ipLen).toBe(24);
    expect(pkt.payLen).toBe(4);
    expect(events).toEqual({ ipv4_dgram_gt_caplen: 1 });
  });

  it('walks options: count and Snort ipopts bits; a bad option length is counted', () => {
    const { pkt } = raw(ipv4({ proto: 99, payload: [], options: [1, 7, 7, 4, 0, 0, 0, 0, 0x44, 4, 5, 0] }));
    expect(pkt.ipHdrLen).toBe(32);
    expect(pkt.ipOptMask).toBe(IpOptBit.nop | IpOptBit.rr | IpOptBit.ts);
    expect(pkt.ipOptsLen).toBe(3);
    const bad = raw(ipv4({ proto: 99, payload: [], options: [0x83, 40, 0, 0] }));
    expect(bad.ok).toBe(true);
    expect(bad.events).toEqual({ ipv4_bad_option: 1 });
  });

  it('checks the header checksum only when enabled', () => {
    const b = ipv4({ proto: 99, payload: [] });
    expect(decodeFrame(b, 228, { verifyIpv4Checksum: true }).events).toEqual({});
    b[10] = b[10]! ^ 1;
    expect(raw(b).events).toEqual({});
    expect(decodeFrame(b, 228, { verifyIpv4Checksum: true })).toMatchObject({
      ok: true,
      events: { ipv4_bad_checksum: 1 },
    });
  });

  it('marks fragments; a non-first fragment has no L4 header', () => {
    const first = raw(ipv4({ proto: 6, frag: 0x2000, id: 5, payload: tcp({ sport: 9 }) }));
    expect(first.pkt).toMatchObject({ isFragment: true, mf: true, fragOffset: 0, sport: 9, l4Off: 20 });
    const later = raw(ipv4({ proto: 6, frag: 0x8003, payload: [1, 2, 3, 4, 5, 6, 7, 8] }));
    expect(later.ok).toBe(true);
    expect(later.pkt).toMatchObject({
      isFragment: true,
      mf: false,
      rb: true,
      fragOffset: 24,
      proto: 6,
      l4Off: -1,
      sport: 0,
      payOff: 20,
      payLen: 8,
    });
    // A first fragment too short for its TCP header is still an IP packet for defragmentation.
    const tiny = raw(ipv4({ proto: 6, frag: 0x2000, payload: [1, 2, 3, 4, 5, 6, 7, 8] }));
    expect(tiny).toMatchObject({ ok: true, pkt: { l4Off: -1, payOff: 20, payLen: 8 } });
  });

  it('puts ICMP error payload at the quoted datagram', () => {
    const quoted = ipv4({ proto: 17, payload: udp({}) });
    const { pkt } = decodeFrame(
      ethernet(0x0800, ipv4({ proto: 1, payload: icmp(3, 3, [0, 0, 0, 0], quoted) })),
    );
    expect(pkt).toMatchObject({
      icmpType: 3,
      icmpCode: 3,
      icmpId: 0,
      payOff: 14 + 20 + 8,
      payLen: quoted.length,
    });
    expect(pkt.data[pkt.payOff]).toBe(0x45);
  });

  it('treats a zero total length as segmentation offload', () => {
    const r = raw(concat(ipv4({ proto: 6, payload: tcp(), totalLength: 0 })));
    expect(r).toMatchObject({ ok: true, pkt: { ipLen: 40, sport: 1234 }, events: { ipv4_zero_length: 1 } });
  });
});
