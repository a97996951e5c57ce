import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { CopyData, Db, QueryResult, TxSql } from './sql.js';
import { makeDirSync } from '../core/make-dir.js';

type Runner = Pick<PGlite, 'query'> | Transaction;

async function run<T>(db: Runner, text: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
  const r = await db.query<T>(text, params as unknown[] | undefined);
  return { rows: r.rows, rowCount: r.affectedRows ?? 0 };
}

/** COPY … FROM STDIN as PGlite takes it: the data as a blob read from `/dev/blob`. */
async function copyBlob(t: Transaction, copySql: string, data: CopyData): Promise<void> {
  const parts = typeof data === 'string' || data instanceof Uint8Array ? [data] : [...data];
  await t.query(copySql.replace(/FROM STDIN/, "FROM '/dev/blob'"), [], { blob: new Blob(parts) });
}

/**
 * Embedded PostgreSQL (PGlite, WebAssembly) persisted under `dataDir`, or in memory for `memory://`.
 * One connection: queries are serialised by PGlite itself, and a transaction holds it exclusively.
 */
export async function pgliteDb(dataDir: string): Promise<Db> {
  if (!dataDir.startsWith('memory://')) makeDirSync(dataDir);
  const db = await PGlite.create(dataDir);
  return {
    engine: 'pglite',
    query: (text, params) => run(db, text, params),
    tx: <T>(fn: (q: TxSql) => Promise<T>) =>
      db.transaction((t) =>
        fn({
          query: (text, params) => run(t, text, params),
          copyFrom: (copySql, data) => copyBlob(t, copySql, data),
        }),
      ),
    close: () => db.close(),
  };
}
