import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CopyData, Db, QueryResult, TxSql } from './sql.js';
import {
  errorFrom,
  type FromPglite,
  type PgliteWorkerInit,
  type ToPglite,
} from './pglite-worker-protocol.js';

/** A message without its id (each member of the union on its own, so `op` still picks the fields). */
type WithoutId<M> = M extends unknown ? Omit<M, 'id'> : never;
type Call = WithoutId<ToPglite>;

/**
 * The worker's script. Built, it sits beside this file; under the test runner this file is TypeScript
 * source and the worker runs the built copy (`npm test` builds first).
 */
function entryUrl(): URL {
  const here = new URL('./pglite-worker-entry.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const built = fileURLToPath(here).replace(
    /\/src\/store\/pglite-worker-entry\.js$/,
    '/dist/src/store/pglite-worker-entry.js',
  );
  if (!existsSync(built))
    throw new Error(`the PGlite thread's script ${built} is not built: run npm run build`);
  return pathToFileURL(built);
}

/** COPY data as the worker can take it (chunks made on demand are made here, in order). */
function copyData(data: CopyData): string | Uint8Array | Uint8Array[] {
  return typeof data === 'string' || data instanceof Uint8Array ? data : [...data];
}

/**
 * Embedded PostgreSQL (PGlite) in a thread of its own. PGlite runs each query synchronously in
 * WebAssembly; on the server's thread a slow query would stop it from reading requests, answering health
 * checks or streaming events. Here only the rows cross threads (structured clone). Same semantics as
 * `pgliteDb`: one connection, queries serialised by PGlite, a transaction holds it exclusively.
 */
export async function pgliteWorkerDb(dataDir: string): Promise<Db> {
  const worker = new Worker(entryUrl(), { workerData: { dataDir } satisfies PgliteWorkerInit });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let gone: Error | null = null;
  // Idle, the thread does not keep the process alive (a CLI that forgets to close still exits); busy, it does.
  const refresh = () => (pending.size > 0 ? worker.ref() : worker.unref());
  const settle = (
    id: number,
    f: (p: { resolve: (v: unknown) => void; reject: (e: Error) => void }) => void,
  ) => {
    const p = pending.get(id);
    if (p === undefined) return;
    pending.delete(id);
    refresh();
    f(p);
  };
  const failAll = (e: Error) => {
    gone ??= e;
    for (const id of [...pending.keys()]) settle(id, (p) => p.reject(e));
  };
  /** Send `msg` under a new id: the id, and the answer to come. */
  const send = <T>(msg: Call): [number, Promise<T>] => {
    const id = nextId++;
    if (gone !== null) return [id, Promise.reject(gone)];
    const answer = new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      refresh();
      worker.postMessage({ ...msg, id } as ToPglite);
    });
    return [id, answer];
  };
  const call = <T>(msg: Call): Promise<T> => send<T>(msg)[1];
  const opened = new Promise<void>((resolve, reject) => pending.set(0, { resolve: () => resolve(), reject }));
  worker.on('message', (m: FromPglite) =>
    settle(m.id, (p) => (m.ok ? p.resolve(m.value) : p.reject(errorFrom(m.error)))),
  );
  worker.on('error', (e) => failAll(new Error(`PGlite is closed: its thread failed: ${e.message}`)));
  worker.on('exit', (code) => failAll(new Error(`PGlite is closed (its thread exited with ${code})`)));
  try {
    await opened;
  } catch (e) {
    await worker.terminate();
    throw e;
  }
  refresh();

  const query = <T>(text: string, params?: readonly unknown[]) =>
    call<QueryResult<T>>({ op: 'query', text, params });
  return {
    engine: 'pglite',
    query,
    async tx<T>(fn: (q: TxSql) => Promise<T>): Promise<T> {
      const [tx, begun] = send({ op: 'tx' });
      await begun;
      let result: T;
      try {
        result = await fn({
          query: <R>(text: string, params?: readonly unknown[]) =>
            call<QueryResult<R>>({ op: 'txq', tx, text, params }),
          copyFrom: (sql, data) => call<void>({ op: 'txcopy', tx, sql, data: copyData(data) }),
        });
      } catch (e) {
        await call({ op: 'txend', tx, commit: false }).catch(() => undefined);
        throw e;
      }
      await call({ op: 'txend', tx, commit: true });
      return result;
    },
    async close() {
      if (gone !== null) return;
      await call({ op: 'close' });
      gone = new Error('PGlite is closed');
      await worker.terminate();
    },
  };
}
