import { describe, expect, it } from 'vitest';
import { DetectionEngine } from './engine.js';
import { flagListMatch, parseFlagList } from './options/ssl-flags.js';
import { SSL_VERSIONS } from './options/ssl_version.js';
import { makeFlow, makePacket, makeRule, makeUnit, provider } from './testkit.js';

const TLS10 = 1 << SSL_VERSIONS.indexOf('tls1.0');
const TLS12 = 1 << SSL_VERSIONS.indexOf('tls1.2');
const TLS13 = 1 << SSL_VERSIONS.indexOf('tls1.3');

describe('ssl_state / ssl_version lists (Snort: (flags & seen) ^ negated, non-zero)', () => {
  const m = (list: string, seen: number) =>
    flagListMatch(parseFlagList('ssl_version', list, SSL_VERSIONS), seen);
  it('ORs plain and negated items', () => {
    expect(m('tls1.0', TLS10)).toBe(true);
    expect(m('tls1.0,tls1.2', TLS12)).toBe(true);
    expect(m('tls1.0', TLS12)).toBe(false);
    expect(m('!tls1.0', TLS10)).toBe(false);
    expect(m('!sslv3', TLS10)).toBe(true);
    // Matches any session that is TLS 1.2 or is not TLS 1.3 (suricata-verify ssl_version_negated).
    expect(m('!tls1.3,tls1.2', TLS10)).toBe(true);
    expect(m('!tls1.3,tls1.2', TLS13)).toBe(false);
    expect(m('!tls1.3,tls1.2', TLS13 | TLS12)).toBe(true);
  });
});

describe('session rules', () => {
  const engine = DetectionEngine.compile(
    [makeRule('ssl_version:tls1.0', { sid: 1 }), makeRule('content:"x"', { sid: 2 })],
    [],
  );
  const app = { ssl: { stateBits: 1, versionBits: TLS10 } };
  const pkt = makePacket('x');
  const flow = makeFlow(pkt);
  const sids = (rebuilt: boolean, dir: 0 | 1): number[] => {
    const out: number[] = [];
    const u = makeUnit(pkt, flow, { rebuilt, dir, buffers: provider({}, app) });
    engine.inspect(u, (e) => out.push(e.rule.sid));
    return out.sort();
  };

  it('run on PDUs only and alert once per flow direction; other rules are unaffected', () => {
    expect(sids(false, 0)).toEqual([2]);
    expect(sids(true, 0)).toEqual([1, 2]);
    expect(sids(true, 0)).toEqual([2]);
    expect(sids(true, 1)).toEqual([1, 2]);
    expect(sids(true, 1)).toEqual([2]);
  });

  it('ssl_version never matches before a version is known', () => {
    const e = DetectionEngine.compile([makeRule('ssl_version:!tls1.0', { sid: 4 })], []);
    const out: number[] = [];
    const u = makeUnit(pkt, makeFlow(pkt), {
      rebuilt: true,
      buffers: provider({}, { ssl: { stateBits: 0, versionBits: 0 } }),
    });
    e.inspect(u, (ev) => out.push(ev.rule.sid));
    expect(out).toEqual([]);
  });
});
