import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Store } from '../store/store.js';
import { startServer } from './listen.js';
import { AUTH, TOKEN, sample } from './testkit/harness.js';
import { openTestStore, type TestStore } from './testkit/test-store.js';

describe('startServer / close', () => {
  let db: TestStore;
  beforeAll(async () => {
    db = await openTestStore();
  });
  afterAll(() => db.cleanup());

  test('prints a URL, and close() lets an in-flight ingest finish, then refuses new connections', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let entered: () => void = () => {};
    const inside = new Promise<void>((r) => (entered = r));
    const slow: Store = Object.create(db.store) as Store;
    slow.ingestSamples = async (id, rows) => {
      entered();
      await gate;
      return db.store.ingestSamples(id, rows);
    };
    const running = await startServer({
      store: slow,
      tokens: [TOKEN],
      webRoot: null,
      metrics: false,
      host: '127.0.0.1',
      port: 0,
    });
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const inflight = fetch(`${running.url}/api/v1/ingest/samples`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ batch_id: 'slow', samples: [sample('n', 1)] }),
    });
    await inside;
    const closed = running.close();
    release();
    const r = await inflight;
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ accepted: 1, duplicate: false });
    await closed;
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
    expect(await db.store.samples('n', {}, 10)).toHaveLength(1);
  });
});
