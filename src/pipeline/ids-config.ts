import type { FlowConfig } from '../flow/engine.js';
import type { EventQueueConfig } from './event-queue.js';

/** Everything a pipeline needs to build itself; plain data so it crosses worker threads. */
export interface IdsConfig {
  rulePaths: string[];
  vars: Record<string, string>;
  flow: Partial<FlowConfig>;
  eventQueue: EventQueueConfig;
}
