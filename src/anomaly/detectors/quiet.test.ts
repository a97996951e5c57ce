import { describe, expect, it } from 'vitest';
import { Quiet } from './quiet.js';

describe('Quiet', () => {
  it('reports one alert per event, lets a bigger one through, and re-arms after the rest', () => {
    const q = new Quiet({ update: () => 0 }, 3, 0.5);
    const out = [0.9, 0.8, 0.95, 0.2, 0.1, 0.1, 0.1, 0.7].map((s) => q.shape(s));
    expect(out).toEqual([0.9, 0, 0.95, 0, 0, 0, 0.1, 0.7]);
  });
});
