import { describe, expect, it } from 'vitest';
import { nabRows, probationaryPeriod, windowIndices } from './rows.js';
import { S_LEFT_EDGE, scaledSigmoid } from './sigmoid.js';

describe('NAB scaled sigmoid', () => {
  it('matches nab/scorer.py', () => {
    expect(S_LEFT_EDGE).toBeCloseTo(0.98661, 5);
    expect(scaledSigmoid(0)).toBe(0);
    expect(scaledSigmoid(3.0001)).toBe(-1);
    expect(scaledSigmoid(1)).toBeCloseTo(2 / (1 + Math.exp(5)) - 1, 12);
  });
});

describe('NAB rows', () => {
  it('probationary period is min(floor(0.15 N), 750)', () => {
    expect(probationaryPeriod(4032)).toBe(604);
    expect(probationaryPeriod(1127)).toBe(169);
    expect(probationaryPeriod(10000)).toBe(750);
  });

  it('weights rows inside, before and after windows as the sweeper does', () => {
    const r = nabRows(40, [[10, 19]]);
    expect(r.window[9]).toBe(-1);
    expect(r.window[10]).toBe(0);
    expect(r.window[19]).toBe(0);
    expect(r.window[20]).toBe(-1);
    expect(r.unweighted[5]).toBe(-1);
    // Left edge: y = −(19 − 10 + 1)/10 = −1, worth exactly tpWeight.
    expect(r.unweighted[10]).toBeCloseTo(1, 12);
    expect(r.unweighted[19]).toBeCloseTo(scaledSigmoid(-1 / 10) / S_LEFT_EDGE, 12);
    // After the window: y = |19 − i|/(10 − 1).
    expect(r.unweighted[20]).toBeCloseTo(scaledSigmoid(1 / 9), 12);
    expect(r.unweighted[39]).toBeCloseTo(scaledSigmoid(20 / 9), 12);
  });

  it('matches label timestamps with or without fractional seconds', () => {
    const ts = ['2014-01-01 00:00:00', '2014-01-01 00:05:00', '2014-01-01 00:10:00'];
    expect(windowIndices(ts, [['2014-01-01 00:05:00.000000', '2014-01-01 00:10:00.000000']])).toEqual([
      [1, 2],
    ]);
    expect(() => windowIndices(ts, [['2014-01-01 00:06:00', '2014-01-01 00:10:00']])).toThrow(
      /does not match/,
    );
  });
});
