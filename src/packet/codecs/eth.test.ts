import { describe, expect, it } from 'vitest';
import { concat, ethernet, ipv4, ipv6, tcp, udp } from '../testkit.js';
import { decodeFrame } from './decode-fixture.js';

const ip = ipv4({ proto: 17, payload: udp({ payload: [1, 2, 3] }) });

describe('eth / vlan', () => {
  it('decodes Ethernet II to IPv4 and trims Ethernet padding', () => {
    const { ok, pkt } = decodeFrame(concat(ethernet(0x0800, ip), new Uint8Array(10)));
    expect(ok).toBe(true);
    expect(pkt.etherType).toBe(0x0800);
    expect(pkt.ipOff).toBe(14);
    expect(pkt.ipLen).toBe(ip.length);
    expect(pkt.payLen).toBe(3);
  });

  it('counts eth_truncated and non-IP frames', () => {
    expect(decodeFrame(new Uint8Array(13))).toMatchObject({ ok: false, events: { eth_truncated: 1 } });
    expect(decodeFrame(ethernet(0x0806, new Uint8Array(28)))).toMatchObject({
      ok: false,
      events: { non_ip: 1 },
    });
    expect(decodeFrame(ethernet(0x0050, new Uint8Array(28)))).toMatchObject({
      ok: false,
      events: { eth_llc_other: 1 },
    });
  });

  it('collects 802.1Q and QinQ tags (0x88a8, 0x9100)', () => {
    const inner = concat([0x00, 0x0b, 0x08, 0x00], ip); // 802.1Q id 11
    const frame = concat(ethernet(0x88a8, concat([0x20, 0x64, 0x91, 0x00], [0x00, 0x05, 0x81, 0x00], inner)));
    const { ok, pkt } = decodeFrame(frame);
    expect(ok).toBe(true);
    expect(pkt.vlanIds).toEqual([100, 5, 11]);
    expect(pkt.ipOff).toBe(14 + 12);
    expect(decodeFrame(ethernet(0x0800, ip, [7])).pkt.vlanIds).toEqual([7]);
  });

  it('counts vlan_truncated and bounds the tag stack', () => {
    expect(decodeFrame(ethernet(0x8100, [0, 1])).events).toEqual({ vlan_truncated: 1 });
    const tags = Array.from({ length: 20 }, () => [0, 1, 0x81, 0]).flat();
    expect(decodeFrame(ethernet(0x8100, tags)).events).toEqual({ vlan_too_many_tags: 1 });
  });

  it('decodes IPv6 over Ethernet', () => {
    const { ok, pkt } = decodeFrame(ethernet(0x86dd, ipv6({ nh: 6, payload: tcp() })));
    expect(ok).toBe(true);
    expect(pkt.ipVer).toBe(6);
    expect(pkt.proto).toBe(6);
  });
});
