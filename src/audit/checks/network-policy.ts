import { namespaceOf } from '../../k8s/object.js';
import { selectorMatches } from '../../k8s/selector.js';
import type { PostureCheck } from '../check.js';
import type { PolicySelector } from '../index-objects.js';
import { at } from './util.js';

function selectingPolicies(
  policies: readonly PolicySelector[],
  ns: string,
  labels: Record<string, string>,
): PolicySelector[] {
  return policies.filter(
    (p) => (p.namespace === null || p.namespace === ns) && selectorMatches(p.selector, labels),
  );
}

export const noNetworkPolicy: PostureCheck = {
  id: 'no-network-policy',
  topic: 'network-policy',
  severity: 'low',
  subtopics: ['workload-not-selected-by-netpol', 'workload-not-isolated'],
  remediation:
    'Add a NetworkPolicy selecting these pods (start from default-deny ingress and egress in the namespace).',
  run(obj, pod, ctx) {
    // Pods owned by a workload in the input are that workload's; report the workload once.
    if (!pod || (obj.kind === 'Pod' && obj.metadata.ownerReferences.length > 0)) return [];
    const ns = namespaceOf(obj);
    const labels = pod.labels;
    const selected = ctx.index.policies.some(
      (p) => (p.namespace === null || p.namespace === ns) && selectorMatches(p.selector, labels),
    );
    if (selected) return [];
    return [
      {
        path: at(pod.metadataPath, 'labels'),
        message: `no NetworkPolicy selects these pods in namespace ${ns}: all ingress and egress is allowed`,
      },
    ];
  },
};

export const networkPolicyPartial: PostureCheck = {
  id: 'network-policy-partial',
  topic: 'network-policy',
  severity: 'low',
  subtopics: ['netpol-missing-ingress-and-egress'],
  remediation: 'Add policyTypes [Ingress, Egress] (a default-deny for the missing direction) for these pods.',
  run(obj, pod, ctx) {
    if (!pod || (obj.kind === 'Pod' && obj.metadata.ownerReferences.length > 0)) return [];
    const selected = selectingPolicies(ctx.index.policies, namespaceOf(obj), pod.labels);
    if (selected.length === 0) return [];
    const missing = [
      selected.some((p) => p.ingress) ? '' : 'ingress',
      selected.some((p) => p.egress) ? '' : 'egress',
    ].filter((x) => x);
    if (missing.length === 0) return [];
    return [
      {
        path: at(pod.metadataPath, 'labels'),
        message: `the NetworkPolicies selecting these pods leave ${missing.join(' and ')} open`,
      },
    ];
  },
};

export const namespaceWithoutPolicy: PostureCheck = {
  id: 'namespace-without-network-policy',
  topic: 'network-policy',
  severity: 'low',
  subtopics: ['namespace-without-netpol'],
  remediation: 'Add a default-deny NetworkPolicy to the namespace.',
  run(obj, _pod, ctx) {
    if (obj.kind !== 'Namespace') return [];
    if (ctx.index.policies.some((p) => p.namespace === null || p.namespace === obj.metadata.name)) return [];
    return [{ path: 'metadata.name', message: `namespace ${obj.metadata.name} has no NetworkPolicy` }];
  },
};
