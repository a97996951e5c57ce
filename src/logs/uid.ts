const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const TWO32 = 0x1_0000_0000;

/**
 * Base 62 of the 64-bit value hi·2^32 + lo, least significant digit first (Zeek's `uitoa_n`, which does
 * not reverse its digits). Long division on two 32-bit limbs keeps every step below 2^53.
 */
export function base62(hi: number, lo: number): string {
  let h = hi >>> 0;
  let l = lo >>> 0;
  let out = '';
  do {
    const rh = h % 62;
    h = Math.floor(h / 62);
    const x = rh * TWO32 + l;
    l = Math.floor(x / 62);
    out += DIGITS[x % 62];
  } while (h !== 0 || l !== 0);
  return out;
}

/**
 * Zeek-style connection uids (`C` + base62 of 96 random bits), from a seeded generator so runs are
 * reproducible (Zeek itself is deterministic under a fixed seed). xoshiro128** seeded by splitmix32.
 */
export class UidGenerator {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed = 0) {
    let x = seed >>> 0;
    const next = () => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }

  private u32(): number {
    const r = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return r;
  }

  /** Next uid with prefix `C` (connections); Zeek uses `F` for files. */
  next(prefix = 'C'): string {
    const hi = this.u32();
    const lo = this.u32();
    const w2 = this.u32();
    return prefix + base62(hi, lo) + base62(0, w2);
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
