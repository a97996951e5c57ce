import { parentPort, workerData } from 'node:worker_threads';
import type { AlertRecord } from '../output/alert-record.js';
import { buildEngine } from './build-engine.js';
import { forEachInBatch } from './batch.js';
import { IdsPipeline } from './ids-pipeline.js';
import { pipelineOptions } from './ids-config.js';
import { automataOf } from './run-result.js';
import type { FromWorker, ToWorker, WorkerInit } from './worker-protocol.js';

/** A worker thread: its own engine, flow table and defragmenter over the flows of its shard. */
async function start(): Promise<void> {
  const port = parentPort;
  if (port === null) return;
  const send = (m: FromWorker) => port.postMessage(m);
  try {
    const { cfg } = workerData as WorkerInit;
    const built = await buildEngine(cfg);
    let pending: AlertRecord[] = [];
    const p = new IdsPipeline(built.engine, (a) => pending.push(a), pipelineOptions(cfg));
    port.on('message', (m: ToWorker) => {
      if (m.type === 'batch') {
        forEachInBatch(m.buf, m.bytes, (rec, num) => p.push(rec, num));
        send({ type: 'alerts', alerts: pending, done: 1 });
        pending = [];
      } else {
        p.finish();
        send({
          type: 'finished',
          alerts: pending,
          counters: p.counters,
          events: p.events.toJSON(),
          flow: { ...p.flows.stats },
          automata: automataOf(built.engine.stats),
        });
        pending = [];
        port.close();
      }
    });
    send({ type: 'ready', loaded: built.engine.loaded, failed: built.engine.failed });
  } catch (err) {
    send({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}

void start();
