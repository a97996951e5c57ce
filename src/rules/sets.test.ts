import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SpecKind, SpecError, evalSpec } from './netspec.js';
import { ip4InSet, ip6Bytes, ip6InSet, ipInSet, portInSet, toIpSet, toPortSet } from './sets.js';
import { VarTable } from './vars.js';

const noVars = (name: string): never => {
  throw new SpecError(`undefined variable '$${name}'`, 0);
};
const ports = (s: string) => toPortSet(evalSpec(s, 'port', noVars));
const ips = (s: string) => toIpSet(evalSpec(s, 'ip', noVars));
const v4 = (s: string): number => s.split('.').reduce((a, b) => a * 256 + Number(b), 0);

describe('PortSet', () => {
  it('normalizes literals, open ranges and lists', () => {
    expect(ports('80')).toEqual({ any: false, ranges: [80, 80] });
    expect(ports('1:1024')).toEqual({ any: false, ranges: [1, 1024] });
    expect(ports(':1024')).toEqual({ any: false, ranges: [0, 1024] });
    expect(ports('1024:')).toEqual({ any: false, ranges: [1024, 65535] });
    expect(ports('[443,80,81,82,1000:2000,1500:2500]').ranges).toEqual([80, 82, 443, 443, 1000, 2500]);
    expect(ports('any')).toEqual({ any: true, ranges: [] });
    expect(ports('[0:100,101:]')).toEqual({ any: true, ranges: [] });
  });

  it('applies negation with Snort list semantics', () => {
    expect(ports('!80').ranges).toEqual([0, 79, 81, 65535]);
    expect(ports('[!80,!443]').ranges).toEqual([0, 79, 81, 442, 444, 65535]);
    expect(ports('[1:100,!50]').ranges).toEqual([1, 49, 51, 100]);
    expect(ports('[1:100,[40:60,!50]]').ranges).toEqual([1, 100]);
    expect(ports('[1:10,![5:20,!7]]').ranges).toEqual([1, 4, 7, 7]);
    expect(ports('!!80').ranges).toEqual([80, 80]);
  });

  it('rejects bad ports and !any', () => {
    expect(() => ports('70000')).toThrow(/out of range/);
    expect(() => ports('100:50')).toThrow(/empty port range/);
    expect(() => ports('!any')).toThrow(/!any/);
    expect(() => ports('[80,!any]')).toThrow(/!any/);
    expect(() => ports('[80')).toThrow(/missing '\]'/);
    expect(() => ports('http')).toThrow(/bad port/);
  });

  it('reports the offset of the bad element', () => {
    try {
      ports('[80,x81]');
      expect.unreachable();
    } catch (e) {
      expect((e as SpecError).offset).toBe(4);
    }
  });

  it('answers membership with binary search', () => {
    const s = ports('[1:5,10,20:30,65535]');
    const hits = [1, 3, 5, 10, 20, 30, 65535].map((p) => portInSet(s, p));
    const misses = [0, 6, 9, 11, 19, 31, 65534].map((p) => portInSet(s, p));
    expect(hits.every(Boolean)).toBe(true);
    expect(misses.some(Boolean)).toBe(false);
  });
});

describe('IpSet', () => {
  it('parses IPv4 literals and CIDRs (host bits masked)', () => {
    expect(ips('10.1.2.3').v4).toEqual([v4('10.1.2.3'), v4('10.1.2.3')]);
    expect(ips('192.168.1.77/24').v4).toEqual([v4('192.168.1.0'), v4('192.168.1.255')]);
    expect(ips('0.0.0.0/0').v6).toEqual([]);
    expect(ips('[0.0.0.0/0,::/0]').any).toBe(true);
  });

  it('parses IPv6 forms', () => {
    const s = ips('2001:db8::/32');
    expect(s.v4).toEqual([]);
    expect(Array.from(s.v6[0]!.slice(0, 6))).toEqual([0x20, 0x01, 0x0d, 0xb8, 0, 0]);
    expect(Array.from(s.v6[1]!.slice(4))).toEqual(new Array(12).fill(255));
    expect(ips('::1').v6[0]![15]).toBe(1);
    expect(ips('::ffff:1.2.3.4').v6[0]!.slice(10)).toEqual(new Uint8Array([255, 255, 1, 2, 3, 4]));
    expect(ips('1:2:3:4:5:6:7:8').v6[0]![15]).toBe(8);
    expect(() => ips('1::2::3')).toThrow(/bad address/);
    expect(() => ips('1:2:3:4:5:6:7:8:9')).toThrow(/bad address/);
    expect(() => ips('10.0.0.256')).toThrow(/bad address/);
    expect(() => ips('10.0.0.0/33')).toThrow(/prefix/);
  });

  it('negation covers both families', () => {
    const s = ips('!10.0.0.0/8');
    expect(s.v4).toEqual([0, v4('9.255.255.255'), v4('11.0.0.0'), 0xffffffff]);
    expect(s.v6.length).toBe(2);
    expect(ipInSet(s, ip6Bytes(1n), 6)).toBe(true);
    expect(ip4InSet(s, v4('10.2.3.4'))).toBe(false);
    expect(ip4InSet(s, v4('11.0.0.0') | 0)).toBe(true); // signed input accepted
  });

  it('nested lists with negation', () => {
    const s = ips('[10.0.0.0/8,![10.1.0.0/16,!10.1.2.0/24]]');
    const a = new Uint8Array(16);
    const at = (ip: string) => {
      const n = v4(ip);
      a.set([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
      return ipInSet(s, a, 4);
    };
    expect([at('10.0.0.1'), at('10.1.0.1'), at('10.1.2.9'), at('11.0.0.0')]).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });
});

describe('variables', () => {
  it('expands Snort 3 defaults', () => {
    const vt = new VarTable();
    const http = vt.portSet('$HTTP_PORTS');
    let n = 0;
    for (let i = 0; i < http.ranges.length; i += 2) n += http.ranges[i + 1]! - http.ranges[i]! + 1;
    expect(n).toBe(59); // snort_defaults.lua lists 59 ports; adjacent ports (80,81 …) merge into one range
    expect(http.ranges.slice(0, 4)).toEqual([80, 81, 311, 311]);
    expect(portInSet(http, 8080) && portInSet(http, 55555) && !portInSet(http, 443)).toBe(true);
    const fd = vt.portSet('$FILE_DATA_PORTS');
    expect(portInSet(fd, 110) && portInSet(fd, 143) && portInSet(fd, 80)).toBe(true);
    expect(vt.portSet('$SHELLCODE_PORTS').ranges).toEqual([0, 79, 81, 65535]);
    expect(vt.portSet('$ORACLE_PORTS').ranges).toEqual([1024, 65535]);
    expect(vt.ipSet('$HTTP_SERVERS').any).toBe(true);
    expect(vt.ipSet('$AIM_SERVERS').v4.length).toBe(24);
    expect(vt.portSet('[$HTTP_PORTS,443]') === vt.portSet('[$HTTP_PORTS,443]')).toBe(true);
  });

  it('overrides reach variables defined in terms of others', () => {
    const vt = new VarTable({ HOME_NET: '[10.0.0.0/8,192.168.0.0/16]', EXTERNAL_NET: '!$HOME_NET' });
    expect(vt.ipSet('$SQL_SERVERS').v4).toEqual([
      v4('10.0.0.0'),
      v4('10.255.255.255'),
      v4('192.168.0.0'),
      v4('192.168.255.255'),
    ]);
    expect(ip4InSet(vt.ipSet('$EXTERNAL_NET'), v4('8.8.8.8'))).toBe(true);
    expect(ip4InSet(vt.ipSet('$EXTERNAL_NET'), v4('10.9.9.9'))).toBe(false);
    vt.define('HOME_NET', '172.16.0.0/12');
    expect(vt.ipSet('$SQL_SERVERS').v4).toEqual([v4('172.16.0.0'), v4('172.31.255.255')]);
  });

  it('reports undefined, self-referencing and !any variables', () => {
    const vt = new VarTable({ A: '$A', EXTERNAL_NET: '!$HOME_NET' });
    expect(() => vt.ipSet('$NOPE')).toThrow(/undefined variable '\$NOPE'/);
    expect(() => vt.ipSet('$A')).toThrow(/refers to itself/);
    expect(() => vt.ipSet('$EXTERNAL_NET')).toThrow(/!any/);
    expect(() => vt.portSet('[80,!80]')).toThrow(/matches nothing/);
  });
});

// ---- property tests: normalization against a naive recursive membership reference ----

type Node = { neg: boolean } & (
  | { t: 'any' }
  | { t: 'lit'; text: string; has: (x: bigint, f: number) => boolean }
  | { t: 'list'; items: Node[] }
);

function render(n: Node): string {
  const body = n.t === 'any' ? 'any' : n.t === 'lit' ? n.text : `[${n.items.map(render).join(',')}]`;
  return (n.neg ? '!' : '') + body;
}

/** Snort list semantics, evaluated directly on one value. */
function naive(n: Node, x: bigint, f: number): boolean {
  let m: boolean;
  if (n.t === 'any') m = true;
  else if (n.t === 'lit') m = n.has(x, f);
  else {
    const pos = n.items.filter((i) => !i.neg);
    const neg = n.items.filter((i) => i.neg);
    m =
      (pos.length === 0 || pos.some((i) => naive({ ...i, neg: false }, x, f))) &&
      !neg.some((i) => naive({ ...i, neg: false }, x, f));
  }
  return n.neg ? !m : m;
}

function tree(leaf: fc.Arbitrary<Node>): fc.Arbitrary<Node> {
  const { node } = fc.letrec<{ node: Node }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({
        neg: fc.boolean(),
        t: fc.constant('list' as const),
        items: fc.array(tie('node'), { minLength: 1, maxLength: 4 }),
      }),
    ),
  }));
  return node;
}

const portLeaf: fc.Arbitrary<Node> = fc.oneof(
  fc.record({ neg: fc.boolean(), t: fc.constant('any' as const) }),
  fc
    .tuple(fc.boolean(), fc.nat(200), fc.nat(60), fc.constantFrom('a', 'b', 'lo', 'hi'))
    .map(([neg, lo, w, form]) => {
      const hi = lo + w;
      const [text, a, b] =
        form === 'a'
          ? [`${lo}`, lo, lo]
          : form === 'b'
            ? [`${lo}:${hi}`, lo, hi]
            : form === 'lo'
              ? [`:${hi}`, 0, hi]
              : [`${lo}:`, lo, 65535];
      return { neg, t: 'lit' as const, text, has: (x: bigint) => x >= BigInt(a) && x <= BigInt(b) };
    }),
);

function check(kind: SpecKind, n: Node, probe: (set: ReturnType<typeof evalSpec>) => void): void {
  try {
    probe(evalSpec(render(n), kind, noVars));
  } catch (e) {
    // '!any' (literal or a list equal to everything) is rejected by design; anything else is a failure.
    if (!(e instanceof SpecError && /!any/.test(e.message))) throw e;
  }
}

describe('property: normalization matches list semantics', () => {
  it('ports', () => {
    fc.assert(
      fc.property(tree(portLeaf), fc.array(fc.nat(300), { minLength: 20, maxLength: 20 }), (n, xs) => {
        check('port', n, (v) => {
          const s = toPortSet(v);
          for (const x of [...xs, 0, 65535, 65000]) expect(portInSet(s, x)).toBe(naive(n, BigInt(x), 0));
        });
      }),
      { numRuns: 400 },
    );
  });

  const ipLeaf: fc.Arbitrary<Node> = fc.oneof(
    fc.record({ neg: fc.boolean(), t: fc.constant('any' as const) }),
    fc
      .tuple(fc.boolean(), fc.nat(255), fc.nat(255), fc.integer({ min: 16, max: 32 }))
      .map(([neg, c, d, p]) => {
        const addr = (10n << 24n) | (BigInt(c) << 8n) | BigInt(d);
        const sh = BigInt(32 - p);
        return {
          neg,
          t: 'lit' as const,
          text: `10.0.${c}.${d}/${p}`,
          has: (x: bigint, f: number) => f === 4 && x >> sh === addr >> sh,
        };
      }),
    fc.tuple(fc.boolean(), fc.nat(0xffff), fc.integer({ min: 100, max: 128 })).map(([neg, g, p]) => {
      const addr = (0x20010db8n << 96n) | BigInt(g);
      const sh = BigInt(128 - p);
      return {
        neg,
        t: 'lit' as const,
        text: `2001:db8::${g.toString(16)}/${p}`,
        has: (x: bigint, f: number) => f === 6 && x >> sh === addr >> sh,
      };
    }),
  );

  it('addresses (IPv4 and IPv6)', () => {
    const probe4 = fc.nat(0xffff).map((n) => (10n << 24n) | BigInt(n));
    const probe6 = fc.nat(0xffff).map((n) => (0x20010db8n << 96n) | BigInt(n));
    fc.assert(
      fc.property(
        tree(ipLeaf),
        fc.array(probe4, { minLength: 10, maxLength: 10 }),
        fc.array(probe6, { minLength: 10, maxLength: 10 }),
        (n, xs4, xs6) => {
          check('ip', n, (v) => {
            const s = toIpSet(v);
            for (const x of [...xs4, 0n, 0xffffffffn]) expect(ip4InSet(s, Number(x))).toBe(naive(n, x, 4));
            for (const x of [...xs6, 0n, (1n << 128n) - 1n])
              expect(ip6InSet(s, ip6Bytes(x))).toBe(naive(n, x, 6));
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
