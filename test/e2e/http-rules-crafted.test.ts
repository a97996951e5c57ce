import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DetectionEngine } from '../../src/detect/engine.js';
import type { AlertRecord } from '../../src/output/alert-record.js';
import { DEFAULT_EVENT_QUEUE, type EventQueueConfig } from '../../src/pipeline/event-queue.js';
import { runSingle } from '../../src/pipeline/run-single.js';
import type { Rule } from '../../src/rules/ast.js';
import { loadRules } from '../../src/rules/load.js';
import { craftHttpExchange, type CraftedExchange } from '../support/http-rule-request.js';
import { seededShuffle } from '../support/seeded.js';
import { exchangesPcap, type TcpExchange } from '../support/tcp-session-pcap.js';
import { FIXTURES, ROOT } from './run-cli.js';

const COMMUNITY = join(ROOT, 'rules', 'snort3-community', 'snort3-community.rules');
const SEED = 20261123;
/**
 * Diagnostics: VIGIL_CRAFTED_PICKS=2000 runs every eligible rule, VIGIL_CRAFTED_SIDS=1,2 only those sids.
 * With the defaults the test is the seeded pick the contract names.
 */
const PICKS = Number(process.env['VIGIL_CRAFTED_PICKS'] ?? 60);
const CLIENT = '10.77.0.1';
const SERVER = '10.78.0.1';

/** An HTTP rule: it selects an http_* buffer, or names the http service. */
const isHttpRule = (r: Rule): boolean =>
  r.services.includes('http') || r.options.some((o) => o.name.startsWith('http_'));

async function run(
  pcap: string,
  engine: DetectionEngine,
  eventQueue: EventQueueConfig,
): Promise<AlertRecord[]> {
  const alerts: AlertRecord[] = [];
  const cfg = { rulePaths: [], vars: {}, flow: {}, eventQueue };
  const r = await runSingle(pcap, engine, cfg, (a) => alerts.push(a));
  if (r.error !== undefined && r.error !== null) throw new Error(String(r.error));
  return alerts;
}

describe('community HTTP rules', () => {
  let rules: Rule[] = [];
  let engine: DetectionEngine;
  const dir = mkdtempSync(join(tmpdir(), 'vigil-crafted-'));

  beforeAll(async () => {
    const loaded = await loadRules([COMMUNITY]);
    rules = loaded.rules;
    engine = DetectionEngine.compile(rules, []);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fire on requests crafted for a seeded pick of them', async () => {
    const http = rules.filter(isHttpRule).sort((a, b) => a.sid - b.sid);
    const eligible: CraftedExchange[] = [];
    const skipped = new Map<string, number>();
    for (const r of http) {
      const c = craftHttpExchange(r);
      if (c.ok) eligible.push(c.x);
      else {
        const why = c.reason.replace(/ .*/, '');
        skipped.set(why, (skipped.get(why) ?? 0) + 1);
      }
    }
    const only = (process.env['VIGIL_CRAFTED_SIDS'] ?? '').split(',').filter(Boolean).map(Number);
    const picks = only.length
      ? eligible.filter((e) => only.includes(e.rule.sid))
      : seededShuffle(eligible, SEED).slice(0, PICKS);
    console.log(
      `HTTP rules ${http.length}, eligible ${eligible.length}, skipped by reason ${JSON.stringify(Object.fromEntries(skipped))}\n` +
        `picked (seed ${SEED}): ${picks.map((p) => p.rule.sid).join(' ')}`,
    );
    expect(picks.length).toBeGreaterThanOrEqual(only.length > 0 ? only.length : Math.min(PICKS, 50));
    const xs: TcpExchange[] = picks.map((p, i) => ({
      client: CLIENT,
      server: SERVER,
      clientPort: 20000 + i,
      serverPort: p.serverPort,
      request: Buffer.from(p.request, 'latin1'),
      response: Buffer.from(p.response, 'latin1'),
    }));
    const pcap = join(dir, 'crafted.pcap');
    writeFileSync(pcap, exchangesPcap(xs));
    // Every alert is logged (no per-packet event-queue limit), so one rule cannot hide another.
    const alerts = await run(pcap, engine, { maxQueue: 1000, log: 1000, order: 'content_length' });
    const silent = picks.filter((p, i) => {
      const port = 20000 + i;
      return !alerts.some((a) => a.sid === p.rule.sid && (a.srcPort === port || a.dstPort === port));
    });
    expect(silent.map((p) => `${p.rule.sid}: ${p.rule.text}\n${p.request}\n${p.response}`)).toEqual([]);
  });

  it('on the sample capture fire exactly where Snort 3 fires', async () => {
    const httpSids = new Set(rules.filter(isHttpRule).map((r) => r.sid));
    const snort = readFileSync(join(FIXTURES, 'sample', 'snort3-alerts-head.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { gid: number; sid: number; pkt_num: number });
    const want = snort.filter((a) => a.gid === 1 && httpSids.has(a.sid)).map((a) => `${a.sid}@${a.pkt_num}`);
    const got = (await run(join(FIXTURES, 'sample', 'traffic-seed1-head.pcap'), engine, DEFAULT_EVENT_QUEUE))
      .filter((a) => a.gid === 1 && httpSids.has(a.sid))
      .map((a) => `${a.sid}@${a.pktNum}`);
    expect(got.sort()).toEqual(want.sort());
  });
});
