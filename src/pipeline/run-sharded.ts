import { Worker } from 'node:worker_threads';
import { statSync } from 'node:fs';
import { VigilError, type CaptureFormatError } from '../core/errors.js';
import type { AlertRecord } from '../output/alert-record.js';
import { BatchWriter } from './batch.js';
import { forEachRecord } from './capture-loop.js';
import { pipelineOptions, type IdsConfig } from './ids-config.js';
import {
  addCounters,
  addRecord,
  automataOf,
  emptyCounters,
  NO_BUILDS,
  type RunResult,
} from './run-result.js';
import { readShard, ShardRouter } from './shard-reader.js';
import type { FromWorker, LogRows, ToWorker, WorkerInit } from './worker-protocol.js';
import { IdsPipeline } from './ids-pipeline.js';
import type { DetectionEngine } from '../detect/engine.js';
import type { LogSet } from '../logs/log-set.js';
import type { LogFormatName } from '../logs/format/registry.js';

/** Where a sharded run's log rows go: the main thread's log files, or nowhere. */
type RowSink = ((rows: LogRows) => void) | null;

const MAX_IN_FLIGHT = 4;

/**
 * The size of a file every thread can read on its own, or null for a pipe or a device (whose bytes only one
 * reader gets) and for a path that cannot be read (the read that follows says why).
 */
function regularFileSize(path: string): number | null {
  try {
    const st = statSync(path);
    return st.isFile() ? st.size : null;
  } catch {
    return null;
  }
}

interface Shard {
  worker: Worker;
  /** Receives the worker's log rows; set once the run knows its log files. */
  rows: RowSink;
  batch: BatchWriter;
  inFlight: number;
  wake: (() => void) | null;
  /** Set when the worker failed: nothing more is sent to it, and waiting on it stops. */
  dead: Error | null;
  finished: Promise<FromWorker & { type: 'finished' }>;
}

/** The N-1 worker threads of a sharded run, starting (each loads and compiles the rules itself). */
export interface ShardWorkers {
  ready: Promise<Shard[]>;
  /** Stops the workers (when the run does not happen after all). */
  stop(): Promise<void>;
}

/**
 * Start the workers of a `threads`-way run. Call it before building this thread's engine: the workers
 * compile theirs at the same time, so start-up costs one compile, not two in a row.
 */
export function startShards(
  cfg: IdsConfig,
  threads: number,
  onAlert: (a: AlertRecord) => void,
  logFormat: LogFormatName | null = null,
): ShardWorkers {
  const started = Array.from({ length: threads - 1 }, (_, i) => startShard(cfg, onAlert, i + 1, logFormat));
  const ready = Promise.all(started.map((s) => s.ready));
  ready.catch(() => undefined);
  return {
    ready,
    stop: async () => {
      await Promise.all(started.map((s) => s.worker.terminate()));
    },
  };
}

/**
 * Inspect a capture with N packet threads: this one and N-1 workers. This thread reads, decodes just enough
 * to pick a shard by a symmetric flow hash, ships the other shards' records and inspects shard 0 itself.
 * Each shard owns its flows completely, so the alerts equal one thread's (order aside). `workers`: from
 * `startShards` (started here when absent), with the log format of `logs` when logs are written. `logs`:
 * every thread's rows go to these files (closed at the end, also after a failure). `engine` null (and
 * `cfg.detect` false for the workers): logs only.
 */
export async function runSharded(
  path: string,
  engine: DetectionEngine | null,
  cfg: IdsConfig,
  threads: number,
  onAlert: (a: AlertRecord) => void,
  onProgress?: (bytesRead: number, packets: number) => void,
  workers: ShardWorkers = startShards(cfg, threads, onAlert),
  logs: LogSet | null = null,
): Promise<RunResult> {
  let shards: Shard[] = [];
  try {
    shards = await workers.ready;
    if (logs !== null) {
      const sink: RowSink = (rows) => {
        for (const [stream, text] of rows.text) logs.writeRows(stream, text);
        for (const w of rows.weirds) logs.write('weird', w);
      };
      for (const s of shards) s.rows = sink;
    }
    const run: Run = { path, engine, cfg, threads, onAlert, onProgress, shards, logs };
    const size = regularFileSize(path);
    return await (size !== null ? replicate(run, size) : dispatch(run));
  } catch (e) {
    // A capture that cannot be read, a worker that failed: the others must not keep the process alive.
    await workers.stop();
    throw e;
  } finally {
    // What was logged before a failure is kept; rows a stopping worker still sends are dropped.
    for (const s of shards) s.rows = null;
    logs?.close();
  }
}

/** What a sharded run works with, once its workers are ready. */
interface Run {
  path: string;
  engine: DetectionEngine | null;
  cfg: IdsConfig;
  threads: number;
  onAlert: (a: AlertRecord) => void;
  onProgress: ((bytesRead: number, packets: number) => void) | undefined;
  shards: Shard[];
  logs: LogSet | null;
}

/** This thread's pipeline: shard 0, writing its log rows straight to the run's files. */
function localPipeline(run: Run): IdsPipeline {
  return new IdsPipeline(run.engine, run.onAlert, { ...pipelineOptions(run.cfg), logs: run.logs });
}

/**
 * A regular file: every thread reads it whole and keeps its own shard's records (`readShard`). Nothing
 * crosses threads but alerts, log rows and the totals: no copying, batching or back-pressure, and this
 * thread's time goes to its own shard. Reading and routing the whole file costs each thread a little
 * (the file is in the page cache after the first read), far less than shipping half of it did.
 */
async function replicate(run: Run, size: number): Promise<RunResult> {
  const { path, engine, threads, onProgress, shards, logs } = run;
  const local = localPipeline(run);
  const t0 = performance.now();
  // Every thread reads the bytes the file had now: one still being written is split over the same records.
  for (const s of shards)
    s.worker.postMessage({ type: 'file', path, threads, bytes: size } satisfies ToWorker);
  const error = await readShard(
    path,
    0,
    threads,
    logs !== null,
    (rec, num) => local.push(rec, num),
    onProgress,
    size,
  );
  local.finish();
  return collect(local, engine, await Promise.all(shards.map((s) => s.finished)), error, t0);
}

/**
 * Anything else (a pipe, a device): this thread reads, routes, inspects shard 0 itself and ships the other
 * shards' records in 1 MiB transferable batches, at most MAX_IN_FLIGHT per worker.
 */
async function dispatch(run: Run): Promise<RunResult> {
  const { path, engine, threads, onProgress, shards, logs } = run;
  const local = localPipeline(run);
  const t0 = performance.now();
  let packets = 0;
  const flush = (s: Shard) => {
    const b = s.batch.take();
    s.inFlight++;
    s.worker.postMessage({ type: 'batch', ...b } satisfies ToWorker, [b.buf]);
  };
  const router = new ShardRouter(threads, logs !== null, (k, rec, num) => {
    if (k === 0) {
      local.push(rec, num);
      return;
    }
    const s = shards[k - 1]!;
    if (!s.batch.add(rec, num)) {
      flush(s);
      s.batch.add(rec, num);
    }
  });
  const error = await forEachRecord(
    path,
    (rec, num) => {
      packets++;
      router.route(rec, num);
    },
    async (bytesRead) => {
      onProgress?.(bytesRead, packets);
      for (const s of shards) {
        while (s.inFlight >= MAX_IN_FLIGHT) {
          if (s.dead !== null) throw s.dead;
          await new Promise<void>((r) => (s.wake = r));
        }
      }
    },
  );
  router.finish();
  for (const s of shards) {
    if (s.batch.count > 0) flush(s);
    s.worker.postMessage({ type: 'end' } satisfies ToWorker);
  }
  local.finish();
  return collect(local, engine, await Promise.all(shards.map((s) => s.finished)), error, t0);
}

/** The run's totals: this thread's and every worker's, with the time since `t0` less the slowest build. */
function collect(
  local: IdsPipeline,
  engine: DetectionEngine | null,
  done: (FromWorker & { type: 'finished' })[],
  error: CaptureFormatError | null,
  t0: number,
): RunResult {
  const counters = emptyCounters();
  const events: Record<string, number> = {};
  const flow: Record<string, number> = {};
  addCounters(counters, local.counters);
  addRecord(events, local.events.toJSON());
  addRecord(flow, { ...local.flows.stats });
  const automata = automataOf(engine?.stats ?? NO_BUILDS);
  let slowestBuild = automata.seconds;
  for (const d of done) {
    addCounters(counters, d.counters);
    addRecord(events, d.events);
    addRecord(flow, d.flow);
    automata.sets += d.automata.sets;
    automata.built += d.automata.built;
    automata.seconds += d.automata.seconds;
    slowestBuild = Math.max(slowestBuild, d.automata.seconds);
  }
  const seconds = (performance.now() - t0) / 1000 - slowestBuild;
  return { counters, events, flow, error, seconds, automata };
}

function startShard(
  cfg: IdsConfig,
  onAlert: (a: AlertRecord) => void,
  shardNo: number,
  logs: LogFormatName | null,
): { worker: Worker; ready: Promise<Shard> } {
  const worker = new Worker(new URL('./worker-entry.js', import.meta.url), {
    workerData: { cfg, shard: shardNo, logs } satisfies WorkerInit,
  });
  const ready = new Promise<Shard>((resolveReady, rejectReady) => {
    let resolveFinished!: (m: FromWorker & { type: 'finished' }) => void;
    let rejectFinished!: (e: Error) => void;
    const finished = new Promise<FromWorker & { type: 'finished' }>((res, rej) => {
      resolveFinished = res;
      rejectFinished = rej;
    });
    finished.catch(() => undefined);
    const fail = (e: Error): void => {
      shard.dead = e;
      rejectReady(e);
      rejectFinished(e);
      // A dispatcher waiting for this worker to take more batches must not wait forever.
      const w = shard.wake;
      shard.wake = null;
      w?.();
    };
    const shard: Shard = {
      worker,
      rows: null,
      batch: new BatchWriter(),
      inFlight: 0,
      wake: null,
      dead: null,
      finished,
    };
    worker.on('message', (m: FromWorker) => {
      switch (m.type) {
        case 'ready':
          resolveReady(shard);
          break;
        case 'alerts':
          for (const a of m.alerts) onAlert(a);
          shard.rows?.(m.rows);
          shard.inFlight -= m.done;
          if (shard.wake) {
            const w = shard.wake;
            shard.wake = null;
            w();
          }
          break;
        case 'finished':
          for (const a of m.alerts) onAlert(a);
          shard.rows?.(m.rows);
          resolveFinished(m);
          break;
        case 'error': {
          const e = new VigilError('E_INTERNAL', `worker: ${m.message}`);
          fail(e);
          break;
        }
      }
    });
    worker.on('error', (err) => fail(err));
  });
  return { worker, ready };
}
