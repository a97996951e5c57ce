import type { MultivariateSpec, UnivariateSpec } from '../src/anomaly/detector.js';
import { Detectors } from '../src/anomaly/registry.js';

export interface AnomalyBenchResult {
  detector: string;
  pointsPerSec: number;
  kind: 'univariate' | 'multivariate';
}

/** A daily cycle with noise and rare spikes: every detector's work depends on what it sees. */
function series(n: number): { values: Float64Array; times: Float64Array } {
  let x = 12345;
  const rand = () => (x = (x * 16807) % 2147483647) / 2147483647;
  const values = new Float64Array(n);
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    values[i] = 50 + 20 * Math.sin((2 * Math.PI * i) / 288) + 3 * rand() + (rand() < 0.001 ? 60 : 0);
    times[i] = 1_400_000_000_000 + i * 300_000;
  }
  return { values, times };
}

function samples(n: number, dims: number): Float64Array[] {
  let x = 777;
  const rand = () => (x = (x * 16807) % 2147483647) / 2147483647;
  return Array.from({ length: n }, (_, i) =>
    Float64Array.from({ length: dims }, (_, j) => 10 * (j + 1) + 5 * rand() + Math.sin(i / 50)),
  );
}

/** Best of `runs` timed passes of `fn` over `points` points, as points per second. */
function rate(points: number, runs: number, fn: () => void): number {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return points / best;
}

function benchUni(spec: UnivariateSpec, n: number): number {
  const { values, times } = series(n);
  let sink = 0;
  const pps = rate(n, 3, () => {
    const d = spec.create({ seed: 1 });
    for (let i = 0; i < n; i++) sink += d.update(values[i] ?? 0, times[i] ?? 0);
  });
  return sink >= 0 ? pps : 0;
}

function benchMulti(spec: MultivariateSpec, n: number, dims: number): number {
  const rows = samples(n, dims);
  let sink = 0;
  const pps = rate(n, 3, () => {
    const d = spec.create(dims, { seed: 1 });
    for (const r of rows) sink += d.update(r).score;
  });
  return sink >= 0 ? pps : 0;
}

/** Points per second per detector: univariate over one series, multivariate over 24-feature samples. */
export function benchAnomaly(points = 500_000, multiSamples = 100_000): AnomalyBenchResult[] {
  return Object.entries(Detectors).map(([name, spec]) =>
    spec.kind === 'univariate'
      ? { detector: name, kind: 'univariate', pointsPerSec: benchUni(spec, points) }
      : { detector: name, kind: 'multivariate', pointsPerSec: benchMulti(spec, multiSamples, 24) },
  );
}
