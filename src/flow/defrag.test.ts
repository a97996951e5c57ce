import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventCounts } from '../core/counters.js';
import { IpProto, Packet } from '../packet/packet.js';
import { ipChecksum } from './defrag-tracker.js';
import { Defragmenter, type DefragConfig } from './defrag.js';

const SRC = [192, 168, 1, 1];
const DST = [192, 168, 1, 2];

/** A fragment of an IPv4 datagram (id 0x1234, UDP) as a decoder would leave it. */
function frag4(payload: Uint8Array, off: number, len: number, mf: boolean, id = 0x1234, ts = 1): Packet {
  const p = new Packet();
  const d = new Uint8Array(20 + len);
  d[0] = 0x45;
  d[2] = (20 + len) >> 8;
  d[3] = (20 + len) & 0xff;
  d[4] = id >> 8;
  d[5] = id & 0xff;
  const fo = (off >> 3) | (mf ? 0x2000 : 0);
  d[6] = fo >> 8;
  d[7] = fo & 0xff;
  d[8] = 64;
  d[9] = IpProto.UDP;
  d.set(SRC, 12);
  d.set(DST, 16);
  d.set(payload.subarray(off, off + len), 20);
  p.data = d;
  p.ipVer = 4;
  p.ipOff = 0;
  p.ipHdrLen = 20;
  p.ipLen = d.length;
  p.ipId = id;
  p.fragOffset = off;
  p.mf = mf;
  p.isFragment = true;
  p.proto = IpProto.UDP;
  p.src.set(SRC);
  p.dst.set(DST);
  p.src4 = 0xc0a80101;
  p.dst4 = 0xc0a80102;
  p.payOff = 20;
  p.payLen = len;
  p.tsSec = ts;
  return p;
}

/** A fragment of an IPv6 datagram: fixed header, fragment header (next header UDP), data. */
function frag6(payload: Uint8Array, off: number, len: number, mf: boolean, id = 0xabcdef01): Packet {
  const p = new Packet();
  const d = new Uint8Array(48 + len);
  d[0] = 0x60;
  d[4] = (8 + len) >> 8;
  d[5] = (8 + len) & 0xff;
  d[6] = 44;
  d[7] = 64;
  d[8] = 0x20;
  d[23] = 1;
  d[24] = 0x20;
  d[39] = 2;
  d[40] = IpProto.UDP;
  const fo = off | (mf ? 1 : 0);
  d[42] = fo >> 8;
  d[43] = fo & 0xff;
  d[44] = id >>> 24;
  d[45] = (id >> 16) & 0xff;
  d[46] = (id >> 8) & 0xff;
  d[47] = id & 0xff;
  d.set(payload.subarray(off, off + len), 48);
  p.data = d;
  p.ipVer = 6;
  p.ipOff = 0;
  p.ipHdrLen = 48;
  p.ipLen = d.length;
  p.ipId = id;
  p.fragOffset = off;
  p.mf = mf;
  p.isFragment = true;
  p.proto = IpProto.UDP;
  p.src.set(d.subarray(8, 24));
  p.dst.set(d.subarray(24, 40));
  p.payOff = 48;
  p.payLen = len;
  p.tsSec = 1;
  return p;
}

function mk(cfg: Partial<DefragConfig> = {}) {
  const events = new EventCounts();
  return { events, df: new Defragmenter(cfg, events) };
}

const payload = Uint8Array.from({ length: 64 }, (_, i) => i);

describe('Defragmenter', () => {
  it('waits for every hole; a duplicate fragment changes nothing', () => {
    const { df, events } = mk();
    expect(df.insert(frag4(payload, 24, 40, false))).toBeNull();
    expect(df.insert(frag4(payload, 0, 16, true))).toBeNull();
    expect(df.insert(frag4(payload, 0, 16, true))).toBeNull();
    expect(df.pending).toBe(1);
    expect(events.get('frag_overlap')).toBe(1);
    const dg = df.insert(frag4(payload, 16, 8, true))!;
    expect([...dg.subarray(20)]).toEqual([...payload]);
  });

  it('completes when the last hole is filled and fixes length, flags and checksum', () => {
    const { df, events } = mk();
    df.insert(frag4(payload, 32, 32, false));
    const dg = df.insert(frag4(payload, 0, 32, true))!;
    expect(dg).not.toBeNull();
    expect(dg.length).toBe(84);
    expect((dg[2]! << 8) | dg[3]!).toBe(84);
    expect(dg[6]! & 0x3f).toBe(0);
    expect(dg[7]).toBe(0);
    expect(ipChecksum(dg, 20)).toBe(0);
    expect([...dg.subarray(20)]).toEqual([...payload]);
    expect(df.pending).toBe(0);
    expect(events.total()).toBe(0);
  });

  it('keeps the first data on overlap and counts it', () => {
    const { df, events } = mk();
    const evil = payload.map((b) => b ^ 0xff);
    df.insert(frag4(payload, 0, 32, true));
    df.insert(frag4(evil, 16, 32, true));
    const dg = df.insert(frag4(payload, 48, 16, false))!;
    expect([...dg.subarray(20)]).toEqual([
      ...payload.subarray(0, 32),
      ...evil.subarray(32, 48),
      ...payload.subarray(48),
    ]);
    expect(events.get('frag_overlap')).toBe(1);
  });

  it('rebuilds an IPv6 datagram without its fragment header', () => {
    const { df } = mk();
    df.insert(frag6(payload, 40, 24, false));
    const dg = df.insert(frag6(payload, 0, 40, true))!;
    expect(dg.length).toBe(40 + 64);
    expect(dg[6]).toBe(IpProto.UDP);
    expect((dg[4]! << 8) | dg[5]!).toBe(64);
    expect([...dg.subarray(40)]).toEqual([...payload]);
  });

  it('keeps datagrams with different ids apart', () => {
    const { df } = mk();
    df.insert(frag4(payload, 0, 32, true, 1));
    expect(df.insert(frag4(payload, 32, 32, false, 2))).toBeNull();
    expect(df.pending).toBe(2);
  });

  it('counts too-large, tiny and timed-out fragments', () => {
    const { df, events } = mk();
    expect(df.insert(frag4(new Uint8Array(65600), 65520, 40, false))).toBeNull();
    expect(events.get('frag_too_large')).toBe(1);
    df.insert(frag4(payload, 0, 8, true, 7, 10));
    expect(events.get('frag_tiny')).toBe(1);
    df.expire(70);
    expect(df.pending).toBe(1);
    df.expire(71);
    expect(df.pending).toBe(0);
    expect(events.get('frag_timeout')).toBe(1);
  });

  it('bounds memory: oldest datagrams go first', () => {
    const { df, events } = mk({ maxDatagrams: 2 });
    df.insert(frag4(payload, 0, 32, true, 1));
    df.insert(frag4(payload, 0, 32, true, 2));
    df.insert(frag4(payload, 0, 32, true, 3));
    expect(df.pending).toBe(2);
    expect(events.get('frag_memcap')).toBe(1);
    expect(df.insert(frag4(payload, 32, 32, false, 1))).toBeNull(); // id 1 was dropped
    expect(df.insert(frag4(payload, 32, 32, false, 3))).not.toBeNull();
    const b = mk({ maxBytes: 40 });
    b.df.insert(frag4(payload, 0, 32, true, 1));
    b.df.insert(frag4(payload, 0, 32, true, 2));
    expect(b.events.get('frag_memcap')).toBe(1);
    expect(b.df.pending).toBe(1);
  });

  it('trims data beyond the end the last fragment declares', () => {
    const { df, events } = mk();
    df.insert(frag4(payload, 32, 32, true));
    df.insert(frag4(payload, 16, 16, false)); // says the datagram ends at 32
    const dg = df.insert(frag4(payload, 0, 16, true))!;
    expect(dg.length).toBe(20 + 32);
    expect(events.get('frag_beyond_end')).toBe(1);
  });

  for (const ver of [4, 6] as const) {
    it(`property: IPv${ver} gives the same datagram for any fragment order (with duplicates)`, () => {
      const arb = fc
        .record({
          data: fc.uint8Array({ minLength: 9, maxLength: 2000 }),
          sizes: fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 20 }),
          dups: fc.array(fc.nat(), { maxLength: 5 }),
        })
        .chain((r) => {
          const frags: [number, number, boolean][] = [];
          let o = 0;
          let i = 0;
          while (o < r.data.length) {
            // The first fragment never holds everything, so there are always at least two.
            const room = o === 0 ? (r.data.length - 1) & ~7 : r.data.length - o;
            const len = Math.min(r.sizes[i++ % r.sizes.length]! * 8, room);
            frags.push([o, len, o + len < r.data.length]);
            o += len;
          }
          for (const d of r.dups) frags.push(frags[d % frags.length]!);
          return fc
            .shuffledSubarray(frags, { minLength: frags.length, maxLength: frags.length })
            .map((order) => ({ ...r, order }));
        });
      fc.assert(
        fc.property(arb, ({ data, order }) => {
          const { df } = mk();
          const outs: Uint8Array[] = [];
          for (const [o, len, mf] of order) {
            const r = df.insert(ver === 4 ? frag4(data, o, len, mf) : frag6(data, o, len, mf));
            if (r !== null) outs.push(r);
          }
          const hdr = ver === 4 ? 20 : 40;
          // Duplicates arriving after completion start a new datagram, which may complete again.
          expect(outs.length).toBeGreaterThan(0);
          for (const out of outs) expect(out.subarray(hdr)).toEqual(data);
        }),
        { numRuns: 200 },
      );
    });
  }
});
