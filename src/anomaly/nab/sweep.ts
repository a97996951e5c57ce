import type { NabProfile } from './profiles.js';
import type { NabRows } from './rows.js';

export interface NabFileScores {
  rows: NabRows;
  scores: ArrayLike<number>;
}

export interface NabResult {
  /** 100·(raw − null)/(perfect − null) over the files given. */
  normalized: number;
  raw: number;
  threshold: number;
  tpRows: number;
  fpRows: number;
  windowsDetected: number;
  windows: number;
}

interface Points {
  score: Float64Array;
  win: Int32Array;
  unweighted: Float64Array;
  windows: number;
}

/** Every scored row of every file, with windows numbered corpus-wide. */
function collect(files: readonly NabFileScores[]): Points {
  let total = 0;
  for (const f of files) total += Math.max(0, f.rows.window.length - f.rows.start);
  const score = new Float64Array(total);
  const win = new Int32Array(total);
  const unweighted = new Float64Array(total);
  let k = 0;
  let windows = 0;
  for (const f of files) {
    for (let i = f.rows.start; i < f.rows.window.length; i++, k++) {
      score[k] = f.scores[i] ?? 0;
      const w = f.rows.window[i] ?? -1;
      win[k] = w < 0 ? -1 : windows + w;
      unweighted[k] = f.rows.unweighted[i] ?? 0;
    }
    windows += f.rows.windows;
  }
  return { score, win, unweighted, windows };
}

function normalize(raw: number, windows: number, p: NabProfile): number {
  const nul = -p.fnWeight * windows;
  const perfect = p.tpWeight * windows;
  return perfect === nul ? 0 : (100 * (raw - nul)) / (perfect - nul);
}

/**
 * NAB's score for a detector over a set of files. Without `threshold`, every distinct score is tried and
 * the best corpus total kept (nab/optimizer.py over nab/sweeper.py calcScoreByThreshold); with it, rows
 * with score >= threshold are detections.
 */
export function nabScore(files: readonly NabFileScores[], p: NabProfile, threshold?: number): NabResult {
  const pts = collect(files);
  const order = Array.from(pts.score.keys()).sort((a, b) => (pts.score[b] ?? 0) - (pts.score[a] ?? 0));
  const best = new Float64Array(pts.windows).fill(-p.fnWeight);
  let raw = -p.fnWeight * pts.windows;
  let result: NabResult = {
    normalized: 0,
    raw,
    threshold: Infinity,
    tpRows: 0,
    fpRows: 0,
    windowsDetected: 0,
    windows: pts.windows,
  };
  let tpRows = 0;
  let fpRows = 0;
  let detected = 0;
  for (let j = 0; j < order.length; j++) {
    const k = order[j] ?? 0;
    const s = pts.score[k] ?? 0;
    if (threshold !== undefined && s < threshold) break;
    const w = pts.win[k] ?? -1;
    const u = pts.unweighted[k] ?? 0;
    if (w < 0) {
      raw += u * p.fpWeight;
      fpRows++;
    } else {
      tpRows++;
      const v = u * p.tpWeight;
      const old = best[w] ?? 0;
      if (old === -p.fnWeight) detected++;
      if (v > old) {
        raw += v - old;
        best[w] = v;
      }
    }
    const next = order[j + 1];
    const boundary = next === undefined || pts.score[next] !== s;
    if (boundary && (threshold !== undefined || raw > result.raw)) {
      result = {
        normalized: 0,
        raw,
        threshold: s,
        tpRows,
        fpRows,
        windowsDetected: detected,
        windows: pts.windows,
      };
    }
  }
  if (threshold !== undefined) result.threshold = threshold;
  result.normalized = normalize(result.raw, pts.windows, p);
  return result;
}
