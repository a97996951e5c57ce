import { S_LEFT_EDGE, scaledSigmoid } from './sigmoid.js';

/**
 * One file's rows as NAB's sweeper sees them (nab/sweeper.py calcSweepScore): which window each row is in
 * and its unweighted score — inside a window S(y)/S(−1) with y = −(R − i + 1)/W, outside after a window
 * S(|R − i|/(W − 1)), before any window −1. A profile multiplies by tpWeight or fpWeight.
 */
export interface NabRows {
  /** First scored row: min(floor(0.15·N), 750). */
  start: number;
  /** Window index per row (0-based within the file), −1 outside every window. */
  window: Int32Array;
  unweighted: Float64Array;
  windows: number;
}

export function probationaryPeriod(n: number): number {
  return Math.min(Math.floor(0.15 * n), 0.15 * 5000);
}

/** Timestamps are compared on their first 19 characters: labels carry ".000000", data rows do not. */
export function timestampKey(ts: string): string {
  return ts.trim().slice(0, 19);
}

/** Windows as [left, right] row indices; a window edge missing from the data is an error. */
export function windowIndices(
  timestamps: readonly string[],
  windows: readonly (readonly [string, string])[],
): [number, number][] {
  const index = new Map<string, number>();
  timestamps.forEach((t, i) => {
    const k = timestampKey(t);
    if (!index.has(k)) index.set(k, i);
  });
  return windows.map(([l, r]) => {
    const li = index.get(timestampKey(l));
    const ri = index.get(timestampKey(r));
    if (li === undefined || ri === undefined || ri < li)
      throw new Error(`window [${l}, ${r}] does not match the data rows`);
    return [li, ri];
  });
}

export function nabRows(n: number, windows: readonly (readonly [number, number])[]): NabRows {
  const window = new Int32Array(n).fill(-1);
  const unweighted = new Float64Array(n);
  let w = 0;
  let prevRight = -1;
  let prevWidth = 0;
  for (let i = 0; i < n; i++) {
    const cur = windows[w];
    if (cur !== undefined && i >= cur[0] && i <= cur[1]) {
      const width = cur[1] - cur[0] + 1;
      window[i] = w;
      unweighted[i] = scaledSigmoid(-(cur[1] - i + 1) / width) / S_LEFT_EDGE;
      if (i === cur[1]) {
        prevRight = cur[1];
        prevWidth = width;
        w++;
      }
    } else {
      unweighted[i] = prevRight < 0 ? -1 : scaledSigmoid(Math.abs(prevRight - i) / (prevWidth - 1));
    }
  }
  return { start: probationaryPeriod(n), window, unweighted, windows: windows.length };
}
