import type { Flow } from '../flow/flow.js';
import type { Packet } from '../packet/packet.js';
import type { Rule } from '../rules/ast.js';
import type { BufferProvider } from './buffers.js';
import type { CompiledRule } from './compile-rule.js';
import type { EvalContext } from './context.js';
import { DetectionFilterTable, addrKey } from './detection-filter.js';
import { evalRule } from './eval.js';
import { flowState } from './flow-state.js';
import type { EventFilter } from './event-filter.js';
import { headerMatches, type UnitHeader } from './header.js';
import { applyFlowbits } from './options/flowbits.js';

/** One inspection unit: a raw packet (`rebuilt:false`) or a reassembled TCP PDU (`rebuilt:true`). */
export interface InspectUnit {
  pkt: Packet;
  flow: Flow | null;
  dir: 0 | 1;
  data: Uint8Array;
  off: number;
  len: number;
  rebuilt: boolean;
  /** TCP raw segment whose payload is also delivered in a reassembled PDU. */
  streamed: boolean;
  buffers?: BufferProvider;
  /**
   * Length of the PDU as Snort's pseudo packet carries it (an alert's pkt_len) when it is not `len`: an HTTP
   * header section has an empty pkt_data but its header lines as payload. Absent or -1: `len`.
   */
  pduLen?: number;
  /** Capture time (µs) of a PDU: its first byte's segment, as Snort stamps a reassembled packet. Absent or <= 0: the packet's. */
  pduUs?: number;
}

export interface AlertEvent {
  rule: Rule;
  pkt: Packet;
  flow: Flow | null;
  dir: 0 | 1;
  rebuilt: boolean;
}

export interface DetectStats {
  units: number;
  /** Rules whose options were evaluated (after the prefilter and header checks). */
  evaluated: number;
  matched: number;
  alerts: number;
  /** Matches suppressed by flowbits:noalert, detection_filter or event_filter. */
  suppressed: number;
  /** Distinct (protocol, service, src-port-group, dst-port-group) automata sets built. */
  groupsBuilt: number;
  /** Automata compiled for them (sets with the same fast patterns for a buffer share one). */
  automataBuilt: number;
  /** Milliseconds spent building group sets and their automata (on first use of a combination). */
  buildMs: number;
}

/** What a pipeline inspects units with: the fast engine, or the naive reference evaluator in tests. */
export interface Detector {
  readonly stats: DetectStats;
  inspect(u: InspectUnit, onAlert: (e: AlertEvent) => void): void;
}

export function newStats(): DetectStats {
  return {
    units: 0,
    evaluated: 0,
    matched: 0,
    alerts: 0,
    suppressed: 0,
    groupsBuilt: 0,
    automataBuilt: 0,
    buildMs: 0,
  };
}

/**
 * The per-rule steps after candidate selection, shared by the engine and the reference evaluator so the
 * two differ only in how candidates are found: unit-kind gating, header, options, then post-match actions.
 */
export class RuleRunner {
  private readonly dfTable = new DetectionFilterTable();
  constructor(
    private readonly ctx: EvalContext,
    private readonly header: UnitHeader,
    private readonly eventFilter: EventFilter,
    readonly stats: DetectStats,
  ) {}

  /** Integrator-decided unit semantics (see NOTES.md). */
  applies(cr: CompiledRule, u: InspectUnit): boolean {
    if (u.rebuilt) return cr.hasPayload;
    if (cr.onlyStream || cr.session) return false;
    if (u.streamed && cr.hasPktPayload && !cr.noStream) return false;
    return true;
  }

  run(cr: CompiledRule, u: InspectUnit, onAlert: (e: AlertEvent) => void): void {
    if (!this.applies(cr, u)) return;
    if (!headerMatches(cr.rule, this.header)) return;
    this.stats.evaluated++;
    if (!evalRule(cr, this.ctx)) return;
    this.stats.matched++;
    for (let i = 0; i < cr.setters.length; i++) applyFlowbits(cr.setters[i]!, this.ctx);
    if (cr.session && u.flow !== null && !flowState(u.flow, 0).firstAlert(cr.index, u.dir)) {
      this.stats.suppressed++;
      return;
    }
    if (cr.noalert || !this.postFilters(cr, u)) {
      this.stats.suppressed++;
      return;
    }
    this.stats.alerts++;
    onAlert({ rule: cr.rule, pkt: u.pkt, flow: u.flow, dir: u.dir, rebuilt: u.rebuilt });
  }

  private postFilters(cr: CompiledRule, u: InspectUnit): boolean {
    const h = this.header;
    const now = u.pkt.tsSec + u.pkt.tsUsec / 1e6;
    const srcKey = addrKey(h.ipVer, h.src4, h.src);
    const dstKey = addrKey(h.ipVer, h.dst4, h.dst);
    const df = cr.detectionFilter;
    if (df !== null && !this.dfTable.check(cr.index, df, df.bySrc ? srcKey : dstKey, now)) return false;
    return this.eventFilter.pass(cr.rule.gid, cr.rule.sid, srcKey, dstKey, now);
  }
}
