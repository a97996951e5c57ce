import { MIGRATIONS } from './migrations/registry.js';
import type { Migration } from './migrations/migration.js';
import { ident, type Db } from './sql.js';
import { StoreError } from './store.js';
import { isUnavailable } from './errors.js';

/** One key for every Vigil schema in a database: migrations are rare, one at a time is simplest. */
const LOCK_KEY = 0x76_69_67_69; // "vigi"

/**
 * Apply pending migrations in one transaction. On PostgreSQL a transaction-scoped advisory lock makes
 * servers that start together take turns: the first applies, the others then find nothing to do.
 */
export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  try {
    return await db.tx(async (q) => {
      if (db.engine === 'postgres') await q.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      if (db.schema !== undefined) await q.query(`CREATE SCHEMA IF NOT EXISTS ${ident(db.schema)}`);
      await q.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const done = new Set(
        (await q.query<{ id: number }>('SELECT id FROM schema_migrations')).rows.map((r) => Number(r.id)),
      );
      const applied: number[] = [];
      for (const m of [...migrations].sort((a, b) => a.id - b.id)) {
        if (done.has(m.id)) continue;
        await m.up(q, db.engine);
        await q.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [m.id, m.name]);
        applied.push(m.id);
      }
      return applied;
    });
  } catch (e) {
    if (e instanceof StoreError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    if (isUnavailable(e))
      throw new StoreError('E_STORE_UNAVAILABLE', `migrate: database unavailable: ${msg}`, { cause: e });
    throw new StoreError('E_STORE_MIGRATION', `migrate: ${msg}`, { cause: e });
  }
}
