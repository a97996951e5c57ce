import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../core/errors.js';
import { numericColumn, parseCsv } from './csv.js';
import { pointwise } from './pointwise.js';
import { Detectors, type DetectorName } from './registry.js';
import { isSamplesTable, scoreSamples } from './samples.js';
import { anomalyFixtures } from './testkit.js';

/**
 * Deliver 5: every detector on the labelled dataset of this project's own machine (normal activity, then
 * stress-ng and network attacks). Point-wise precision, recall and F1 at each detector's own alert
 * threshold, every row counted (no point adjustment). VIGIL_ANOMALY_REPORT=1 prints the table.
 */
const file = join(anomalyFixtures(), 'node-dataset.csv');
const { table, diagnostics } = parseCsv(readFileSync(file, 'utf8'), file);
const problems: Diagnostic[] = [...diagnostics];
const labels = numericColumn(table, 'attack', file, problems);

describe('the node dataset', () => {
  it('is a clean samples table with six labelled workloads', () => {
    expect(problems).toEqual([]);
    expect(isSamplesTable(table)).toBe(true);
    const phases = new Set(table.rows.map((r) => r[table.header.indexOf('phase')]));
    expect([...phases].sort()).toEqual(['cpu', 'disk', 'flood', 'fork', 'memory', 'normal', 'portscan']);
    expect(labels.reduce((a, b) => a + b, 0)).toBe(150);
  });

  it('is scored by every detector; the best reaches point-wise F1 0.5', () => {
    const rows: string[] = [];
    let best = 0;
    for (const name of Object.keys(Detectors) as DetectorName[]) {
      const { scores } = scoreSamples(table, name, file, problems);
      const r = pointwise(scores, labels, Detectors[name].alertAt);
      expect(r.tp + r.fn).toBe(150);
      best = Math.max(best, r.f1);
      rows.push(
        `${name.padEnd(18)} P ${r.precision.toFixed(3)}  R ${r.recall.toFixed(3)}  F1 ${r.f1.toFixed(3)}`,
      );
    }
    if (process.env['VIGIL_ANOMALY_REPORT']) console.log(rows.join('\n'));
    expect(best).toBeGreaterThanOrEqual(0.5);
  });
});
