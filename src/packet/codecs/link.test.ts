import { describe, expect, it } from 'vitest';
import { concat, ipv4, ipv6, tcp, udp } from '../testkit.js';
import { decodeFrame } from './decode-fixture.js';

const v4 = ipv4({ proto: 6, payload: tcp({ sport: 1, dport: 2 }) });
const v6 = ipv6({ nh: 17, payload: udp({ sport: 3, dport: 4 }) });

describe('link codecs', () => {
  it('linux_sll (113) and linux_sll2 (276)', () => {
    const sll = concat([0, 0, 0, 1, 0, 6], new Uint8Array(8), [0x08, 0x00], v4);
    expect(decodeFrame(sll, 113)).toMatchObject({ ok: true, pkt: { ipOff: 16, sport: 1 } });
    const sll2 = concat([0x86, 0xdd, 0, 0], [0, 0, 0, 2], [0, 1, 0, 6], new Uint8Array(8), v6);
    expect(decodeFrame(sll2, 276)).toMatchObject({ ok: true, pkt: { ipOff: 20, ipVer: 6, dport: 4 } });
    expect(decodeFrame(new Uint8Array(15), 113).events).toEqual({ sll_truncated: 1 });
    expect(decodeFrame(new Uint8Array(19), 276).events).toEqual({ sll_truncated: 1 });
  });

  it('raw (101) by version nibble, 228 and 229', () => {
    expect(decodeFrame(v4, 101).pkt.ipVer).toBe(4);
    expect(decodeFrame(v6, 101).pkt.ipVer).toBe(6);
    expect(decodeFrame(v4, 228)).toMatchObject({ ok: true, pkt: { ipOff: 0 } });
    expect(decodeFrame(v6, 229)).toMatchObject({ ok: true, pkt: { ipOff: 0 } });
    expect(decodeFrame(v4, 229)).toMatchObject({ ok: false, events: { ipv6_bad_version: 1 } });
    expect(decodeFrame(Uint8Array.from([0x50, 0, 0]), 101)).toMatchObject({
      ok: false,
      events: { ip_bad_version: 1 },
    });
  });

  it('null (0) in either host byte order, and loop (108) in network order', () => {
    expect(decodeFrame(concat([2, 0, 0, 0], v4), 0).pkt.ipVer).toBe(4);
    expect(decodeFrame(concat([0, 0, 0, 2], v4), 0).pkt.ipVer).toBe(4);
    for (const af of [10, 24, 28, 30]) expect(decodeFrame(concat([af, 0, 0, 0], v6), 0).pkt.ipVer).toBe(6);
    expect(decodeFrame(concat([0, 0, 0, 30], v6), 108)).toMatchObject({ ok: true, pkt: { ipOff: 4 } });
    expect(decodeFrame(concat([0, 0, 0, 7], v6), 108)).toMatchObject({ ok: false, events: { non_ip: 1 } });
    expect(decodeFrame(new Uint8Array(3), 0).events).toEqual({ null_truncated: 1 });
  });

  it('counts unknown_linktype and fills the capture fields', () => {
    const r = decodeFrame(v4, 9999);
    expect(r).toMatchObject({ ok: false, events: { unknown_linktype: 1 } });
    expect(r.pkt).toMatchObject({ num: 1, tsSec: 1, tsUsec: 2, caplen: v4.length, linktype: 9999 });
  });
});
