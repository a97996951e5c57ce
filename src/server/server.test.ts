import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CSP } from './web.js';
import { AUTH, testServer, type TestServer } from './testkit/harness.js';

describe('operations routes', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer({ metrics: true });
  });
  afterAll(() => s.close());

  test('/healthz answers ok without a token', async () => {
    const r = await s.app.inject({ url: '/healthz' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ok' });
  });

  test('/metrics: request counts by route and code, duration histogram, store up, process metrics', async () => {
    await s.app.inject({ url: '/api/v1/nodes', headers: AUTH });
    await s.app.inject({ url: '/api/v1/nodes' });
    const r = await s.app.inject({ url: '/metrics' });
    expect(r.headers['content-type']).toMatch(/^text\/plain/);
    expect(r.body).toMatch(/vigil_http_requests_total\{route="\/api\/v1\/nodes",method="GET",code="200"\} 1/);
    expect(r.body).toMatch(/vigil_http_requests_total\{route="\/api\/v1\/nodes",method="GET",code="401"\} 1/);
    expect(r.body).toMatch(/vigil_http_request_duration_seconds_bucket\{le="0.1",route="\/api\/v1\/nodes"/);
    expect(r.body).toMatch(/^vigil_store_up 1$/m);
    expect(r.body).toMatch(/^process_cpu_user_seconds_total /m);
  });

  test('/openapi.json is OpenAPI 3 JSON describing every route', async () => {
    const r = await s.app.inject({ url: '/openapi.json' });
    const doc = r.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\./);
    const ops = Object.entries(doc.paths).flatMap(([p, m]) =>
      Object.keys(m).map((k) => `${k.toUpperCase()} ${p}`),
    );
    expect(ops.sort()).toEqual(
      [
        'POST /api/v1/ingest/samples',
        'POST /api/v1/ingest/alerts',
        'POST /api/v1/ingest/logs',
        'POST /api/v1/audit',
        'GET /api/v1/audit/latest',
        'GET /api/v1/nodes',
        'GET /api/v1/samples',
        'GET /api/v1/samples/zscore',
        'GET /api/v1/scores',
        'POST /api/v1/labels',
        'GET /api/v1/dataset.csv',
        'GET /api/v1/alerts',
        'GET /api/v1/alerts/groups',
        'GET /api/v1/alerts/{id}',
        'GET /api/v1/logs/{kind}',
        'GET /api/v1/overview',
        'GET /api/v1/events',
        'GET /healthz',
        'GET /metrics',
      ].sort(),
    );
    const post = doc.paths['/api/v1/ingest/samples']!['post'] as {
      requestBody: { content: Record<string, unknown> };
    };
    expect(Object.keys(post.requestBody.content)).toEqual(['application/json']);
  });

  test('/ without a built dashboard: a short page with a strict CSP', async () => {
    const r = await s.app.inject({ url: '/' });
    expect(r.statusCode).toBe(200);
    expect(r.body).toMatch(/npm run build:web/);
    expect(r.headers['content-security-policy']).toBe(CSP);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.body).not.toMatch(/<script/);
  });
});

describe('dashboard files', () => {
  let s: TestServer;
  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'vigil-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(
      join(root, 'index.html'),
      '<!doctype html><title>Vigil</title><script type="module" src="/assets/app.js"></script>',
    );
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1);');
    s = await testServer({ webRoot: root });
  });
  afterAll(() => s.close());

  test('index.html at /, hashed assets cached for good, both with security headers', async () => {
    const r = await s.app.inject({ url: '/' });
    expect(r.body).toMatch(/<title>Vigil<\/title>/);
    expect(r.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(r.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
    const a = await s.app.inject({ url: '/assets/app.js' });
    expect(a.statusCode).toBe(200);
    expect(a.headers['cache-control']).toMatch(/immutable/);
    expect(a.headers['x-content-type-options']).toBe('nosniff');
  });

  test('client-side routes fall back to index.html; the API and missing files stay JSON 404s', async () => {
    const r = await s.app.inject({ url: '/alerts/42', headers: { accept: 'text/html,*/*' } });
    expect(r.statusCode).toBe(200);
    expect(r.body).toMatch(/<title>Vigil<\/title>/);
    const api = await s.app.inject({ url: '/api/v1/missing', headers: { ...AUTH, accept: 'text/html' } });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: 'not_found' });
    const file = await s.app.inject({ url: '/assets/missing.js', headers: { accept: '*/*' } });
    expect(file.statusCode).toBe(404);
  });
});
