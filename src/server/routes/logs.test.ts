import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LOG_STREAMS } from '../../logs/streams/registry.js';
import { AUTH, testServer, type TestServer } from '../testkit/harness.js';

const T0 = 1_700_000_000;
const id = (h: string, p: number) => ({
  uid: `C${p}`,
  'id.orig_h': h,
  'id.orig_p': p,
  'id.resp_h': '10.0.0.53',
  'id.resp_p': 53,
});

describe('log queries', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer();
    const dns = [
      {
        ts: T0,
        ...id('10.0.0.5', 1000),
        proto: 'udp',
        query: 'evil.example.com',
        qtype_name: 'A',
        rejected: false,
        community_id: '1:a=',
      },
      {
        ts: T0 + 1,
        ...id('10.0.0.6', 1001),
        proto: 'udp',
        query: 'kubernetes.default.svc',
        qtype_name: 'AAAA',
        rejected: true,
        answers: ['10.96.0.1', 'x'],
        community_id: '1:b=',
      },
    ];
    const r = await s.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/logs',
      headers: AUTH,
      payload: { batch_id: 'l', node: 'n1', logs: { dns } },
    });
    expect(r.json()).toEqual({ accepted: 2, duplicate: false });
  });
  afterAll(() => s.close());
  const get = (url: string) => s.app.inject({ url, headers: AUTH });

  test('exact and substring field filters', async () => {
    expect(
      (await get('/api/v1/logs/dns?id.orig_h=10.0.0.6')).json().items.map((r: { uid: string }) => r.uid),
    ).toEqual(['C1001']);
    expect((await get('/api/v1/logs/dns?query=~evil')).json().total).toBe(1);
    expect((await get('/api/v1/logs/dns')).json().total).toBe(2);
  });

  test('unknown fields, bad values and bad sort are each named', async () => {
    const r = await get('/api/v1/logs/dns?qtype=A&id.orig_p=abc&rtt=~1&rejected=maybe&sort=-size');
    expect(r.statusCode).toBe(400);
    expect((r.json().details as { path: string }[]).map((d) => d.path).sort()).toEqual([
      '/id.orig_p',
      '/qtype',
      '/rejected',
      '/rtt',
      '/sort',
    ]);
    expect((await get('/api/v1/logs/smtp')).statusCode).toBe(400);
  });

  test('format=csv has the log columns', async () => {
    const r = await get('/api/v1/logs/dns?format=csv&id.orig_h=10.0.0.6');
    expect(r.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parse(r.body, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...LOG_STREAMS.dns.fields.map((f) => f.name), 'node']);
    expect(rows[0]).toMatchObject({
      query: 'kubernetes.default.svc',
      rejected: 'T',
      answers: '10.96.0.1,x',
      rcode: '',
      node: 'n1',
    });
  });
});
