import { describe, expect, it } from 'vitest';
import { chooseWindow } from './window.js';

describe('chooseWindow', () => {
  const now = 1_800_000_000;
  it('ends now when data is recent or absent', () => {
    expect(chooseWindow(now, now - 60, 3600)).toEqual({ from: now - 3600, to: now + 1, anchored: false });
    expect(chooseWindow(now, null, 3600)).toEqual({ from: now - 3600, to: now + 1, anchored: false });
  });
  it('ends at the newest data when it is older than the span, and includes it', () => {
    const latest = now - 90_000.5;
    const w = chooseWindow(now, latest, 86_400);
    expect(w.anchored).toBe(true);
    expect(w.from).toBeLessThanOrEqual(latest);
    expect(w.to).toBeGreaterThan(latest);
    expect(w.to - w.from).toBe(86_400);
  });
});
