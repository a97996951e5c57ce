/**
 * Sets of integers as sorted, disjoint, non-adjacent closed intervals `[lo, hi]`. Used for ports
 * (1..65535) and IPv4 addresses (0..2^32-1); values stay below 2^53, so plain numbers are exact.
 * Every function returns a new normalized array and never mutates its inputs.
 */
export type Interval = readonly [number, number];
export type IntervalSet = readonly Interval[];

export const EMPTY: IntervalSet = [];

/** Sorts and merges overlapping or adjacent intervals; drops inverted ones. */
export function normalize(list: readonly Interval[]): IntervalSet {
  const sorted = list.filter(([lo, hi]) => lo <= hi).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

export function union(a: IntervalSet, b: IntervalSet): IntervalSet {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  return normalize([...a, ...b]);
}

export function intersect(a: IntervalSet, b: IntervalSet): IntervalSet {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const lo = Math.max(x[0], y[0]);
    const hi = Math.min(x[1], y[1]);
    if (lo <= hi) out.push([lo, hi]);
    if (x[1] < y[1]) i++;
    else j++;
  }
  return out;
}

export function subtract(a: IntervalSet, b: IntervalSet): IntervalSet {
  const out: Interval[] = [];
  let j = 0;
  for (const [lo0, hi] of a) {
    let lo = lo0;
    while (j < b.length && b[j]![1] < lo) j++;
    let k = j;
    while (k < b.length && b[k]![0] <= hi && lo <= hi) {
      const [blo, bhi] = b[k]!;
      if (blo > lo) out.push([lo, blo - 1]);
      lo = Math.max(lo, bhi + 1);
      k++;
    }
    if (lo <= hi) out.push([lo, hi]);
  }
  return out;
}

export function contains(set: IntervalSet, v: number): boolean {
  let lo = 0;
  let hi = set.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = set[mid]!;
    if (v < r[0]) hi = mid - 1;
    else if (v > r[1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** True when every element of `a` is in `b`. */
export function isSubset(a: IntervalSet, b: IntervalSet): boolean {
  return subtract(a, b).length === 0;
}

export function equals(a: IntervalSet, b: IntervalSet): boolean {
  return a.length === b.length && a.every((r, i) => r[0] === b[i]![0] && r[1] === b[i]![1]);
}

/**
 * Splits `[min, max]` at every boundary of the given intervals: the coarsest partition in which each
 * input interval is a union of parts (how netpol-analyzer cuts the address space into peers).
 */
export function partition(min: number, max: number, cuts: readonly Interval[]): IntervalSet {
  const starts = new Set<number>([min]);
  for (const [lo, hi] of cuts) {
    if (lo > min && lo <= max) starts.add(lo);
    if (hi + 1 > min && hi + 1 <= max) starts.add(hi + 1);
  }
  const s = [...starts].sort((a, b) => a - b);
  return s.map((lo, i) => [lo, i + 1 < s.length ? s[i + 1]! - 1 : max] as const);
}
