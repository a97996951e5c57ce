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
  /** Depth of each dense state by row number (encoded / stride), and of each sparse state by its index. */
  denseDepth: Int32Array;
  spDepth: Int32Array;
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

/** Scans shorter than this (bytes) take one walk; longer ones four side by side. */
const LANES_MIN = 256;

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
  /** The longest pattern: how far past the end of its quarter a walk may have to go. */
  private readonly maxLen: number;
  /** The state a `lane` walk ended in. */
  private laneState = 0;

  constructor(tables: AcTables) {
    this.t = tables;
    this.patternCount = tables.ids.length;
    this.idCapacity = tables.ids.length;
    this.stamp = new Uint32Array(tables.ids.length);
    this.done = new Uint32Array(tables.outStart.length - 1);
    let maxLen = 1;
    for (const l of tables.patLen) if (l > maxLen) maxLen = l;
    this.maxLen = maxLen;
  }

  scan(data: Uint8Array, start: number, end: number, out: Int32Array): number {
    const t = this.t;
    if (start < 0) start = 0;
    if (end > data.length) end = data.length;
    if (t.ids.length === 0 || start >= end) return 0;
    const gen = this.nextGen();
    if (end - start < LANES_MIN) return this.lane(data, start, end, 0, out, 0, gen);
    return this.fourLanes(data, start, end, out, gen);
  }

  /**
   * The scan of [start, end) as four walks side by side, one per quarter, each from the root. The table
   * loads of the four do not wait for one another, so a walk whose rows miss the caches costs about one
   * miss per four bytes instead of one per byte. A match that begins in one quarter and ends in the next is
   * found by the quarter it begins in: its walk goes on past its end for as long as the state it is in
   * still reaches back before that end (`tail`). A match two walks see is reported once (the stamps).
   */
  private fourLanes(data: Uint8Array, start: number, end: number, out: Int32Array, gen: number): number {
    const t = this.t;
    const table = t.table;
    const cls = t.cls;
    const outMin = t.outMin;
    const all = t.ids.length;
    const q = (end - start) >>> 2;
    const b1 = start + q;
    const b2 = b1 + q;
    const b3 = b2 + q;
    let i0 = start;
    let i1 = b1;
    let i2 = b2;
    let i3 = b3;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let n = 0;
    // Each walk stays inside its quarter here; a sparse run may end a walk early (it resumes below). The
    // four walks are written out, not looped over: their states must live in registers, not in an array.
    while (i0 < b1 && i1 < b2 && i2 < b3 && i3 < end) {
      s0 = table[s0 + cls[data[i0]!]!]!;
      s1 = table[s1 + cls[data[i1]!]!]!;
      s2 = table[s2 + cls[data[i2]!]!]!;
      s3 = table[s3 + cls[data[i3]!]!]!;
      if (s0 >= outMin) {
        n = this.hit(s0, i0, data, b1, out, n, gen);
        i0 = this.resumeAt;
        s0 = this.resumeState;
      }
      if (s1 >= outMin) {
        n = this.hit(s1, i1, data, b2, out, n, gen);
        i1 = this.resumeAt;
        s1 = this.resumeState;
      }
      if (s2 >= outMin) {
        n = this.hit(s2, i2, data, b3, out, n, gen);
        i2 = this.resumeAt;
        s2 = this.resumeState;
      }
      if (s3 >= outMin) {
        n = this.hit(s3, i3, data, end, out, n, gen);
        i3 = this.resumeAt;
        s3 = this.resumeState;
      }
      if (n === all) return n;
      i0++;
      i1++;
      i2++;
      i3++;
    }
    n = this.lane(data, i0, b1, s0, out, n, gen);
    if (n !== all) n = this.tail(data, b1, end, this.laneState, out, n, gen);
    if (n !== all) n = this.lane(data, i1, b2, s1, out, n, gen);
    if (n !== all) n = this.tail(data, b2, end, this.laneState, out, n, gen);
    if (n !== all) n = this.lane(data, i2, b3, s2, out, n, gen);
    if (n !== all) n = this.tail(data, b3, end, this.laneState, out, n, gen);
    if (n !== all) n = this.lane(data, i3, end, s3, out, n, gen);
    return n;
  }

  /**
   * One walk over [from, to) starting in state s (encoded, dense or sparse) before data[from]; leaves its
   * last state in `laneState`.
   */
  private lane(
    data: Uint8Array,
    from: number,
    to: number,
    s: number,
    out: Int32Array,
    n: number,
    gen: number,
  ): number {
    const t = this.t;
    const table = t.table;
    const cls = t.cls;
    const outMin = t.outMin;
    const all = t.ids.length;
    let i = from;
    if (s >= t.sparseBase && i < to) {
      // A walk that stopped in a sparse state: take the next byte the sparse way first.
      s = this.sparseStep(s - t.sparseBase, cls[data[i]!]!);
      if (s >= outMin) {
        n = this.hit(s, i, data, to, out, n, gen);
        i = this.resumeAt;
        s = this.resumeState;
      }
      i++;
    }
    for (; i < to && n !== all; i++) {
      s = table[s + cls[data[i]!]!]!;
      if (s >= outMin) {
        n = this.hit(s, i, data, to, out, n, gen);
        i = this.resumeAt;
        s = this.resumeState;
      }
    }
    this.laneState = s;
    return n;
  }

  /**
   * Carries a walk that reached `from`, the end of its quarter, in state s, on over the next quarters for as
   * long as a match beginning before `from` is still possible: while the prefix that state s stands for
   * reaches back before `from`, and never beyond the longest pattern.
   */
  private tail(
    data: Uint8Array,
    from: number,
    end: number,
    s: number,
    out: Int32Array,
    n: number,
    gen: number,
  ): number {
    const t = this.t;
    const to = Math.min(end, from + this.maxLen - 1);
    for (let i = from; i < to; i++) {
      if (this.depthOf(s) <= i - from) break;
      if (s >= t.sparseBase) {
        n = this.lane(data, i, i + 1, s, out, n, gen);
        s = this.laneState;
        continue;
      }
      s = t.table[s + t.cls[data[i]!]!]!;
      if (s >= t.outMin) {
        n = this.hit(s, i, data, to, out, n, gen);
        i = this.resumeAt;
        s = this.resumeState;
      }
    }
    return n;
  }

  /** Length of the pattern prefix that encoded state s stands for. */
  private depthOf(s: number): number {
    const t = this.t;
    return s >= t.sparseBase ? t.spDepth[s - t.sparseBase]! : t.denseDepth[(s / t.stride) | 0]!;
  }

  /**
   * State s, entered on data[i], has output or is sparse: report the dense output, or run the sparse walk
   * (bounded by `to`) until a dense state. Leaves where the walk stands in resumeAt / resumeState.
   */
  private hit(
    s: number,
    i: number,
    data: Uint8Array,
    to: number,
    out: Int32Array,
    n: number,
    gen: number,
  ): number {
    const t = this.t;
    if (s >= t.sparseBase) return this.sparseRun(s, i, data, to, out, n, gen);
    const k = t.table[s + t.classes]!;
    const last = t.outLast[k]!;
    if (this.done[k] !== gen && (last < 0 || last === data[i])) n = this.report(k, i, data, out, n, gen);
    this.resumeAt = i;
    this.resumeState = s;
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
      t.denseDepth,
      t.spDepth,
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
