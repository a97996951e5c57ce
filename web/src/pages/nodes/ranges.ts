/**
 * The runs of consecutive points where `hit` holds, as [first ts, last ts] pairs — the shaded bands
 * of labelled-attack and above-threshold periods on the charts.
 */
export function runs<T>(
  points: readonly T[],
  ts: (p: T) => number,
  hit: (p: T) => boolean,
): [number, number][] {
  const out: [number, number][] = [];
  let start: number | null = null;
  let last = 0;
  for (const p of points) {
    if (hit(p)) {
      if (start === null) start = ts(p);
      last = ts(p);
    } else if (start !== null) {
      out.push([start, last]);
      start = null;
    }
  }
  if (start !== null) out.push([start, last]);
  return out;
}
