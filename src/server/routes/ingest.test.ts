import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AUTH, idsAlert, sample, testServer, type TestServer } from '../testkit/harness.js';

describe('ingest', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer();
  });
  afterAll(() => s.close());
  const post = (url: string, payload: object) =>
    s.app.inject({ method: 'POST', url, headers: AUTH, payload });

  test('samples: accepted, then a retried batch is a duplicate and stores nothing', async () => {
    const body = {
      batch_id: 'samples-1',
      samples: [sample('n1', 100), sample('n1', 110), sample('n2', 100)],
    };
    const a = await post('/api/v1/ingest/samples', body);
    expect(a.statusCode).toBe(200);
    expect(a.json()).toEqual({ accepted: 3, duplicate: false });
    const b = await post('/api/v1/ingest/samples', body);
    expect(b.json()).toEqual({ accepted: 0, duplicate: true });
    const rows = await s.store.samples('n1', {}, 100);
    expect(rows.map((r) => r.ts)).toEqual([100, 110]);
    expect(rows[0]!.attack).toBe(0);
  });

  test('alerts: ts and endpoints derived, IPv6 split at the last colon, rules upserted', async () => {
    const body = {
      batch_id: 'alerts-1',
      node: 'node-a',
      alerts: [
        idsAlert(),
        idsAlert({ src_ap: 'fd00::1:5:443', dst_ap: '2001:db8::7:51000', seconds: 1700000001, ts_usec: 5 }),
      ],
      rules: [
        {
          gid: 1,
          sid: 1000001,
          rev: 2,
          text: 'alert tcp any any -> any 80 (msg:"TEST web attack"; sid:1000001; rev:2;)',
        },
      ],
    };
    const r = await post('/api/v1/ingest/alerts', body);
    expect(r.json()).toEqual({ accepted: 2, duplicate: false });
    expect((await post('/api/v1/ingest/alerts', body)).json()).toEqual({ accepted: 0, duplicate: true });
    const list = await s.app.inject({ url: '/api/v1/alerts?sort=ts', headers: AUTH });
    const items = list.json().items as Record<string, unknown>[];
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      ts: 1700000000.25,
      node: 'node-a',
      src_addr: '10.0.0.5',
      src_port: 40000,
      dst_addr: '10.0.0.9',
      dst_port: 80,
      sid: 1000001,
    });
    expect(items[1]).toMatchObject({
      ts: 1700000001.000005,
      src_addr: 'fd00::1:5',
      src_port: 443,
      dst_addr: '2001:db8::7',
      dst_port: 51000,
    });
    expect(await s.store.ruleText(1, 1000001)).toMatch(/sid:1000001/);
  });

  test('alerts need seconds, gid, sid, rev and msg as numbers/text', async () => {
    const r = await post('/api/v1/ingest/alerts', {
      batch_id: 'alerts-bad',
      node: 'n',
      alerts: [{ ...idsAlert(), sid: '5', msg: undefined }],
    });
    expect(r.statusCode).toBe(400);
    expect((r.json().details as { path: string }[]).map((d) => d.path).sort()).toEqual([
      '/alerts/0/msg',
      '/alerts/0/sid',
    ]);
  });

  test('logs: records per kind, counted; unknown kinds rejected', async () => {
    const conn = {
      ts: 1700000000.1,
      uid: 'C1',
      'id.orig_h': '10.0.0.5',
      'id.orig_p': 40000,
      'id.resp_h': '10.0.0.9',
      'id.resp_p': 80,
      proto: 'tcp',
      community_id: '1:abc=',
    };
    const http = {
      ts: 1700000000.2,
      uid: 'C1',
      'id.orig_h': '10.0.0.5',
      'id.orig_p': 40000,
      'id.resp_h': '10.0.0.9',
      'id.resp_p': 80,
      host: 'example.com',
      uri: '/x',
      community_id: '1:abc=',
    };
    const r = await post('/api/v1/ingest/logs', {
      batch_id: 'logs-1',
      node: 'node-a',
      logs: { conn: [conn], http: [http] },
    });
    expect(r.json()).toEqual({ accepted: 2, duplicate: false });
    const bad = await post('/api/v1/ingest/logs', {
      batch_id: 'logs-2',
      node: 'node-a',
      logs: { smtp: [conn], dns: [{ uid: 'x' }] },
    });
    expect(bad.statusCode).toBe(400);
    expect((bad.json().details as { path: string }[]).map((d) => d.path).sort()).toEqual([
      '/logs/dns/0/ts',
      '/logs/smtp',
    ]);
  });

  test('audit: a run is stored once and is the latest', async () => {
    expect((await s.app.inject({ url: '/api/v1/audit/latest', headers: AUTH })).statusCode).toBe(404);
    const finding = {
      id: 'privileged',
      topic: 'breakout',
      severity: 'high',
      object: { kind: 'Pod', namespace: 'default', name: 'p' },
      path: 'spec.containers[0].securityContext.privileged',
      message: 'privileged',
      remediation: 'drop it',
    };
    const body = {
      batch_id: 'audit-1',
      source: 'manifests/',
      findings: [finding],
      reach: {
        nodes: [
          {
            id: 'a',
            namespace: 'default',
            name: 'p',
            kind: 'Pod',
            protected: { ingress: false, egress: false },
          },
        ],
        edges: [{ src: 'a', dst: 'a', conn: 'All' }],
      },
    };
    const a = await post('/api/v1/audit', body);
    expect(a.statusCode).toBe(200);
    const id = a.json().run_id as number;
    expect((await post('/api/v1/audit', body)).json()).toMatchObject({ run_id: id, duplicate: true });
    const latest = await s.app.inject({ url: '/api/v1/audit/latest', headers: AUTH });
    expect(latest.json()).toMatchObject({
      run_id: id,
      source: 'manifests/',
      findings: [finding],
      reach: body.reach,
    });
  });

  test('ingest metrics count rows and batches by kind and result', async () => {
    await post('/api/v1/ingest/samples', { samples: [] });
    const m = await s.app.inject({ url: '/metrics' });
    expect(m.body).toMatch(/vigil_ingest_rows_total\{kind="samples",result="accepted"\} 3/);
    expect(m.body).toMatch(/vigil_ingest_batches_total\{kind="samples",result="duplicate"\} 1/);
    expect(m.body).toMatch(/vigil_ingest_batches_total\{kind="samples",result="rejected"\} 1/);
    expect(m.body).toMatch(/vigil_ingest_rows_total\{kind="alerts",result="accepted"\} 2/);
  });
});
