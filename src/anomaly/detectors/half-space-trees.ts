import {
  unit,
  type MultivariateDetector,
  type MultivariateScore,
  type MultivariateSpec,
} from '../detector.js';
import { mulberry32 } from './prng.js';

/**
 * Streaming Half-Space Trees (Tan, Ting & Liu 2011). Each tree is a complete binary tree of random splits
 * (random feature, midpoint of a randomly perturbed work range) over features scaled to [0,1] by the
 * previous window's min/max. Masses are counted per node in the latest window while the reference
 * window's masses score: a point landing where little mass was (at the deepest node reached, or the first
 * with mass below `sizeLimit`) is anomalous. Windows of `window` samples swap: latest becomes reference.
 * Work per sample: trees × depth node visits. Structure is drawn from a seeded generator.
 * Score = 1 − mean over trees of log2(1 + mass·2^depth) / log2(1 + window·2^maxDepth).
 * Contributions: the feature of the split that led to the terminal node, counted over trees.
 */
export class HalfSpaceTrees implements MultivariateDetector {
  private readonly nodes: number;
  private readonly dim: Int32Array;
  private readonly split: Float64Array;
  private readonly refMass: Int32Array;
  private readonly latest: Int32Array;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  private readonly nextLo: Float64Array;
  private readonly nextHi: Float64Array;
  private readonly z: Float64Array;
  private readonly result: MultivariateScore;
  private count = 0;
  private hasRef = false;

  constructor(
    readonly dims: number,
    seed: number,
    readonly trees = 25,
    readonly depth = 10,
    readonly window = 250,
    readonly sizeLimit = 0.1 * 250,
  ) {
    this.nodes = (1 << (depth + 1)) - 1;
    this.dim = new Int32Array(trees * this.nodes);
    this.split = new Float64Array(trees * this.nodes);
    this.refMass = new Int32Array(trees * this.nodes);
    this.latest = new Int32Array(trees * this.nodes);
    this.lo = new Float64Array(dims).fill(Infinity);
    this.hi = new Float64Array(dims).fill(-Infinity);
    this.nextLo = new Float64Array(dims).fill(Infinity);
    this.nextHi = new Float64Array(dims).fill(-Infinity);
    this.z = new Float64Array(dims);
    this.result = { score: 0, contributions: new Float64Array(dims) };
    this.build(mulberry32(seed));
  }

  private build(rand: () => number): void {
    const min = new Float64Array(this.dims);
    const max = new Float64Array(this.dims);
    for (let t = 0; t < this.trees; t++) {
      for (let q = 0; q < this.dims; q++) {
        const s = rand();
        const w = 2 * Math.max(s, 1 - s);
        min[q] = s - w;
        max[q] = s + w;
      }
      this.grow(t, 0, min, max, rand, 0);
    }
  }

  private grow(
    t: number,
    node: number,
    min: Float64Array,
    max: Float64Array,
    rand: () => number,
    level: number,
  ): void {
    if (level >= this.depth) return;
    const q = Math.floor(rand() * this.dims);
    const mid = ((min[q] ?? 0) + (max[q] ?? 0)) / 2;
    const k = t * this.nodes + node;
    this.dim[k] = q;
    this.split[k] = mid;
    const saved = max[q] ?? 0;
    max[q] = mid;
    this.grow(t, 2 * node + 1, min, max, rand, level + 1);
    max[q] = saved;
    const savedMin = min[q] ?? 0;
    min[q] = mid;
    this.grow(t, 2 * node + 2, min, max, rand, level + 1);
    min[q] = savedMin;
  }

  update(x: ArrayLike<number>): MultivariateScore {
    const z = this.z;
    for (let q = 0; q < this.dims; q++) {
      const v = Number.isFinite(x[q] ?? NaN) ? (x[q] ?? 0) : 0;
      const lo = this.lo[q] ?? 0;
      const span = (this.hi[q] ?? 0) - lo;
      z[q] = span > 0 ? (v - lo) / span : 0.5;
      if (v < (this.nextLo[q] ?? 0)) this.nextLo[q] = v;
      if (v > (this.nextHi[q] ?? 0)) this.nextHi[q] = v;
    }
    const c = this.result.contributions;
    c.fill(0);
    let sum = 0;
    for (let t = 0; t < this.trees; t++) sum += this.walk(t, c);
    const norm = Math.log2(1 + this.window * (1 << this.depth));
    this.result.score = this.hasRef ? unit(1 - sum / this.trees / norm) : 0;
    for (let q = 0; q < this.dims; q++) c[q] = (c[q] ?? 0) / this.trees;
    if (++this.count === this.window) this.swap();
    return this.result;
  }

  /** Count the sample along its path in the latest window; return the reference mass term at its end. */
  private walk(t: number, c: Float64Array): number {
    const base = t * this.nodes;
    let node = 0;
    let level = 0;
    let term = -1;
    let lastDim = 0;
    for (;;) {
      const k = base + node;
      this.latest[k] = (this.latest[k] ?? 0) + 1;
      const mass = this.refMass[k] ?? 0;
      if (term < 0 && (level === this.depth || mass < this.sizeLimit)) {
        term = Math.log2(1 + mass * (1 << level));
        c[lastDim] = (c[lastDim] ?? 0) + 1;
      }
      if (level === this.depth) break;
      lastDim = this.dim[k] ?? 0;
      node = (this.z[lastDim] ?? 0) < (this.split[k] ?? 0) ? 2 * node + 1 : 2 * node + 2;
      level++;
    }
    return term;
  }

  private swap(): void {
    this.refMass.set(this.latest);
    this.latest.fill(0);
    this.lo.set(this.nextLo);
    this.hi.set(this.nextHi);
    this.nextLo.fill(Infinity);
    this.nextHi.fill(-Infinity);
    this.count = 0;
    this.hasRef = true;
  }
}

export const halfSpaceTrees: MultivariateSpec = {
  kind: 'multivariate',
  alertAt: 0.9,
  description: 'streaming half-space trees: 25 trees of depth 10, 250-sample windows, seeded',
  create: (dims, opts) => new HalfSpaceTrees(dims, opts.seed),
};
