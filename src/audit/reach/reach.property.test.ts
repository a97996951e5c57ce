import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIpv4, ipBlockRanges, parseCidr, parseIpv4 } from './cidr.js';
import { connIntersect, connUnion, portConn, type ConnSet } from './conn.js';
import {
  contains,
  intersect,
  normalize,
  partition,
  subtract,
  union,
  type Interval,
  type IntervalSet,
} from './intervals.js';
import { matches, type Requirement, type Selector } from './selector.js';

const D = 64; // small universe for the naive references
const interval = fc
  .tuple(fc.integer({ min: 0, max: D - 1 }), fc.integer({ min: 0, max: D - 1 }))
  .map(([a, b]): Interval => [Math.min(a, b), Math.max(a, b)]);
const iset = fc.array(interval, { maxLength: 6 }).map(normalize);
const members = (s: IntervalSet) =>
  new Set(Array.from({ length: D }, (_, i) => i).filter((i) => s.some(([lo, hi]) => lo <= i && i <= hi)));
const naive = (s: IntervalSet) => [...members(s)].sort((a, b) => a - b);
const setOf = (xs: Iterable<number>) => [...new Set(xs)].sort((a, b) => a - b);

describe('interval sets vs naive sets (port ranges, address ranges)', () => {
  it('union, intersect, subtract, contains', () => {
    fc.assert(
      fc.property(iset, iset, fc.integer({ min: 0, max: D - 1 }), (a, b, v) => {
        const A = members(a);
        const B = members(b);
        expect(naive(union(a, b))).toEqual(setOf([...A, ...B]));
        expect(naive(intersect(a, b))).toEqual(setOf([...A].filter((x) => B.has(x))));
        expect(naive(subtract(a, b))).toEqual(setOf([...A].filter((x) => !B.has(x))));
        expect(contains(a, v)).toBe(A.has(v));
      }),
    );
  });
  it('normalized output is sorted, disjoint and non-adjacent', () => {
    fc.assert(
      fc.property(iset, iset, (a, b) => {
        for (const s of [union(a, b), intersect(a, b), subtract(a, b)])
          for (let i = 1; i < s.length; i++) expect(s[i]![0]).toBeGreaterThan(s[i - 1]![1] + 1);
      }),
    );
  });
  it('partition covers the space and never straddles an input boundary', () => {
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 5 }), (cuts) => {
        const parts = partition(0, D - 1, cuts);
        expect(naive(parts)).toEqual(Array.from({ length: D }, (_, i) => i));
        for (const [lo, hi] of parts)
          for (const c of cuts) {
            const inside = (x: number) => c[0] <= x && x <= c[1];
            expect(inside(lo)).toBe(inside(hi));
          }
      }),
    );
  });
});

describe('CIDR arithmetic vs bit masks', () => {
  const addr = fc.integer({ min: 0, max: 0xffffffff });
  it('a.b.c.d/n covers exactly the addresses sharing the top n bits', () => {
    fc.assert(
      fc.property(addr, fc.integer({ min: 0, max: 32 }), addr, (base, bits, probe) => {
        const r = parseCidr(`${formatIpv4(base)}/${bits}`)!;
        const top = (x: number) => (bits === 0 ? 0 : Math.floor(x / 2 ** (32 - bits)));
        expect(r[0] <= probe && probe <= r[1]).toBe(top(probe) === top(base));
      }),
    );
  });
  it('format and parse round-trip; except removes exactly its addresses', () => {
    fc.assert(
      fc.property(
        addr,
        fc.integer({ min: 8, max: 32 }),
        fc.integer({ min: 0, max: 32 }),
        addr,
        (base, eb, _b, probe) => {
          expect(parseIpv4(formatIpv4(base))).toBe(base);
          const cidr = parseCidr('0.0.0.0/0')!;
          const ex = parseCidr(`${formatIpv4(base)}/${eb}`)!;
          const block = ipBlockRanges(cidr, [ex]);
          expect(contains(block, probe)).toBe(!(ex[0] <= probe && probe <= ex[1]));
        },
      ),
    );
  });
});

describe('label selectors vs a naive reference', () => {
  const key = fc.constantFrom('app', 'tier', 'env');
  const val = fc.constantFrom('a', 'b', 'c');
  const labels = fc.dictionary(key, val);
  const req = fc.record({
    key,
    operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist') as fc.Arbitrary<
      Requirement['operator']
    >,
    values: fc.array(val, { maxLength: 3 }),
  });
  const selector = fc.record({
    matchLabels: fc.dictionary(key, val),
    matchExpressions: fc.array(req, { maxLength: 3 }),
  });
  const ref = (s: Selector, l: Record<string, string>) =>
    Object.entries(s.matchLabels).every(([k, v]) => l[k] === v) &&
    s.matchExpressions.every((r) => {
      const v = l[r.key];
      if (r.operator === 'In') return v !== undefined && r.values.includes(v);
      if (r.operator === 'NotIn') return v === undefined || !r.values.includes(v);
      if (r.operator === 'Exists') return v !== undefined;
      return v === undefined;
    });
  it('matches() agrees with the reference', () => {
    fc.assert(
      fc.property(selector, labels, (s, l) => {
        expect(matches(s, l)).toBe(ref(s, l));
      }),
    );
  });
});

describe('connection sets vs naive (protocol, port) pairs', () => {
  const proto = fc.constantFrom('TCP', 'UDP', 'SCTP') as fc.Arbitrary<'TCP' | 'UDP' | 'SCTP'>;
  const piece = fc.tuple(proto, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 5 }));
  const conn = fc
    .array(piece, { maxLength: 4 })
    .map((ps) =>
      ps.reduce<ConnSet>((c, [p, lo, n]) => connUnion(c, portConn(p, lo, lo + n)), portConn('TCP', 1, 0)),
    );
  const pairs = (c: ConnSet) =>
    (['TCP', 'UDP', 'SCTP'] as const).flatMap((p) => naive(c.ports[p]).map((x) => `${p}/${x}`));
  it('union and intersection', () => {
    fc.assert(
      fc.property(conn, conn, (a, b) => {
        const A = new Set(pairs(a));
        const B = new Set(pairs(b));
        expect(pairs(connUnion(a, b)).sort()).toEqual([...new Set([...A, ...B])].sort());
        expect(pairs(connIntersect(a, b)).sort()).toEqual([...A].filter((x) => B.has(x)).sort());
      }),
    );
  });
});
