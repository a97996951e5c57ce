/**
 * The fast-pattern engine against the naive reference evaluator (every rule on every unit) through the whole
 * pipeline, on real traffic and the community rules: the prefilter, the rule groups and the fragment rule
 * must neither lose nor add an alert. The event queue is unbounded so that every match is compared, not
 * only the three Snort logs per packet.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DetectionEngine } from '../detect/engine.js';
import { ReferenceEvaluator } from '../detect/reference.js';
import { loadRules } from '../rules/load.js';
import type { Detector } from '../detect/engine.js';
import type { IdsConfig } from './ids-config.js';
import { runSingle } from './run-single.js';

const ROOT = join(import.meta.dirname, '..', '..');
const RULES = join(ROOT, 'rules', 'snort3-community');
const SAMPLE = join(ROOT, 'test', 'fixtures', 'sample');

async function alertsOf(pcap: string, detector: Detector, packetOnly: boolean): Promise<string[]> {
  const cfg: IdsConfig = {
    rulePaths: [RULES],
    vars: {},
    flow: {},
    eventQueue: { maxQueue: 10_000, log: 10_000, order: 'content_length' },
    packetOnly,
  };
  const out: string[] = [];
  const r = await runSingle(pcap, detector, cfg, (a) => out.push(`${a.pktNum} ${a.gid}:${a.sid}`));
  expect(r.error).toBeNull();
  return out.sort();
}

describe('engine against the reference evaluator on real traffic', async () => {
  const loaded = await loadRules([RULES], { vars: {} });
  const cases = [
    ['traffic-seed1-head.pcap', false],
    ['traffic-seed1-26001.pcap', false],
    ['traffic-seed1-26001.pcap', true],
  ] as const;
  it.each(cases)('%s (packet-only: %s): the same alerts on the same packets', async (file, packetOnly) => {
    const pcap = join(SAMPLE, file);
    const fast = await alertsOf(pcap, DetectionEngine.compile(loaded.rules, []), packetOnly);
    const naive = await alertsOf(pcap, new ReferenceEvaluator(loaded.rules, []), packetOnly);
    expect(fast.length).toBeGreaterThan(0);
    expect(fast).toEqual(naive);
  });
});
