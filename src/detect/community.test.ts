import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../core/errors.js';
import { loadRules } from '../rules/load.js';
import { DetectionEngine } from './engine.js';
import { BufferId } from './buffers.js';
import { makeFlow, makePacket, makeUnit, provider } from './testkit.js';

const RULES = new URL(
  '../../../shared/corpus/nids/rules/snort3-community/snort3-community.rules',
  import.meta.url,
).pathname;

describe('Snort 3 community ruleset', () => {
  it('compiles every rule except those using asn1', async () => {
    const { rules } = await loadRules([RULES]);
    const diags: Diagnostic[] = [];
    const e = DetectionEngine.compile(rules, diags);
    const errors = diags.filter((d) => d.severity === 'error');
    expect(errors.every((d) => d.message.startsWith('asn1 was removed from Snort 3'))).toBe(true);
    expect(e.failed).toBe(errors.length);
    expect(e.loaded + e.failed).toBe(rules.length);
    // sid 1122: flow:to_server,established; http_uri; content:"/etc/passwd",fast_pattern,nocase
    const p = makePacket('GET /x/../ETC/passwd HTTP/1.1\r\nHost: a\r\n\r\n', { dport: 80 });
    const uri = provider({ [BufferId.http_uri]: '/x/../ETC/passwd' });
    const sids: number[] = [];
    e.inspect(makeUnit(p, makeFlow(p), { rebuilt: true, buffers: uri }), (a) => sids.push(a.rule.sid));
    expect(sids).toContain(1122);
    sids.length = 0;
    e.inspect(makeUnit(p, makeFlow(p), { rebuilt: true, dir: 1, buffers: uri }), (a) =>
      sids.push(a.rule.sid),
    );
    expect(sids).not.toContain(1122);
  }, 60000);
});
