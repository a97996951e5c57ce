import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventCounts } from '../../core/counters.js';
import { DceSession, type DcePdu } from './session.js';
import { bind, bindAck, concat, request, response } from './testkit.js';

const valid = concat(
  bind([{ ctx: 0, uuid: '4b324fc8-1670-01d3-1278-5a47bf6ee188', version: 3 }]),
  request(0, 15, [1, 2, 3, 4, 5, 6], { flags: 1, callId: 9 }),
  request(0, 15, [7, 8], { flags: 2, callId: 9, authLen: 8 }),
);
const reply = concat(bindAck([0]), response(0, [1, 2, 3], { callId: 9 }));

describe('DCE/RPC session on hostile input', () => {
  it('never throws on random, truncated or mutated streams in random chunks; stubs stay in bounds', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.nat(valid.length),
        fc.nat(valid.length - 1),
        fc.nat(255),
        fc.integer({ min: 1, max: 40 }),
        (rand, cut, at, v, step) => {
          const s = new DceSession(new EventCounts());
          const sink = {
            dcePdu(p: DcePdu) {
              expect(p.stub.off + p.stub.len).toBeLessThanOrEqual(p.stub.data.length);
            },
          };
          const m = valid.slice(0, cut);
          if (at < m.length) m[at] = v;
          for (const [dir, input] of [
            [0, m],
            [1, reply],
            [1, rand],
            [0, rand],
          ] as const)
            for (let i = 0; i < input.length; i += step) s.feed(dir, input, i, step, sink);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
