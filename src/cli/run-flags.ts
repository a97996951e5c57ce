import type { Command } from 'commander';
import { VigilError } from '../core/errors.js';
import { DEFAULT_FLOW_CONFIG, type FlowConfig } from '../flow/config.js';

/** Flags on how a capture is processed, shared by the commands that run the pipeline. */

/** `--max-flows N`: the flow table's cap (least recently used flows are evicted beyond it). */
export function addFlowOptions(c: Command): Command {
  return c.option(
    '--max-flows <n>',
    `most flows tracked at once; beyond it the least recently used is evicted (default ${DEFAULT_FLOW_CONFIG.maxFlows}, as Snort 3's stream.max_flows)`,
  );
}

/** The flow settings the flags ask for (empty: the defaults). */
export function flowFlags(f: { maxFlows?: string }): Partial<FlowConfig> {
  if (f.maxFlows === undefined) return {};
  const n = Number(f.maxFlows);
  if (!Number.isInteger(n) || n < 1 || n > 1 << 26)
    throw new VigilError('E_USAGE', `--max-flows expects a count 1..${1 << 26}, got "${f.maxFlows}"`);
  return { maxFlows: n };
}

/** `-z N`: packet threads, 1..64. */
export function threadCount(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new VigilError('E_USAGE', `-z expects a thread count 1..64, got "${v}"`);
  return n;
}
