/**
 * Inclusive range algebra on flat bigint pair lists [lo0, hi0, lo1, hi1, ...]. Parse-time only: bigint keeps
 * IPv4, IPv6 and port arithmetic in one exact representation; detection sees numbers and bytes (ipset.ts).
 */
export type Ranges = bigint[];

/** Sorts and merges overlapping or adjacent ranges. */
export function normalize(r: Ranges): Ranges {
  const n = r.length >> 1;
  if (n <= 1) return r.slice();
  const idx: number[] = [];
  for (let i = 0; i < n; i++) idx.push(i);
  idx.sort((a, b) => {
    const x = r[2 * a]!;
    const y = r[2 * b]!;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const out: Ranges = [];
  for (const i of idx) {
    const lo = r[2 * i]!;
    const hi = r[2 * i + 1]!;
    const last = out.length - 1;
    if (last > 0 && lo <= out[last]! + 1n) {
      if (hi > out[last]!) out[last] = hi;
    } else {
      out.push(lo, hi);
    }
  }
  return out;
}

export function union(a: Ranges, b: Ranges): Ranges {
  return normalize(a.concat(b));
}

/** a minus b; both normalized. */
export function subtract(a: Ranges, b: Ranges): Ranges {
  const out: Ranges = [];
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    let cur = a[i]!;
    const hi = a[i + 1]!;
    while (j < b.length && b[j + 1]! < cur) j += 2;
    let done = false;
    for (let k = j; k < b.length && b[k]! <= hi; k += 2) {
      if (b[k]! > cur) out.push(cur, b[k]! - 1n);
      if (b[k + 1]! >= hi) {
        done = true;
        break;
      }
      if (b[k + 1]! + 1n > cur) cur = b[k + 1]! + 1n;
    }
    if (!done && cur <= hi) out.push(cur, hi);
  }
  return out;
}

export function isFull(r: Ranges, max: bigint): boolean {
  return r.length === 2 && r[0] === 0n && r[1] === max;
}
