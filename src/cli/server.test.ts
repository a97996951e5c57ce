import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseListen, runServer, type ServerFlags } from './server.js';

const base = (dir: string): ServerFlags => ({ listen: '127.0.0.1:0', dataDir: dir, retentionDays: '30' });

describe('vigil server', () => {
  test('--listen parsing', () => {
    expect(parseListen('0.0.0.0:7700')).toEqual({ host: '0.0.0.0', port: 7700 });
    expect(parseListen('[::1]:80')).toEqual({ host: '::1', port: 80 });
    expect(() => parseListen('7700')).toThrow(/HOST:PORT/);
    expect(() => parseListen('h:99999')).toThrow(/HOST:PORT/);
  });

  test('refuses to start without a token (exit 78)', async () => {
    const out: string[] = [];
    const code = await runServer(
      base(mkdtempSync(join(tmpdir(), 'vigil-srv-'))),
      {},
      (s) => out.push(s),
      Promise.resolve(),
    );
    expect(code).toBe(78);
    expect(out.join('')).toMatch(/no API token/);
  });

  test('bad flags are usage errors (exit 64)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-srv-'));
    const env = { VIGIL_TOKENS: 't' };
    expect(await runServer({ ...base(dir), retentionDays: '0' }, env, () => {}, Promise.resolve())).toBe(64);
    expect(await runServer({ ...base(dir), listen: 'nope' }, env, () => {}, Promise.resolve())).toBe(64);
  });

  test('an unreachable database is an I/O error (exit 74)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-srv-'));
    const out: string[] = [];
    const f = { ...base(dir), databaseUrl: 'postgres://postgres@127.0.0.1:1/test' };
    expect(await runServer(f, { VIGIL_TOKENS: 't' }, (s) => out.push(s), Promise.resolve())).toBe(74);
    expect(out.join('')).toMatch(/unavailable|ECONNREFUSED|connect/i);
  });

  test('serves on PGlite with a token file, prints the URL, stops cleanly (exit 0)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-srv-'));
    const tokenFile = join(dir, 'tokens');
    writeFileSync(tokenFile, '# test\nfile-token\n');
    const out: string[] = [];
    let stop: () => void = () => {};
    const stopped = new Promise<void>((r) => (stop = r));
    const env = { VIGIL_LOG_LEVEL: 'silent' };
    const done = runServer({ ...base(dir), tokenFile, webRoot: dir }, env, (s) => out.push(s), stopped);
    for (let i = 0; i < 600 && !out.join('').includes('listening'); i++)
      await new Promise((r) => setTimeout(r, 50));
    const url = /listening on (\S+)/.exec(out.join(''))?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const r = await fetch(`${url}/api/v1/nodes`, { headers: { authorization: 'Bearer file-token' } });
    expect(await r.json()).toEqual({ items: [] });
    stop();
    expect(await done).toBe(0);
  });
});
