import { once } from 'node:events';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { isUnavailable } from './errors.js';
import type { CopyData, Db, QueryResult, TxSql } from './sql.js';

export interface PgDbOptions {
  connectionString: string;
  /** Schema for every pooled connection's search_path (tests and benchmarks use their own). */
  schema?: string;
  max?: number;
  /** application_name of the connections (tests find their own backends by it). */
  applicationName?: string;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

function result<T>(r: pg.QueryResult): QueryResult<T> {
  return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
}

function copyInto(client: pg.PoolClient, copySql: string, data: CopyData): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = client.query(copyFromStdin(copySql));
    // A backend that dies mid-COPY surfaces on the client, not always on the stream.
    let failed = false;
    const gone = (e?: Error) => {
      failed = true;
      reject(e ?? new Error('Connection terminated during COPY'));
    };
    client.once('error', gone);
    client.once('end', gone);
    /** What a chunk threw: the COPY's answer to our CopyFail is not the error to report. */
    let thrown: unknown;
    const done = (e?: Error) => {
      client.off('error', gone);
      client.off('end', gone);
      failed ||= e !== undefined;
      if (thrown !== undefined) reject(thrown as Error);
      else if (e) reject(e);
      else resolve();
    };
    stream.on('error', done);
    stream.on('finish', () => done());
    if (typeof data === 'string' || data instanceof Uint8Array) {
      stream.end(data);
      return;
    }
    // Chunks: each is written as soon as it is made, so the database parses one while the next is encoded;
    // a chunk that throws aborts the COPY (CopyFail), and the transaction with it.
    void (async () => {
      try {
        for (const chunk of data) {
          if (failed) return;
          if (!stream.write(chunk))
            await once(stream, 'drain'); // rejects if the stream errors instead
          else await new Promise<void>((r) => setImmediate(r));
        }
        if (!failed) stream.end();
      } catch (e) {
        if (failed) return; // the stream or the connection failed first: that is the error reported
        thrown = e;
        stream.destroy(e as Error);
      }
    })();
  });
}

/**
 * Settings of every store connection (after any `options` the connection string carries, which the pool's
 * own `options` would otherwise replace). jit=off: JIT compilation cost 40–50 ms on the 5M-row log
 * queries that run in 100–300 ms. random_page_cost=1.1 (the usual value for SSDs and cached data): the
 * tables are appended in time order, so a time range's rows sit together, and at the default 4 the
 * planner preferred reading all 5M conn rows (500 ms) to one day of them through an index (230 ms).
 */
function sessionOptions(opts: PgDbOptions): string {
  let given = '';
  try {
    given = new globalThis.URL(opts.connectionString).searchParams.get('options') ?? '';
  } catch {
    // not a URL (key=value form): nothing to keep
  }
  const schema = opts.schema !== undefined ? ` -c search_path=${opts.schema}` : '';
  return `${given} -c jit=off -c random_page_cost=1.1${schema}`.trim();
}

const quieted = new WeakSet<pg.PoolClient>();

/** PostgreSQL through a pg Pool. */
export function pgDb(opts: PgDbOptions): Db {
  if (opts.schema !== undefined && !SCHEMA_NAME.test(opts.schema))
    throw new Error(`bad schema name ${JSON.stringify(opts.schema)}`);
  const pool = new pg.Pool({
    connectionString: opts.connectionString,
    max: opts.max ?? 10,
    connectionTimeoutMillis: 10_000,
    ...(opts.applicationName !== undefined ? { application_name: opts.applicationName } : {}),
    options: sessionOptions(opts),
  });
  // An idle connection that the server closes (restart, pg_terminate_backend) must not crash the process;
  // the pool drops it and the next query opens a new one.
  pool.on('error', () => undefined);
  return {
    engine: 'postgres',
    ...(opts.schema !== undefined ? { schema: opts.schema } : {}),
    async query<T>(text: string, params?: readonly unknown[]) {
      return result<T>(await pool.query(text, params as unknown[] | undefined));
    },
    async tx<T>(fn: (q: TxSql) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      // A connection that dies while checked out (mid-COPY, say) reports it through the failing query;
      // its 'error' event, which can come late (an EPIPE on a write already queued), must not crash the process.
      if (!quieted.has(client)) {
        quieted.add(client);
        client.on('error', () => undefined);
      }
      const q: TxSql = {
        query: async <R>(text: string, params?: readonly unknown[]) =>
          result<R>(await client.query(text, params as unknown[] | undefined)),
        copyFrom: (copySql, data) => copyInto(client, copySql, data),
      };
      try {
        await client.query('BEGIN');
        const r = await fn(q);
        await client.query('COMMIT');
        client.release();
        return r;
      } catch (e) {
        let broken = isUnavailable(e);
        if (!broken) await client.query('ROLLBACK').catch(() => (broken = true));
        // A broken connection is destroyed, never handed to the next caller.
        client.release(broken ? (e instanceof Error ? e : true) : undefined);
        throw e;
      }
    },
    close: () => pool.end(),
  };
}
