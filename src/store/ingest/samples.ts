import { FEATURE_NAMES } from '../../metrics/features.js';
import { ident, type TxSql } from '../sql.js';
import type { SampleRow } from '../store.js';
import { badInput } from '../validate.js';
import { BinaryCopy } from './copy-binary.js';
import { addNodeStats, nodeDeltas } from './node-stats.js';

const COL_LIST = ['node', 'ts', ...FEATURE_NAMES, 'attack'].map(ident).join(', ');
const FIELDS = FEATURE_NAMES.length + 3;
/** Bytes of a row's fields besides the node's text: length words, ts, features and attack. */
const ROW_BYTES = 4 + 12 + FEATURE_NAMES.length * 12 + 6;

/**
 * Check every row and encode it for COPY in one pass, before anything is written; the first problem is
 * named by its JSON pointer.
 */
export function encodeSamples(rows: readonly SampleRow[]): Uint8Array {
  const w = new BinaryCopy(rows.length * (2 + ROW_BYTES + 16));
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (typeof r !== 'object' || r === null) throw badInput(`/samples/${i}`, 'must be an object');
    if (typeof r.node !== 'string' || r.node === '')
      throw badInput(`/samples/${i}/node`, 'must be a non-empty string');
    if (typeof r.ts !== 'number' || !Number.isFinite(r.ts))
      throw badInput(`/samples/${i}/ts`, 'must be a finite number');
    const attack = r.attack ?? 0;
    if (attack !== 0 && attack !== 1) throw badInput(`/samples/${i}/attack`, 'must be 0 or 1');
    w.row(FIELDS, ROW_BYTES + 3 * r.node.length);
    w.text(r.node);
    w.float8(r.ts);
    for (const f of FEATURE_NAMES) {
      const v = r[f];
      if (v === null || v === undefined) w.null();
      else if (typeof v === 'number' && Number.isFinite(v)) w.float8(v);
      else throw badInput(`/samples/${i}/${f}`, 'must be a finite number or null');
    }
    w.int2(attack);
  }
  return w.end();
}

const isUniqueViolation = (e: unknown) => (e as { code?: unknown } | null)?.code === '23505';

/**
 * Store rows whose (node, ts) is new; returns how many were. COPY goes straight into `samples` (the
 * common case: every key is new). If a key is already stored, that COPY is undone to its savepoint and
 * the rows go through a transaction-local staging table and one INSERT … SELECT that skips known keys —
 * twice the work, only when there is a duplicate.
 */
export async function insertSamples(q: TxSql, rows: readonly SampleRow[], data: Uint8Array): Promise<number> {
  if (rows.length === 0) return 0;
  await q.query('SAVEPOINT samples_direct');
  try {
    await q.copyFrom(`COPY samples (${COL_LIST}) FROM STDIN WITH (FORMAT binary)`, data);
    await q.query('RELEASE SAVEPOINT samples_direct');
    await addNodeStats(q, nodeDeltas(rows));
    return rows.length;
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    await q.query('ROLLBACK TO SAVEPOINT samples_direct');
  }
  await q.query(
    `CREATE TEMP TABLE samples_stage ON COMMIT DROP AS SELECT ${COL_LIST} FROM samples WITH NO DATA`,
  );
  await q.copyFrom(`COPY samples_stage (${COL_LIST}) FROM STDIN WITH (FORMAT binary)`, data);
  const r = await q.query<{ node: string; ts: number }>(
    `INSERT INTO samples (${COL_LIST}) SELECT ${COL_LIST} FROM samples_stage ON CONFLICT (node, ts) DO NOTHING
     RETURNING node, ts`,
  );
  await addNodeStats(q, nodeDeltas(r.rows));
  return r.rows.length;
}
