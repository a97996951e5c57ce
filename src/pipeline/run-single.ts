import type { Detector } from '../detect/engine.js';
import type { LogSink } from '../logs/log-set.js';
import type { AlertRecord } from '../output/alert-record.js';
import { forEachRecord } from './capture-loop.js';
import { IdsPipeline } from './ids-pipeline.js';
import { pipelineOptions, type IdsConfig } from './ids-config.js';
import { automataOf, NO_BUILDS, type RunResult } from './run-result.js';

/** Inspect a capture on this thread. */
export async function runSingle(
  path: string,
  engine: Detector | null,
  cfg: IdsConfig,
  onAlert: (a: AlertRecord) => void,
  onProgress?: (bytesRead: number, packets: number) => void,
  logs: LogSink | null = null,
): Promise<RunResult> {
  const t0 = performance.now();
  const p = new IdsPipeline(engine, onAlert, {
    ...pipelineOptions(cfg),
    logs,
  });
  let error;
  try {
    error = await forEachRecord(
      path,
      (rec, num) => p.push(rec, num),
      onProgress ? (n) => onProgress(n, p.counters.packets) : undefined,
    );
    p.finish();
  } finally {
    // What was logged before a failure is kept.
    logs?.close();
  }
  const automata = automataOf(engine?.stats ?? NO_BUILDS);
  return {
    counters: p.counters,
    events: p.events.toJSON(),
    flow: { ...p.flows.stats },
    error,
    seconds: (performance.now() - t0) / 1000 - automata.seconds,
    automata,
  };
}
