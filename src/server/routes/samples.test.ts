import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FEATURE_NAMES } from '../../metrics/features.js';
import { AUTH, sample, testServer, type TestServer } from '../testkit/harness.js';

const T0 = 1_700_000_000;

describe('samples, scores, labels, dataset', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer();
    // n1: load1 = 1, 2, 3, 4 (mean 2.5, population std √1.25); every other feature constant.
    const samples = [1, 2, 3, 4].map((v, i) => sample('n1', T0 + 10 * i, (f) => (f === 'load1' ? v : 7)));
    samples.push(sample('n2', T0, () => 1));
    const r = await s.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/samples',
      headers: AUTH,
      payload: { batch_id: 'seed', samples },
    });
    expect(r.statusCode).toBe(200);
  });
  afterAll(() => s.close());
  const get = (url: string) => s.app.inject({ url, headers: AUTH });

  test('nodes lists both, with sample counts', async () => {
    const r = await get('/api/v1/nodes');
    expect(r.json().items).toMatchObject([
      { node: 'n1', samples: 4, first_sample_ts: T0, last_sample_ts: T0 + 30 },
      { node: 'n2', samples: 1 },
    ]);
  });

  test('samples: one node, range [from, to), ISO or epoch', async () => {
    const r = await get(`/api/v1/samples?node=n1&from=${T0 + 10}&to=2023-11-14T22:13:50Z`);
    expect(r.statusCode).toBe(200);
    expect((r.json().items as { ts: number }[]).map((x) => x.ts)).toEqual([T0 + 10, T0 + 20]);
    expect((await get('/api/v1/samples')).json().details[0].path).toBe('/node');
  });

  test('zscore: per feature over the rows in range; constant features give 0', async () => {
    const items = (await get('/api/v1/samples/zscore?node=n1')).json().items as Record<string, number>[];
    const sd = Math.sqrt(1.25);
    expect(items.map((x) => x['load1'])).toEqual(
      [-1.5 / sd, -0.5 / sd, 0.5 / sd, 1.5 / sd].map((v) => expect.closeTo(v, 12)),
    );
    expect(items.every((x) => x['open_fds'] === 0 && x['disk_read'] === 0)).toBe(true);
    // Over a narrower range the statistics change with it.
    const two = (await get(`/api/v1/samples/zscore?node=n1&from=${T0}&to=${T0 + 20}`)).json().items as Record<
      string,
      number
    >[];
    expect(two.map((x) => x['load1'])).toEqual([-1, 1]);
  });

  test('scores: one per sample with the thresholds', async () => {
    const r = (await get('/api/v1/scores?node=n1')).json();
    expect(r.threshold).toBeGreaterThan(0);
    expect(r.multivariate_threshold).toBeGreaterThan(0);
    expect(r.items).toHaveLength(4);
    expect(Object.keys(r.items[0]).sort()).toEqual(['drivers', 'multivariate', 'score', 'ts']);
  });

  test('labels: set attack on [from, to), then the dataset shows it', async () => {
    const bad = await s.app.inject({
      method: 'POST',
      url: '/api/v1/labels',
      headers: AUTH,
      payload: { node: 'n1', from: T0 + 20, to: T0, attack: 2 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((d: { path: string }) => d.path)).toEqual(['/attack']);
    const backwards = await s.app.inject({
      method: 'POST',
      url: '/api/v1/labels',
      headers: AUTH,
      payload: { node: 'n1', from: T0 + 20, to: T0, attack: 1 },
    });
    expect(backwards.statusCode).toBe(400);
    const r = await s.app.inject({
      method: 'POST',
      url: '/api/v1/labels',
      headers: AUTH,
      payload: { node: 'n1', from: T0 + 10, to: T0 + 30, attack: 1 },
    });
    expect(r.json()).toEqual({ updated: 2 });
    const csv = await get('/api/v1/dataset.csv?node=n1');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="vigil-n1-raw.csv"');
    const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['node', 'ts', ...FEATURE_NAMES, 'attack']);
    expect(rows.map((x) => x['attack'])).toEqual(['0', '1', '1', '0']);
    expect(rows.map((x) => x['load1'])).toEqual(['1', '2', '3', '4']);
  });

  test('dataset view=zscore z-scores the features and keeps the label', async () => {
    const csv = await get('/api/v1/dataset.csv?node=n1&view=zscore');
    const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
    expect(rows.map((x) => Number(x['load1']))).toEqual(
      [-1.5, -0.5, 0.5, 1.5].map((v) => expect.closeTo(v / Math.sqrt(1.25), 12)),
    );
    expect(rows.every((x) => x['open_fds'] === '0')).toBe(true);
    expect(rows.map((x) => x['attack'])).toEqual(['0', '1', '1', '0']);
    expect((await get('/api/v1/dataset.csv?node=n1&view=pca')).statusCode).toBe(400);
  });
});
