import type { Sql } from '../sql.js';

/** One schema step. `up` runs inside the migration transaction; ids are applied in ascending order. */
export interface Migration {
  readonly id: number;
  readonly name: string;
  up(q: Sql, engine: 'pglite' | 'postgres'): Promise<void>;
}

/** Run statements one by one (PGlite's extended protocol takes one statement per query). */
export async function runAll(q: Sql, statements: readonly string[]): Promise<void> {
  for (const s of statements) await q.query(s);
}
