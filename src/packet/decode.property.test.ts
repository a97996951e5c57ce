import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventCounts } from '../core/counters.js';
import { CaptureFormatError } from '../core/errors.js';
import { CaptureReader } from './capture-reader.js';
import { Decoder } from './decode.js';
import { Packet } from './packet.js';
import { concat, ethernet, gre, icmp, ip6Ext, ip6Frag, ipv4, ipv6, tcp, udp, vxlan } from './testkit.js';
import { ngEpb, ngIdb, ngShb, ngSpb, pcapFile } from './testkit-capture.js';

const LINKTYPES = [0, 1, 101, 108, 113, 228, 229, 276, 7, 65535];

/** Valid frames reaching every codec; mutating them explores the malformed paths deep in each layer. */
const inner = ipv4({ proto: 6, payload: tcp({ options: [2, 4, 5, 0xb4, 3, 3, 7, 1], payload: [1, 2, 3] }) });
const SEEDS: [number, Uint8Array][] = [
  [
    1,
    ethernet(
      0x0800,
      ipv4({ proto: 17, payload: udp({ dport: 4789, payload: vxlan(1, ethernet(0x0800, inner, [3])) }) }),
    ),
  ],
  [
    1,
    ethernet(
      0x0800,
      ipv4({
        proto: 47,
        payload: gre(
          0x6558,
          ethernet(
            0x86dd,
            ipv6({ nh: 0, payload: concat(ip6Ext(44), ip6Frag(58, 0, true, 1), icmp(128, 0)) }),
          ),
        ),
      }),
    ),
  ],
  [
    1,
    ethernet(
      0x0800,
      ipv4({ proto: 17, payload: udp({ dport: 6081, payload: concat([0, 0, 8, 0, 0, 0, 0, 0], inner) }) }),
    ),
  ],
  [
    1,
    ethernet(
      0x0800,
      ipv4({ proto: 17, payload: udp({ dport: 4754, payload: gre(0x0800, inner, { key: 1, seq: 2 }) }) }),
    ),
  ],
  [
    228,
    ipv4({
      proto: 4,
      options: [1, 7, 3, 0],
      payload: ipv4({ proto: 41, payload: ipv6({ nh: 60, payload: concat(ip6Ext(6), tcp()) }) }),
    }),
  ],
  [113, concat(new Uint8Array(14), [0x88, 0x47, 0, 0, 1, 0], inner)],
];

describe('decode properties', () => {
  it('never throws on random bytes and link types, and keeps offsets inside the data', () => {
    const dec = new Decoder(new EventCounts());
    const pkt = new Packet();
    fc.assert(
      fc.property(fc.constantFrom(...LINKTYPES), fc.uint8Array({ maxLength: 200 }), (lt, data) => {
        const ok = dec.decode(
          {
            tsSec: 0,
            tsUsec: 0,
            caplen: data.length,
            wirelen: data.length,
            linktype: lt,
            iface: 0,
            data,
            offset: 0,
          },
          1,
          pkt,
        );
        if (ok) {
          expect(pkt.payOff + pkt.payLen).toBeLessThanOrEqual(data.length);
          expect(pkt.payLen).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on mutated valid frames (flipped and truncated bytes)', () => {
    const dec = new Decoder(new EventCounts(), { verifyIpv4Checksum: true });
    const pkt = new Packet();
    const mutation = fc.record({
      seed: fc.nat(SEEDS.length - 1),
      flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
      cut: fc.nat(),
    });
    fc.assert(
      fc.property(mutation, ({ seed, flips, cut }) => {
        const [lt, frame] = SEEDS[seed]!;
        const data = frame.slice(0, frame.length - (cut % 8 === 0 ? cut % frame.length : 0));
        for (const [at, v] of flips) if (data.length) data[at % data.length] = v;
        const ok = dec.decode(
          {
            tsSec: 0,
            tsUsec: 0,
            caplen: data.length,
            wirelen: frame.length,
            linktype: lt,
            iface: 0,
            data,
            offset: 0,
          },
          1,
          pkt,
        );
        if (ok) expect(pkt.payOff + pkt.payLen).toBeLessThanOrEqual(data.length);
      }),
      { numRuns: 5000 },
    );
  });

  it('decodes every unmutated seed to its innermost packet', () => {
    const dec = new Decoder(new EventCounts());
    const pkt = new Packet();
    const depths = SEEDS.map(([lt, data]) => {
      expect(
        dec.decode(
          {
            tsSec: 0,
            tsUsec: 0,
            caplen: data.length,
            wirelen: data.length,
            linktype: lt,
            iface: 0,
            data,
            offset: 0,
          },
          1,
          pkt,
        ),
      ).toBe(true);
      return [pkt.tunnelDepth, pkt.proto];
    });
    expect(depths).toEqual([
      [1, 6],
      [1, 58],
      [1, 6],
      [1, 6],
      [2, 6],
      [0, 6],
    ]);
    expect(dec.events.total()).toBe(0);
  });
});

function drain(input: Uint8Array, step: number): number {
  const r = new CaptureReader();
  let n = 0;
  for (let o = 0; o < input.length; o += step) {
    r.push(input.subarray(o, o + step));
    while (r.next() !== null) n++;
  }
  r.end();
  return n;
}

function onlyFormatErrors(f: () => void): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof CaptureFormatError)) throw e;
  }
}

describe('CaptureReader properties', () => {
  const pcap = pcapFile([{ data: inner }, { data: inner.subarray(0, 10) }], { le: false });
  const ng = concat(
    ngShb(true),
    ngIdb(true, 1, 64, { tsresol: 9 }),
    ngEpb(true, 0, 123456789n, inner),
    ngSpb(true, inner),
    ngShb(false),
    ngIdb(false, 101),
    ngEpb(false, 0, 5n, inner),
  );

  it('throws nothing but CaptureFormatError on random input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 64 }), (data, step) => {
        onlyFormatErrors(() => drain(data, step));
      }),
      { numRuns: 2000 },
    );
  });

  it('throws nothing but CaptureFormatError on mutated valid captures', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 50 }),
        (useNg, flips, step) => {
          const file = (useNg ? ng : pcap).slice();
          for (const [at, v] of flips) file[at % file.length] = v;
          onlyFormatErrors(() => drain(file, step));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('yields the same records whatever the chunk size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), (step) => {
        expect(drain(ng, step)).toBe(3);
        expect(drain(pcap, step)).toBe(2);
      }),
    );
  });
});
