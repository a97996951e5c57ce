import { afterEach, describe, expect, it } from 'vitest';
import { isUnavailable, toStoreError } from './errors.js';
import { pgliteDb } from './pglite-db.js';
import { pgliteWorkerDb } from './pglite-worker-db.js';
import type { Db } from './sql.js';

const open: Db[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.close();
});

async function fresh(): Promise<Db> {
  const db = await pgliteWorkerDb('memory://');
  open.push(db);
  await db.query('CREATE TABLE t (k int PRIMARY KEY, v text)');
  return db;
}

/** Which settles first: the query, or a timer set just after it was sent. */
async function raceTimer(db: Db): Promise<string> {
  const q = db.query('SELECT count(*) AS n FROM generate_series(1, 2000000) g WHERE g % 7 = 3');
  const timer = new Promise<string>((r) => setTimeout(() => r('timer'), 1));
  const first = await Promise.race([q.then(() => 'query'), timer]);
  await q;
  return first;
}

describe('PGlite in its own thread', () => {
  it('answers queries with the same rows and counts as PGlite in process', async () => {
    const db = await fresh();
    const ins = await db.query('INSERT INTO t VALUES ($1, $2), ($3, $4)', [1, 'a', 2, 'b']);
    expect(ins.rowCount).toBe(2);
    const r = await db.query<{ k: number; v: string; big: bigint | number; at: Date }>(
      "SELECT k, v, 9007199254740993::int8 AS big, timestamptz '2026-01-02 03:04:05Z' AS at FROM t ORDER BY k",
    );
    const local = await pgliteDb('memory://');
    try {
      const same = await local.query(
        "SELECT 1 AS k, 'a' AS v, 9007199254740993::int8 AS big, timestamptz '2026-01-02 03:04:05Z' AS at",
      );
      expect(r.rows[0]).toEqual(same.rows[0]);
    } finally {
      await local.close();
    }
    expect(r.rows.map((x) => x.v)).toEqual(['a', 'b']);
  });

  it('keeps the calling thread free while a query runs', async () => {
    const db = await fresh();
    expect(await raceTimer(db)).toBe('timer');
    // In process, the same query holds the thread: the timer cannot fire before it ends.
    const local = await pgliteDb('memory://');
    try {
      expect(await raceTimer(local)).toBe('query');
    } finally {
      await local.close();
    }
  });

  it('commits a transaction that resolves, rolls back one that throws, and COPYs inside one', async () => {
    const db = await fresh();
    await db.tx(async (q) => {
      await q.query('INSERT INTO t VALUES (1, $1)', ['kept']);
      await q.copyFrom('COPY t (k, v) FROM STDIN', [Buffer.from('2\tcopied\n'), Buffer.from('3\tcopied\n')]);
    });
    await expect(
      db.tx(async (q) => {
        await q.query("INSERT INTO t VALUES (10, 'gone')");
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const r = await db.query<{ k: number }>('SELECT k FROM t ORDER BY k');
    expect(r.rows.map((x) => x.k)).toEqual([1, 2, 3]);
  });

  it('brings the database error across with its SQLSTATE, and a failed statement aborts its transaction', async () => {
    const db = await fresh();
    await db.query("INSERT INTO t VALUES (1, 'a')");
    const dup = await db.query("INSERT INTO t VALUES (1, 'b')").catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(Error);
    expect((dup as { code?: string }).code).toBe('23505');
    expect((dup as Error).message).toMatch(/duplicate key/);
    await expect(
      db.tx(async (q) => {
        await q.query("INSERT INTO t VALUES (5, 'x')");
        await q.query("INSERT INTO t VALUES (1, 'again')");
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect((await db.query('SELECT k FROM t WHERE k = 5')).rows).toEqual([]);
  });

  it('a closed database says so, as the store maps an unreachable one', async () => {
    const db = await pgliteWorkerDb('memory://');
    await db.close();
    const e = await db.query('SELECT 1').catch((x: unknown) => x);
    expect(isUnavailable(e)).toBe(true);
    expect(toStoreError(e, 'q').code).toBe('E_STORE_UNAVAILABLE');
    await db.close(); // twice is fine
  });
});
