import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { anomalyFixtures } from '../testkit.js';
import { Detectors } from '../registry.js';
import { loadNabCorpus, type NabFile } from './corpus.js';
import { runNab } from './run.js';

const nabDir = join(anomalyFixtures(), 'nab');

interface Published {
  scores: Record<
    string,
    Record<string, { normalized: number; raw_score_sum: number; TP_rows: number; FP_rows: number }>
  >;
}

let files: NabFile[];
beforeAll(() => {
  const { files: f, diagnostics } = loadNabCorpus(
    join(nabDir, 'data'),
    join(nabDir, 'labels', 'combined_windows.json'),
  );
  expect(diagnostics).toEqual([]);
  files = f;
});

describe('NAB harness on the development subset', () => {
  it('holds the 19 files and 34 windows the corpus README describes', () => {
    expect(files).toHaveLength(19);
    expect(files.reduce((n, f) => n + f.rows.windows, 0)).toBe(34);
  });

  it("reproduces NAB's published windowed-Gaussian scores at its corpus-wide threshold (1.0)", () => {
    const published = (
      JSON.parse(readFileSync(join(nabDir, 'published_subset_scores.json'), 'utf8')) as Published
    ).scores['windowedGaussian'];
    const report = runNab(Detectors['windowed-gaussian'], files, 1, 1.0);
    for (const [profile, r] of Object.entries(report)) {
      const want = published?.[profile];
      expect(want).toBeDefined();
      expect(Math.abs(r.normalized - (want?.normalized ?? NaN))).toBeLessThan(1);
      // Not only within a point: the same rows are detected and the raw total agrees to NAB's rounding.
      expect(r.raw).toBeCloseTo(want?.raw_score_sum ?? NaN, 3);
      expect(r.tpRows).toBe(want?.TP_rows);
      expect(r.fpRows).toBe(want?.FP_rows);
    }
  });

  it('scores the default detector at least 80 (standard profile), reporting all three profiles', () => {
    const report = runNab(Detectors.ensemble, files, 1);
    expect(report.standard.normalized).toBeGreaterThanOrEqual(80);
    expect(report.reward_low_FP_rate.normalized).toBeGreaterThan(70);
    expect(report.reward_low_FN_rate.normalized).toBeGreaterThan(80);
  });
});
