import { afterEach, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../listen.js';
import { openTestStore, type TestStore } from '../testkit/test-store.js';
import { AUTH, TOKEN, idsAlert, sample } from '../testkit/harness.js';

let running: RunningServer | null = null;
let db: TestStore | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
  await db?.cleanup();
  db = null;
});

async function start(): Promise<RunningServer> {
  db = await openTestStore();
  const opts = { store: db.store, tokens: [TOKEN], webRoot: null, metrics: false };
  return startServer({ ...opts, host: '127.0.0.1', port: 0 });
}

/** Read server-sent events until `want` events of the given types arrived. */
async function readEvents(
  body: ReadableStream<Uint8Array>,
  want: number,
): Promise<{ event: string; data: unknown }[]> {
  const reader = body.getReader();
  const dec = new TextDecoder();
  let buf = '';
  const out: { event: string; data: unknown }[] = [];
  while (out.length < want) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += dec.decode(value, { stream: true });
    let i: number;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const ev = /^event: (.*)$/m.exec(block);
      const data = /^data: (.*)$/m.exec(block);
      if (ev && data) out.push({ event: ev[1]!, data: JSON.parse(data[1]!) });
    }
  }
  await reader.cancel();
  return out;
}

describe('/api/v1/events', () => {
  test('delivers alerts, samples and scores events after an ingest; closing the server ends the stream', async () => {
    running = await start();
    const res = await fetch(`${running.url}/api/v1/events`, { headers: AUTH });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = readEvents(res.body!, 3);
    const post = (path: string, payload: object) =>
      fetch(`${running!.url}${path}`, {
        method: 'POST',
        headers: { ...AUTH, 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
    expect(
      (
        await post('/api/v1/ingest/alerts', {
          batch_id: 'a',
          node: 'n',
          alerts: [idsAlert(), idsAlert({ seconds: 1700000100 })],
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await post('/api/v1/ingest/samples', {
          batch_id: 's',
          samples: [sample('n', 1700000000), sample('n', 1700000010)],
        })
      ).status,
    ).toBe(200);
    const got = await events;
    expect(got).toEqual([
      { event: 'alerts', data: { count: 2, newest_ts: 1700000100.25 } },
      { event: 'samples', data: { node: 'n', ts: 1700000010 } },
      { event: 'scores', data: { node: 'n', ts: 1700000010, score: expect.any(Number) } },
    ]);
  });

  test('needs the header token; clients are removed when they go away', async () => {
    running = await start();
    expect((await fetch(`${running.url}/api/v1/events`)).status).toBe(401);
    const ac = new AbortController();
    const res = await fetch(`${running.url}/api/v1/events`, { headers: AUTH, signal: ac.signal });
    const metric = async () =>
      /vigil_events_clients (\d+)/.exec(await (await fetch(`${running!.url}/metrics`)).text())?.[1];
    expect(await metric()).toBe('1');
    ac.abort();
    await res.body?.cancel().catch(() => undefined);
    for (let i = 0; i < 50 && (await metric()) !== '0'; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await metric()).toBe('0');
  });

  test('close() ends open streams and returns', async () => {
    running = await start();
    const res = await fetch(`${running.url}/api/v1/events`, { headers: AUTH });
    const reader = res.body!.getReader();
    await reader.read(); // ": connected"
    await running.close();
    running = null;
    let done = false;
    while (!done) done = (await reader.read()).done;
    expect(done).toBe(true);
  });
});
