import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore } from '../../store/open.js';
import type { Store } from '../../store/store.js';

export interface TestStore {
  store: Store;
  /** Close the store and, on PostgreSQL, drop its schema. */
  cleanup(): Promise<void>;
}

/** The database of the integration tests: PostgreSQL when VIGIL_TEST_DATABASE_URL is set, else PGlite in memory. */
export const TEST_DATABASE_URL = process.env['VIGIL_TEST_DATABASE_URL'] ?? '';

/** A fresh, migrated store: its own schema on PostgreSQL (parallel test files never collide). */
export async function openTestStore(): Promise<TestStore> {
  if (TEST_DATABASE_URL === '') {
    const store = await openStore({ dataDir: 'memory://' });
    await store.migrate();
    return { store, cleanup: () => store.close() };
  }
  const schema = `vigil_server_test_${randomBytes(6).toString('hex')}`;
  const store = await openStore({ databaseUrl: TEST_DATABASE_URL, schema, poolSize: 4 });
  await store.migrate();
  return {
    store,
    async cleanup() {
      await store.close();
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}
