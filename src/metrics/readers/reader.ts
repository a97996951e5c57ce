import type { EventCounts } from '../../core/counters.js';
import type { NodeState } from '../node-state.js';
import type { ProcFiles } from '../proc-files.js';
import type { Scanner } from '../scanner.js';

/**
 * One kernel file and its parser. A parser fills the fields of NodeState it owns and leaves them NaN when the
 * text is not what it expects, counting `${id}_malformed`; the sampler counts `${id}_unreadable` when the file
 * cannot be read. Neither ever throws.
 */
export interface ProcReader {
  /** Stable name used in event names, e.g. `proc_stat`. */
  readonly id: string;
  /** Path under the procfs root. */
  readonly path: string;
  parse(s: Scanner, st: NodeState, events: EventCounts): void;
  /**
   * Instead of reading the whole file and calling parse: reads what it needs itself (the TCP tables stop
   * after their listener rows). Returns false if the file could not be read.
   */
  readPart?(files: ProcFiles, path: string, s: Scanner, st: NodeState, events: EventCounts): boolean;
  /** A TCP table read only for its listener count, which the sock_diag helper gives more cheaply. */
  readonly listenerTable?: boolean;
}
