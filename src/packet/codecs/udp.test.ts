import { describe, expect, it } from 'vitest';
import { icmp, ipv4, udp } from '../testkit.js';
import { decodeFrame } from './decode-fixture.js';

const raw = (b: Uint8Array, proto = 17) => decodeFrame(ipv4({ proto, payload: b }), 228);

describe('udp', () => {
  it('fills ports and payload', () => {
    expect(raw(udp({ sport: 1000, dport: 53, payload: [1, 2, 3] })).pkt).toMatchObject({
      sport: 1000,
      dport: 53,
      l4Off: 20,
      payOff: 28,
      payLen: 3,
    });
  });

  it('counts udp_bad_length and length mismatches', () => {
    expect(raw(udp({ length: 7 }))).toMatchObject({ ok: false, events: { udp_bad_length: 1 } });
    expect(raw(new Uint8Array(7))).toMatchObject({ ok: false, events: { udp_truncated: 1 } });
    expect(raw(udp({ payload: [1, 2, 3], length: 9 }))).toMatchObject({
      ok: true,
      pkt: { payLen: 1 },
      events: { udp_short_packet: 1 },
    });
    expect(raw(udp({ payload: [1, 2, 3], length: 30 }))).toMatchObject({
      ok: true,
      pkt: { payLen: 3 },
      events: { udp_long_packet: 1 },
    });
  });
});

describe('icmp4', () => {
  it('reads id/seq for echo, timestamp, info and mask messages only', () => {
    for (const type of [0, 8, 13, 14, 15, 16, 17, 18]) {
      expect(raw(icmp(type, 0, [1, 2, 3, 4]), 1).pkt).toMatchObject({
        icmpType: type,
        icmpId: 0x102,
        icmpSeq: 0x304,
      });
    }
    expect(raw(icmp(5, 1, [1, 2, 3, 4]), 1).pkt).toMatchObject({
      icmpType: 5,
      icmpCode: 1,
      icmpId: 0,
      icmpSeq: 0,
      payOff: 28,
    });
    expect(raw(Uint8Array.from([8, 0, 0, 0, 0]), 1)).toMatchObject({
      ok: false,
      events: { icmp4_truncated: 1 },
    });
  });
});
