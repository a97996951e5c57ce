import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PodIdentityMap } from '../k8s/identity.js';
import { parseManifestText } from '../k8s/parse.js';
import { jsonRow } from '../logs/format/json.js';
import { MemoryLogs } from '../logs/log-set.js';
import { LOG_STREAMS } from '../logs/streams/registry.js';
import type { LogRecord } from '../logs/types.js';
import { alertJsonObject } from '../output/alert-json.js';
import type { AlertRecord } from '../output/alert-record.js';
import { buildEngine } from '../pipeline/build-engine.js';
import { forEachRecord } from '../pipeline/capture-loop.js';
import { DEFAULT_EVENT_QUEUE } from '../pipeline/event-queue.js';
import type { IdsConfig } from '../pipeline/ids-config.js';
import { runSingle } from '../pipeline/run-single.js';
import { LiveEngine, type ShippedLog } from './engine.js';

const ROOT = join(import.meta.dirname, '..', '..');
const PCAP = join(ROOT, 'test', 'fixtures', 'sample', 'traffic-seed1-head.pcap');
const CFG: IdsConfig = {
  rulePaths: [join(ROOT, 'rules', 'snort3-community')],
  vars: {},
  flow: {},
  eventQueue: DEFAULT_EVENT_QUEUE,
};

describe('live engine', () => {
  it('gives the alerts of vigil ids and the records of vigil logs --format json, with node and pod identity', async () => {
    const built = await buildEngine(CFG);
    // What the offline commands produce on the same capture.
    const want: AlertRecord[] = [];
    const mem = new MemoryLogs();
    await runSingle(PCAP, built.engine, CFG, (a) => want.push(a), undefined, mem);
    expect(want.length).toBeGreaterThan(0);

    const fresh = await buildEngine(CFG); // engines keep per-flow state: one per pipeline
    const client = want[0]!.srcAddr;
    const pods = PodIdentityMap.fromObjects(
      parseManifestText(
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'PodList',
          items: [
            {
              metadata: { name: 'client-1', namespace: 'team' },
              status: { phase: 'Running', podIP: client },
            },
          ],
        }),
        'pods.json',
      ).objects,
    );
    const alerts: Record<string, unknown>[] = [];
    const rules: (string | undefined)[] = [];
    const logs: Record<ShippedLog, Record<string, unknown>[]> = { conn: [], dns: [], http: [], ssl: [] };
    const eng = new LiveEngine(
      fresh.engine,
      CFG,
      {
        alert: (a, r) => {
          alerts.push(a);
          rules.push(r?.text);
        },
        log: (k, rec) => logs[k].push(rec),
      },
      { node: 'node-x', identity: () => pods, ruleText: (g, s) => `rule ${g}:${s}` },
    );
    const err = await forEachRecord(PCAP, (rec) => eng.push(rec));
    expect(err).toBeNull();
    eng.finish();

    expect(alerts.length).toBe(want.length);
    const strip = (a: Record<string, unknown>) => {
      const { node: _n, src_pod: _sp, src_ns: _sn, dst_pod: _dp, dst_ns: _dn, ...rest } = a;
      return rest;
    };
    expect(alerts.map(strip)).toEqual(want.map((a) => alertJsonObject(a)));
    expect(alerts.every((a) => a['node'] === 'node-x')).toBe(true);
    const first = alerts[0]!;
    expect(first['src_pod']).toBe('client-1');
    expect(first['src_ns']).toBe('team');
    expect(rules[0]).toBe(`rule ${want[0]!.gid}:${want[0]!.sid}`);

    for (const k of ['conn', 'dns', 'http', 'ssl'] as const) {
      const expected = mem.records[k].map(
        (r) => JSON.parse(jsonRow(LOG_STREAMS[k], r as unknown as LogRecord)) as Record<string, unknown>,
      );
      expect(logs[k]).toEqual(expected);
    }
    expect(logs.conn.length).toBeGreaterThan(0);
  });

  it('ends idle flows on a wall-clock tick, so a quiet link still logs its connections', async () => {
    const logs: Record<string, unknown>[] = [];
    const eng = new LiveEngine(
      null,
      CFG,
      { alert: () => undefined, log: (k, rec) => k === 'conn' && logs.push(rec) },
      { node: 'n', identity: () => null, ruleText: () => null },
    );
    let lastTs = 0;
    let n = 0;
    await forEachRecord(PCAP, (rec) => {
      if (n++ < 200) {
        eng.push(rec);
        lastTs = rec.tsSec;
      }
    });
    const before = logs.length;
    eng.tick(lastTs + 1); // nothing is idle yet
    expect(logs.length).toBe(before);
    eng.tick(lastTs + 4000); // past every timeout: TCP 3600 s, UDP 180 s
    expect(logs.length).toBeGreaterThan(before);
    const after = logs.length;
    eng.finish();
    expect(logs.length).toBe(after); // nothing was left to flush
  });
});
