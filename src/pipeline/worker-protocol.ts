import type { LogFormatName } from '../logs/format/registry.js';
import type { LogRows } from '../logs/log-set.js';
import type { AlertRecord } from '../output/alert-record.js';
import type { IdsCounters } from './ids-pipeline.js';
import type { IdsConfig } from './ids-config.js';
import type { AutomataStats } from './run-result.js';

/**
 * `file`: read the first `bytes` of the capture at `path` (its size when the run began) and inspect this
 * worker's shard of them (a replicated run), then finish. `batch` … `end`: records the main thread routed
 * here (a dispatched run).
 */
export type ToWorker =
  | { type: 'file'; path: string; threads: number; bytes: number }
  | { type: 'batch'; buf: ArrayBuffer; bytes: number; count: number }
  | { type: 'end' };

export type FromWorker =
  | { type: 'ready'; loaded: number; failed: number }
  | { type: 'alerts'; alerts: AlertRecord[]; rows: LogRows; done: number }
  | {
      type: 'finished';
      alerts: AlertRecord[];
      rows: LogRows;
      counters: IdsCounters;
      events: Record<string, number>;
      flow: Record<string, number>;
      automata: AutomataStats;
    }
  | { type: 'error'; message: string };

/** Log rows a worker rendered, joined per stream, and its weird records (both empty without logs). */
export type { LogRows };

export interface WorkerInit {
  cfg: IdsConfig;
  /** The worker's shard number (1 .. N-1): seeds its connection uids. */
  shard: number;
  /** Log format when the run writes logs, else null. */
  logs: LogFormatName | null;
}

/** Connection-uid seed of shard `k`: 0 for one thread, so its uids are those of an unsharded run. */
export const shardUidSeed = (k: number): number => (k << 20) >>> 0;
