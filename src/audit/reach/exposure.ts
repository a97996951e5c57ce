/**
 * Exposure analysis (netpol-analyzer `--exposure`): for each workload and direction, whether any policy
 * protects it, what it exposes to the entire cluster, and what it exposes to peers described only by
 * selectors ("representative peers", which may match pods that are not in the manifests).
 */
import { NS_NAME_LABEL, type Workload } from './cluster.js';
import { NO_CONNS, connContainedIn, connUnion, isEmpty, type ConnSet } from './conn.js';
import { portsConn, type Direction, type PolicyIndex } from './evaluate.js';
import type { RulePeer } from './policy.js';
import { formatSelector, isEmptySelector, matches, selectorKey, type Selector } from './selector.js';

/** A peer described by selectors; `ns` is the namespace selector with a policy-local peer made explicit. */
export interface RepPeer {
  readonly ns: Selector;
  readonly pod: Selector;
  readonly key: string;
}

export interface ExposureLine {
  /** `entire-cluster` or the representative peer's text. */
  readonly peer: string;
  readonly conn: ConnSet;
}

export interface WorkloadExposure {
  readonly workload: Workload;
  readonly protected: Readonly<Record<Direction, boolean>>;
  readonly lines: Readonly<Record<Direction, readonly ExposureLine[]>>;
}

export const ENTIRE_CLUSTER = 'entire-cluster';

function repOf(p: RulePeer, policyNs: string): RepPeer | null {
  if (p.kind !== 'pods') return null;
  const ns = p.nsSelector ?? { matchLabels: { [NS_NAME_LABEL]: policyNs }, matchExpressions: [] };
  return { ns, pod: p.podSelector, key: `${selectorKey(ns)}/${selectorKey(p.podSelector)}` };
}

const isEntireCluster = (r: RepPeer) => isEmptySelector(r.ns) && isEmptySelector(r.pod);

/** A rule peer covers a representative peer when each of its selectors is empty or the same. */
function covers(rule: RepPeer, rep: RepPeer): boolean {
  const nsOk = isEmptySelector(rule.ns) || selectorKey(rule.ns) === selectorKey(rep.ns);
  const podOk = isEmptySelector(rule.pod) || selectorKey(rule.pod) === selectorKey(rep.pod);
  return nsOk && podOk;
}

export function formatRepPeer(r: RepPeer): string {
  const name = r.ns.matchLabels[NS_NAME_LABEL];
  const nsText =
    name !== undefined && Object.keys(r.ns.matchLabels).length === 1 && r.ns.matchExpressions.length === 0
      ? name
      : isEmptySelector(r.ns)
        ? '[all namespaces]'
        : `[namespace with {${formatSelector(r.ns)}}]`;
  const podText = isEmptySelector(r.pod) ? '[all pods]' : `[pod with {${formatSelector(r.pod)}}]`;
  return `${nsText}/${podText}`;
}

/**
 * netpol-analyzer drops a representative peer whose namespace and pod selectors are both non-empty
 * matchLabels-only selectors matched by a real pod and its namespace: the real pod stands for it.
 */
function coveredByRealPods(rep: RepPeer, index: PolicyIndex): boolean {
  if (rep.ns.matchExpressions.length > 0 || rep.pod.matchExpressions.length > 0) return false;
  if (isEmptySelector(rep.ns) || isEmptySelector(rep.pod)) return false;
  return index.cluster.workloads.some(
    (w) => matches(rep.pod, w.labels) && matches(rep.ns, index.nsLabels(w.ns)),
  );
}

function representativePeers(index: PolicyIndex): RepPeer[] {
  const policies = index.policies;
  const reps = new Map<string, RepPeer>();
  for (const p of policies)
    for (const dir of ['ingress', 'egress'] as const)
      for (const r of p[dir] ?? [])
        for (const peer of r.peers ?? []) {
          const rep = repOf(peer, p.ns);
          if (rep && !isEntireCluster(rep) && !reps.has(rep.key) && !coveredByRealPods(rep, index))
            reps.set(rep.key, rep);
        }
  return [...reps.values()];
}

/** What `w` allows in `dir` towards peers `rep` (or the entire cluster when rep is null). */
function exposedConn(index: PolicyIndex, w: Workload, dir: Direction, rep: RepPeer | null): ConnSet {
  let conn = NO_CONNS;
  for (const p of index.selecting(w, dir))
    for (const r of p[dir] ?? []) {
      const hit =
        r.peers === null ||
        r.peers.some((peer) => {
          const rp = repOf(peer, p.ns);
          return rp !== null && (isEntireCluster(rp) || (rep !== null && covers(rp, rep)));
        });
      if (hit) conn = connUnion(conn, portsConn(r.ports, dir === 'ingress' ? w : null));
    }
  return conn;
}

export function exposureAnalysis(index: PolicyIndex): WorkloadExposure[] {
  const reps = representativePeers(index);
  const out: WorkloadExposure[] = [];
  for (const w of index.cluster.workloads) {
    const prot = {
      ingress: index.selecting(w, 'ingress').length > 0,
      egress: index.selecting(w, 'egress').length > 0,
    };
    const lines: Record<Direction, ExposureLine[]> = { ingress: [], egress: [] };
    for (const dir of ['ingress', 'egress'] as const) {
      if (!prot[dir]) continue;
      const entire = exposedConn(index, w, dir, null);
      if (!isEmpty(entire)) lines[dir].push({ peer: ENTIRE_CLUSTER, conn: entire });
      for (const rep of reps) {
        const c = exposedConn(index, w, dir, rep);
        if (isEmpty(c) || (!isEmpty(entire) && connContainedIn(c, entire))) continue;
        lines[dir].push({ peer: formatRepPeer(rep), conn: c });
      }
    }
    const exposed = !prot.ingress || !prot.egress || lines.ingress.length > 0 || lines.egress.length > 0;
    if (exposed) out.push({ workload: w, protected: prot, lines });
  }
  return out;
}
