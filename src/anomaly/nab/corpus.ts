import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Diagnostic } from '../../core/errors.js';
import { numericColumn, parseCsv } from '../csv.js';
import { nabRows, windowIndices, type NabRows } from './rows.js';

/** One NAB data file with its label windows resolved to rows. */
export interface NabFile {
  /** Path relative to the data directory with '/' separators, as the label file keys it. */
  name: string;
  timestamps: string[];
  timesMs: Float64Array;
  values: Float64Array;
  rows: NabRows;
}

function csvFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...csvFiles(p));
    else if (e.endsWith('.csv')) out.push(p);
  }
  return out;
}

/** NAB timestamps are UTC wall-clock "YYYY-MM-DD HH:MM:SS". */
export function parseTimestamp(ts: string): number {
  return Date.parse(ts.trim().slice(0, 19).replace(' ', 'T') + 'Z');
}

/**
 * Every *.csv under `dataDir` that the labels file names (a file without an entry has no windows, as in
 * NAB). Read once at start-up, off any hot path.
 */
export function loadNabCorpus(
  dataDir: string,
  labelsPath: string,
): { files: NabFile[]; diagnostics: Diagnostic[] } {
  const labels = JSON.parse(readFileSync(labelsPath, 'utf8')) as Record<string, [string, string][]>;
  const diagnostics: Diagnostic[] = [];
  const files: NabFile[] = [];
  for (const path of csvFiles(dataDir)) {
    const name = relative(dataDir, path).split(sep).join('/');
    const { table, diagnostics: d } = parseCsv(readFileSync(path, 'utf8'), path);
    diagnostics.push(...d);
    const values = numericColumn(table, 'value', path, diagnostics);
    const timestamps = table.rows.map((r) => r[table.header.indexOf('timestamp')] ?? '');
    let windows: [number, number][] = [];
    try {
      windows = windowIndices(timestamps, labels[name] ?? []);
    } catch (err) {
      diagnostics.push({
        file: labelsPath,
        line: 1,
        col: 1,
        severity: 'error',
        message: `${name}: ${(err as Error).message}`,
      });
    }
    const timesMs = Float64Array.from(timestamps, parseTimestamp);
    files.push({ name, timestamps, timesMs, values, rows: nabRows(values.length, windows) });
  }
  return { files, diagnostics };
}
