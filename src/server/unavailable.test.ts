import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openStore } from '../store/open.js';
import { flakyStore } from './testkit/flaky-store.js';
import { AUTH, sample, testServer, type TestServer } from './testkit/harness.js';
import { openTestStore, type TestStore } from './testkit/test-store.js';

describe('store unavailable', () => {
  let db: TestStore;
  let flaky: ReturnType<typeof flakyStore>;
  let s: TestServer;
  beforeAll(async () => {
    db = await openTestStore();
    flaky = flakyStore(db.store);
    s = await testServer({ store: flaky.store, metrics: true });
  });
  afterAll(async () => {
    await s.close();
    await db.cleanup();
  });

  test('503 unavailable while down; the retried batch is stored once when it is back', async () => {
    const body = { batch_id: 'retry-me', samples: [sample('n1', 100), sample('n1', 110)] };
    const post = () =>
      s.app.inject({ method: 'POST', url: '/api/v1/ingest/samples', headers: AUTH, payload: body });
    flaky.setDown(true);
    const down = await post();
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ error: 'unavailable' });
    expect(down.headers['retry-after']).toBeDefined();
    expect((await s.app.inject({ url: '/healthz' })).statusCode).toBe(503);
    expect((await s.app.inject({ url: '/metrics' })).body).toMatch(/^vigil_store_up 0$/m);
    expect((await s.app.inject({ url: '/api/v1/nodes', headers: AUTH })).statusCode).toBe(503);
    flaky.setDown(false);
    expect((await post()).json()).toEqual({ accepted: 2, duplicate: false });
    expect((await post()).json()).toEqual({ accepted: 0, duplicate: true });
    expect(await db.store.samples('n1', {}, 10)).toHaveLength(2);
    expect((await s.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });

  test('input the store refuses → 400 with its message; other store errors → 500 without it', async () => {
    flaky.setDown(true, 'E_STORE_INPUT');
    const bad = await s.app.inject({ url: '/api/v1/alerts', headers: AUTH });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ error: 'bad_request', message: 'store is down (test)' });
    flaky.setDown(true, 'E_STORE_QUERY');
    const internal = await s.app.inject({ url: '/api/v1/alerts', headers: AUTH });
    expect(internal.statusCode).toBe(500);
    expect(internal.json()).toEqual({ error: 'internal', message: 'internal error' });
    flaky.setDown(false);
  });
});

describe('PostgreSQL at a closed port', () => {
  test('ingest and queries answer 503, health 503, no stack in the body', async () => {
    const store = await openStore({ databaseUrl: 'postgres://postgres@127.0.0.1:1/test', poolSize: 1 });
    const s = await testServer({ store });
    try {
      const r = await s.app.inject({
        method: 'POST',
        url: '/api/v1/ingest/samples',
        headers: AUTH,
        payload: { batch_id: 'x', samples: [sample('n', 1)] },
      });
      expect(r.statusCode).toBe(503);
      expect(r.json()).toEqual({ error: 'unavailable', message: expect.any(String) });
      expect(r.body).not.toMatch(/ECONNREFUSED|\.js:\d+/);
      expect((await s.app.inject({ url: '/api/v1/alerts', headers: AUTH })).statusCode).toBe(503);
      const h = await s.app.inject({ url: '/healthz' });
      expect(h.statusCode).toBe(503);
      expect(h.json().status).toBe('unavailable');
    } finally {
      await s.close();
      await store.close();
    }
  });
});
