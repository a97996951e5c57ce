import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../core/package-root.js';
import { MetricsSampler } from './sampler.js';
import { loadSockDiag } from './sock-diag.js';

const diag = loadSockDiag();
// CI builds the helper (VIGIL_REQUIRE_NATIVE=1 in .ci/run): there a missing helper fails instead of skipping.
const skip = diag.helper === null && process.env['CI'] !== 'true';
const isRoot = process.getuid?.() === 0;

describe.skipIf(skip)(`lis_conn by netlink sock_diag (${diag.why})`, () => {
  it('is built and answers', () => {
    expect(diag.helper, diag.why).not.toBeNull();
    expect(diag.helper!.tcpListeners()).toBeGreaterThanOrEqual(0);
  });

  it('counts what /proc/net/tcp{,6} count (retried while other tests open and close listeners)', () => {
    const live = new MetricsSampler();
    const tables = new MetricsSampler({ listeners: 'procfs' });
    expect(live.listenerSource).toBe('netlink sock_diag');
    expect(tables.listenerSource).toMatch(/^\/proc\/net\/tcp/);
    let seen: number[] = [];
    for (let i = 0; i < 50; i++) {
      seen = [live.sample(), tables.sample(), live.sample()].map((s) => s.features.lis_conn ?? -1);
      if (seen[0] === seen[1] && seen[1] === seen[2]) break;
    }
    live.close();
    tables.close();
    expect(seen[0]).toBe(seen[1]);
    expect(seen[1]).toBe(seen[2]);
    expect(live.events.get('sock_diag_failed')).toBe(0);
  });

  // A fresh network namespace holds only the listeners we open: IPv4 and IPv6, wildcard and loopback, plus
  // one connected pair (its sockets are ESTABLISHED, not LISTEN, and must not count).
  it.skipIf(!isRoot)('counts exactly the listeners of its network namespace', () => {
    const helper = join(packageRoot(), 'native', 'build', 'Release', 'vigil_sock_diag.node');
    const script = `
      const net = require('node:net');
      const d = require(${JSON.stringify(helper)});
      const listen = (host) => new Promise((ok) => { const s = net.createServer(); s.listen(0, host, () => ok(s)); });
      (async () => {
        const before = d.tcpListeners();
        const v4 = await listen('0.0.0.0');
        await listen('::');
        await listen('127.0.0.1');
        const c = net.connect(v4.address().port, '127.0.0.1');
        await new Promise((ok) => c.on('connect', ok));
        console.log(JSON.stringify([before, d.tcpListeners()]));
        process.exit(0);
      })();`;
    const r = spawnSync(
      'unshare',
      ['-n', 'sh', '-c', `ip link set lo up && "${process.execPath}" -e "$0"`, script],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([0, 3]);
  });
});

describe('lis_conn source choice', () => {
  it('never uses the helper for a procfs root that is not this process /proc', () => {
    const s = new MetricsSampler({ procfs: '/nonexistent/proc', rootfs: null });
    expect(s.listenerSource).toMatch(/is not a live procfs of this network namespace/);
    expect(s.sample().features.lis_conn).toBeNull();
    s.close();
  });

  it.skipIf(diag.helper === null)('uses it for another view of the live procfs (HOST_PROC)', () => {
    // A host procfs mounted in a hostNetwork container: its self/ns/net is this process's namespace.
    const dir = mkdtempSync(join(tmpdir(), 'vigil-hostproc-'));
    try {
      for (const f of readdirSync('/proc')) if (!/^\d+$/.test(f)) symlinkSync(join('/proc', f), join(dir, f));
      const s = new MetricsSampler({ procfs: dir, rootfs: null });
      expect(s.listenerSource).toBe('netlink sock_diag');
      expect(s.sample().features.lis_conn).toBeGreaterThanOrEqual(0);
      s.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
