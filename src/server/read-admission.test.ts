import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.js';
import { AUTH, testServer, type TestServer } from './testkit/harness.js';
import { openTestStore, type TestStore } from './testkit/test-store.js';

/** The store, with `alerts` held until `release()` (so reads pile up as they do on a busy PGlite). */
function gatedStore(inner: Store): { store: Store; release(): void } {
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  const store = new Proxy(inner, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (prop !== 'alerts' || typeof v !== 'function') return v;
      return async (...args: unknown[]) => {
        await gate;
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store, release: open };
}

describe('read admission', () => {
  let db: TestStore;
  let gated: ReturnType<typeof gatedStore>;
  let s: TestServer;
  let url = '';
  beforeAll(async () => {
    db = await openTestStore();
    gated = gatedStore(db.store);
    s = await testServer({ store: gated.store, maxReads: 2, metrics: false });
    url = await s.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await s.close();
    await db.cleanup();
  });

  it('answers 503 at once past the limit, serves the admitted reads, and frees their places', async () => {
    const get = (path: string) => fetch(url + path, { headers: AUTH });
    const held = [get('/api/v1/alerts'), get('/api/v1/alerts')];
    // Both admitted reads are waiting in the store; the third read is turned away without waiting.
    await new Promise((r) => setTimeout(r, 200));
    const shed = await get('/api/v1/alerts');
    expect(shed.status).toBe(503);
    expect(shed.headers.get('retry-after')).toBe('1');
    expect(await shed.json()).toMatchObject({
      error: 'unavailable',
      message: expect.stringContaining('busy'),
    });
    // Ingest is never shed, and unauthenticated reads are still 401 before anything else.
    const ingest = await fetch(url + '/api/v1/ingest/samples', {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ batch_id: 'adm-1', samples: [] }),
    });
    expect(ingest.status).toBe(200);
    expect((await fetch(url + '/api/v1/alerts')).status).toBe(401);
    gated.release();
    for (const r of await Promise.all(held)) expect(r.status).toBe(200);
    // Their places are free again.
    expect((await get('/api/v1/alerts')).status).toBe(200);
    expect((await get('/api/v1/alerts')).status).toBe(200);
  });

  it('never runs out of places for reads made one after another', async () => {
    const t = await testServer({ maxReads: 2 });
    try {
      for (let i = 0; i < 10; i++)
        expect((await t.app.inject({ url: '/api/v1/alerts', headers: AUTH })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});
