import { BufferId, fpScanBuffer } from './buffers.js';
import { familyBit, scanFamily } from './scan-family.js';
import type { CompiledRule } from './compile-rule.js';
import { PROTO_TABLES, ruleTables } from './header.js';
import type { Mpse, MpseBuilder } from './mpse/mpse.js';

/** What one unit evaluates: the automata per buffer family and the rules without a fast pattern (sorted). */
export interface GroupSet {
  /** Scan buffer of each automaton; `BufferId.pkt_data` stands for the whole body family (scan-family.ts). */
  buffers: number[];
  mpses: Mpse[];
  /** familyBit mask of the buffers whose fast patterns the pkt_data-family automaton holds. */
  familyMask: number;
  nonFp: Int32Array;
  /**
   * Some pkt_data fast-pattern rule can fire on a streamed raw segment (`flow:no_stream`). When false the
   * pkt_data automaton is not run on those segments: their bytes are scanned in the reassembled PDU.
   */
  pktOnStreamed: boolean;
}

/** Rules with at most this many specific ports go to port groups; wider sets are generic. */
const MAX_GROUP_PORTS = 1024;

interface Table {
  generic: number[];
  /** port → group id (0 = no specific rules); group id → rule indices. */
  dstOf: Int32Array;
  srcOf: Int32Array;
  dstGroups: number[][];
  srcGroups: number[][];
  /** service index → rules listing it. */
  svc: number[][];
}

function portCount(ranges: number[]): number {
  let n = 0;
  for (let i = 0; i < ranges.length; i += 2) n += ranges[i + 1]! - ranges[i]! + 1;
  return n;
}

/**
 * Rules split by protocol table, then by destination port, else source port, else generic (Snort's
 * port groups), plus per-service lists. The automata for a (protocol, service, src group, dst group)
 * combination are built on first use and cached, so ephemeral ports share the generic combination.
 */
export class RuleGroups {
  private readonly tables: Table[] = [];
  private readonly svcIndex = new Map<string, number>();
  private readonly cache = new Map<number, GroupSet>();
  /** Automata by pattern-set signature: combinations with the same fast patterns for a buffer share one. */
  private readonly automata = new Map<string, Mpse>();
  built = 0;
  /** Automata actually compiled (after sharing) and the milliseconds spent building group sets. */
  automataBuilt = 0;
  buildMs = 0;
  // one-entry memo of the last flow service string → index (service strings are per flow, not per packet)
  private lastSvc: string | null = null;
  private lastSvcIdx = -1;

  constructor(
    private readonly rules: readonly CompiledRule[],
    private readonly mpse: () => MpseBuilder,
  ) {
    for (let t = 0; t < PROTO_TABLES; t++) {
      this.tables.push({
        generic: [],
        dstOf: new Int32Array(65536),
        srcOf: new Int32Array(65536),
        dstGroups: [[]],
        srcGroups: [[]],
        svc: [],
      });
    }
    const dst: Map<number, number[]>[] = this.tables.map(() => new Map());
    const src: Map<number, number[]>[] = this.tables.map(() => new Map());
    for (const cr of rules) {
      const r = cr.rule;
      for (const s of r.services) if (!this.svcIndex.has(s)) this.svcIndex.set(s, this.svcIndex.size);
      const portful = r.proto === 'tcp' || r.proto === 'udp' || (r.proto !== 'ip' && r.proto !== 'icmp');
      for (const t of ruleTables(r)) {
        const tab = this.tables[t]!;
        for (const s of r.services) (tab.svc[this.svcIndex.get(s)!] ??= []).push(cr.index);
        if (portful && !r.bidirectional && !r.dport.any && portCount(r.dport.ranges) <= MAX_GROUP_PORTS) {
          addPorts(dst[t]!, r.dport.ranges, cr.index);
        } else if (
          portful &&
          !r.bidirectional &&
          !r.sport.any &&
          portCount(r.sport.ranges) <= MAX_GROUP_PORTS
        ) {
          addPorts(src[t]!, r.sport.ranges, cr.index);
        } else tab.generic.push(cr.index);
      }
    }
    for (let t = 0; t < PROTO_TABLES; t++) {
      const tab = this.tables[t]!;
      assignGroups(dst[t]!, tab.dstOf, tab.dstGroups);
      assignGroups(src[t]!, tab.srcOf, tab.srcGroups);
    }
  }

  lookup(table: number, service: string | null, sport: number, dport: number): GroupSet {
    const tab = this.tables[table]!;
    const ports = table <= 1;
    const sg = ports ? tab.srcOf[sport]! : 0;
    const dg = ports ? tab.dstOf[dport]! : 0;
    let svc = -1; // unknown
    if (service !== null) {
      if (service !== this.lastSvc) {
        this.lastSvc = service;
        this.lastSvcIdx = this.svcIndex.get(service) ?? this.svcIndex.size; // size = known, no rule lists it
      }
      svc = this.lastSvcIdx;
    }
    const ns = this.svcIndex.size + 2;
    // group ids are < 65536 (at most one per port): fixed radices keep keys distinct across tables
    const key = ((table * ns + (svc + 1)) * 65536 + sg) * 65536 + dg;
    let set = this.cache.get(key);
    if (set === undefined) {
      const t0 = performance.now();
      set = this.build(tab, svc, sg, dg);
      this.buildMs += performance.now() - t0;
      this.cache.set(key, set);
      this.built++;
    }
    return set;
  }

  private build(tab: Table, svc: number, sg: number, dg: number): GroupSet {
    const members = new Set<number>();
    const add = (list: number[] | undefined, known: boolean): void => {
      if (list === undefined) return;
      for (const r of list) if (!known || this.rules[r]!.rule.services.length === 0) members.add(r);
    };
    const known = svc >= 0;
    add(tab.generic, known);
    add(tab.srcGroups[sg], known);
    add(tab.dstGroups[dg], known);
    if (known) for (const r of tab.svc[svc] ?? []) members.add(r);
    const sorted = [...members].sort((a, b) => a - b);
    const byBuffer = new Map<number, number[]>();
    const nonFp: number[] = [];
    let pktOnStreamed = false;
    let familyMask = 0;
    for (const r of sorted) {
      const cr = this.rules[r]!;
      const fp = cr.fp;
      if (fp === null) {
        nonFp.push(r);
        continue;
      }
      const sb = fpScanBuffer(fp.buffer);
      if (sb === BufferId.pkt_data && cr.noStream) pktOnStreamed = true;
      const b = scanFamily(sb);
      if (b === BufferId.pkt_data) familyMask |= familyBit(sb);
      let list = byBuffer.get(b);
      if (list === undefined) byBuffer.set(b, (list = []));
      list.push(r);
    }
    const set: GroupSet = {
      buffers: [],
      mpses: [],
      familyMask,
      nonFp: Int32Array.from(nonFp),
      pktOnStreamed,
    };
    for (const [b, list] of [...byBuffer].sort((x, y) => x[0] - y[0])) {
      set.buffers.push(b);
      set.mpses.push(this.automaton(b, list));
    }
    return set;
  }

  /** The automaton for these rules' fast patterns, shared with every combination that has the same ones. */
  private automaton(buffer: number, rules: number[]): Mpse {
    const sig = `${buffer}:${rules.join(',')}`;
    let m = this.automata.get(sig);
    if (m === undefined) {
      const builder = this.mpse();
      for (const r of rules) {
        const fp = this.rules[r]!.fp!;
        builder.add(fp.bytes, fp.nocase, r);
      }
      m = builder.build();
      this.automata.set(sig, m);
      this.automataBuilt++;
    }
    return m;
  }
}

function addPorts(map: Map<number, number[]>, ranges: number[], rule: number): void {
  for (let i = 0; i < ranges.length; i += 2) {
    for (let p = ranges[i]!; p <= ranges[i + 1]!; p++) {
      let l = map.get(p);
      if (l === undefined) map.set(p, (l = []));
      l.push(rule);
    }
  }
}

/** Ports with identical rule lists share one group id, so they share one cached automaton. */
function assignGroups(map: Map<number, number[]>, of: Int32Array, groups: number[][]): void {
  const bySig = new Map<string, number>();
  for (const [port, list] of map) {
    const sig = list.join(',');
    let id = bySig.get(sig);
    if (id === undefined) {
      id = groups.length;
      groups.push(list);
      bySig.set(sig, id);
    }
    of[port] = id;
  }
}
