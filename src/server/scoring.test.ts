import { afterEach, describe, expect, test } from 'vitest';
import type { Store } from '../store/store.js';
import { anomalyBatchId } from './scoring.js';
import { openTestStore, type TestStore } from './testkit/test-store.js';
import { AUTH, testServer, type TestServer } from './testkit/harness.js';
import { series } from './testkit/series.js';

const open: TestServer[] = [];
const stores: TestStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  for (const s of stores.splice(0)) await s.cleanup();
});

async function freshStore(): Promise<Store> {
  const t = await openTestStore();
  stores.push(t);
  return t.store;
}

async function server(store: Store, warmSeconds?: number): Promise<TestServer> {
  const s = await testServer({ store, scorer: warmSeconds === undefined ? {} : { warmSeconds } });
  open.push(s);
  return s;
}

async function ingest(s: TestServer, batch_id: string, samples: unknown[]): Promise<void> {
  const r = await s.app.inject({
    method: 'POST',
    url: '/api/v1/ingest/samples',
    headers: AUTH,
    payload: { batch_id, samples },
  });
  expect(r.statusCode).toBe(200);
}

async function anomalyAlerts(store: Store) {
  return (await store.alerts({ sid: 1, gid: 7700 }, 'ts', { limit: 1000, offset: 0 })).items;
}

const T0 = 1_700_000_000;

describe('live anomaly scoring', () => {
  test('a spike in a noisy series raises one gid 7700 alert naming its drivers; the flat part does not', async () => {
    const store = await freshStore();
    const s = await server(store);
    const rows = series({ node: 'n1', start: T0, step: 10, count: 400, noise: 0.05, spikes: [350] });
    for (let i = 0; i < rows.length; i += 50) await ingest(s, `b${i}`, rows.slice(i, i + 50));
    const alerts = await anomalyAlerts(store);
    expect(alerts.length).toBeGreaterThanOrEqual(1);
    expect(alerts.every((a) => a.ts >= rows[350]!.ts)).toBe(true);
    const a = alerts[0]!;
    expect(a).toMatchObject({
      ts: rows[350]!.ts,
      node: 'n1',
      gid: 7700,
      sid: 1,
      rev: 1,
      proto: 'NODE',
      classtype: 'node-anomaly',
      class: 'Anomalous node behaviour',
    });
    expect(String(a['msg'])).toMatch(/^VIGIL node anomaly on n1: \w+/);
    expect((a['drivers'] as unknown[]).length).toBeGreaterThan(0);
    // Every sample has a stored score (the first, with no rate yet, scores 0), and the spike's is at the threshold or above.
    const scores = await store.scores('n1', {}, 1000);
    expect(scores).toHaveLength(400);
    expect(scores.find((x) => x.ts === rows[350]!.ts)!.score).toBeGreaterThanOrEqual(0.5);
  });

  test('a flat series raises nothing', async () => {
    const store = await freshStore();
    const s = await server(store);
    const rows = series({ node: 'flat', start: T0, step: 10, count: 400 });
    for (let i = 0; i < rows.length; i += 100) await ingest(s, `f${i}`, rows.slice(i, i + 100));
    expect(await anomalyAlerts(store)).toEqual([]);
    expect((await store.scores('flat', {}, 1000)).every((x) => x.score < 0.5)).toBe(true);
  });

  test('after a restart the scorer is warmed from stored samples, so detection carries on', async () => {
    const rows = series({ node: 'n1', start: T0, step: 10, count: 300, noise: 0.05, spikes: [298] });
    const history = rows.slice(0, 296);
    const tail = rows.slice(296);
    const warmStore = await freshStore();
    await ingest(await server(warmStore), 'h', history);
    expect(await anomalyAlerts(warmStore)).toEqual([]);
    await ingest(await server(warmStore), 't', tail); // a new server: same store, fresh scorers
    const warmed = await anomalyAlerts(warmStore);
    expect(warmed.map((a) => a.ts)).toEqual([rows[298]!.ts]);
    // Without warming, the same tail is the node's whole history: nothing to compare the spike with.
    const coldStore = await freshStore();
    await ingest(await server(coldStore), 'h', history);
    await ingest(await server(coldStore, 0), 't', tail);
    expect(await anomalyAlerts(coldStore)).toEqual([]);
  });

  test('scoring failures never fail an accepted batch', async () => {
    const store = await freshStore();
    store.ingestScores = () => Promise.reject(new Error('scores table is broken'));
    const s = await server(store);
    const rows = series({ node: 'n1', start: T0, step: 10, count: 5 });
    const r = await s.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/samples',
      headers: AUTH,
      payload: { batch_id: 'x', samples: rows },
    });
    expect(r.json()).toEqual({ accepted: 5, duplicate: false });
    expect((await s.app.inject({ url: '/metrics' })).body).toMatch(/vigil_scoring_failures_total 1/);
  });

  test('the anomaly batch id is derived from the sample batch and node', () => {
    expect(anomalyBatchId('b1', 'n1')).toBe(anomalyBatchId('b1', 'n1'));
    expect(anomalyBatchId('b1', 'n1')).not.toBe(anomalyBatchId('b1', 'n2'));
    expect(anomalyBatchId('b1', 'n1')).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
  });
});
