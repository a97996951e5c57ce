import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventCounts } from '../../core/counters.js';
import { concat } from '../dce/testkit.js';
import { FILE_DEPTH, type SmbFileChunk } from './files.js';
import { SmbSession } from './session.js';
import { looksLikeSmb } from './detect.js';
import { createReq, createResp, readReq, readResp, writeReq } from './testkit.js';

const req = concat(createReq(1, 'x'), writeReq(2, 1, 0, [1, 2, 3, 4, 5]), readReq(3, 1, 5, 4));
const resp = concat(createResp(1, 1), readResp(3, [6, 7, 8, 9]));

describe('SMB session on hostile input', () => {
  it('never throws on random, truncated or mutated streams; file data stays in order and under the depth', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.nat(req.length),
        fc.nat(req.length - 1),
        fc.nat(255),
        fc.integer({ min: 1, max: 50 }),
        (rand, cut, at, v, step) => {
          const s = new SmbSession(new EventCounts());
          const next = new Map<string, number>();
          const sink = {
            smbFile(c: SmbFileChunk) {
              expect(c.offset).toBe(next.get(c.name) ?? c.offset);
              expect(c.offset + c.data.length).toBeLessThanOrEqual(FILE_DEPTH);
              next.set(c.name, c.offset + c.data.length);
            },
          };
          const m = req.slice(0, cut);
          if (at < m.length) m[at] = v;
          for (const [dir, input] of [
            [0, m],
            [1, resp],
            [0, rand],
            [1, rand],
          ] as const)
            for (let i = 0; i < input.length; i += step) s.feed(dir, input, i, step, sink);
          looksLikeSmb(rand);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
