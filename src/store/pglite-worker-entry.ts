import { parentPort, workerData } from 'node:worker_threads';
import { pgliteDb } from './pglite-db.js';
import type { TxSql } from './sql.js';
import {
  errorData,
  type FromPglite,
  type PgliteWorkerInit,
  type ToPglite,
} from './pglite-worker-protocol.js';

type TxMessage = Extract<ToPglite, { tx: number }>;

/** Messages of one open transaction, taken in order by the transaction's loop. */
class TxChannel {
  private readonly queue: TxMessage[] = [];
  private wake: (() => void) | null = null;

  put(m: TxMessage): void {
    this.queue.push(m);
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  async next(): Promise<TxMessage> {
    while (this.queue.length === 0) await new Promise<void>((r) => (this.wake = r));
    return this.queue.shift()!;
  }
}

/** Thrown inside PGlite's transaction callback to roll it back at the caller's request. */
class Rollback extends Error {}

/** The thread that owns PGlite: queries run here, so the server's event loop never waits on WebAssembly. */
async function start(): Promise<void> {
  const port = parentPort;
  if (port === null) return;
  const reply = (m: FromPglite) => port.postMessage(m);
  const ok = (id: number, value: unknown = null) => reply({ id, ok: true, value });
  const fail = (id: number, e: unknown) => reply({ id, ok: false, error: errorData(e) });
  const { dataDir } = workerData as PgliteWorkerInit;
  let db: Awaited<ReturnType<typeof pgliteDb>>;
  try {
    db = await pgliteDb(dataDir);
  } catch (e) {
    fail(0, e);
    return;
  }
  ok(0);
  const txs = new Map<number, TxChannel>();

  /** One transaction: runs the caller's statements as they come until it says commit or roll back. */
  const runTx = (id: number) => {
    const ch = new TxChannel();
    txs.set(id, ch);
    let endId = -1;
    const step = async (q: TxSql, m: TxMessage): Promise<void> => {
      try {
        if (m.op === 'txq') ok(m.id, await q.query(m.text, m.params));
        else if (m.op === 'txcopy') ok(m.id, await q.copyFrom(m.sql, m.data));
      } catch (e) {
        fail(m.id, e);
      }
    };
    db.tx(async (q) => {
      ok(id);
      for (;;) {
        const m = await ch.next();
        if (m.op === 'txend') {
          endId = m.id;
          if (!m.commit) throw new Rollback();
          return;
        }
        await step(q, m);
      }
    }).then(
      () => {
        txs.delete(id);
        ok(endId);
      },
      (e: unknown) => {
        txs.delete(id);
        if (e instanceof Rollback) ok(endId);
        else fail(endId >= 0 ? endId : id, e);
      },
    );
  };

  port.on('message', (m: ToPglite) => {
    switch (m.op) {
      case 'query':
        db.query(m.text, m.params).then(
          (r) => ok(m.id, r),
          (e: unknown) => fail(m.id, e),
        );
        break;
      case 'tx':
        runTx(m.id);
        break;
      case 'txq':
      case 'txcopy':
      case 'txend': {
        const ch = txs.get(m.tx);
        if (ch === undefined) fail(m.id, new Error(`no open transaction ${m.tx}`));
        else ch.put(m);
        break;
      }
      case 'close':
        db.close().then(
          () => {
            ok(m.id);
            port.close();
          },
          (e: unknown) => fail(m.id, e),
        );
        break;
    }
  });
}

void start();
