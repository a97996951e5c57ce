/**
 * Policy evaluation: the connections a policy set allows from one endpoint to another, with the reasons.
 * A connection needs egress allowed at the source AND ingress allowed at the destination; within one
 * direction the rules of every selecting policy are unioned; an endpoint no policy selects in a
 * direction is not isolated there (everything allowed).
 */
import type { Cluster, Namespace, Workload } from './cluster.js';
import {
  ALL_CONNS,
  NO_CONNS,
  connIntersect,
  connUnion,
  isEmpty,
  namedConn,
  portConn,
  type ConnSet,
} from './conn.js';
import { isSubset, type Interval } from './intervals.js';
import type { Policy, PortSpec, Rule, RulePeer } from './policy.js';
import { matches, type Labels } from './selector.js';

export type Endpoint =
  | { readonly kind: 'pod'; readonly w: Workload; readonly nsLabels: Labels }
  | { readonly kind: 'ip'; readonly range: Interval };

export type Direction = 'ingress' | 'egress';

/** Why one direction allows what it allows. */
export interface SideVerdict {
  readonly conn: ConnSet;
  /** False when no policy selects the endpoint in this direction. */
  readonly isolated: boolean;
  /** Every policy selecting the endpoint, the rules of it that matched the peer, and what they allow. */
  readonly policies: readonly {
    readonly id: string;
    readonly rules: readonly number[];
    readonly conn: ConnSet;
  }[];
}

export interface Verdict {
  readonly conn: ConnSet;
  readonly egress: SideVerdict;
  readonly ingress: SideVerdict;
}

const OPEN: SideVerdict = { conn: ALL_CONNS, isolated: false, policies: [] };

export function peerMatches(p: RulePeer, policyNs: string, peer: Endpoint): boolean {
  if (p.kind === 'ip') return peer.kind === 'ip' && isSubset([peer.range], p.ranges);
  if (peer.kind !== 'pod') return false;
  const nsOk = p.nsSelector === null ? peer.w.ns === policyNs : matches(p.nsSelector, peer.nsLabels);
  return nsOk && matches(p.podSelector, peer.w.labels);
}

/** Ports of a rule, named ports resolved on the destination pod (kept as names when it is unknown). */
export function portsConn(ports: readonly PortSpec[] | null, dstPod: Workload | null): ConnSet {
  if (ports === null) return ALL_CONNS;
  let c = NO_CONNS;
  for (const s of ports) {
    if (s.port === undefined) c = connUnion(c, portConn(s.protocol, 1, 65535));
    else if (typeof s.port === 'number') c = connUnion(c, portConn(s.protocol, s.port, s.endPort ?? s.port));
    else if (dstPod === null) c = connUnion(c, namedConn(s.protocol, s.port));
    else
      for (const cp of dstPod.ports)
        if (cp.name === s.port && cp.protocol === s.protocol)
          c = connUnion(c, portConn(s.protocol, cp.port, cp.port));
  }
  return c;
}

export function ruleConn(rule: Rule, policyNs: string, peer: Endpoint, dstPod: Workload | null): ConnSet {
  if (rule.peers !== null && !rule.peers.some((p) => peerMatches(p, policyNs, peer))) return NO_CONNS;
  return portsConn(rule.ports, dstPod);
}

/** Policies by namespace, and which of them select each workload in each direction (computed once). */
export class PolicyIndex {
  private readonly byNs = new Map<string, Policy[]>();
  private readonly cache = new Map<string, { ingress: Policy[]; egress: Policy[] }>();

  constructor(
    readonly cluster: Cluster,
    readonly policies: readonly Policy[],
  ) {
    for (const p of policies) {
      const list = this.byNs.get(p.ns);
      if (list) list.push(p);
      else this.byNs.set(p.ns, [p]);
    }
  }

  nsLabels(ns: string): Labels {
    return this.cluster.namespaces.get(ns)?.labels ?? ({} satisfies Namespace['labels']);
  }

  selecting(w: Workload, dir: Direction): readonly Policy[] {
    let e = this.cache.get(w.id);
    if (!e) {
      const mine = (this.byNs.get(w.ns) ?? []).filter((p) => matches(p.podSelector, w.labels));
      e = { ingress: mine.filter((p) => p.ingress !== null), egress: mine.filter((p) => p.egress !== null) };
      this.cache.set(w.id, e);
    }
    return e[dir];
  }

  endpoint(w: Workload): Endpoint {
    return { kind: 'pod', w, nsLabels: this.nsLabels(w.ns) };
  }

  /** What `self` allows in direction `dir` with `peer`; `dstPod` resolves named ports. */
  side(self: Endpoint, dir: Direction, peer: Endpoint, dstPod: Workload | null): SideVerdict {
    if (self.kind !== 'pod') return OPEN;
    const pols = this.selecting(self.w, dir);
    if (pols.length === 0) return OPEN;
    let conn = NO_CONNS;
    const policies = pols.map((p) => {
      let pc = NO_CONNS;
      const rules: number[] = [];
      for (const r of p[dir] ?? []) {
        const rc = ruleConn(r, p.ns, peer, dstPod);
        if (isEmpty(rc)) continue;
        rules.push(r.index);
        pc = connUnion(pc, rc);
      }
      conn = connUnion(conn, pc);
      return { id: p.id, rules, conn: pc };
    });
    return { conn, isolated: true, policies };
  }

  allowed(src: Endpoint, dst: Endpoint): Verdict {
    const dstPod = dst.kind === 'pod' ? dst.w : null;
    const egress = this.side(src, 'egress', dst, dstPod);
    const ingress = this.side(dst, 'ingress', src, dstPod);
    let conn = connIntersect(egress.conn, ingress.conn);
    // Named ports towards an address block cannot be resolved: nothing is allowed by them.
    if (dst.kind === 'ip') conn = { ports: conn.ports, named: NO_CONNS.named };
    return { conn, egress, ingress };
  }
}
