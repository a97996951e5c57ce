/**
 * Connectivity summary for large clusters. Pods with identical labels in the same namespace behave
 * identically, so workloads are grouped into equivalence classes and reachability is computed between
 * classes as bit matrices: egress[s] (destinations s may send to) AND ingressT[s] (destinations that
 * admit s). The summary answers "is any connection allowed" per ordered pair; ports are not split
 * (a pair counts when both sides allow some port, even if the port sets do not overlap). Use the
 * pairwise engine (connectionList) for exact per-port answers.
 */
import type { Workload } from './cluster.js';
import type { PolicyIndex } from './evaluate.js';
import type { Policy, RulePeer } from './policy.js';
import { matches, selectorKey } from './selector.js';

export interface ReachSummary {
  readonly workloads: number;
  readonly classes: number;
  /** Ordered pairs of distinct classes with some allowed connection. */
  readonly connectedPairs: number;
  readonly unprotectedIngress: number;
  readonly unprotectedEgress: number;
}

class BitMatrix {
  readonly words: number;
  readonly bits: Uint32Array;
  constructor(readonly n: number) {
    this.words = (n + 31) >>> 5;
    this.bits = new Uint32Array(n * this.words);
  }
  set(row: number, col: number): void {
    this.bits[row * this.words + (col >>> 5)]! |= 1 << (col & 31);
  }
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function summarize(index: PolicyIndex): ReachSummary {
  const { cluster } = index;
  const classOf = new Map<string, number>();
  const reps: Workload[] = [];
  const byNs = new Map<string, number[]>();
  for (const w of cluster.workloads) {
    const key = `${w.ns}\n${selectorKey({ matchLabels: w.labels, matchExpressions: [] })}`;
    if (classOf.has(key)) continue;
    classOf.set(key, reps.length);
    (byNs.get(w.ns) ?? byNs.set(w.ns, []).get(w.ns)!).push(reps.length);
    reps.push(w);
  }
  const n = reps.length;
  const nsCache = new Map<string, string[]>();
  const peerCache = new Map<string, number[]>();
  const inNs = (ns: string, sel: Policy['podSelector']) =>
    (byNs.get(ns) ?? []).filter((c) => matches(sel, reps[c]!.labels));
  const select = (p: RulePeer, policyNs: string): number[] => {
    if (p.kind === 'ip') return [];
    const nsKey = p.nsSelector === null ? `=${policyNs}` : selectorKey(p.nsSelector);
    const key = `${nsKey}/${selectorKey(p.podSelector)}`;
    let hit = peerCache.get(key);
    if (hit) return hit;
    let nss = nsCache.get(nsKey);
    if (!nss) {
      const sel = p.nsSelector;
      nss =
        sel === null
          ? [policyNs]
          : [...cluster.namespaces.values()].filter((ns) => matches(sel, ns.labels)).map((ns) => ns.name);
      nsCache.set(nsKey, nss);
    }
    hit = nss.flatMap((ns) => inNs(ns, p.podSelector));
    peerCache.set(key, hit);
    return hit;
  };
  const isolated = { ingress: new Uint8Array(n), egress: new Uint8Array(n) };
  const openTo = { ingress: new Uint8Array(n), egress: new Uint8Array(n) };
  const egress = new BitMatrix(n);
  const ingressT = new BitMatrix(n);
  for (const pol of index.policies) {
    const targets = inNs(pol.ns, pol.podSelector);
    for (const dir of ['ingress', 'egress'] as const) {
      const rules = pol[dir];
      if (rules === null) continue;
      for (const t of targets) isolated[dir][t] = 1;
      for (const r of rules) {
        if (r.ports !== null && r.ports.length === 0) continue;
        if (r.peers === null) {
          for (const t of targets) openTo[dir][t] = 1;
          continue;
        }
        for (const peer of r.peers)
          for (const p of select(peer, pol.ns))
            for (const t of targets)
              if (dir === 'egress') egress.set(t, p);
              else ingressT.set(p, t);
      }
    }
  }
  // Destinations that admit every source: not ingress-isolated, or a rule open to all peers.
  const admitsAll = new Uint32Array(egress.words);
  for (let d = 0; d < n; d++)
    if (!isolated.ingress[d] || openTo.ingress[d]) admitsAll[d >>> 5]! |= 1 << (d & 31);
  let pairs = 0;
  const W = egress.words;
  for (let s = 0; s < n; s++) {
    const sendsAll = !isolated.egress[s] || openTo.egress[s];
    let count = 0;
    for (let k = 0; k < W; k++) {
      const tail = k === W - 1 && n % 32 !== 0 ? (1 << (n % 32)) - 1 : 0xffffffff;
      const out = sendsAll ? tail : egress.bits[s * W + k]!;
      count += popcount(out & (ingressT.bits[s * W + k]! | admitsAll[k]!) & tail);
    }
    const selfBit =
      (sendsAll || (egress.bits[s * W + (s >>> 5)]! >>> (s & 31)) & 1) &&
      ((ingressT.bits[s * W + (s >>> 5)]! | admitsAll[s >>> 5]!) >>> (s & 31)) & 1;
    pairs += count - (selfBit ? 1 : 0);
  }
  return {
    workloads: cluster.workloads.length,
    classes: n,
    connectedPairs: pairs,
    unprotectedIngress: isolated.ingress.reduce((a, v) => a + (v ? 0 : 1), 0),
    unprotectedEgress: isolated.egress.reduce((a, v) => a + (v ? 0 : 1), 0),
  };
}
