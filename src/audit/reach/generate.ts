/** A synthetic cluster (namespaces, deployments, policies) for benchmarks and tests. */
import type { K8sObject } from '../../k8s/object.js';

function obj(
  kind: string,
  name: string,
  namespace: string | undefined,
  labels: Record<string, string>,
  raw: Record<string, unknown>,
): K8sObject {
  return {
    apiVersion: kind === 'NetworkPolicy' ? 'networking.k8s.io/v1' : kind === 'Deployment' ? 'apps/v1' : 'v1',
    kind,
    metadata: { name, namespace, labels, annotations: {}, ownerReferences: [] },
    raw: { kind, metadata: { name, namespace, labels }, ...raw },
    source: { file: '<generated>', line: 1 },
  };
}

/**
 * `namespaces` namespaces (label team=t<i % teams>), `podsPerNs` deployments each (app=a<j>, one port 8080),
 * `policiesPerNs` policies each: select one app, allow ingress from one app of the namespace and from every
 * pod of one team's namespaces on TCP 8080 (or the named port `http`), and egress to one app of the namespace
 * (some on `http` only) plus DNS anywhere.
 */
export function generateCluster(
  namespaces: number,
  podsPerNs: number,
  policiesPerNs: number,
  teams = 20,
): K8sObject[] {
  const out: K8sObject[] = [];
  for (let i = 0; i < namespaces; i++) {
    const ns = `ns${i}`;
    out.push(obj('Namespace', ns, undefined, { team: `t${i % teams}` }, {}));
    for (let j = 0; j < podsPerNs; j++) {
      const labels = { app: `a${j}` };
      // Every third app serves `http` on another port, so named ports resolve differently per workload.
      const port = j % 3 === 0 ? 8081 : 8080;
      const container = { name: 'c', image: 'img', ports: [{ containerPort: port, name: 'http' }] };
      out.push(
        obj('Deployment', `d${j}`, ns, labels, {
          spec: { template: { metadata: { labels }, spec: { containers: [container] } } },
        }),
      );
    }
    for (let k = 0; k < policiesPerNs; k++) {
      const sel = (x: number) => ({ matchLabels: { app: `a${x % podsPerNs}` } });
      const spec = {
        podSelector: sel(k),
        policyTypes: k % 2 === 0 ? ['Ingress', 'Egress'] : ['Ingress'],
        ingress: [
          {
            from: [
              { podSelector: sel(k + 1) },
              { namespaceSelector: { matchLabels: { team: `t${(i + k) % teams}` } } },
            ],
            ports: [{ port: k % 3 === 0 ? 'http' : 8080 }],
          },
        ],
        egress: [
          { to: [{ podSelector: sel(k + 2) }], ...(k % 4 === 1 ? { ports: [{ port: 'http' }] } : {}) },
          { ports: [{ port: 53, protocol: 'UDP' }] },
        ],
      };
      out.push(obj('NetworkPolicy', `p${k}`, ns, {}, { spec }));
    }
  }
  return out;
}
