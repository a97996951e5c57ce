import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PortSet } from '../rules/ast.js';
import { DetectionEngine } from './engine.js';
import { ReferenceEvaluator } from './reference.js';
import type { InspectUnit } from './runner.js';
import { ANY_PORT, makeFlow, makePacket, makeRule, makeUnit, ports } from './testkit.js';

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A'), minLength: 1, maxLength: 3 });

const content = fc
  .record({
    w: word,
    neg: fc.boolean(),
    nocase: fc.boolean(),
    fp: fc.boolean(),
    pos: fc.constantFrom('', ',depth 6', ',offset 1', ',distance 0', ',within 4', ',distance 1,within 5'),
  })
  .map(({ w, neg, nocase, fp, pos }) => {
    const rel = pos.includes('distance') || pos.includes('within');
    const depthOk = !pos.includes('within') || w.length <= 4;
    const mods =
      (nocase ? ',nocase' : '') + (depthOk ? pos : '') + (fp && !neg && !rel ? ',fast_pattern' : '');
    return `content:${neg ? '!' : ''}"${w}"${mods}`;
  });

const option = fc.oneof(
  { weight: 6, arbitrary: content },
  { weight: 1, arbitrary: word.map((w) => `pcre:"/${w}[bc]?/i"`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'dsize:>4',
      'isdataat:2,relative',
      'byte_test:1,>,97,0',
      'flow:established',
      'flow:no_stream',
      'flow:only_stream',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'flowbits:set,f1',
      'flowbits:isset,f1',
      'flowbits:isnotset,f2',
      'flowbits:toggle,f2',
    ),
  },
);

const portSet: fc.Arbitrary<PortSet> = fc.constantFrom(ANY_PORT, ports(80), ports(53), ports(80, 8080));

const rule = fc.record({
  opts: fc.array(option, { minLength: 1, maxLength: 4 }),
  proto: fc.constantFrom('tcp', 'udp', 'icmp', 'ip', 'http'),
  sport: portSet,
  dport: portSet,
  bidirectional: fc.boolean(),
  services: fc.constantFrom<string[]>([], ['http'], ['dns']),
});

const unit = fc.record({
  payload: fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', 'B', 'x'), maxLength: 24 }),
  proto: fc.constantFrom(6, 17, 1),
  /** A fragment not yet rebuilt: only `ip` rules apply to it (flow-less, as the pipeline inspects it). */
  fragment: fc.boolean(),
  sport: fc.constantFrom(80, 53, 40000),
  dport: fc.constantFrom(80, 53, 8080, 33333),
  kind: fc.constantFrom('raw', 'streamed', 'rebuilt'),
  dir: fc.constantFrom(0 as const, 1 as const),
  service: fc.constantFrom(null, 'http', 'dns', 'ssh'),
});

describe('engine vs reference evaluator', () => {
  it('the prefilter and grouping never lose (or add) an alert', () => {
    fc.assert(
      fc.property(
        fc.array(rule, { minLength: 1, maxLength: 12 }),
        fc.array(unit, { minLength: 1, maxLength: 6 }),
        (rs, us) => {
          const rules = rs.map((r, i) =>
            makeRule(r.opts.join('; '), {
              sid: i + 1,
              proto: r.proto,
              sport: r.sport,
              dport: r.dport,
              bidirectional: r.bidirectional,
              services: r.proto === 'http' ? ['http'] : r.services,
            }),
          );
          const engine = DetectionEngine.compile(rules, []);
          const ref = new ReferenceEvaluator(rules, []);
          // separate flows: flowbits live in flow.detect
          const p0 = makePacket('', { proto: us[0]!.proto });
          const fa = makeFlow(p0);
          const fb = makeFlow(p0);
          for (const u of us) {
            const p = makePacket(u.payload, { proto: u.proto, sport: u.sport, dport: u.dport });
            p.isFragment = u.fragment;
            fa.service = fb.service = u.service;
            const mk = (f: typeof fa): InspectUnit =>
              u.fragment
                ? makeUnit(p, null)
                : makeUnit(p, f, {
                    rebuilt: u.kind === 'rebuilt',
                    streamed: u.kind === 'streamed',
                    dir: u.dir,
                  });
            const a: number[] = [];
            const b: number[] = [];
            engine.inspect(mk(fa), (e) => a.push(e.rule.sid));
            ref.inspect(mk(fb), (e) => b.push(e.rule.sid));
            expect(a).toEqual(b);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
