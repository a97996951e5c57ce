import type { AlertRecord } from '../output/alert-record.js';
import type { IdsCounters } from './ids-pipeline.js';
import type { IdsConfig } from './ids-config.js';
import type { AutomataStats } from './run-result.js';

export type ToWorker = { type: 'batch'; buf: ArrayBuffer; bytes: number; count: number } | { type: 'end' };

export type FromWorker =
  | { type: 'ready'; loaded: number; failed: number }
  | { type: 'alerts'; alerts: AlertRecord[]; done: number }
  | {
      type: 'finished';
      alerts: AlertRecord[];
      counters: IdsCounters;
      events: Record<string, number>;
      flow: Record<string, number>;
      automata: AutomataStats;
    }
  | { type: 'error'; message: string };

export interface WorkerInit {
  cfg: IdsConfig;
}
