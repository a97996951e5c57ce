import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FEATURE_NAMES } from './features.js';
import { MetricsSampler } from './sampler.js';
import { NE_PROC, SUP_PROC, expectedFlat, mergedFixtureProc } from './testkit.js';

const merged = mergedFixtureProc();
afterAll(() => rmSync(dirname(merged), { recursive: true, force: true }));

describe('MetricsSampler on the node_exporter fixtures', () => {
  it('gives exactly expected_features.json "flat"', () => {
    const s = new MetricsSampler({ procfs: merged });
    const { features } = s.sample();
    expect(Object.keys(features)).toEqual([...FEATURE_NAMES]);
    expect(features).toStrictEqual(expectedFlat());
    expect(s.events.toJSON()).toEqual({});
    s.close();
  });

  it('gives the same values on a second sample (descriptors re-read from offset 0)', () => {
    const s = new MetricsSampler({ procfs: merged });
    const a = s.sample().features;
    const b = s.sample().features;
    expect(b).toStrictEqual(a);
    s.close();
  });

  it('reports features whose sources are missing as null and counts them', () => {
    const s = new MetricsSampler({ procfs: NE_PROC });
    const f = s.sample().features;
    expect(f.net_receive).toBeNull();
    expect(f.transmit_packets).toBeNull();
    expect(f.lis_conn).toBeNull();
    expect(f.intr).toBe(8885917);
    expect(s.events.get('proc_net_dev_unreadable')).toBe(1);
    expect(s.events.get('proc_net_tcp_unreadable')).toBe(1);
  });

  it('reads the procfs supplement (per-source values from its own snapshot)', () => {
    const s = new MetricsSampler({ procfs: SUP_PROC });
    const f = s.sample().features;
    expect(f.ipv4_sock_inuse).toBe(1602);
    expect(f.net_receive).toBe(2538396851);
    expect(f.lis_conn).toBe(3);
    expect(f.mem_av_per).toBeNull();
    expect(f.mem_pressure).toBeNull();
  });

  it('pairs disk_av_per with this machine only when asked', () => {
    expect(new MetricsSampler({ procfs: merged }).sample().features.disk_av_per).toBeNull();
    const f = new MetricsSampler({ procfs: merged, rootfs: '/' }).sample().features;
    expect(f.disk_av_per).toBeGreaterThan(0);
    expect(f.disk_av_per).toBeLessThanOrEqual(100);
  });

  it('samples this machine with every feature present', () => {
    const s = new MetricsSampler();
    const f = s.sample().features;
    for (const name of FEATURE_NAMES) {
      if (name === 'mem_av_per' && f[name] === null) continue; // kernels before 3.14
      expect(f[name], name).not.toBeNull();
    }
    expect(s.events.toJSON()).toEqual({});
    s.close();
  });
});
