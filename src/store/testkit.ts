import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { FEATURE_NAMES } from '../metrics/features.js';
import { pgDb } from './pg-db.js';
import { pgliteWorkerDb } from './pglite-worker-db.js';
import { sqlStore } from './sql-store.js';
import type { Db } from './sql.js';
import type { SampleRow, Store } from './store.js';

/** A store under test with its raw database (for checks the interface does not offer). */
export interface TestStore {
  store: Store;
  db: Db;
  /** PostgreSQL only: the schema and application_name of this store's connections. */
  schema?: string;
  appName?: string;
  drop(): Promise<void>;
}

export interface Backend {
  name: 'pglite' | 'postgres';
  open(): Promise<TestStore>;
}

/** The database of the PostgreSQL runs, or undefined: then only PGlite runs. */
export const TEST_DATABASE_URL = process.env['VIGIL_TEST_DATABASE_URL'] || undefined;

async function openPostgres(url: string): Promise<TestStore> {
  const schema = `vigil_test_${randomBytes(6).toString('hex')}`;
  const appName = `vigil-${schema}`;
  const db = pgDb({ connectionString: url, schema, applicationName: appName, max: 4 });
  const store = sqlStore(db);
  await store.migrate();
  return {
    store,
    db,
    schema,
    appName,
    async drop() {
      await store.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}

async function openPglite(): Promise<TestStore> {
  const db = await pgliteWorkerDb('memory://');
  const store = sqlStore(db);
  await store.migrate();
  return { store, db, drop: () => store.close() };
}

/** PGlite always; PostgreSQL too when VIGIL_TEST_DATABASE_URL is set (each store in its own schema). */
export function backends(): Backend[] {
  const list: Backend[] = [{ name: 'pglite', open: openPglite }];
  if (TEST_DATABASE_URL !== undefined)
    list.push({ name: 'postgres', open: () => openPostgres(TEST_DATABASE_URL) });
  return list;
}

/** A sample with every feature set from `seed` (so rows differ), attack 0. */
export function sample(node: string, ts: number, seed = ts): SampleRow {
  const s = { node, ts, attack: 0 } as SampleRow;
  FEATURE_NAMES.forEach((f, i) => (s[f] = i === 5 ? null : seed * 31 + i + 0.25));
  return s;
}

export async function count(db: Db, table: string): Promise<number> {
  const r = await db.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(r.rows[0]!.n);
}
