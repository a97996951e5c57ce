import type { Diagnostic } from '../core/errors.js';
import { numericColumn, type CsvTable } from './csv.js';
import { NODE_FEATURES } from './features.js';
import { parseTimestamp } from './nab/corpus.js';
import { NodeScorer } from './node-scorer.js';
import { Detectors, DEFAULT_MULTIVARIATE, DEFAULT_UNIVARIATE, type DetectorName } from './registry.js';

/** The time column of a samples export (`time`, `ts` or `timestamp`), as ms since the epoch. */
export function sampleTimes(t: CsvTable): Float64Array {
  const c = ['time', 'ts', 'timestamp'].map((n) => t.header.indexOf(n)).find((i) => i >= 0) ?? -1;
  return Float64Array.from(t.rows, (r, i) => {
    const cell = c >= 0 ? (r[c] ?? '').trim() : '';
    const asNumber = Number(cell);
    if (cell !== '' && Number.isFinite(asNumber)) return asNumber > 1e11 ? asNumber : asNumber * 1000;
    const ms = parseTimestamp(cell.replace('T', ' '));
    return Number.isFinite(ms) ? ms : i * 1000;
  });
}

export function isSamplesTable(t: CsvTable): boolean {
  return NODE_FEATURES.every((f) => t.header.includes(f));
}

export interface SamplesScores {
  scores: Float64Array;
  drivers: string[];
}

/**
 * Score every row of a samples table with one detector. A multivariate detector scores the node's 24
 * features together; a univariate one scores each feature on its own and a row takes the highest.
 */
export function scoreSamples(
  t: CsvTable,
  name: DetectorName | null,
  file: string,
  diagnostics: Diagnostic[],
  seed = 1,
): SamplesScores {
  const chosen = name ?? DEFAULT_MULTIVARIATE;
  const multi = Detectors[chosen].kind === 'multivariate';
  const scorer = new NodeScorer(NODE_FEATURES, {
    univariate: multi ? DEFAULT_UNIVARIATE : chosen,
    multivariate: multi ? chosen : DEFAULT_MULTIVARIATE,
    seed,
  });
  const cols = NODE_FEATURES.map((f) => numericColumn(t, f, file, diagnostics));
  const times = sampleTimes(t);
  const raw = new Float64Array(NODE_FEATURES.length);
  const scores = new Float64Array(t.rows.length);
  const drivers: string[] = [];
  for (let i = 0; i < t.rows.length; i++) {
    for (let j = 0; j < cols.length; j++) raw[j] = cols[j]?.[i] ?? NaN;
    const s = scorer.update(raw, times[i] ?? 0);
    let score = s.multivariate;
    let who = s.drivers.map((d) => d.feature);
    if (!multi) {
      score = 0;
      let best = -1;
      s.perFeature.forEach((v, j) => {
        if (v > score) [score, best] = [v, j];
      });
      who = best >= 0 ? [NODE_FEATURES[best] ?? ''] : [];
    }
    scores[i] = score;
    drivers.push(who.join(' '));
  }
  return { scores, drivers };
}
