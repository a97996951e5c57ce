import type { FlowConfig } from '../flow/engine.js';
import type { EventQueueConfig } from './event-queue.js';
import type { IdsPipelineOptions } from './ids-pipeline.js';

/** Everything a pipeline needs to build itself; plain data so it crosses worker threads. */
export interface IdsConfig {
  rulePaths: string[];
  vars: Record<string, string>;
  flow: Partial<FlowConfig>;
  eventQueue: EventQueueConfig;
  /**
   * The packet engine alone: no service identification and no application-layer inspection (HTTP, DNS, TLS,
   * SSH, DCE/RPC, SMB); reassembled TCP payload is inspected as pkt_data. Absent: false.
   */
  packetOnly?: boolean;
  /** false: no rules and no detection, logs only (`vigil logs`). Absent: true. */
  detect?: boolean;
}

/** The pipeline options a config stands for (every thread that inspects builds its pipeline from these). */
export function pipelineOptions(cfg: IdsConfig): IdsPipelineOptions {
  return { flow: cfg.flow, eventQueue: cfg.eventQueue, packetOnly: cfg.packetOnly === true };
}
