import type { Diagnostic } from '../core/errors.js';

/** A CSV table as text cells; `line[i]` is the 1-based source line of row i. */
export interface CsvTable {
  header: string[];
  rows: string[][];
  line: number[];
}

/**
 * A plain CSV reader for NAB files and sample exports (no quoted fields in either). Problems are collected
 * with file:line:col and the bad row is skipped; the rest are kept.
 */
export function parseCsv(text: string, file: string): { table: CsvTable; diagnostics: Diagnostic[] } {
  const lines = text.split(/\r?\n/);
  const diagnostics: Diagnostic[] = [];
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  const table: CsvTable = { header, rows: [], line: [] };
  if (header.length === 0 || header[0] === '') {
    diagnostics.push({ file, line: 1, col: 1, severity: 'error', message: 'empty CSV: no header' });
    return { table, diagnostics };
  }
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i] ?? '';
    if (l.trim() === '') continue;
    const cells = l.split(',');
    if (cells.length !== header.length) {
      diagnostics.push({
        file,
        line: i + 1,
        col: 1,
        severity: 'error',
        message: `expected ${header.length} fields, found ${cells.length}`,
      });
      continue;
    }
    table.rows.push(cells);
    table.line.push(i + 1);
  }
  return { table, diagnostics };
}

/** Column `name` as numbers; a cell that is not a number is reported and read as NaN. */
export function numericColumn(
  t: CsvTable,
  name: string,
  file: string,
  diagnostics: Diagnostic[],
): Float64Array {
  const c = t.header.indexOf(name);
  const out = new Float64Array(t.rows.length);
  if (c < 0) return out.fill(NaN);
  t.rows.forEach((r, i) => {
    const cell = (r[c] ?? '').trim();
    const v = cell === '' ? NaN : Number(cell);
    if (!Number.isFinite(v)) {
      const col = r.slice(0, c).reduce((n, s) => n + s.length + 1, 1);
      diagnostics.push({
        file,
        line: t.line[i] ?? 0,
        col,
        severity: 'error',
        message: `${name}: not a number: "${cell}"`,
      });
    }
    out[i] = v;
  });
  return out;
}
