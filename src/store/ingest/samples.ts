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
 * Copies a row's 24 features into `out` in FEATURE_NAMES order. Generated once as 24 named loads: a loop of
 * `row[name]` is a megamorphic keyed load per feature (~30 ns each; it was most of the client's ingest CPU),
 * named loads stay monomorphic for rows parsed from the same JSON shape. The names are our constants.
 */
const readFeatures = new Function(
  'r',
  'out',
  FEATURE_NAMES.map((f, i) => `out[${i}] = r.${f};`).join('\n'),
) as (r: SampleRow, out: unknown[]) => void;

/** Rows per COPY chunk: small enough that the database works on one while the next is encoded. */
const CHUNK_ROWS = 1000;

/**
 * Binary COPY data of the rows in chunks of CHUNK_ROWS, made as they are asked for; each row is checked as
 * it is encoded and the first problem is thrown, named by its JSON pointer (the COPY, and the batch's
 * transaction, are then abandoned: nothing of the batch is stored).
 */
export function* encodeSamples(rows: readonly SampleRow[], chunkRows = CHUNK_ROWS): Generator<Uint8Array> {
  const vals: unknown[] = new Array<unknown>(FEATURE_NAMES.length);
  for (let start = 0; start < rows.length; start += chunkRows) {
    const end = Math.min(rows.length, start + chunkRows);
    const w = new BinaryCopy((end - start) * (2 + ROW_BYTES + 16), start === 0);
    for (let i = start; i < end; i++) {
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
      readFeatures(r, vals);
      for (let k = 0; k < vals.length; k++) {
        const v = vals[k];
        if (v === null || v === undefined) w.null();
        else if (typeof v === 'number' && Number.isFinite(v)) w.float8(v);
        else throw badInput(`/samples/${i}/${FEATURE_NAMES[k]!}`, 'must be a finite number or null');
      }
      w.int2(attack);
    }
    yield end === rows.length ? w.end() : w.chunk();
  }
}

const isUniqueViolation = (e: unknown) => (e as { code?: unknown } | null)?.code === '23505';

/**
 * Store rows whose (node, ts) is new; returns how many were. COPY goes straight into `samples` (the
 * common case: every key is new). If a key is already stored, that COPY is undone to its savepoint and
 * the rows go through a transaction-local staging table and one INSERT … SELECT that skips known keys —
 * twice the work, only when there is a duplicate.
 */
export async function insertSamples(q: TxSql, rows: readonly SampleRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  await q.query('SAVEPOINT samples_direct');
  try {
    await q.copyFrom(`COPY samples (${COL_LIST}) FROM STDIN WITH (FORMAT binary)`, encodeSamples(rows));
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
  await q.copyFrom(`COPY samples_stage (${COL_LIST}) FROM STDIN WITH (FORMAT binary)`, encodeSamples(rows));
  const r = await q.query<{ node: string; ts: number }>(
    `INSERT INTO samples (${COL_LIST}) SELECT ${COL_LIST} FROM samples_stage ON CONFLICT (node, ts) DO NOTHING
     RETURNING node, ts`,
  );
  await addNodeStats(q, nodeDeltas(r.rows));
  return r.rows.length;
}
