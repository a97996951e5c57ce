/**
 * Square bit matrices for the large-cluster summary: row `r`, column `c` is bit `c & 31` of word
 * `r * words + (c >>> 5)`. Rows are ORed a word at a time; a transpose works on 32×32 blocks.
 */
export class BitMatrix {
  readonly words: number;
  readonly bits: Uint32Array;
  /** Mask of the valid columns in a row's last word. */
  readonly tail: number;

  constructor(readonly n: number) {
    this.words = (n + 31) >>> 5;
    this.bits = new Uint32Array(n * this.words);
    this.tail = n % 32 === 0 ? 0xffffffff : ((1 << (n % 32)) - 1) >>> 0;
  }

  get(row: number, col: number): boolean {
    return ((this.bits[row * this.words + (col >>> 5)]! >>> (col & 31)) & 1) === 1;
  }

  set(row: number, col: number): void {
    this.bits[row * this.words + (col >>> 5)]! |= 1 << (col & 31);
  }

  clear(): void {
    this.bits.fill(0);
  }

  fillRow(row: number): void {
    const o = row * this.words;
    this.bits.fill(0xffffffff, o, o + this.words);
    this.bits[o + this.words - 1] = this.tail;
  }

  /** Row `row` |= `src` (a row-sized bit set). */
  orRow(row: number, src: Uint32Array): void {
    const o = row * this.words;
    const b = this.bits;
    for (let k = 0; k < this.words; k++) b[o + k]! |= src[k]!;
  }

  /** Writes the transpose of this matrix into `out` (same size). */
  transposeInto(out: BitMatrix): void {
    const W = this.words;
    const n = this.n;
    const block = new Uint32Array(32);
    for (let rb = 0; rb < W; rb++)
      for (let cb = 0; cb < W; cb++) {
        for (let i = 0; i < 32; i++) {
          const r = rb * 32 + i;
          block[i] = r < n ? this.bits[r * W + cb]! : 0;
        }
        transpose32(block);
        for (let j = 0; j < 32; j++) {
          const r = cb * 32 + j;
          if (r < n) out.bits[r * W + rb] = block[j]!;
        }
      }
  }
}

/** In-place transpose of a 32×32 bit block (`a[i]` bit `j` ↔ `a[j]` bit `i`), by halving swaps. */
export function transpose32(a: Uint32Array): void {
  let m = 0x0000ffff;
  for (let j = 16; j !== 0; j >>>= 1, m = (m ^ (m << j)) >>> 0)
    for (let k = 0; k < 32; k = (k + j + 1) & ~j) {
      const t = ((a[k]! >>> j) ^ a[k + j]!) & m;
      a[k]! ^= t << j;
      a[k + j]! ^= t;
    }
}

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** A row-sized bit set with the given columns. */
export function bitRow(words: number, cols: Iterable<number>): Uint32Array {
  const row = new Uint32Array(words);
  for (const c of cols) row[c >>> 5]! |= 1 << (c & 31);
  return row;
}
