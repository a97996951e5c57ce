import { describe, expect, it } from 'vitest';
import { NODE_FEATURES } from './features.js';
import { NodeScorer } from './node-scorer.js';

describe('NodeScorer', () => {
  it('scores a node sample by sample and names the feature behind a burst', () => {
    const s = new NodeScorer(NODE_FEATURES, { seed: 1 });
    const forks = NODE_FEATURES.indexOf('forks_total');
    let x = 3;
    const rand = () => (x = (x * 16807) % 2147483647) / 2147483647;
    const raw = NODE_FEATURES.map(() => 100);
    let counter = 0;
    const first = s.update(raw, 0);
    expect(first.score).toBe(0);
    let last = first;
    for (let i = 1; i <= 400; i++) {
      const row = NODE_FEATURES.map((_, j) => 100 + 5 * rand() + j);
      counter += i === 400 ? 5000 : 20 + 4 * rand();
      row[forks] = counter;
      last = s.update(row, i * 1000);
      if (i < 400) continue;
    }
    expect(last.score).toBeGreaterThan(0.5);
    expect(last.perFeature[forks]).toBeGreaterThan(0.5);
    expect(last.drivers[0]?.feature).toBe('forks_total');
  });

  it('refuses a multivariate detector where a univariate one is needed', () => {
    expect(() => new NodeScorer(NODE_FEATURES, { univariate: 'mahalanobis' })).toThrow();
  });
});
