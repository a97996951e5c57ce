/**
 * `vigil up --pcap` end to end: one process with the embedded store, the server and the agent. The alerts it
 * stores are those `vigil ids -A json` prints for the same capture and rules; this machine appears as a node
 * with samples; SIGTERM drains and exits 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, jsonLines, ROOT, vigil } from './run-cli.js';
import { freePort, sleep, until as untilFor } from '../support/net.js';

const PCAP = join(FIXTURES, 'sample', 'traffic-seed1-head.pcap');
const RULES = join(ROOT, 'rules', 'snort3-community');

/** The built CLI running `vigil up`. */
function upArgv(args: string[]): string[] {
  if (!existsSync(join(ROOT, 'dist', 'src', 'cli', 'main.js')))
    throw new Error('dist/ is not built: run npm run build');
  return [join(ROOT, 'bin', 'vigil.js'), 'up', ...args];
}

let log = '';

const until = <T>(what: string, fn: () => Promise<T | undefined> | T | undefined, ms = 120_000) =>
  untilFor(what, fn, ms, () => log);

describe('vigil up --pcap', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'vigil-up-')), 'data');
  let child: ChildProcess | null = null;

  afterAll(() => {
    if (child !== null && child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores the alerts vigil ids gives, shows this node with samples, and exits 0 on SIGTERM', async () => {
    const ids = vigil(['ids', '-r', PCAP, '-R', RULES, '-A', 'json', '-q']);
    expect(ids.status, ids.stderr).toBe(0);
    const want = jsonLines(ids.stdout);
    expect(want.length).toBeGreaterThan(0);

    const port = await freePort();
    const env = { ...process.env };
    delete env['NODE_NAME'];
    child = spawn(
      process.execPath,
      upArgv(['--pcap', PCAP, '--data-dir', dataDir, '--port', String(port), '--interval', '1']),
      { stdio: ['ignore', 'pipe', 'pipe'], env },
    );
    child.stdout!.on('data', (b: Buffer) => (log += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (log += b.toString()));
    const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));

    const banner = await until('the banner', async () => /Vigil is up: (\S+)/.exec(log) ?? undefined);
    expect(banner[1]).toBe(`http://127.0.0.1:${port}/`);
    expect(log).toContain(`(token in ${join(dataDir, 'token')})`);
    const tokenFile = join(dataDir, 'token');
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    const token = readFileSync(tokenFile, 'utf8').trim();
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    const get = async (path: string) => {
      const r = await fetch(`http://127.0.0.1:${port}${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
      return (await r.json()) as Record<string, unknown>;
    };

    await until('every alert stored', async () =>
      (await get('/api/v1/alerts?limit=1'))['total'] === want.length ? true : undefined,
    );
    const got = (await get('/api/v1/alerts?limit=1000'))['items'] as Record<string, unknown>[];
    const key = (a: Record<string, unknown>) =>
      `${String(a['sid'])} ${String(a['src_ap'])} ${String(a['dst_ap'])} ${String(a['pkt_num'])}`;
    expect(got.map(key).sort()).toEqual(want.map(key).sort());
    expect(got.every((a) => a['node'] === hostname())).toBe(true);

    const node = await until('this node with samples', async () => {
      const items = (await get('/api/v1/nodes'))['items'] as { node: string; samples: number }[];
      return items.find((n) => n.node === hostname() && n.samples >= 2);
    });
    expect(node.samples).toBeGreaterThanOrEqual(2);
    // After the replay it keeps serving and sampling.
    await sleep(2500);
    const later = ((await get('/api/v1/nodes'))['items'] as { node: string; samples: number }[]).find(
      (n) => n.node === hostname(),
    );
    expect(later!.samples).toBeGreaterThan(node.samples);

    child.kill('SIGTERM');
    expect(await exited, log).toBe(0);
    expect(log).toMatch(/SIGTERM: draining/);
  }, 240_000);
});
