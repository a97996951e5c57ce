import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FEATURE_NAMES } from '../metrics/features.js';
import { SUP_PROC, expectedFlat, mergedFixtureProc } from '../metrics/testkit.js';
import { metricsCommand, runMetrics, type MetricsFlags } from './metrics.js';

const merged = mergedFixtureProc();
afterAll(() => rmSync(dirname(merged), { recursive: true, force: true }));

async function run(flags: Partial<MetricsFlags>, env: Record<string, string> = {}, signal?: AbortSignal) {
  let out = '';
  let err = '';
  const code = await runMetrics(
    { format: 'json', ...flags },
    { out: (s) => (out += s), err: (s) => (err += s), env, ...(signal ? { signal } : {}) },
  );
  return { code, out, err };
}

describe('vigil metrics', () => {
  it('--procfs DIR --format json prints one object keyed by the 24 features', async () => {
    const r = await run({ procfs: merged, sysfs: '/nonexistent-sys' });
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toStrictEqual(expectedFlat());
    expect(r.out.trim().split('\n')).toHaveLength(1);
  });

  it('takes the procfs root from HOST_PROC when no flag is given, the flag first otherwise', async () => {
    expect(JSON.parse((await run({}, { HOST_PROC: merged })).out)).toStrictEqual(expectedFlat());
    const r = await run({ procfs: SUP_PROC }, { HOST_PROC: merged });
    expect(JSON.parse(r.out).ipv4_sock_inuse).toBe(1602);
    expect(r.err).toContain('proc_vmstat_unreadable=1');
  });

  it('prints CSV with a header in the dataset column order, null as an empty field', async () => {
    const r = await run({ procfs: merged, format: 'csv' });
    const [header, row, rest] = r.out.split('\n');
    expect(header).toBe(['ts', ...FEATURE_NAMES].join(','));
    const cells = row!.split(',');
    expect(cells).toHaveLength(25);
    expect(cells[1]).toBe('89790.01');
    expect(cells[2]).toBe(''); // disk_av_per
    expect(rest).toBe('');
  });

  it('prints Prometheus exposition with node_exporter names', async () => {
    const r = await run({ procfs: merged, format: 'prometheus' });
    expect(r.out).toContain('# TYPE node_intr_total counter\nnode_intr_total 8.885917e+06\n');
    expect(r.out).toContain('node_cpu_seconds_total{cpu="0",mode="idle"} 10870.69\n');
  });

  it('--watch streams one record per INTERVAL until --count, each with its timestamp', async () => {
    const t0 = Date.now();
    const r = await run({ procfs: merged, watch: true, count: '3' }, { INTERVAL: '0.05' });
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, number>);
    expect(lines).toHaveLength(3);
    expect(Object.keys(lines[0]!)).toEqual(['ts', ...FEATURE_NAMES]);
    expect(lines[2]!['ts']! - lines[0]!['ts']!).toBeGreaterThanOrEqual(90);
    expect(lines[0]!['ts']).toBeGreaterThanOrEqual(t0);
  });

  it('--watch stops cleanly when signalled', async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 100);
    const r = await run({ procfs: merged, watch: true, interval: '3600' }, {}, stop.signal);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toHaveLength(1);
  });

  it('rejects bad usage with exit 64 and a missing procfs root with 74', async () => {
    expect((await run({ procfs: merged, watch: true }, { INTERVAL: 'soon' })).code).toBe(64);
    expect((await run({ procfs: merged, watch: true, count: '0' })).code).toBe(64);
    expect((await run({ procfs: merged, format: 'xml' })).code).toBe(64);
    const r = await run({ procfs: '/nonexistent-proc' });
    expect(r.code).toBe(74);
    expect(r.err).toContain('/nonexistent-proc');
  });

  it('wires its flags through the command factory', async () => {
    let exit = -1;
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const program = new Command('vigil').exitOverride();
      program.addCommand(metricsCommand((c) => (exit = c)).exitOverride());
      await program.parseAsync(['node', 'vigil', 'metrics', '--procfs', merged, '-f', 'json']);
      expect(JSON.parse(write.mock.calls.map((c) => String(c[0])).join(''))).toStrictEqual(expectedFlat());
    } finally {
      write.mockRestore();
    }
    expect(exit).toBe(0);
  });
});
