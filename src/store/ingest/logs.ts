import { LOG_COLUMNS, logTable, type ExtractedColumn } from '../log-columns.js';
import { ident, type TxSql } from '../sql.js';
import type { LogKind, LogRow } from '../store.js';
import { badInput, intOrNull, isFiniteNumber, numberOrNull, textOrNull } from '../validate.js';
import { chunks } from './batch.js';
import { pgJson, pgText } from '../pg-text.js';

/** The value an extracted column gets from a record, checked against the column's type. */
function columnValue(c: ExtractedColumn, v: unknown, path: string): unknown {
  switch (c.type) {
    case 'text':
      return textOrNull(v, path);
    case 'int4':
      return intOrNull(v, path);
    case 'int8':
      return intOrNull(v, path, Number.MAX_SAFE_INTEGER);
    case 'float8':
      return numberOrNull(v, path);
    case 'bool':
      if (v === undefined || v === null) return null;
      if (typeof v !== 'boolean') throw badInput(path, 'must be true or false');
      return v;
    case 'text[]':
      if (v === undefined || v === null) return null;
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
        throw badInput(path, 'must be an array of strings');
      return v.map(pgText);
  }
}

/**
 * The part of a record kept in `rec`: every field but ts and the extracted fields that have a value (their
 * columns hold them; `query/logs.ts` puts them back). A field sent as null stays in `rec`, so the record
 * comes back exactly as sent; the row is a third smaller, which is what a scan of a day of logs reads.
 */
export function recRest(kind: LogKind, r: LogRow): LogRow {
  const rest: LogRow = { ...r };
  delete rest['ts'];
  for (const c of LOG_COLUMNS[kind])
    if (r[c.field] !== null && r[c.field] !== undefined) delete rest[c.field];
  return rest;
}

/** One record → the values of its log table's columns (ts, node, extracted…, rec). */
function recordValues(kind: LogKind, node: string, r: LogRow, i: number): unknown[] {
  const at = `/logs/${kind}/${i}`;
  if (typeof r !== 'object' || r === null || Array.isArray(r)) throw badInput(at, 'must be an object');
  if (!isFiniteNumber(r['ts'])) throw badInput(`${at}/ts`, 'must be a finite number');
  const extracted = LOG_COLUMNS[kind].map((c) => columnValue(c, r[c.field], `${at}/${c.field}`));
  return [r['ts'], node, ...extracted, pgJson(recRest(kind, r))];
}

/**
 * Arrays of text go to PostgreSQL as a literal: an element array of arrays would need a 2-D parameter
 * with equal lengths, so `text[]` columns travel as their literal text and are cast back.
 */
function arrayLiteral(v: unknown): string | null {
  if (!Array.isArray(v)) return null;
  return `{${v.map((s: string) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

export async function insertLogs(
  q: TxSql,
  kind: LogKind,
  node: string,
  recs: readonly LogRow[],
): Promise<number> {
  if (recs.length === 0) return 0;
  const cols = LOG_COLUMNS[kind];
  const rows = recs.map((r, i) => recordValues(kind, node, r, i));
  const types = ['float8', 'text', ...cols.map((c) => (c.type === 'text[]' ? 'text' : c.type)), 'jsonb'];
  const casts = ['', '', ...cols.map((c) => (c.type === 'text[]' ? '::text[]' : '')), ''];
  const names = ['ts', 'node', ...cols.map((c) => ident(c.column)), 'rec'];
  const arrays = cols.map((c) => c.type === 'text[]');
  const unnest = types.map((t, i) => `$${i + 1}::${t}[]`).join(', ');
  const select = names.map((_, i) => `u${i}${casts[i]}`).join(', ');
  const alias = names.map((_, i) => `u${i}`).join(', ');
  let n = 0;
  for (const part of chunks(rows, 5000)) {
    const params: unknown[][] = names.map(() => []);
    for (const r of part) r.forEach((v, i) => params[i]!.push(arrays[i - 2] === true ? arrayLiteral(v) : v));
    const sql = `INSERT INTO ${logTable(kind)} (${names.join(', ')}) SELECT ${select} FROM unnest(${unnest}) AS t(${alias})`;
    n += (await q.query(sql, params)).rowCount;
  }
  return n;
}
