import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACK, FIN, RST, SYN } from '../flow/test-packets.js';
import { connHarness } from './test-conn.js';

const A = { src: '10.0.0.1', dst: '10.0.0.2', sport: 40000, dport: 50000 };
const B = { src: '10.0.0.2', dst: '10.0.0.1', sport: 50000, dport: 40000 };

/** A segment of one side: flags from the interesting combinations, sequence numbers near each side's ISN. */
const segment = fc.record({
  fromA: fc.boolean(),
  flags: fc.constantFrom(SYN, SYN | ACK, ACK, ACK, ACK, FIN | ACK, RST, RST | ACK, SYN | RST, SYN | FIN, 0),
  seqOff: fc.integer({ min: -3, max: 40 }),
  ackOff: fc.integer({ min: -3, max: 40 }),
  len: fc.constantFrom(0, 0, 1, 5, 20),
  win: fc.constantFrom(0, 1000, 65535),
});

describe('ConnTracker TCP analysis on arbitrary segment sequences', () => {
  it('never throws; packets and IP bytes add up per side; ^ at most twice; weirds are names', () => {
    fc.assert(
      fc.property(
        fc.array(segment, { minLength: 1, maxLength: 14 }),
        // Initial sequence numbers near zero, the 32-bit wrap and the sign boundary.
        fc.constantFrom(1000, 0xfffffff0, 0),
        fc.constantFrom(5000, 0x7ffffffa),
        (segs, isnA, isnB) => {
          const weirds: string[] = [];
          const h = connHarness({ onWeird: (n) => weirds.push(n) });
          let pkts = 0;
          let bytes = 0;
          segs.forEach((s, i) => {
            const [me, isnMe, isnPeer] = s.fromA ? [A, isnA, isnB] : [B, isnB, isnA];
            h.send({
              ...me,
              flags: s.flags,
              seq: (isnMe + s.seqOff) >>> 0,
              ack: (isnPeer + s.ackOff) >>> 0,
              payload: 'x'.repeat(s.len),
              win: s.win,
              ts: 1 + i * 0.01,
            });
            pkts++;
            bytes += 40 + s.len;
          });
          const recs = h.end();
          expect(recs.length).toBeGreaterThanOrEqual(1);
          let p = 0;
          let b = 0;
          for (const r of recs) {
            p += r.orig_pkts + r.resp_pkts;
            b += r.orig_ip_bytes + r.resp_ip_bytes;
            expect((r.history ?? '').split('^').length - 1).toBeLessThanOrEqual(2);
            expect(r.orig_pkts).toBeGreaterThanOrEqual(0);
            expect(r.resp_pkts).toBeGreaterThanOrEqual(0);
            expect(new Set([r['id.orig_p'], r['id.resp_p']])).toEqual(new Set([40000, 50000]));
          }
          expect(p).toBe(pkts);
          expect(b).toBe(bytes);
          for (const w of weirds) expect(w).toMatch(/^[A-Za-z_]+$/);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('the SYN/SYN-ACK reversal gives the same connection as the handshake in order, but for ^ and letters', () => {
    const run = (reorder: boolean) => {
      const h = connHarness();
      const syn = { ...A, flags: SYN, seq: 1000, ts: 1 };
      const synAck = { ...B, flags: SYN | ACK, seq: 5000, ack: 1001, ts: 1.1 };
      for (const s of reorder ? [synAck, syn] : [syn, synAck]) h.send(s);
      h.send({ ...A, flags: ACK, seq: 1001, ack: 5001, payload: 'abc', ts: 1.2 });
      h.send({ ...B, flags: ACK, seq: 5001, ack: 1004, payload: 'hello', ts: 1.3 });
      return h.end()[0]!;
    };
    const inOrder = run(false);
    const flipped = run(true);
    for (const k of [
      'id.orig_h',
      'id.orig_p',
      'id.resp_h',
      'id.resp_p',
      'conn_state',
      'orig_bytes',
      'resp_bytes',
    ])
      expect(flipped[k as keyof typeof flipped], k).toEqual(inOrder[k as keyof typeof inOrder]);
    expect(inOrder.history).toBe('ShDd');
    expect(flipped.history).toBe('Hs^Dd');
  });
});
