import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anomalyFixtures } from '../anomaly/testkit.js';
import { anomalyCommand, runAnomalyNab, runAnomalyScore, type AnomalyIo } from './anomaly.js';

const fx = anomalyFixtures();
const nab = join(fx, 'nab');
const tmp = mkdtempSync(join(tmpdir(), 'vigil-anomaly-'));

function io(): AnomalyIo & { stdout: string; stderr: string } {
  const r = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (r.stdout += t),
    err: (t: string) => void (r.stderr += t),
  };
  return r;
}

describe('vigil anomaly score', () => {
  it('writes the input rows plus anomaly_score in [0,1] for a NAB series', () => {
    const input = join(nab, 'data', 'realTraffic', 'speed_7578.csv');
    const out = join(tmp, 'speed.csv');
    expect(runAnomalyScore({ in: input, out }, io())).toBe(0);
    const src = readFileSync(input, 'utf8').trim().split('\n');
    const got = readFileSync(out, 'utf8').trim().split('\n');
    expect(got).toHaveLength(src.length);
    expect(got[0]).toBe('timestamp,value,anomaly_score');
    for (let i = 1; i < got.length; i++) {
      const cells = (got[i] ?? '').split(',');
      expect(cells.slice(0, 2).join(',')).toBe(src[i]);
      const s = Number(cells[2]);
      expect(s >= 0 && s <= 1).toBe(true);
    }
  });

  it('scores a samples CSV of the 24 features, naming drivers on request', () => {
    const o = io();
    expect(runAnomalyScore({ in: join(fx, 'node-dataset.csv'), drivers: true }, o)).toBe(0);
    const lines = o.stdout.trim().split('\n');
    expect(lines[0]?.endsWith(',attack,phase,anomaly_score,anomaly_drivers')).toBe(true);
    expect(lines).toHaveLength(342);
    expect(lines.some((l) => /,\S*(forks_total|cpu_sec_idle|disk_write|intr|net_receive)/.test(l))).toBe(
      true,
    );
  });

  it('reports a malformed row as file:line:col and exits 65', () => {
    const bad = join(tmp, 'bad.csv');
    writeFileSync(
      bad,
      'timestamp,value\n2014-01-01 00:00:00,1\n2014-01-01 00:05:00,abc\n2014-01-01 00:10:00,2,3\n',
    );
    const o = io();
    expect(runAnomalyScore({ in: bad }, o)).toBe(65);
    expect(o.stderr).toContain(`${bad}:3:21: error: value: not a number: "abc"`);
    expect(o.stderr).toContain(`${bad}:4:1: error: expected 2 fields, found 3`);
  });

  it('maps usage and I/O errors to 64 and 74', () => {
    expect(
      runAnomalyScore({ in: join(nab, 'data', 'realTraffic', 'speed_7578.csv'), detector: 'nope' }, io()),
    ).toBe(64);
    expect(
      runAnomalyScore(
        { in: join(nab, 'data', 'realTraffic', 'speed_7578.csv'), detector: 'mahalanobis' },
        io(),
      ),
    ).toBe(64);
    expect(runAnomalyScore({ in: join(tmp, 'missing.csv') }, io())).toBe(74);
  });
});

describe('vigil anomaly nab', () => {
  const labels = join(nab, 'labels', 'combined_windows.json');

  it('prints exactly the three profile scores as JSON', () => {
    const o = io();
    expect(
      runAnomalyNab(
        { data: join(nab, 'data'), labels, detector: 'windowed-gaussian', threshold: '1', format: 'json' },
        o,
      ),
    ).toBe(0);
    const r = JSON.parse(o.stdout) as Record<string, number>;
    expect(Object.keys(r)).toEqual(['standard', 'reward_low_FP_rate', 'reward_low_FN_rate']);
    expect(r['standard']).toBeCloseTo(50.4, 0);
    expect(r['reward_low_FP_rate']).toBeCloseTo(45.5, 0);
    expect(r['reward_low_FN_rate']).toBeCloseTo(53.2, 0);
  });

  it('runs from a commander program built from the factory', async () => {
    let code = -1;
    const cmd = anomalyCommand((c) => (code = c));
    const write = process.stdout.write.bind(process.stdout);
    let printed = '';
    process.stdout.write = ((t: string) => ((printed += t), true)) as typeof process.stdout.write;
    try {
      await cmd.parseAsync(
        ['nab', '--data', join(nab, 'data', 'realTraffic'), '--labels', labels, '--detector', 'zscore'],
        { from: 'user' },
      );
    } finally {
      process.stdout.write = write;
    }
    expect(code).toBe(0);
    expect(Object.keys(JSON.parse(printed) as object)).toEqual([
      'standard',
      'reward_low_FP_rate',
      'reward_low_FN_rate',
    ]);
  });
});
