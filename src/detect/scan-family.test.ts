import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BufferId, type BufferProvider, type BufferView } from './buffers.js';
import { DetectionEngine } from './engine.js';
import { ReferenceEvaluator } from './reference.js';
import { FILE_BIT, PKT_BIT, RAW_BODY_BIT, familyBit, scanFamily } from './scan-family.js';
import { bytes, makeFlow, makePacket, makeRule, makeUnit } from './testkit.js';

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), minLength: 1, maxLength: 3 });
const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'x'), maxLength: 20 });

/** A rule whose contents sit in one of the family's buffers (or http_uri, scanned on its own). */
const rule = fc.record({
  sel: fc.constantFrom('', 'file_data; ', 'http_raw_body; ', 'http_uri; ', 'pkt_data; '),
  words: fc.array(word, { minLength: 1, maxLength: 2 }),
  neg: fc.boolean(),
});

/** How a unit's file_data and http_raw_body relate to its own bytes (pkt_data). */
const unit = fc.record({
  payload: text,
  other: text,
  third: text,
  file: fc.constantFrom('same', 'other', 'absent'),
  rawBody: fc.constantFrom('same', 'asFile', 'other', 'absent'),
  kind: fc.constantFrom('rebuilt', 'streamed'),
});

type UnitSpec = typeof unit extends fc.Arbitrary<infer T> ? T : never;

/** Serves views that alias the unit's bytes or each other, one reused view object as real providers may. */
function familyProvider(u: UnitSpec, pkt: Uint8Array, off: number): BufferProvider {
  const v: BufferView = { data: pkt, off: 0, len: 0 };
  const other = bytes(u.other);
  const third = bytes(u.third);
  const uri = bytes('/abc');
  const set = (data: Uint8Array, o: number, len: number): BufferView => {
    v.data = data;
    v.off = o;
    v.len = len;
    return v;
  };
  return {
    getBuffer(id: number): BufferView | null {
      if (id === BufferId.http_uri) return set(uri, 0, uri.length);
      if (id === BufferId.file_data) {
        if (u.file === 'same') return set(pkt, off, u.payload.length);
        return u.file === 'other' ? set(other, 0, other.length) : null;
      }
      if (id === BufferId.http_raw_body) {
        if (u.rawBody === 'same') return set(pkt, off, u.payload.length);
        if (u.rawBody === 'asFile')
          return u.file === 'absent' ? null : this.getBuffer(BufferId.file_data, null);
        return u.rawBody === 'other' ? set(third, 0, third.length) : null;
      }
      return null;
    },
  };
}

describe('scan families', () => {
  it('maps the body buffers onto pkt_data, others onto themselves', () => {
    expect(scanFamily(BufferId.file_data)).toBe(BufferId.pkt_data);
    expect(scanFamily(BufferId.http_raw_body)).toBe(BufferId.pkt_data);
    expect(scanFamily(BufferId.pkt_data)).toBe(BufferId.pkt_data);
    expect(scanFamily(BufferId.http_uri)).toBe(BufferId.http_uri);
    expect(familyBit(BufferId.file_data)).toBe(FILE_BIT);
    expect(PKT_BIT | FILE_BIT | RAW_BODY_BIT).toBe(0b10000000001001);
  });

  it('one pass over shared bytes finds exactly what one pass per buffer finds', () => {
    fc.assert(
      fc.property(
        fc.array(rule, { minLength: 1, maxLength: 10 }),
        fc.array(unit, { minLength: 1, maxLength: 4 }),
        (rs, us) => {
          const rules = rs.map((r, i) => {
            const contents = r.words.map((w, k) => `content:${r.neg && k === 1 ? '!' : ''}"${w}"`);
            return makeRule(`${r.sel}${contents.join('; ')}`, { sid: i + 1, proto: 'tcp' });
          });
          const engine = DetectionEngine.compile(rules, []);
          const ref = new ReferenceEvaluator(rules, []);
          for (const u of us) {
            const p = makePacket(u.payload, { proto: 6, sport: 40000, dport: 80 });
            const flow = makeFlow(p);
            const mk = () =>
              makeUnit(p, flow, {
                rebuilt: u.kind === 'rebuilt',
                streamed: u.kind === 'streamed',
                buffers: familyProvider(u, p.data, p.payOff),
              });
            const a: number[] = [];
            const b: number[] = [];
            engine.inspect(mk(), (e) => a.push(e.rule.sid));
            ref.inspect(mk(), (e) => b.push(e.rule.sid));
            expect(a).toEqual(b);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });
});
