import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FEATURE_NAMES } from '../metrics/features.js';
import { MetricsSampler } from '../metrics/sampler.js';
import { buildEngine } from '../pipeline/build-engine.js';
import { runSingle } from '../pipeline/run-single.js';
import { DEFAULT_EVENT_QUEUE } from '../pipeline/event-queue.js';
import type { IdsConfig } from '../pipeline/ids-config.js';
import { Agent } from './agent.js';
import { IdentitySource } from './identity-source.js';
import { Spool } from './spool.js';
import { Receiver, waitFor } from './testkit-receiver.js';

const ROOT = join(import.meta.dirname, '..', '..');
const PCAP = join(ROOT, 'test', 'fixtures', 'sample', 'traffic-seed1-head.pcap');
const PROC = join(ROOT, 'test', 'fixtures', 'procfs', 'node_exporter', 'proc');
const CFG: IdsConfig = {
  rulePaths: [join(ROOT, 'rules', 'snort3-community')],
  vars: {},
  flow: {},
  eventQueue: DEFAULT_EVENT_QUEUE,
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function makeAgent(
  server: string,
  spoolDir: string,
  opts: { maxBytes?: number; batchItems?: number } = {},
) {
  const built = await buildEngine(CFG);
  const texts = new Map(built.engine.rules.map((r) => [`${r.rule.gid}:${r.rule.sid}`, r.rule.text]));
  const logs: string[] = [];
  const agent = new Agent({
    node: 'node-t',
    intervalMs: 100,
    spool: await Spool.open(spoolDir, opts.maxBytes ?? 64 << 20, 'node-t'),
    ship: { server, token: 'tok', backoffBaseMs: 10, backoffMaxMs: 50 },
    engine: built.engine,
    ids: CFG,
    ruleText: (g, s) => texts.get(`${g}:${s}`) ?? null,
    identity: new IdentitySource(null, () => undefined),
    sampler: new MetricsSampler({ procfs: PROC }),
    capture: null,
    pcap: PCAP,
    log: (m) => logs.push(m),
    ...(opts.batchItems !== undefined ? { batch: { maxItems: opts.batchItems } } : {}),
    statusMs: 0,
  });
  return { agent, logs };
}

const kindOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);

const ROOT_USER = process.getuid?.() === 0;

/** A 256 KiB tmpfs (needs root, as CI runs): a spool disk that really fills up. */
function smallDisk(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-fulldisk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dir], { stdio: 'ignore' });
  cleanups.push(async () => {
    execFileSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

describe('agent', () => {
  it.skipIf(!ROOT_USER)(
    'keeps batches in memory while the spool disk is full (ENOSPC) and delivers them once when it frees',
    async () => {
      const disk = smallDisk();
      const rx = new Receiver();
      const url = await rx.listen();
      cleanups.push(() => rx.close());
      const { agent, logs } = await makeAgent(url, join(disk, 'spool'), { batchItems: 20 });
      // Fill what is left of the disk, so the spool's first write fails for lack of space.
      const filler = join(disk, 'filler');
      writeFileSync(filler, Buffer.alloc(0));
      for (let i = 0; ; i++) {
        try {
          writeFileSync(filler, Buffer.alloc(4096), { flag: 'a' });
        } catch {
          break;
        }
        if (i > 1000) throw new Error('the tmpfs never filled');
      }
      agent.start();
      await agent.replayDone;
      await agent.flush();
      expect(logs.join('\n')).toMatch(/spool: cannot write spool .*ENOSPC/);
      expect(rx.stored.length).toBe(0);
      const waiting = agent.batcher.pending('alerts') + agent.batcher.pending('logs');
      expect(waiting).toBeGreaterThan(0);
      rmSync(filler); // space again: the next flush spools and ships what waited in memory
      const st = await agent.stop(15_000);
      const alerts = rx.stored
        .filter((r) => kindOf(r.path) === 'alerts')
        .flatMap((b) => b.body['alerts'] as unknown[]);
      expect(alerts.length).toBe(st.alerts);
      expect(st.alerts).toBeGreaterThan(0);
      expect(st.droppedInMemory).toEqual({ samples: 0, alerts: 0, logs: 0 });
      expect(st.spool.entries).toBe(0);
      expect(rx.requests.length).toBe(rx.stored.length);
    },
  );

  it('replays a capture and ships every alert, rule text, log record and sample exactly once', async () => {
    const want: number[] = [];
    const b = await buildEngine(CFG);
    await runSingle(PCAP, b.engine, CFG, (a) => want.push(a.sid));

    const rx = new Receiver();
    const url = await rx.listen();
    cleanups.push(() => rx.close());
    const { agent } = await makeAgent(url, mkdtempSync(join(tmpdir(), 'vigil-agent-')), { batchItems: 5 });
    agent.start();
    await agent.replayDone;
    await waitFor(() => rx.stored.filter((r) => kindOf(r.path) === 'samples').length >= 2, 10_000, 'samples');
    const st = await agent.stop(5000);

    const of = (k: string) => rx.stored.filter((r) => kindOf(r.path) === k).map((r) => r.body);
    const alerts = of('alerts').flatMap((b) => b['alerts'] as { sid: number; node: string }[]);
    expect(alerts.map((a) => a.sid).sort()).toEqual([...want].sort());
    expect(alerts.every((a) => a.node === 'node-t')).toBe(true);
    expect(of('alerts').length).toBeGreaterThan(1); // batches cut at 5 items
    const rules = of('alerts').flatMap((b) => b['rules'] as { sid: number; text: string }[]);
    expect(new Set(rules.map((r) => r.sid))).toEqual(new Set(want));
    expect(rules.length).toBe(new Set(want).size); // each rule text sent once
    expect(rules.every((r) => r.text.includes(`sid:${r.sid};`))).toBe(true);
    const conn = of('logs').flatMap((b) => (b['logs'] as { conn?: unknown[] }).conn ?? []);
    expect(conn.length).toBeGreaterThan(0);
    const samples = of('samples').flatMap((b) => b['samples'] as Record<string, unknown>[]);
    expect(samples.length).toBe(st.samples);
    for (const f of FEATURE_NAMES) expect(samples[0]).toHaveProperty(f);
    expect(samples[0]!['node']).toBe('node-t');
    expect(typeof samples[0]!['ts']).toBe('number');
    expect(st.spool.entries).toBe(0);
    expect(rx.requests.length).toBe(rx.stored.length); // nothing was sent twice
  });

  it('spools while the server is down and a new agent resends the spool after a restart', async () => {
    const probe = new Receiver();
    const url = await probe.listen();
    const port = probe.port;
    await probe.close();
    const dir = mkdtempSync(join(tmpdir(), 'vigil-agent-'));
    const first = await makeAgent(url, dir);
    first.agent.start();
    await first.agent.replayDone;
    const st = await first.agent.stop(200);
    expect(st.spool.entries).toBeGreaterThan(0);
    expect(st.shipping.delivered).toBe(0);
    expect(first.logs.join('\n')).toMatch(/ECONNREFUSED/);

    const rx = new Receiver();
    await rx.listen(port);
    cleanups.push(() => rx.close());
    const spooled = st.spool.entries;
    const second = await makeAgent(url, dir);
    // This one replays nothing new of its own before the old batches: they go first, in order.
    second.agent.start();
    await waitFor(() => rx.stored.length >= spooled, 10_000, 'resend');
    await second.agent.stop(5000);
    expect(second.logs.join('\n')).toMatch(/batches from an earlier run, resending/);
    const seqs = rx.stored.map((r) => Number(String(r.body['batch_id']).split(':')[1]));
    expect(seqs.slice(0, spooled)).toEqual([...seqs.slice(0, spooled)].sort((a, b) => a - b));
  });

  it('refuses new batches when the spool is full, keeps them in memory and spools them when room frees', async () => {
    const rx = new Receiver();
    const url = await rx.listen();
    cleanups.push(() => rx.close());
    let open = false;
    rx.respond = (r) => (open ? rx.store(r) : { status: 503, body: { error: 'unavailable' } });
    const { agent, logs } = await makeAgent(url, mkdtempSync(join(tmpdir(), 'vigil-agent-')), {
      maxBytes: 20_000,
      batchItems: 20,
    });
    agent.start();
    await agent.replayDone;
    await agent.flush();
    const st = agent.status();
    expect(st.spool.refused).toBeGreaterThan(0);
    expect(st.spool.bytes).toBeLessThanOrEqual(20_000);
    expect(logs.join('\n')).toMatch(/spool: full/);
    const pending = agent.batcher.pending('alerts') + agent.batcher.pending('logs');
    expect(pending).toBeGreaterThan(0);
    open = true; // the server is back: the spool drains, the waiting items follow
    await agent.stop(15_000);
    const alerts = rx.stored
      .filter((r) => kindOf(r.path) === 'alerts')
      .flatMap((b) => b.body['alerts'] as unknown[]);
    expect(alerts.length).toBe(agent.status().alerts);
    expect(agent.status().droppedInMemory).toEqual({ samples: 0, alerts: 0, logs: 0 });
  });
});
