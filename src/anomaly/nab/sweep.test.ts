import { describe, expect, it } from 'vitest';
import { NabProfiles } from './profiles.js';
import { nabRows } from './rows.js';
import { nabScore } from './sweep.js';

const rows = nabRows(100, [[50, 59]]);
const std = NabProfiles.standard;

function scores(hits: Record<number, number>): Float64Array {
  const s = new Float64Array(100);
  for (const [i, v] of Object.entries(hits)) s[Number(i)] = v;
  return s;
}

describe('nabScore', () => {
  it('scores the null detector 0 and a left-edge detection 100', () => {
    expect(nabScore([{ rows, scores: scores({}) }], std).normalized).toBeCloseTo(0, 9);
    expect(nabScore([{ rows, scores: scores({ 50: 1 }) }], std).normalized).toBeCloseTo(100, 9);
  });

  it('counts only the earliest detection in a window and charges FPs by position', () => {
    const r = nabScore([{ rows, scores: scores({ 55: 1, 56: 1, 20: 1 }) }], std, 0.5);
    const tp = rows.unweighted[55] ?? 0;
    expect(r.raw).toBeCloseTo(tp - 0.11, 12);
    expect(r.tpRows).toBe(2);
    expect(r.fpRows).toBe(1);
    expect(r.windowsDetected).toBe(1);
  });

  it('sweeps to the threshold that maximises the corpus total', () => {
    // A high FP before the window and a lower true detection: the best threshold keeps the FP out only
    // if that is worth more than the detection (it is not: 1 − 0.11 > 0).
    const r = nabScore([{ rows, scores: scores({ 20: 0.9, 50: 0.6 }) }], std);
    expect(r.threshold).toBe(0.6);
    expect(r.raw).toBeCloseTo(1 - 0.11, 9);
    const lowFp = nabScore(
      [{ rows, scores: scores({ 20: 0.9, 21: 0.9, 22: 0.9, 50: 0.6 }) }],
      NabProfiles.reward_low_FP_rate,
    );
    expect(lowFp.raw).toBeCloseTo(1 - 3 * 0.22, 9);
  });

  it('ignores rows in the probationary period', () => {
    const r = nabScore([{ rows, scores: scores({ 3: 1 }) }], std, 0.5);
    expect(r.fpRows).toBe(0);
  });
});
