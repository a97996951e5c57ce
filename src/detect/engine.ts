import type { Diagnostic } from '../core/errors.js';
import type { Rule } from '../rules/ast.js';
import { BufferId, fpScanBuffer } from './buffers.js';
import { FILE_BIT, PKT_BIT, RAW_BODY_BIT, familyBit, scanFamily } from './scan-family.js';
import { compileRule, FlowbitRegistry, type CompiledRule } from './compile-rule.js';
import { EvalContext } from './context.js';
import { EventFilter, type EventFilterConfig } from './event-filter.js';
import { UnitHeader } from './header.js';
import { createMpse } from './mpse/aho-corasick.js';
import type { Mpse, MpseBuilder } from './mpse/mpse.js';
import { RuleGroups, type GroupSet } from './groups.js';
import {
  RuleRunner,
  newStats,
  type AlertEvent,
  type DetectStats,
  type Detector,
  type InspectUnit,
} from './runner.js';

export type { AlertEvent, DetectStats, Detector, InspectUnit } from './runner.js';

/**
 * Dense-row budget of each group automaton. Deeper states step through sparse rows; on the benchmark
 * capture (38 group sets in use) 1 MiB ran as fast as the 8 MiB default or faster, with ~120 MB less
 * resident memory: smaller tables stay in cache when units switch between groups.
 */
export const ENGINE_DENSE_TABLE_BYTES = 1 << 20;

export interface EngineOptions {
  /** Multi-pattern matcher factory (default: the Aho-Corasick automaton). */
  mpse?: () => MpseBuilder;
  eventFilters?: readonly EventFilterConfig[];
}

/** Compile rules once; `inspect` each unit. Not thread-safe: one engine per worker. */
export class DetectionEngine implements Detector {
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
  /** familyBit of each rule's fast-pattern buffer when it is in the pkt_data family, else 0. */
  private readonly fpBit: Int32Array;
  private ids: Int32Array = new Int32Array(16);
  private unitNo = 0;
  // prefilter state of the current unit: its stamp and the number of candidates collected
  private stampNow = 0;
  private k = 0;

  private constructor(rules: CompiledRule[], failed: number, bits: number, opts: EngineOptions) {
    this.rules = rules;
    this.loaded = rules.length;
    this.failed = failed;
    this.ctx.flowbitCount = bits;
    this.runner = new RuleRunner(this.ctx, this.header, new EventFilter(opts.eventFilters ?? []), this.stats);
    this.groups = new RuleGroups(
      rules,
      opts.mpse ?? (() => createMpse({ denseTableBytes: ENGINE_DENSE_TABLE_BYTES })),
    );
    this.stamp = new Uint32Array(rules.length);
    this.cand = new Int32Array(rules.length);
    this.fpBit = new Int32Array(rules.length);
    for (const cr of rules) {
      if (cr.fp === null) continue;
      const b = fpScanBuffer(cr.fp.buffer);
      if (scanFamily(b) === BufferId.pkt_data) this.fpBit[cr.index] = familyBit(b);
    }
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
    const g = this.groups;
    const set = g.lookup(h.table, h.service, h.sport, h.dport);
    if (g.built !== this.stats.groupsBuilt) {
      this.stats.groupsBuilt = g.built;
      this.stats.automataBuilt = g.automataBuilt;
      this.stats.buildMs = g.buildMs;
    }
    const ctx = this.ctx;
    ctx.beginUnit(pkt, u.flow, u.dir, u.data, u.off, u.len, u.rebuilt, u.streamed, u.buffers ?? null);
    const k = this.prefilter(set, u);
    this.evaluate(set, k, u, onAlert);
  }

  /** Scan each buffer once with its automaton; collect distinct candidate rule indices, sorted. */
  private prefilter(set: GroupSet, u: InspectUnit): number {
    this.stampNow = ++this.unitNo;
    this.k = 0;
    for (let i = 0; i < set.mpses.length; i++) {
      const m: Mpse = set.mpses[i]!;
      const id = set.buffers[i]!;
      if (id === BufferId.pkt_data) {
        this.scanFamily(set, m, u);
        continue;
      }
      const v = u.buffers === undefined ? null : u.buffers.getBuffer(id, null);
      if (v !== null) this.collect(m, v.data, v.off, v.len, -1);
    }
    const cand = this.cand;
    const k = this.k;
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

  /**
   * The pkt_data-family automaton (scan-family.ts): members whose view is the unit's own bytes are scanned
   * together in one pass; a member with other bytes gets a pass of its own, filtered to its rules.
   */
  private scanFamily(set: GroupSet, m: Mpse, u: InspectUnit): void {
    const fm = set.familyMask;
    let pm = 0;
    if ((fm & PKT_BIT) !== 0 && !(u.streamed && !u.rebuilt && !set.pktOnStreamed)) pm = PKT_BIT;
    const p = u.buffers;
    // file_data's view, kept in locals: a provider may reuse one view object between calls
    let fMask = 0;
    let fData: Uint8Array = u.data;
    let fOff = 0;
    let fLen = 0;
    if ((fm & FILE_BIT) !== 0 && p !== undefined) {
      const v = p.getBuffer(BufferId.file_data, null);
      if (v !== null) {
        if (v.data === u.data && v.off === u.off && v.len === u.len) pm |= FILE_BIT;
        else {
          fMask = FILE_BIT;
          fData = v.data;
          fOff = v.off;
          fLen = v.len;
        }
      }
    }
    if ((fm & RAW_BODY_BIT) !== 0 && p !== undefined) {
      const v = p.getBuffer(BufferId.http_raw_body, null);
      if (v !== null) {
        if (v.data === u.data && v.off === u.off && v.len === u.len) pm |= RAW_BODY_BIT;
        else if (fMask !== 0 && v.data === fData && v.off === fOff && v.len === fLen) fMask |= RAW_BODY_BIT;
        else this.collect(m, v.data, v.off, v.len, RAW_BODY_BIT);
      }
    }
    if (pm !== 0) this.collect(m, u.data, u.off, u.len, pm === fm ? -1 : pm);
    if (fMask !== 0) this.collect(m, fData, fOff, fLen, fMask === fm ? -1 : fMask);
  }

  /** One automaton pass; hits of rules whose fast-pattern buffer is outside `mask` are dropped (-1: none). */
  private collect(m: Mpse, data: Uint8Array, off: number, len: number, mask: number): void {
    if (this.ids.length < m.idCapacity) this.ids = new Int32Array(m.idCapacity);
    const ids = this.ids;
    const n = m.scan(data, off, off + len, ids);
    const stamp = this.stampNow;
    const seen = this.stamp;
    const cand = this.cand;
    const bits = this.fpBit;
    let k = this.k;
    for (let j = 0; j < n; j++) {
      const r = ids[j]!;
      if (seen[r] !== stamp && (mask < 0 || (bits[r]! & mask) !== 0)) {
        seen[r] = stamp;
        cand[k++] = r;
      }
    }
    this.k = k;
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
