import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AUTH, idsAlert, testServer, type TestServer } from '../testkit/harness.js';

const T0 = 1_700_000_000;

describe('alert queries', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer({ clock: () => (T0 + 3600) * 1000 });
    const alerts = [
      idsAlert({ seconds: T0, community_id: '1:flow-a=' }),
      idsAlert({
        seconds: T0 + 60,
        sid: 2000002,
        rule: '1:2000002:1',
        rev: 1,
        msg: 'TEST scan',
        src_ap: '10.0.0.6:5555',
        community_id: '1:flow-b=',
      }),
      idsAlert({ seconds: T0 + 120, community_id: '1:flow-a=' }),
    ];
    const rules = [
      {
        gid: 1,
        sid: 1000001,
        rev: 2,
        text: 'alert http any any -> any any (msg:"TEST web attack"; sid:1000001; rev:2;)',
      },
    ];
    const post = (url: string, payload: object) =>
      s.app.inject({ method: 'POST', url, headers: AUTH, payload });
    expect(
      (await post('/api/v1/ingest/alerts', { batch_id: 'a', node: 'node-a', alerts, rules })).statusCode,
    ).toBe(200);
    const conn = {
      ts: T0,
      uid: 'C1',
      'id.orig_h': '10.0.0.5',
      'id.orig_p': 40000,
      'id.resp_h': '10.0.0.9',
      'id.resp_p': 80,
      proto: 'tcp',
      community_id: '1:flow-a=',
    };
    const other = { ...conn, uid: 'C2', community_id: '1:flow-b=' };
    const http = { ts: T0, uid: 'C1', host: 'example.com', uri: '/x', community_id: '1:flow-a=' };
    expect(
      (
        await post('/api/v1/ingest/logs', {
          batch_id: 'l',
          node: 'node-a',
          logs: { conn: [conn, other], http: [http] },
        })
      ).statusCode,
    ).toBe(200);
  });
  afterAll(() => s.close());
  const get = (url: string) => s.app.inject({ url, headers: AUTH });

  test('list: newest first by default, total counts every match, filters and paging', async () => {
    const all = (await get('/api/v1/alerts')).json();
    expect(all.total).toBe(3);
    expect(all.items.map((a: { ts: number }) => a.ts)).toEqual([T0 + 120.25, T0 + 60.25, T0 + 0.25]);
    const bySid = (await get('/api/v1/alerts?sid=1000001&limit=1&offset=1')).json();
    expect(bySid.total).toBe(2);
    expect(bySid.items).toHaveLength(1);
    expect(bySid.items[0].ts).toBe(T0 + 0.25);
    expect((await get('/api/v1/alerts?addr=10.0.0.6')).json().total).toBe(1);
    expect((await get(`/api/v1/alerts?from=${T0 + 60}&to=${T0 + 121}`)).json().total).toBe(2);
    expect((await get('/api/v1/alerts?q=scan')).json().total).toBe(1);
  });

  test('groups by signature, by count', async () => {
    const g = (await get('/api/v1/alerts/groups?by=signature')).json();
    expect(g.items[0]).toMatchObject({
      key: '1:1000001',
      gid: 1,
      sid: 1000001,
      count: 2,
      first_ts: T0 + 0.25,
      last_ts: T0 + 120.25,
    });
    expect((await get('/api/v1/alerts/groups?by=dst')).statusCode).toBe(400);
  });

  test('detail: rule text and the flow records by community_id', async () => {
    const first = (await get('/api/v1/alerts?sort=ts&limit=1')).json().items[0];
    const d = (await get(`/api/v1/alerts/${first.id}`)).json();
    expect(d.rule_text).toMatch(/sid:1000001/);
    expect(d.related.conn.map((c: { uid: string }) => c.uid)).toEqual(['C1']);
    expect(d.related.http).toHaveLength(1);
    expect(d.related.dns).toEqual([]);
    const scan = (await get('/api/v1/alerts?sid=2000002')).json().items[0];
    expect((await get(`/api/v1/alerts/${scan.id}`)).json().rule_text).toBeNull();
    expect((await get('/api/v1/alerts/999999')).statusCode).toBe(404);
    expect((await get('/api/v1/alerts/abc')).json().details[0]).toMatchObject({ path: '/id', in: 'params' });
  });

  test('overview: default last 24 h from the clock, ~60 buckets', async () => {
    const o = (await get('/api/v1/overview')).json();
    expect(o.to).toBe(T0 + 3600);
    expect(o.from).toBe(T0 + 3600 - 86400);
    expect(o.bucket).toBe(1800);
    expect(o.alert_rate.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(3);
    expect(o.newest_alerts).toHaveLength(3);
    expect(Array.isArray(o.nodes)).toBe(true);
    const narrow = (await get(`/api/v1/overview?from=${T0}&to=${T0 + 600}&bucket=60`)).json();
    // Empty buckets may be listed with count 0.
    expect(narrow.alert_rate.filter((b: { count: number }) => b.count > 0)).toEqual([
      { ts: T0, count: 1 },
      { ts: T0 + 60, count: 1 },
      { ts: T0 + 120, count: 1 },
    ]);
    expect((await get(`/api/v1/overview?from=${T0}&to=${T0 - 1}`)).statusCode).toBe(400);
  });
});
