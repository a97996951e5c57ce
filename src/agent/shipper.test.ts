import { existsSync, mkdtempSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Shipper, classify } from './shipper.js';
import { Spool } from './spool.js';
import { Receiver, waitFor } from './testkit-receiver.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup(n: number, server?: string) {
  const rx = new Receiver();
  const url = server ?? (await rx.listen());
  const spool = await Spool.open(mkdtempSync(join(tmpdir(), 'vigil-ship-')), 1 << 20, 'n1');
  for (let i = 0; i < n; i++) await spool.put('samples', { samples: [{ i }] });
  const logs: string[] = [];
  const shipper = new Shipper(spool, {
    server: url,
    token: 't0ken',
    backoffBaseMs: 10,
    backoffMaxMs: 40,
    authRetryMs: 30,
    timeoutMs: 2000,
    log: (m) => logs.push(m),
  });
  cleanups.push(async () => {
    await shipper.stop();
    await rx.close();
  });
  return { rx, spool, shipper, logs };
}

const order = (rx: Receiver) => rx.stored.map((r) => (r.body['samples'] as { i: number }[])[0]!.i);

describe('shipper', () => {
  it('delivers in order to the kind route with the bearer token, deleting each batch after 2xx', async () => {
    const { rx, spool, shipper } = await setup(3);
    shipper.start();
    await waitFor(() => spool.size === 0);
    expect(order(rx)).toEqual([0, 1, 2]);
    expect(rx.requests.every((r) => r.path === '/api/v1/ingest/samples' && r.auth === 'Bearer t0ken')).toBe(
      true,
    );
    expect(shipper.stats.delivered).toBe(3);
  });

  it('keeps batches through 503s and retries them in order with back-off', async () => {
    const { rx, spool, shipper, logs } = await setup(2);
    let fails = 3;
    rx.respond = (r) => (fails-- > 0 ? { status: 503, body: { error: 'unavailable' } } : rx.store(r));
    shipper.start();
    await waitFor(() => spool.size === 0);
    expect(order(rx)).toEqual([0, 1]);
    expect(rx.requests.length).toBe(5);
    expect(shipper.stats.failures).toBe(3);
    expect(logs.some((l) => l.includes('HTTP 503'))).toBe(true);
  });

  it('retries while the server is unreachable and delivers once it listens', async () => {
    const probe = new Receiver();
    const url = await probe.listen();
    const port = probe.port;
    await probe.close(); // nothing listens there now: connection refused
    const { rx, spool, shipper, logs } = await setup(2, url);
    shipper.start();
    await waitFor(() => shipper.stats.failures >= 2);
    expect(spool.size).toBe(2);
    expect(logs.join('\n')).toMatch(/cannot reach server: ECONNREFUSED/);
    await rx.listen(port);
    await waitFor(() => spool.size === 0);
    expect(order(rx)).toEqual([0, 1]);
  });

  it('moves a batch answered 400 to rejected/ and goes on with the next', async () => {
    const { rx, spool, shipper, logs } = await setup(2);
    rx.respond = (r) =>
      (r.body['samples'] as { i: number }[])[0]!.i === 0
        ? { status: 400, body: { error: 'bad_request', message: 'samples/0/ts must be number' } }
        : rx.store(r);
    shipper.start();
    await waitFor(() => spool.size === 0);
    expect(order(rx)).toEqual([1]);
    expect(shipper.stats.rejected).toBe(1);
    expect(existsSync(join(spool.dir, 'rejected', '000000000001.samples.json'))).toBe(true);
    expect(logs.join('\n')).toMatch(/rejected batch 000000000001.samples.json as malformed .*samples\/0\/ts/);
  });

  it('says "token rejected" once on 401, keeps the spool and delivers when the token is accepted', async () => {
    const { rx, spool, shipper, logs } = await setup(2);
    let accept = false;
    rx.respond = (r) => (accept ? rx.store(r) : { status: 401, body: { error: 'unauthorized' } });
    shipper.start();
    await waitFor(() => rx.requests.length >= 3);
    expect(spool.size).toBe(2);
    expect(shipper.stats.unauthorized).toBe(true);
    expect(logs.filter((l) => l.includes('token rejected')).length).toBe(1);
    accept = true;
    await waitFor(() => spool.size === 0);
    expect(order(rx)).toEqual([0, 1]);
    expect(shipper.stats.unauthorized).toBe(false);
  });

  it('counts a duplicate answer as delivered', async () => {
    const { rx, spool, shipper } = await setup(1);
    const body = JSON.parse(await spool.read(spool.first()!)) as Record<string, unknown>;
    rx.store({ path: '', auth: undefined, body }); // the server stored it before: an earlier try whose answer was lost
    shipper.start();
    await waitFor(() => spool.size === 0);
    expect(shipper.stats.duplicates).toBe(1);
    expect(rx.stored.length).toBe(1);
  });

  it('skips a batch whose file was deleted by hand instead of blocking the ones behind it', async () => {
    const { rx, spool, shipper, logs } = await setup(2);
    unlinkSync(join(spool.dir, spool.first()!.name));
    shipper.start();
    await waitFor(() => spool.size === 0);
    expect(order(rx)).toEqual([1]);
    expect(logs.join('\n')).toMatch(/cannot read spooled batch 000000000001.samples.json/);
  });

  it('drain gives up at its deadline and leaves the spool for the next start', async () => {
    const { rx, spool, shipper } = await setup(2);
    rx.respond = () => ({ status: 503, body: {} });
    const t0 = Date.now();
    expect(await shipper.drain(300)).toBe(false);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(spool.size).toBe(2);
  });
});

describe('answer classification', () => {
  it('follows docs/api.md', () => {
    expect(classify(200, '{"accepted":3,"duplicate":false}')).toEqual({
      kind: 'delivered',
      duplicate: false,
    });
    expect(classify(200, '{"accepted":0,"duplicate":true}')).toEqual({ kind: 'delivered', duplicate: true });
    expect(classify(413, 'too large').kind).toBe('rejected');
    expect(classify(403, '').kind).toBe('unauthorized');
    expect(classify(500, '').kind).toBe('retry');
    expect(classify(404, '').kind).toBe('retry');
  });
});
