/** The allowed-connection list at workload granularity, as netpol-analyzer's `list` computes it. */
import { formatRange, IPV4_MAX } from './cidr.js';
import { isEmpty, type ConnSet } from './conn.js';
import type { Endpoint, PolicyIndex, Verdict } from './evaluate.js';
import { partition, type Interval } from './intervals.js';
import type { Direction } from './evaluate.js';

export interface Peer {
  /** Display name: `ns/name[Kind]`, `a.b.c.d-e.f.g.h[External]` or `{ingress-controller}`. */
  readonly name: string;
  readonly ep: Endpoint;
}

export interface Connection {
  readonly src: Peer;
  readonly dst: Peer;
  readonly conn: ConnSet;
  readonly verdict: Verdict;
}

/** The address space cut at every ipBlock boundary of the rules of one direction. */
export function ipPeers(index: PolicyIndex, dir: Direction): Peer[] {
  const cuts: Interval[] = [];
  for (const p of index.policies)
    for (const r of p[dir] ?? [])
      for (const peer of r.peers ?? []) if (peer.kind === 'ip') cuts.push(...peer.ranges);
  return partition(0, IPV4_MAX, cuts).map((range) => ({
    name: `${formatRange(range)}[External]`,
    ep: { kind: 'ip', range },
  }));
}

export function workloadPeers(index: PolicyIndex): Peer[] {
  return index.cluster.workloads.map((w) => ({ name: w.id, ep: index.endpoint(w) }));
}

export function byName(a: { src: { name: string }; dst: { name: string } }, b: typeof a): number {
  if (a.src.name !== b.src.name) return a.src.name < b.src.name ? -1 : 1;
  return a.dst.name < b.dst.name ? -1 : a.dst.name > b.dst.name ? 1 : 0;
}

/** Every ordered pair of distinct peers (not both external) with a non-empty allowed connection. */
export function connectionList(index: PolicyIndex): Connection[] {
  const out: Connection[] = [];
  const workloads = workloadPeers(index);
  if (workloads.length === 0) return out;
  const srcs = [...ipPeers(index, 'ingress'), ...workloads];
  const dsts = [...ipPeers(index, 'egress'), ...workloads];
  for (const src of srcs)
    for (const dst of dsts) {
      if (src.ep.kind === 'ip' && dst.ep.kind === 'ip') continue;
      if (src.name === dst.name) continue;
      const verdict = index.allowed(src.ep, dst.ep);
      if (!isEmpty(verdict.conn)) out.push({ src, dst, conn: verdict.conn, verdict });
    }
  return out.sort(byName);
}
