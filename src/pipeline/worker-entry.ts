import { parentPort, workerData } from 'node:worker_threads';
import { RowCollector } from '../logs/log-set.js';
import type { AlertRecord } from '../output/alert-record.js';
import { buildEngine } from './build-engine.js';
import { forEachInBatch } from './batch.js';
import { IdsPipeline } from './ids-pipeline.js';
import { readShard } from './shard-reader.js';
import { pipelineOptions } from './ids-config.js';
import { automataOf, NO_BUILDS } from './run-result.js';
import {
  shardUidSeed,
  type FromWorker,
  type LogRows,
  type ToWorker,
  type WorkerInit,
} from './worker-protocol.js';

/**
 * A worker thread: its own engine, flow table and defragmenter over the flows of its shard. With logs it
 * renders its rows and sends them with each batch's alerts; the main thread writes them to the one set of
 * log files.
 */
async function start(): Promise<void> {
  const port = parentPort;
  if (port === null) return;
  const send = (m: FromWorker) => port.postMessage(m);
  try {
    const { cfg, shard, logs } = workerData as WorkerInit;
    const built = cfg.detect === false ? null : await buildEngine(cfg);
    const engine = built?.engine ?? null;
    let pending: AlertRecord[] = [];
    const rows = logs === null ? null : new RowCollector(logs);
    const takeRows = (): LogRows => (rows === null ? { text: [], weirds: [] } : rows.take());
    const p = new IdsPipeline(engine, (a) => pending.push(a), {
      ...pipelineOptions(cfg),
      logs: rows,
      uidSeed: shardUidSeed(shard),
    });
    const sendAlerts = (done: number): void => {
      send({ type: 'alerts', alerts: pending, rows: takeRows(), done });
      pending = [];
    };
    const finish = (): void => {
      p.finish();
      send({
        type: 'finished',
        alerts: pending,
        rows: takeRows(),
        counters: p.counters,
        events: p.events.toJSON(),
        flow: { ...p.flows.stats },
        automata: automataOf(engine?.stats ?? NO_BUILDS),
      });
      pending = [];
      port.close();
    };
    port.on('message', (m: ToWorker) => {
      if (m.type === 'file') {
        // A format error ends this shard where it ends the main thread's, which reports it.
        readShard(
          m.path,
          shard,
          m.threads,
          logs !== null,
          (rec, num) => p.push(rec, num),
          (_bytes) => sendAlerts(0),
          m.bytes,
        ).then(finish, (err: unknown) =>
          send({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
        );
      } else if (m.type === 'batch') {
        forEachInBatch(m.buf, m.bytes, (rec, num) => p.push(rec, num));
        sendAlerts(1);
      } else {
        finish();
      }
    });
    send({ type: 'ready', loaded: engine?.loaded ?? 0, failed: engine?.failed ?? 0 });
  } catch (err) {
    send({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}

void start();
