import type { Mpse } from './mpse.js';

/** Sizes of a compiled automaton, for NOTES.md and the benchmark. */
export interface AcStats {
  states: number;
  /** States with a full DFA row; the others are sparse. */
  denseStates: number;
  /** Byte equivalence classes. */
  classes: number;
  /** Bytes of the dense transition table. */
  tableBytes: number;
  /** Bytes of every typed array the automaton holds (tables, outputs, patterns, stamps). */
  totalBytes: number;
}

/**
 * The compiled automaton (see ac-compile.ts). A state is encoded as a number: a dense state by its row
 * offset in `table` (state number × stride), a sparse state as sparseBase + its sparse index. Dense states
 * without output come first, so `encoded >= outMin` flags, in one compare, "has output or is sparse".
 */
export interface AcTables {
  /** Class of each raw input byte, ASCII case folding included. */
  cls: Uint8Array;
  classes: number;
  /** Row length: classes + 1; the last column holds the output index of a dense output state (else -1). */
  stride: number;
  states: number;
  denseStates: number;
  /** Dense DFA rows; entries are encoded next states. */
  table: Int32Array;
  outMin: number;
  sparseBase: number;
  /** Sparse state j: trie children spChild*[spChildStart[j] .. spChildStart[j+1]), failure, output index or -1. */
  spChildStart: Int32Array;
  spChildCls: Uint8Array;
  spChildNext: Int32Array;
  spFail: Int32Array;
  spOut: Int32Array;
  /** CSR outputs by output index k: pattern indexes outPat[outStart[k] .. outStart[k+1]). */
  outStart: Int32Array;
  outPat: Int32Array;
  /** The raw byte all patterns of output k end with when all are case-sensitive and agree, else -1. */
  outLast: Int32Array;
  /** Per pattern: dense id, length, whether original bytes must be compared, offset into `orig`. */
  patDense: Int32Array;
  patLen: Int32Array;
  patVerify: Uint8Array;
  patOff: Int32Array;
  orig: Uint8Array;
  /** Caller id of each dense id index. */
  ids: Int32Array;
}

/** Aho–Corasick DFA over byte classes. An instance keeps per-scan state: share it across scans, not threads. */
export class AcMpse implements Mpse {
  readonly patternCount: number;
  readonly idCapacity: number;
  private readonly t: AcTables;
  /** stamp[dense id] === gen ⇔ the id was reported in the current scan; saves clearing between scans. */
  private readonly stamp: Uint32Array;
  /** done[k] === gen ⇔ every id output k can report is reported: later visits cost one compare. */
  private readonly done: Uint32Array;
  private gen = 0;
  /** Where a sparse run stopped (position, encoded state): results passed back without allocating. */
  private resumeAt = 0;
  private resumeState = 0;

  constructor(tables: AcTables) {
    this.t = tables;
    this.patternCount = tables.ids.length;
    this.idCapacity = tables.ids.length;
    this.stamp = new Uint32Array(tables.ids.length);
    this.done = new Uint32Array(tables.outStart.length - 1);
  }

  scan(data: Uint8Array, start: number, end: number, out: Int32Array): number {
    const t = this.t;
    if (start < 0) start = 0;
    if (end > data.length) end = data.length;
    if (t.ids.length === 0 || start >= end) return 0;
    const gen = this.nextGen();
    const table = t.table;
    const cls = t.cls;
    const outMin = t.outMin;
    const sparseBase = t.sparseBase;
    const outCol = t.classes;
    const done = this.done;
    const outLast = t.outLast;
    const all = t.ids.length;
    let s = 0;
    let n = 0;
    for (let i = start; i < end; i++) {
      s = table[s + cls[data[i]!]!]!;
      if (s >= outMin) {
        if (s >= sparseBase) {
          n = this.sparseRun(s, i, data, end, out, n, gen);
          i = this.resumeAt;
          s = this.resumeState;
        } else {
          const k = table[s + outCol]!;
          const last = outLast[k]!;
          if (done[k] !== gen && (last < 0 || last === data[i])) n = this.report(k, i, data, out, n, gen);
        }
        if (n === all) break;
      }
    }
    return n;
  }

  stats(): AcStats {
    const t = this.t;
    const arrays: ArrayBufferView[] = [
      t.cls,
      t.table,
      t.spChildStart,
      t.spChildCls,
      t.spChildNext,
      t.spFail,
      t.spOut,
    ];
    arrays.push(
      t.outStart,
      t.outPat,
      t.outLast,
      t.patDense,
      t.patLen,
      t.patVerify,
      t.patOff,
      t.orig,
      t.ids,
      this.stamp,
      this.done,
    );
    let totalBytes = 0;
    for (const a of arrays) totalBytes += a.byteLength;
    return {
      states: t.states,
      denseStates: t.denseStates,
      classes: t.classes,
      tableBytes: t.table.byteLength,
      totalBytes,
    };
  }

  private nextGen(): number {
    this.gen = (this.gen + 1) >>> 0;
    if (this.gen === 0) {
      // After 2^32 scans: restart the stamps so a stale stamp can never equal the new generation.
      this.stamp.fill(0);
      this.done.fill(0);
      this.gen = 1;
    }
    return this.gen;
  }

  /**
   * Runs from sparse state s (entered on data[i]) until a dense state is reached again or the data ends;
   * leaves the position and state of the dense state in resumeAt / resumeState.
   */
  private sparseRun(
    s: number,
    i: number,
    data: Uint8Array,
    end: number,
    out: Int32Array,
    n: number,
    gen: number,
  ): number {
    const t = this.t;
    const sparseBase = t.sparseBase;
    const all = t.ids.length;
    for (;;) {
      const k = t.spOut[s - sparseBase]!;
      if (k >= 0 && this.done[k] !== gen && (t.outLast[k]! < 0 || t.outLast[k] === data[i])) {
        n = this.report(k, i, data, out, n, gen);
      }
      if (n === all || i + 1 >= end) break;
      s = this.sparseStep(s - sparseBase, t.cls[data[++i]!]!);
      if (s < sparseBase) {
        if (s >= t.outMin) {
          const kd = t.table[s + t.classes]!;
          if (this.done[kd] !== gen && (t.outLast[kd]! < 0 || t.outLast[kd] === data[i])) {
            n = this.report(kd, i, data, out, n, gen);
          }
        }
        break;
      }
    }
    this.resumeAt = i;
    this.resumeState = s;
    return n;
  }

  /** δ(sparse state j, class c): a trie child, else the failure state's transition, down to a dense row. */
  private sparseStep(j: number, c: number): number {
    const t = this.t;
    for (;;) {
      const to = t.spChildStart[j + 1]!;
      for (let e = t.spChildStart[j]!; e < to; e++) if (t.spChildCls[e] === c) return t.spChildNext[e]!;
      const f = t.spFail[j]!;
      if (f < t.sparseBase) return t.table[f + c]!;
      j = f - t.sparseBase;
    }
  }

  /** Reports the not-yet-reported ids of output k, whose patterns end at data[i]. */
  private report(k: number, i: number, data: Uint8Array, out: Int32Array, n: number, gen: number): number {
    const t = this.t;
    const stamp = this.stamp;
    const to = t.outStart[k + 1]!;
    let pending = false;
    for (let j = t.outStart[k]!; j < to; j++) {
      const p = t.outPat[j]!;
      const d = t.patDense[p]!;
      if (stamp[d] === gen) continue;
      if (t.patVerify[p] === 1 && !this.verify(p, i, data)) {
        pending = true; // may still match, case intact, further on
        continue;
      }
      stamp[d] = gen;
      out[n++] = t.ids[d]!;
    }
    if (!pending) this.done[k] = gen;
    return n;
  }

  /** Case-sensitive pattern p ends at data[i]: compare its original bytes (the DFA matched them folded). */
  private verify(p: number, i: number, data: Uint8Array): boolean {
    const t = this.t;
    const len = t.patLen[p]!;
    const off = t.patOff[p]!;
    const orig = t.orig;
    const o = i - len + 1;
    for (let x = 0; x < len; x++) if (data[o + x] !== orig[off + x]) return false;
    return true;
  }
}
