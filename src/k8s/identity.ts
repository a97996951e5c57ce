import type { KubeConfig } from '@kubernetes/client-node';
import type { Diagnostic } from '../core/errors.js';
import { listClusterObjects } from './live.js';
import { loadManifests } from './load.js';
import { isRecord, namespaceOf, type K8sObject } from './object.js';

/** Who owns an address: a pod, its namespace and the node it runs on (null when not scheduled yet). */
export interface PodIdentity {
  pod: string;
  namespace: string;
  node: string | null;
}

/**
 * Canonical text of an IP address, so `fd00:0:0::1` in a Pod status and `fd00::1` in an alert meet.
 * IPv4 is kept as written; IPv6 goes through the WHATWG URL serializer (RFC 5952 compression, lower case).
 */
export function canonicalIp(addr: string): string {
  if (!addr.includes(':')) return addr;
  try {
    const host = new URL(`http://[${addr}]/`).hostname;
    return host.slice(1, -1);
  } catch {
    return addr.toLowerCase();
  }
}

function podIps(status: Record<string, unknown>): string[] {
  const out: string[] = [];
  if (Array.isArray(status['podIPs']))
    for (const p of status['podIPs']) if (isRecord(p) && typeof p['ip'] === 'string') out.push(p['ip']);
  if (typeof status['podIP'] === 'string' && !out.includes(status['podIP'])) out.push(status['podIP']);
  return out;
}

/**
 * Pod IP → identity, built from Pod objects (a recorded PodList or a live list). Pods on the host network
 * are left out (their address is the node's, shared by every such pod and the node itself), and so are
 * finished pods (Succeeded/Failed: their address may already belong to a new pod).
 */
export class PodIdentityMap {
  private readonly byIp = new Map<string, PodIdentity>();
  /** Addresses claimed by more than one live pod (the first one listed keeps it). */
  conflicts = 0;

  static fromObjects(objects: readonly K8sObject[]): PodIdentityMap {
    const m = new PodIdentityMap();
    for (const o of objects) if (o.kind === 'Pod') m.addPod(o);
    return m;
  }

  get size(): number {
    return this.byIp.size;
  }

  lookup(addr: string): PodIdentity | undefined {
    return this.byIp.get(canonicalIp(addr));
  }

  private addPod(o: K8sObject): void {
    const spec = isRecord(o.raw['spec']) ? o.raw['spec'] : {};
    const status = isRecord(o.raw['status']) ? o.raw['status'] : {};
    if (spec['hostNetwork'] === true) return;
    const phase = status['phase'];
    if (phase === 'Succeeded' || phase === 'Failed') return;
    const id: PodIdentity = {
      pod: o.metadata.name,
      namespace: namespaceOf(o),
      node: typeof spec['nodeName'] === 'string' ? spec['nodeName'] : null,
    };
    for (const ip of podIps(status)) {
      const key = canonicalIp(ip);
      if (this.byIp.has(key)) {
        this.conflicts++;
        continue;
      }
      this.byIp.set(key, id);
    }
  }
}

/** The identity map of a recorded PodList (JSON or YAML, as `kubectl get pods -A -o yaml` writes it). */
export function identityFromFile(path: string): { map: PodIdentityMap; diagnostics: Diagnostic[] } {
  const r = loadManifests([{ path }]);
  return { map: PodIdentityMap.fromObjects(r.objects), diagnostics: r.diagnostics };
}

/** The identity map of a live cluster: one paged list of every Pod (needs get/list on pods). */
export async function liveIdentity(kc: KubeConfig): Promise<PodIdentityMap> {
  return PodIdentityMap.fromObjects(await listClusterObjects(kc, ['Pod']));
}

/** The identity fields an alert gets: `src_pod`, `src_ns`, `dst_pod`, `dst_ns` for the addresses known. */
export function identityFields(map: PodIdentityMap, src: string, dst: string): Record<string, string> {
  const out: Record<string, string> = {};
  const s = map.lookup(src);
  if (s !== undefined) {
    out['src_pod'] = s.pod;
    out['src_ns'] = s.namespace;
  }
  const d = map.lookup(dst);
  if (d !== undefined) {
    out['dst_pod'] = d.pod;
    out['dst_ns'] = d.namespace;
  }
  return out;
}
