import { describe, expect, it } from 'vitest';
import { COUNTER_FEATURES, FeatureRates, NODE_FEATURES } from './features.js';

describe('FeatureRates', () => {
  it('turns counters into per-second rates, passes gauges through, and treats a reset as 0', () => {
    const r = new FeatureRates(['forks_total', 'load1']);
    expect(r.update([100, 0.5], 0)).toBeNull();
    expect(Array.from(r.update([110, 0.7], 2000) ?? [])).toEqual([5, 0.7]);
    expect(Array.from(r.update([3, 0.7], 3000) ?? [])).toEqual([0, 0.7]);
  });

  it('knows the 24 features and which are counters', () => {
    expect(NODE_FEATURES).toHaveLength(24);
    expect(COUNTER_FEATURES.size).toBe(10);
    for (const c of COUNTER_FEATURES) expect(NODE_FEATURES).toContain(c);
  });
});
