import type { Diagnostic } from '../core/errors.js';
import type { Rule } from '../rules/ast.js';
import { BufferId } from './buffers.js';
import { compileRule, FlowbitRegistry, type CompiledRule } from './compile-rule.js';
import { EvalContext } from './context.js';
import { EventFilter, type EventFilterConfig } from './event-filter.js';
import { IP_ONLY_TABLE, UnitHeader, protoTable } from './header.js';
import { createMpse } from './mpse/aho-corasick.js';
import type { Mpse, MpseBuilder } from './mpse/mpse.js';
import { RuleGroups, type GroupSet } from './groups.js';
import { RuleRunner, newStats, type AlertEvent, type DetectStats, type InspectUnit } from './runner.js';

export type { AlertEvent, DetectStats, InspectUnit } from './runner.js';

export interface EngineOptions {
  /** Multi-pattern matcher factory (default: the Aho-Corasick automaton). */
  mpse?: () => MpseBuilder;
  eventFilters?: readonly EventFilterConfig[];
}

/** Compile rules once; `inspect` each unit. Not thread-safe: one engine per worker. */
export class DetectionEngine {
  readonly loaded: number;
  readonly failed: number;
  readonly stats: DetectStats = newStats();
  readonly rules: readonly CompiledRule[];
  private readonly ctx = new EvalContext();
  private readonly header = new UnitHeader();
  private readonly runner: RuleRunner;
  private readonly groups: RuleGroups;
  private readonly stamp: Uint32Array;
  private readonly cand: Int32Array;
  private ids: Int32Array = new Int32Array(16);
  private unitNo = 0;

  private constructor(rules: CompiledRule[], failed: number, bits: number, opts: EngineOptions) {
    this.rules = rules;
    this.loaded = rules.length;
    this.failed = failed;
    this.ctx.flowbitCount = bits;
    this.runner = new RuleRunner(this.ctx, this.header, new EventFilter(opts.eventFilters ?? []), this.stats);
    this.groups = new RuleGroups(rules, opts.mpse ?? (() => createMpse()));
    this.stamp = new Uint32Array(rules.length);
    this.cand = new Int32Array(rules.length);
  }

  static compile(rules: Rule[], diagnostics: Diagnostic[], opts: EngineOptions = {}): DetectionEngine {
    const bits = new FlowbitRegistry();
    const compiled: CompiledRule[] = [];
    const shared = new Map<string, unknown>();
    let failed = 0;
    for (const r of rules) {
      const cr = compileRule(r, compiled.length, bits, diagnostics, shared);
      if (cr === null) failed++;
      else compiled.push(cr);
    }
    return new DetectionEngine(compiled, failed, bits.bitCount, opts);
  }

  inspect(u: InspectUnit, onAlert: (e: AlertEvent) => void): void {
    const pkt = u.pkt;
    this.stats.units++;
    if (pkt.ipVer === 0 && u.flow === null) return;
    const h = this.header;
    h.fill(pkt, u.flow, u.dir, u.rebuilt);
    h.proto = u.rebuilt && u.flow !== null ? u.flow.proto : pkt.proto;
    // A fragment is inspected as an IP packet only (Snort decodes no transport layer in fragments): its
    // transport header, if any, is judged once the datagram is rebuilt.
    const table = pkt.isFragment && !pkt.rebuilt ? IP_ONLY_TABLE : protoTable(h.proto);
    const set = this.groups.lookup(table, h.service, h.sport, h.dport);
    this.stats.groupsBuilt = this.groups.built;
    const ctx = this.ctx;
    ctx.beginUnit(pkt, u.flow, u.dir, u.data, u.off, u.len, u.rebuilt, u.streamed, u.buffers ?? null);
    const k = this.prefilter(set, u);
    this.evaluate(set, k, u, onAlert);
  }

  /** Scan each buffer once with its automaton; collect distinct candidate rule indices. */
  private prefilter(set: GroupSet, u: InspectUnit): number {
    const stamp = ++this.unitNo;
    const cand = this.cand;
    const seen = this.stamp;
    let k = 0;
    for (let i = 0; i < set.mpses.length; i++) {
      const m: Mpse = set.mpses[i]!;
      const id = set.buffers[i]!;
      let data = u.data;
      let off = u.off;
      let len = u.len;
      if (id === BufferId.pkt_data) {
        if (u.streamed && !u.rebuilt && !set.pktOnStreamed) continue;
      } else {
        const v = u.buffers === undefined ? null : u.buffers.getBuffer(id, null);
        if (v === null) continue;
        data = v.data;
        off = v.off;
        len = v.len;
      }
      if (this.ids.length < m.idCapacity) this.ids = new Int32Array(m.idCapacity);
      const n = m.scan(data, off, off + len, this.ids);
      for (let j = 0; j < n; j++) {
        const r = this.ids[j]!;
        if (seen[r] !== stamp) {
          seen[r] = stamp;
          cand[k++] = r;
        }
      }
    }
    // insertion sort: candidate lists are short; rule order makes flowbits deterministic
    for (let i = 1; i < k; i++) {
      const v = cand[i]!;
      let j = i - 1;
      while (j >= 0 && cand[j]! > v) {
        cand[j + 1] = cand[j]!;
        j--;
      }
      cand[j + 1] = v;
    }
    return k;
  }

  /** Merge the sorted candidates with the group's non-fast-pattern rules and run each once. */
  private evaluate(set: GroupSet, k: number, u: InspectUnit, onAlert: (e: AlertEvent) => void): void {
    const cand = this.cand;
    const nonFp = set.nonFp;
    const rules = this.rules;
    let i = 0;
    let j = 0;
    while (i < k || j < nonFp.length) {
      let r: number;
      if (j >= nonFp.length || (i < k && cand[i]! < nonFp[j]!)) r = cand[i++]!;
      else r = nonFp[j++]!;
      this.runner.run(rules[r]!, u, onAlert);
    }
  }
}
