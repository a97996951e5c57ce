import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../core/errors.js';
import type { Rule } from '../rules/ast.js';
import { BufferId } from './buffers.js';
import { DetectionEngine } from './engine.js';
import { NaiveBuilder } from './mpse/naive.js';
import type { InspectUnit } from './runner.js';
import { makeFlow, makePacket, makeRule, makeUnit, ports, provider } from './testkit.js';

function sids(engine: DetectionEngine, u: InspectUnit): number[] {
  const out: number[] = [];
  engine.inspect(u, (e) => out.push(e.rule.sid));
  return out;
}

function compile(rules: Rule[], diags: Diagnostic[] = []): DetectionEngine {
  return DetectionEngine.compile(rules, diags);
}

describe('DetectionEngine', () => {
  it('compiles what it can and reports the rest', () => {
    const diags: Diagnostic[] = [];
    const e = compile(
      [
        makeRule('content:"a"', { sid: 1 }),
        makeRule('asn1:oversize_length 100', { sid: 2 }),
        makeRule('bogus:1', { sid: 3 }),
      ],
      diags,
    );
    expect(e.loaded).toBe(1);
    expect(e.failed).toBe(2);
    expect(diags.map((d) => d.message).join('\n')).toMatch(
      /asn1 was removed[\s\S]*unknown rule option 'bogus'/,
    );
  });

  it('finds fast-pattern, non-fp and negated-only rules, one alert per rule', () => {
    const e = compile([
      makeRule('content:"attack"; content:"attack"', { sid: 1 }),
      makeRule('content:!"safe"', { sid: 2 }),
      makeRule('dsize:>3', { sid: 3 }),
      makeRule('content:"nothere"', { sid: 4 }),
      makeRule('content:"ATT",nocase,fast_pattern; content:"ck"', { sid: 5 }),
    ]);
    expect(sids(e, makeUnit(makePacket('an attack attack')))).toEqual([1, 2, 3, 5]);
  });

  it('uses the fast_pattern_offset/length slice without losing the match', () => {
    const e = compile([
      makeRule('content:"xxABCDyy",fast_pattern_offset 2,fast_pattern_length 4', { sid: 9 }),
    ]);
    expect(sids(e, makeUnit(makePacket('..xxABCDyy..')))).toEqual([9]);
    expect(sids(e, makeUnit(makePacket('..ABCD..')))).toEqual([]);
  });

  it('port groups: specific dst and src ports, generic, and ephemeral ports', () => {
    const e = compile([
      makeRule('content:"x"', { sid: 1, dport: ports(80) }),
      makeRule('content:"x"', { sid: 2, sport: ports(53), proto: 'udp' }),
      makeRule('content:"x"', { sid: 3 }),
      makeRule('content:"x"', { sid: 4, dport: { any: false, ranges: [0, 79, 81, 65535] } }),
      makeRule('content:"x"', { sid: 5, proto: 'ip' }),
      makeRule('content:"x"', { sid: 6, proto: 'udp', dport: ports(53), bidirectional: true }),
    ]);
    expect(sids(e, makeUnit(makePacket('x', { dport: 80 })))).toEqual([1, 3, 5]);
    expect(sids(e, makeUnit(makePacket('x', { dport: 8080 })))).toEqual([3, 4, 5]);
    expect(sids(e, makeUnit(makePacket('x', { proto: 17, sport: 53, dport: 33000 })))).toEqual([2, 5, 6]);
    expect(sids(e, makeUnit(makePacket('x', { proto: 17, sport: 1234, dport: 33000 })))).toEqual([5]);
    // two ephemeral ports share one cached group set
    const before = e.stats.groupsBuilt;
    sids(e, makeUnit(makePacket('x', { dport: 8081 })));
    expect(e.stats.groupsBuilt).toBe(before);
  });

  it('checks addresses after the prefilter, both ways for <>', () => {
    const net = { any: false, v4: [0x0a000002, 0x0a000002], v6: [] };
    const e = compile([
      makeRule('content:"x"', { sid: 1, dst: net }),
      makeRule('content:"x"', { sid: 2, src: net }),
      makeRule('content:"x"', { sid: 3, src: net, bidirectional: true }),
    ]);
    expect(sids(e, makeUnit(makePacket('x')))).toEqual([1, 3]);
  });

  it('raw vs rebuilt units', () => {
    const e = compile([
      makeRule('content:"GET"', { sid: 1 }),
      makeRule('content:"GET"; flow:no_stream', { sid: 2 }),
      makeRule('content:"GET"; flow:only_stream', { sid: 3 }),
      makeRule('flags:PA', { sid: 4 }),
      makeRule('dsize:3', { sid: 5 }),
      makeRule('http_uri; content:"/a"', { sid: 6 }),
    ]);
    const p = makePacket('GET');
    const f = makeFlow(p);
    // a raw segment also delivered in a PDU: pkt_data rules wait for the PDU unless no_stream
    expect(sids(e, makeUnit(p, f, { streamed: true }))).toEqual([2, 4, 5]);
    expect(sids(e, makeUnit(p, f, { streamed: false }))).toEqual([1, 2, 4, 5]);
    const pdu = makeUnit(p, f, { rebuilt: true, buffers: provider({ [BufferId.http_uri]: '/a' }) });
    expect(sids(e, pdu)).toEqual([1, 3, 6]);
  });

  it('orients a PDU by dir and the flow, not by the flushing packet', () => {
    const e = compile([makeRule('content:"resp"', { sid: 1, sport: ports(80) })]);
    const req = makePacket('GET', { sport: 40000, dport: 80 });
    const f = makeFlow(req);
    const ack = makePacket('resp', { sport: 40000, dport: 80 });
    expect(sids(e, makeUnit(ack, f, { rebuilt: true, dir: 1 }))).toEqual([1]);
    expect(sids(e, makeUnit(ack, f, { rebuilt: true, dir: 0 }))).toEqual([]);
  });

  it('flowbits across packets, noalert, groups and setx', () => {
    const e = compile([
      makeRule('content:"login"; flowbits:set,logged_in,auth; flowbits:noalert', { sid: 1 }),
      makeRule('content:"cmd"; flowbits:isset,logged_in', { sid: 2 }),
      makeRule('content:"logout"; flowbits:unset,logged_in; flowbits:noalert', { sid: 3 }),
      makeRule('content:"cmd"; flowbits:isnotset,logged_in', { sid: 4 }),
      makeRule('content:"guest"; flowbits:setx,guest,auth; flowbits:noalert', { sid: 5 }),
      makeRule('content:"cmd"; flowbits:isset,any,auth', { sid: 6 }),
      makeRule('content:"cmd"; flowbits:isset,logged_in|guest', { sid: 7 }),
      makeRule('content:"cmd"; flowbits:isset,logged_in&guest', { sid: 8 }),
    ]);
    const p = makePacket('x');
    const f = makeFlow(p);
    const send = (s: string): number[] => sids(e, makeUnit(makePacket(s), f));
    expect(send('cmd')).toEqual([4]);
    expect(send('login')).toEqual([]);
    expect(send('cmd')).toEqual([2, 6, 7]);
    expect(send('guest')).toEqual([]); // setx clears logged_in (same group)
    expect(send('cmd')).toEqual([4, 6, 7]);
    expect(send('logout')).toEqual([]);
    // without a flow, isset never holds and setters do nothing
    expect(sids(e, makeUnit(makePacket('login cmd')))).toEqual([]);
  });

  it('flowbit setters apply only when the whole rule matches', () => {
    const e = compile([
      makeRule('flowbits:set,b; content:"never"', { sid: 1 }),
      makeRule('content:"x"; flowbits:isset,b', { sid: 2 }),
    ]);
    const f = makeFlow(makePacket('x'));
    expect(sids(e, makeUnit(makePacket('x'), f))).toEqual([]);
    expect(sids(e, makeUnit(makePacket('x'), f))).toEqual([]);
  });

  it('detection_filter fires after count hits within seconds', () => {
    const e = compile([
      makeRule('content:"x"; detection_filter:track by_src, count 2, seconds 60', { sid: 1 }),
    ]);
    const hit = (t: number): number[] => {
      const p = makePacket('x');
      p.tsSec = t;
      return sids(e, makeUnit(p));
    };
    expect([hit(0), hit(1), hit(2), hit(3)]).toEqual([[], [], [1], [1]]);
    expect(hit(100)).toEqual([]);
  });

  it('event_filter limit and threshold', () => {
    const e = DetectionEngine.compile(
      [makeRule('content:"x"', { sid: 1 }), makeRule('content:"y"', { sid: 2 })],
      [],
      {
        eventFilters: [
          { gen_id: 1, sig_id: 1, type: 'limit', track: 'by_src', count: 1, seconds: 60 },
          { gen_id: 1, sig_id: 2, type: 'threshold', track: 'by_dst', count: 2, seconds: 60 },
        ],
      },
    );
    const n = (s: string): number => sids(e, makeUnit(makePacket(s))).length;
    expect([n('x'), n('x'), n('x')]).toEqual([1, 0, 0]);
    expect([n('y'), n('y'), n('y'), n('y')]).toEqual([0, 1, 0, 1]);
  });

  it('service rules: by ports until the service is known, then by service and ports (Snort 3.12)', () => {
    const e = compile([
      makeRule('content:"x"', { sid: 1, dport: ports(80), services: ['http'] }),
      makeRule('content:"x"', { sid: 2, proto: 'http', services: ['http'] }),
      makeRule('content:"x"', { sid: 3, dport: ports(80) }),
      makeRule('content:"x"', { sid: 4, dport: ports(80), services: ['ftp'] }),
    ]);
    const p80 = makePacket('x', { dport: 80 });
    const p8080 = makePacket('x', { dport: 8080 });
    expect(sids(e, makeUnit(p80, makeFlow(p80)))).toEqual([1, 2, 3, 4]);
    const f80 = makeFlow(p80);
    f80.service = 'http';
    expect(sids(e, makeUnit(p80, f80))).toEqual([1, 2, 3]);
    // HTTP on 8080: the port-80 rules stay silent even with service:http; `alert http` has any ports.
    const f8080 = makeFlow(p8080);
    f8080.service = 'http';
    expect(sids(e, makeUnit(p8080, f8080))).toEqual([2]);
  });

  it('works with the naive matcher too (the Mpse interface is all it needs)', () => {
    const e = DetectionEngine.compile([makeRule('content:"abc"', { sid: 1 })], [], {
      mpse: () => new NaiveBuilder(),
    });
    expect(sids(e, makeUnit(makePacket('xabcx')))).toEqual([1]);
  });
});

describe('group cache keys', () => {
  it('do not collide across protocol tables (regression found by the property test)', () => {
    const e = compile([
      makeRule('content:"a"', { sid: 1, dport: ports(53) }),
      makeRule('content:"a"', { sid: 2 }),
    ]);
    const f = makeFlow(makePacket('', { proto: 17 }));
    sids(e, makeUnit(makePacket('', { proto: 17, sport: 80, dport: 80 }), f));
    f.service = 'dns';
    expect(sids(e, makeUnit(makePacket('a', { proto: 6, sport: 80, dport: 80 }), f))).toEqual([2]);
  });
});
