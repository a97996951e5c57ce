import { describe, expect, it } from 'vitest';
import { ipv4, tcp } from '../testkit.js';
import { decodeFrame } from './decode-fixture.js';

const raw = (seg: Uint8Array) => decodeFrame(ipv4({ proto: 6, payload: seg }), 228);

describe('tcp', () => {
  it('fills ports, seq/ack, flags, window and payload', () => {
    const { ok, pkt } = raw(
      tcp({ sport: 40000, dport: 80, seq: 0xfffffff0, ack: 7, flags: 0x12, win: 512, payload: [1, 2, 3] }),
    );
    expect(ok).toBe(true);
    expect(pkt).toMatchObject({
      sport: 40000,
      dport: 80,
      seq: 0xfffffff0,
      ack: 7,
      tcpFlags: 0x12,
      win: 512,
      tcpHdrLen: 20,
      l4Off: 20,
      payOff: 40,
      payLen: 3,
      tcpWscale: -1,
    });
  });

  it('reads MSS, WS, SACK-permitted, SACK and timestamps into tcpOptMask', () => {
    const opts = [
      2, 4, 5, 0xb4, 1, 3, 3, 7, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2, 5, 10, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0,
    ];
    const { pkt } = raw(tcp({ options: opts }));
    expect(pkt.tcpHdrLen).toBe(52);
    expect(pkt.tcpOptMask).toBe((1 << 2) | (1 << 3) | (1 << 4) | (1 << 5) | (1 << 8));
    expect(pkt.tcpWscale).toBe(7);
  });

  it('counts tcp_bad_offset, tcp_truncated and tcp_bad_option', () => {
    expect(raw(tcp({ dataOffset: 4 }))).toMatchObject({ ok: false, events: { tcp_bad_offset: 1 } });
    expect(raw(tcp({ dataOffset: 6 }))).toMatchObject({ ok: false, events: { tcp_truncated: 1 } });
    expect(raw(tcp().slice(0, 19))).toMatchObject({ ok: false, events: { tcp_truncated: 1 } });
    const bad = raw(tcp({ options: [2, 9, 0, 0] }));
    expect(bad).toMatchObject({ ok: true, events: { tcp_bad_option: 1 } });
  });
});
