import type { FlowConfig } from '../flow/engine.js';
import type { EventQueueConfig } from './event-queue.js';

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
}
