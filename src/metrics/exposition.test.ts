import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatExposition } from './exposition.js';
import { MetricsSampler } from './sampler.js';
import { FIXTURES, mergedFixtureProc } from './testkit.js';

const merged = mergedFixtureProc();
afterAll(() => rmSync(dirname(merged), { recursive: true, force: true }));

describe('formatExposition', () => {
  it("reproduces node_exporter's e2e-output.txt lines for the features' metrics", () => {
    const s = new MetricsSampler({ procfs: merged });
    s.read();
    const ours = new Set(formatExposition(s.state, 4096).split('\n'));
    const golden = readFileSync(join(FIXTURES, 'node_exporter', 'e2e-output.subset.txt'), 'utf8')
      .trim()
      .split('\n');
    expect(golden.length).toBeGreaterThan(90);
    const missing = golden.filter((l) => !ours.has(l));
    expect(missing).toEqual([]);
  });

  it('exports the devices node_exporter exports, and per-interface network counters', () => {
    const s = new MetricsSampler({ procfs: merged });
    s.read();
    const text = formatExposition(s.state, 4096);
    expect(text).toContain('node_disk_read_bytes_total{device="dm-0"} 5.13708655616e+11');
    expect(text).not.toMatch(/device="(sda1|loop0|ram0|fd0|nvme0n1p1)"/);
    expect(text).toContain('node_network_receive_bytes_total{device="lo"} 1.664039048e+09');
    expect(text).toContain('node_network_transmit_packets_total{device="eth0"} 732147');
    expect(text).toContain('node_tcp_connection_states{state="listen"} 3');
    // MemAvailable is absent in this snapshot: no series rather than a made-up one.
    expect(text).not.toContain('node_memory_MemAvailable_bytes');
    expect(text).not.toContain('node_filesystem_avail_bytes');
  });

  it('writes every series as a valid exposition line under its own HELP and TYPE', () => {
    const s = new MetricsSampler();
    s.read();
    let current = '';
    for (const line of formatExposition(s.state, s.pageSize).trimEnd().split('\n')) {
      const help = /^# HELP (\w+) /.exec(line);
      if (help) current = help[1]!;
      else if (!line.startsWith('# TYPE ')) {
        expect(line).toMatch(/^(\w+)(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? [-+0-9.e]+$/);
        expect(line.startsWith(current)).toBe(true);
      }
    }
    s.close();
  });
});
