import type { DetectionEngine } from '../detect/engine.js';
import type { AlertRecord } from '../output/alert-record.js';
import { forEachRecord } from './capture-loop.js';
import { IdsPipeline } from './ids-pipeline.js';
import type { IdsConfig } from './ids-config.js';
import type { RunResult } from './run-result.js';

/** Inspect a capture on this thread. */
export async function runSingle(
  path: string,
  engine: DetectionEngine,
  cfg: IdsConfig,
  onAlert: (a: AlertRecord) => void,
  onProgress?: (bytesRead: number, packets: number) => void,
): Promise<RunResult> {
  const t0 = performance.now();
  const p = new IdsPipeline(engine, onAlert, { flow: cfg.flow, eventQueue: cfg.eventQueue });
  const error = await forEachRecord(
    path,
    (rec, num) => p.push(rec, num),
    onProgress ? (n) => onProgress(n, p.counters.packets) : undefined,
  );
  p.finish();
  return {
    counters: p.counters,
    events: p.events.toJSON(),
    flow: { ...p.flows.stats },
    error,
    seconds: (performance.now() - t0) / 1000,
  };
}
