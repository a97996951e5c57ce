import type { CaptureFormatError } from '../core/errors.js';
import type { IdsCounters } from './ids-pipeline.js';

export interface RunResult {
  counters: IdsCounters;
  events: Record<string, number>;
  flow: Record<string, number>;
  /** The capture error that ended reading early, after everything before it was inspected. */
  error: CaptureFormatError | null;
  /**
   * Wall-clock seconds from the first byte read to the last alert delivered, start-up excluded; building a
   * port group's automata on its first use counts as start-up (`automata.seconds`), as Snort builds them all
   * before reading packets. With several threads the slowest thread's build time is taken out.
   */
  seconds: number;
  /** Group sets and automata built on first use, and the seconds that took (summed over threads). */
  automata: AutomataStats;
}

export interface AutomataStats {
  sets: number;
  built: number;
  seconds: number;
}

/** Build statistics of a thread without a detection engine. */
export const NO_BUILDS = { groupsBuilt: 0, automataBuilt: 0, buildMs: 0 } as const;

export function automataOf(stats: {
  groupsBuilt: number;
  automataBuilt: number;
  buildMs: number;
}): AutomataStats {
  return { sets: stats.groupsBuilt, built: stats.automataBuilt, seconds: stats.buildMs / 1000 };
}

export function emptyCounters(): IdsCounters {
  return {
    packets: 0,
    bytes: 0,
    wireBytes: 0,
    nonIp: 0,
    fragments: 0,
    rebuiltDatagrams: 0,
    alerts: 0,
    firstTs: 0,
    lastTs: 0,
  };
}

export function addCounters(into: IdsCounters, c: IdsCounters): void {
  for (const k of Object.keys(into) as (keyof IdsCounters)[]) {
    if (k === 'firstTs')
      into.firstTs = into.firstTs === 0 ? c.firstTs : Math.min(into.firstTs, c.firstTs || Infinity);
    else if (k === 'lastTs') into.lastTs = Math.max(into.lastTs, c.lastTs);
    else into[k] += c[k];
  }
}

export function addRecord(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}
