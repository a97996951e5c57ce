import { pgDb } from './pg-db.js';
import { pgliteWorkerDb } from './pglite-worker-db.js';
import { sqlStore } from './sql-store.js';
import type { Store } from './store.js';
import { guard } from './errors.js';

export interface OpenStoreOptions {
  /** PostgreSQL connection string; without it the store is PGlite under `dataDir`. */
  databaseUrl?: string;
  /** PGlite data directory (default `./.vigil/db`); `memory://` keeps it in memory. */
  dataDir?: string;
  /** PostgreSQL schema to use (search_path of every connection); default: the server's search_path. */
  schema?: string;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
}

/** Open (not migrate) the store: PostgreSQL when a URL is given, else embedded PGlite. */
export async function openStore(opts: OpenStoreOptions = {}): Promise<Store> {
  if (opts.databaseUrl !== undefined && opts.databaseUrl !== '') {
    const db = pgDb({
      connectionString: opts.databaseUrl,
      ...(opts.schema !== undefined ? { schema: opts.schema } : {}),
      ...(opts.poolSize !== undefined ? { max: opts.poolSize } : {}),
    });
    return sqlStore(db);
  }
  const db = await guard('open PGlite', () => pgliteWorkerDb(opts.dataDir ?? './.vigil/db'));
  return sqlStore(db);
}
